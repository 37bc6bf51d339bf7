"""Bulk reads and writes of timeline events, without ORM objects.

An import stores tens of thousands of events in one transaction. The ORM
builds an object and a unit of work per row, and even a Core `insert` with
`executemany` binds each value through several layers of Python calls, so
both cost many times the insert itself. `insert_events` binds each column
with its type's own bind processor (the function Core calls) and passes the
parameter rows straight to the driver's `executemany`.

The stored values are the ones the ORM writes through `mapping.fill_row`.
Each row contains every event field except `version` as fill_row converts it,
the review id, the `seq` given and the timeline order key that the schema's
`before_insert` listener would compute. Its version is 1, the first value of
SQLAlchemy's default version counter, and so is its import version, because
the bulk writes store imported events.
"""

from collections.abc import Callable, Collection, Sequence
from operator import itemgetter
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Dialect,
    Enum,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from ..domain.entities import TimelineEvent
from ..domain.timeline_time import timeline_order
from .schema import DeletedImportRow, EventRow
from .types import UTCDateTime, sqlite_datetime_text

EVENTS = EventRow.__table__
DELETED_IMPORTS = DeletedImportRow.__table__
# Columns of an event row that are not fields of TimelineEvent.
ROW_COLUMNS = ("review_id", "seq", "import_version")
ORDER_COLUMNS = ("sort_at", "sort_rank")
FIRST_VERSION = 1
# Ids per DELETE statement: SQLite before 3.32 takes at most 999 parameters.
DELETE_BATCH = 500
# Column types with few distinct values, bound once per distinct value.
REPEATING_TYPES = (Enum, Boolean)

BindProcessor = Callable[[Any], Any]


def field_value(value: Any) -> Any:
    """Convert a field value as fill_row does before it reaches a JSON column."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [item if isinstance(item, int) else str(item) for item in value]
    return value


def _bind_json(process: BindProcessor | None, values: list[Any]) -> list[Any]:
    """Bind a JSON column's values: fill_row's conversion, then the type's processor.

    Lists of hashable items are converted once per distinct list, because
    most events repeat a few values such as an empty list of evidence links.
    """
    results: dict[tuple[Any, ...], Any] = {}

    def convert(value: Any) -> Any:
        value = field_value(value)
        return value if process is None else process(value)

    bound = []
    for value in values:
        if not isinstance(value, list):
            bound.append(convert(value))
            continue
        key = tuple(value)
        try:
            result = results[key]
        except TypeError:
            result = convert(value)
        except KeyError:
            results[key] = result = convert(value)
        bound.append(result)
    return bound


class EventBinder:
    """Bound parameters of event rows for one dialect, one column at a time.

    `names` lists the columns in the order the statement's parameters take
    them. Binding a whole column at once lets a column with few distinct
    values, such as an enum, call its processor once per distinct value.
    """

    def __init__(self, dialect: Dialect, names: Sequence[str]) -> None:
        self.dialect = dialect
        self.names = tuple(names)

    def bind_column(self, name: str, values: list[Any]) -> list[Any]:
        """Return the bound values of one column."""
        column_type = EVENTS.c[name].type
        if isinstance(column_type, UTCDateTime) and self.dialect.name == "sqlite":
            text = sqlite_datetime_text
            return [None if value is None else text(value) for value in values]
        process = column_type.dialect_impl(self.dialect).bind_processor(self.dialect)
        # A JSON column binds None as JSON null, so its processor receives
        # every value. Every other processor returns None for None.
        if isinstance(column_type, JSON):
            return _bind_json(process, values)
        if process is None:
            return values
        if isinstance(column_type, REPEATING_TYPES):
            bound = {value: process(value) for value in set(values)}
            return list(map(bound.__getitem__, values))
        return [None if value is None else process(value) for value in values]

    def rows(
        self, review_id: UUID, events: Sequence[TimelineEvent], first_seq: int
    ) -> list[tuple[Any, ...]]:
        """Return one parameter row per event, numbered from first_seq."""
        # pydantic keeps a model's field values in its __dict__.
        values = [event.__dict__ for event in events]
        count = len(values)
        constants = {
            "review_id": review_id,
            "version": FIRST_VERSION,
            "import_version": FIRST_VERSION,
        }
        columns: list[list[Any]] = []
        keys: list[tuple[Any, int]] | None = None
        for name in self.names:
            if name in constants:
                [bound] = self.bind_column(name, [constants[name]])
                columns.append([bound] * count)
            elif name == "seq":
                seqs = list(range(first_seq, first_seq + count))
                columns.append(self.bind_column(name, seqs))
            elif name in ORDER_COLUMNS:
                keys = order_keys(events) if keys is None else keys
                column = [key[ORDER_COLUMNS.index(name)] for key in keys]
                columns.append(self.bind_column(name, column))
            else:
                column = list(map(itemgetter(name), values))
                columns.append(self.bind_column(name, column))
        return list(zip(*columns, strict=True))


def order_keys(events: Sequence[TimelineEvent]) -> list[tuple[Any, int]]:
    """Return each event's timeline order key, the values of ORDER_COLUMNS."""
    return [
        timeline_order(e.occurred_at, e.zone, e.precision, e.alternative_at)
        for e in events
    ]


