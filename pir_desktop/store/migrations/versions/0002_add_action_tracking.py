"""Add action tracking and control follow-up.

Existing actions get medium priority and empty ticket and cancel fields;
existing controls are marked as needing nothing further.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action_lessons",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["lesson_id"], ["lessons.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("action_id", "lesson_id"),
    )
    op.create_table(
        "effectiveness_checks",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("checked_by", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("effective", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("effectiveness_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_effectiveness_checks_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_effectiveness_checks_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "progress_updates",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_progress_updates_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_progress_updates_review_id"), ["review_id"], unique=False
        )

    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "priority",
                sa.Enum(
                    "high",
                    "medium",
                    "low",
                    name="actionpriority",
                    native_enum=False,
                    length=32,
                ),
                nullable=False,
                server_default="medium",
            )
        )
        batch_op.add_column(
            sa.Column(
                "action_type",
                sa.Enum(
                    "eliminate",
                    "prevent",
                    "detect",
                    "mitigate",
                    "recover",
                    name="actiontype",
                    native_enum=False,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("ticket_url", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("cancel_reason", sa.Text(), nullable=False, server_default="")
        )

    with op.batch_alter_table("controls", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "still_needed", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("controls", schema=None) as batch_op:
        batch_op.drop_column("still_needed")

    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason")
        batch_op.drop_column("ticket_url")
        batch_op.drop_column("action_type")
        batch_op.drop_column("priority")

    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_updates_review_id"))
        batch_op.drop_index(batch_op.f("ix_progress_updates_action_id"))

    op.drop_table("progress_updates")
    with op.batch_alter_table("effectiveness_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_effectiveness_checks_review_id"))
        batch_op.drop_index(batch_op.f("ix_effectiveness_checks_action_id"))

    op.drop_table("effectiveness_checks")
    op.drop_table("action_lessons")
