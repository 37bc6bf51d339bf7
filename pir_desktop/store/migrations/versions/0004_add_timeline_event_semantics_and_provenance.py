"""Add timeline event semantics and provenance.

Events gain a disputed alternative time with its source, an actor and a
free-text role, a MITRE ATT&CK technique id, evidence links, a milestone
mark, and where they came from: typed, imported (file, row and a stable
source key for de-duplication) or derived. Existing events become typed
events with no actor, technique, links, milestone or source key.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    # Server defaults are plain strings: on SQLite, a SQL expression as a
    # default makes Alembic rebuild the table instead of adding the column.
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("alternative_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "alternative_source", sa.Text(), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "actor",
                _enum(
                    "actor", "defender", "attacker", "third_party", "system", "unknown"
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("actor_role", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "attack_technique",
                sa.String(length=16),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("evidence_links", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column(
                "milestone",
                _enum(
                    "milestone",
                    "first_malicious_activity",
                    "detection",
                    "acknowledgement",
                    "containment",
                    "eradication",
                    "recovery",
                    "closure",
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column(
                "provenance",
                _enum("provenance", "typed", "imported", "derived"),
                nullable=False,
                server_default="typed",
            )
        )
        batch_op.add_column(
            sa.Column("source_file", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("source_row", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "source_key", sa.String(length=255), nullable=False, server_default=""
            )
        )
        batch_op.create_index(
            batch_op.f("ix_events_source_key"), ["source_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_source_key"))
        for name in (
            "source_key",
            "source_row",
            "source_file",
            "provenance",
            "milestone",
            "evidence_links",
            "attack_technique",
            "actor_role",
            "actor",
            "alternative_source",
            "alternative_at",
        ):
            batch_op.drop_column(name)
