"""Add meeting records, sensitive marks and observation links.

New tables hold the meeting agenda, the parking lot, dot votes and the links
from factors, lessons and actions to the observations they were made from.
Existing records are marked not sensitive, existing observations get no
group, and existing reviews get empty sensitive-field and dismissed-wording
lists.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# Server defaults are plain strings: on SQLite, a SQL expression as a default
# makes Alembic rebuild the table (copy, drop, rename) instead of using ALTER
# TABLE ADD COLUMN, and with foreign keys on, dropping the old table deletes
# the rows that reference it. The string "0" is false for SQLite's and
# PostgreSQL's booleans alike.
FALSE = "0"


def upgrade() -> None:
    op.create_table(
        "agenda_items",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("timebox_minutes", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("spent_seconds", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agenda_items_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "parking_lot_items",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("parking_lot_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_parking_lot_items_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "action_observations",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["observation_id"], ["observations.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("action_id", "observation_id"),
    )
    op.create_table(
        "dot_votes",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=False),
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["observation_id"], ["observations.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participants.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dot_votes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dot_votes_observation_id"), ["observation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dot_votes_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dot_votes_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "factor_observations",
        sa.Column("factor_id", sa.Uuid(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["factor_id"], ["factors.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["observation_id"], ["observations.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("factor_id", "observation_id"),
    )
    op.create_table(
        "lesson_observations",
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["lesson_id"], ["lessons.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["observation_id"], ["observations.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("lesson_id", "observation_id"),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=FALSE)
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=FALSE)
        )

    with op.batch_alter_table("factors", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=FALSE)
        )

    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=FALSE)
        )

    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("group_label", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=FALSE)
        )

    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=FALSE)
        )

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "sensitive_fields", sa.JSON(), nullable=False, server_default="[]"
            )
        )
        batch_op.add_column(
            sa.Column(
                "dismissed_wording", sa.JSON(), nullable=False, server_default="[]"
            )
        )

    with op.batch_alter_table("why_nodes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=FALSE)
        )


def downgrade() -> None:
    with op.batch_alter_table("why_nodes", schema=None) as batch_op:
        batch_op.drop_column("sensitive")

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("dismissed_wording")
        batch_op.drop_column("sensitive_fields")

    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("sensitive")

    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("sensitive")
        batch_op.drop_column("group_label")

    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.drop_column("sensitive")

    with op.batch_alter_table("factors", schema=None) as batch_op:
        batch_op.drop_column("sensitive")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("sensitive")

    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_column("sensitive")

    op.drop_table("lesson_observations")
    op.drop_table("factor_observations")
    with op.batch_alter_table("dot_votes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dot_votes_review_id"))
        batch_op.drop_index(batch_op.f("ix_dot_votes_participant_id"))
        batch_op.drop_index(batch_op.f("ix_dot_votes_observation_id"))

    op.drop_table("dot_votes")
    op.drop_table("action_observations")
    with op.batch_alter_table("parking_lot_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parking_lot_items_review_id"))

    op.drop_table("parking_lot_items")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_items_review_id"))

    op.drop_table("agenda_items")