def next_event_seq(connection: Connection, review_id: UUID) -> int:
    """Return the seq that follows the review's last event, 0 for the first."""
    last = connection.scalar(
        select(func.max(EVENTS.c.seq)).where(EVENTS.c.review_id == review_id)
    )
    return 0 if last is None else last + 1


def insert_events(
    connection: Connection,
    review_id: UUID,
    events: Sequence[TimelineEvent],
    first_seq: int,
) -> None:
    """Insert new events after the review's others, numbered from first_seq."""
    if not events:
        return
    names = [*TimelineEvent.model_fields, *ROW_COLUMNS, *ORDER_COLUMNS]
    compiled = insert(EVENTS).compile(dialect=connection.dialect, column_keys=names)
    # A positional paramstyle (SQLite's "?") takes values in the statement's
    # order, but a named one (psycopg's "%(name)s") takes a dict per row.
    order = compiled.positiontup or names
    rows = EventBinder(connection.dialect, order).rows(review_id, events, first_seq)
    if compiled.positiontup:
        parameters: list[Any] = rows
    else:
        parameters = [dict(zip(order, row, strict=True)) for row in rows]
    connection.exec_driver_sql(compiled.string, parameters)


def update_events(connection: Connection, events: Sequence[TimelineEvent]) -> int:
    """Overwrite stored events, each only if its stored version is event.version.

    Each matched row gets the event's values and version + 1, which is also
    recorded as the version its import wrote. Returns the number of rows
    matched, so a caller that expected every event can roll back when
    another writer changed one.
    """
    if not events:
        return 0
    statement = update(EVENTS).where(
        EVENTS.c.id == bindparam("match_id"),
        EVENTS.c.version == bindparam("match_version"),
    )
    names = [
        name for name in TimelineEvent.model_fields if name not in ("id", "version")
    ]
    parameters = []
    for event in events:
        values = {name: field_value(getattr(event, name)) for name in names}
        values["version"] = event.version + 1
        values["import_version"] = event.version + 1
        [key] = order_keys([event])
        values.update(zip(ORDER_COLUMNS, key, strict=True))
        values["match_id"] = event.id
        values["match_version"] = event.version
        parameters.append(values)
    return connection.execute(statement, parameters).rowcount


def edited_after_import(connection: Connection, review_id: UUID) -> set[UUID]:
    """Return the ids of imported events changed since an import last wrote them."""
    query = select(EVENTS.c.id).where(
        EVENTS.c.review_id == review_id,
        EVENTS.c.source_key != "",
        EVENTS.c.version != EVENTS.c.import_version,
    )
    return set(connection.scalars(query))


def deleted_import_keys(connection: Connection, review_id: UUID) -> set[str]:
    """Return the source keys of imported events deleted from the review."""
    query = select(DELETED_IMPORTS.c.source_key).where(
        DELETED_IMPORTS.c.review_id == review_id
    )
    return set(connection.scalars(query))


def forget_deleted_imports(
    connection: Connection, review_id: UUID, keys: Collection[str]
) -> None:
    """Drop source keys from the review's deleted imports when their events return."""
    ordered = list(keys)
    for start in range(0, len(ordered), DELETE_BATCH):
        batch = ordered[start : start + DELETE_BATCH]
        connection.execute(
            delete(DELETED_IMPORTS).where(
                DELETED_IMPORTS.c.review_id == review_id,
                DELETED_IMPORTS.c.source_key.in_(batch),
            )
        )


def event_versions(connection: Connection, review_id: UUID) -> dict[UUID, int]:
    """Return the stored version of each of the review's events, by event id."""
    query = select(EVENTS.c.id, EVENTS.c.version).where(EVENTS.c.review_id == review_id)
    return {row.id: row.version for row in connection.execute(query)}


def _entity(row: Any) -> TimelineEvent:
    skipped = (*ROW_COLUMNS, *ORDER_COLUMNS)
    values = {key: value for key, value in row._mapping.items() if key not in skipped}
    return TimelineEvent.model_validate(values)


def load_event(connection: Connection, event_id: UUID) -> TimelineEvent | None:
    """Return a stored event, or None if there is none with this id."""
    row = connection.execute(select(EVENTS).where(EVENTS.c.id == event_id)).first()
    return None if row is None else _entity(row)


def events_with_keys(
    connection: Connection, review_id: UUID, keys: Collection[str]
) -> list[TimelineEvent]:
    """Return the review's events whose source_key is one of `keys`, in seq order."""
    query = (
        select(EVENTS)
        .where(EVENTS.c.review_id == review_id, EVENTS.c.source_key != "")
        .order_by(EVENTS.c.seq)
    )
    rows = connection.execute(query)
    return [_entity(row) for row in rows if row.source_key in keys]


def delete_events(connection: Connection, event_ids: Sequence[UUID]) -> int:
    """Delete events by id and return the number deleted.

    The link rows to observations and factors go with them, through ON DELETE CASCADE.
    """
    deleted = 0
    for start in range(0, len(event_ids), DELETE_BATCH):
        batch = event_ids[start : start + DELETE_BATCH]
        result = connection.execute(delete(EVENTS).where(EVENTS.c.id.in_(batch)))
        deleted += result.rowcount
    return deleted
