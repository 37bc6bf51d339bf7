"""Add fault trees.

A new table holds each review's fault trees: a title, notes and the tree
itself as the JSON dump of the FaultTree model. Existing reviews get none.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fault_trees",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("tree", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fault_trees", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_fault_trees_review_id"), ["review_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("fault_trees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fault_trees_review_id"))
    op.drop_table("fault_trees")
