"""Add fishbones.

A new table holds each review's stored fishbone analyses: a title, the head
text, the preset it started from, its ordered categories, the collapsed
categories and the sub-cause links between factors as a JSON object.
Existing reviews get none and keep showing the fishbone derived from their
factors.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fishbones",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("preset", sa.Text(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("collapsed", sa.JSON(), nullable=False),
        sa.Column("parents", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fishbones", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fishbones_review_id"), ["review_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("fishbones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fishbones_review_id"))
    op.drop_table("fishbones")
