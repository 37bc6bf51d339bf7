"""Store the timeline order of events and what imports need to know.

Each event row gains its timeline order key: the earliest instant its time
may mean (`sort_at`) and the rank of its precision (`sort_rank`), computed by
the domain's `timeline_order` from the row's time fields. One index over
(review_id, sort_at, sort_rank, seq) returns a review's first events in
timeline order without reading the others. It replaces the indexes on
review_id and occurred_at: no query filters by occurred_at alone, and the
new index starts with review_id.

A new table, `deleted_imports`, keeps the source key of each imported event
that a reviewer deleted, so that a re-import does not bring it back unasked.

Each event row also gains `import_version`, the version that the last
import of its source wrote. Existing rows get 0, so an event imported
before this revision counts as edited in the review, and a re-import
leaves it as it is unless the user chooses to overwrite it: whether the
reviewer changed it earlier is not known.

Revision ID: 0007
Revises: 0006
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from pir_desktop.domain.enums import TimePrecision
from pir_desktop.domain.timeline_time import timeline_order

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UPDATE_BATCH = 1000

events = sa.table(
    "events",
    sa.column("id", sa.Uuid()),
    sa.column("occurred_at", sa.DateTime(timezone=True)),
    sa.column("zone", sa.Text()),
    sa.column("precision", sa.Text()),
    sa.column("alternative_at", sa.DateTime(timezone=True)),
    sa.column("sort_at", sa.DateTime(timezone=True)),
    sa.column("sort_rank", sa.Integer()),
)


def _utc(moment: datetime | None) -> datetime | None:
    """Return a stored moment as aware UTC: SQLite returns it naive."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _stored(moment: datetime) -> datetime:
    """Return a UTC moment as the library stores it on this connection's database."""
    return (
        moment.replace(tzinfo=None)
        if op.get_bind().dialect.name == "sqlite"
        else moment
    )


def _fill_order_keys() -> None:
    connection = op.get_bind()
    query = sa.select(
        events.c.id,
        events.c.occurred_at,
        events.c.zone,
        events.c.precision,
        events.c.alternative_at,
    )
    keys = []
    for row in connection.execute(query):
        occurred_at = _utc(row.occurred_at)
        assert occurred_at is not None
        sort_at, sort_rank = timeline_order(
            occurred_at,
            row.zone,
            TimePrecision(row.precision),
            _utc(row.alternative_at),
        )
        keys.append({"key_id": row.id, "at": _stored(sort_at), "rank": sort_rank})
    statement = (
        events.update()
        .where(events.c.id == sa.bindparam("key_id"))
        .values(sort_at=sa.bindparam("at"), sort_rank=sa.bindparam("rank"))
    )
    for start in range(0, len(keys), UPDATE_BATCH):
        connection.execute(statement, keys[start : start + UPDATE_BATCH])


def upgrade() -> None:
    op.create_table(
        "deleted_imports",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("source_key", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("review_id", "source_key"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("sort_rank", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "import_version", sa.Integer(), nullable=False, server_default="0"
            )
        )
    _fill_order_keys()
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.alter_column(
            "sort_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.alter_column("sort_rank", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_index(batch_op.f("ix_events_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_events_review_id"))
        batch_op.create_index(
            "ix_events_timeline_order",
            ["review_id", "sort_at", "sort_rank", "seq"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_timeline_order")
        batch_op.create_index(
            batch_op.f("ix_events_review_id"), ["review_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_events_occurred_at"), ["occurred_at"], unique=False
        )
        batch_op.drop_column("import_version")
        batch_op.drop_column("sort_rank")
        batch_op.drop_column("sort_at")
    op.drop_table("deleted_imports")
