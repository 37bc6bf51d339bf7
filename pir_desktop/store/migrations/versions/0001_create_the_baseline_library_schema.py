"""Create the baseline library schema.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column(
            "severity",
            sa.Enum("P1", "P2", "P3", name="severity", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("p3_criteria", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("impact", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("classification", sa.Text(), nullable=False),
        sa.Column("display_zone", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contained_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("meeting_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    op.create_table(
        "actions",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("success_criteria", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "approved",
                "in_progress",
                "done",
                "verified_effective",
                "not_effective",
                "cancelled",
                name="actionstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_actions_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "approvals",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("approver", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "approved",
                "changes_requested",
                "rejected",
                name="approvaldecision",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_approvals_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "controls",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("control", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "keep",
                "revert",
                "formalise",
                "undecided",
                name="controldecision",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("controls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_controls_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "precision",
            sa.Enum(
                "exact",
                "derived",
                "approximate",
                "day",
                "month",
                name="timeprecision",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("time_note", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "context",
                "initial_access",
                "persistence",
                "lateral_movement",
                "attacker_activity",
                "detection",
                "containment",
                "eradication",
                "recovery",
                "communication",
                "decision",
                "review",
                "other",
                name="eventkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("decision_point", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_events_occurred_at"), ["occurred_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_events_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "factors",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "hypothesis",
                "supported",
                "confirmed",
                "refuted",
                name="factorstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("factors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_factors_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "lessons",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "process",
                "tool",
                "training",
                name="lessonkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessons_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "observations",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "went_well",
                "to_improve",
                "lucky",
                name="observationkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_observations_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "participants",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participants_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "steps",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "done",
                "not_applicable",
                name="stepstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_steps_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "action_factors",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("factor_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["factor_id"], ["factors.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("action_id", "factor_id"),
    )
    op.create_table(
        "factor_events",
        sa.Column("factor_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["factor_id"], ["factors.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("factor_id", "event_id"),
    )
    op.create_table(
        "lesson_factors",
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("factor_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["factor_id"], ["factors.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["lesson_id"], ["lessons.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("lesson_id", "factor_id"),
    )
    op.create_table(
        "observation_events",
        sa.Column("observation_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["observation_id"], ["observations.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("observation_id", "event_id"),
    )
    op.create_table(
        "why_nodes",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("factor_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["factor_id"], ["factors.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["parent_id"], ["why_nodes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("why_nodes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_why_nodes_parent_id"), ["parent_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_why_nodes_review_id"), ["review_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("why_nodes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_why_nodes_review_id"))
        batch_op.drop_index(batch_op.f("ix_why_nodes_parent_id"))

    op.drop_table("why_nodes")
    op.drop_table("observation_events")
    op.drop_table("lesson_factors")
    op.drop_table("factor_events")
    op.drop_table("action_factors")
    with op.batch_alter_table("steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_steps_review_id"))

    op.drop_table("steps")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_review_id"))

    op.drop_table("participants")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observations_review_id"))

    op.drop_table("observations")
    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessons_review_id"))

    op.drop_table("lessons")
    with op.batch_alter_table("factors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_factors_review_id"))

    op.drop_table("factors")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_review_id"))
        batch_op.drop_index(batch_op.f("ix_events_occurred_at"))

    op.drop_table("events")
    with op.batch_alter_table("controls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_controls_review_id"))

    op.drop_table("controls")
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approvals_review_id"))

    op.drop_table("approvals")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actions_review_id"))

    op.drop_table("actions")
    op.drop_table("reviews")
    op.drop_table("library_meta")
