"""Reading and writing many timeline events at once, without ORM objects.

An import stores tens of thousands of events in one transaction. The ORM
builds an object and a unit of work per row, and even a Core `insert` with
`executemany` binds each value through several layers of Python calls, so
both cost many times the insert itself. `insert_events` binds each column
with its type's own bind processor (the function Core calls) and passes the
parameter rows straight to the driver's `executemany`.

The stored values are the ones the ORM writes through `mapping.fill_row`:
every event field except `id` and `version` as fill_row converts it, the
event's id, the review id, the `seq` given, and version 1, the first value
of SQLAlchemy's default version counter.
"""

from collections.abc import Callable, Collection, Iterable, Sequence
from operator import itemgetter
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Dialect,
    Enum,
    bindparam,
    func,
    insert,
    select,
    update,
)

from ..domain.entities import TimelineEvent
from .schema import EventRow

EVENTS = EventRow.__table__
# Columns of an event row that are not fields of TimelineEvent.
ROW_COLUMNS = ("review_id", "seq")
FIRST_VERSION = 1
# Column types with few distinct values, whose bound values are cached.
REPEATING_TYPES = (Enum, Boolean)

BindProcessor = Callable[[Any], Any]


def field_value(value: Any) -> Any:
    """Convert a field value as fill_row does before it reaches a JSON column."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [item if isinstance(item, int) else str(item) for item in value]
    return value


def _cached(process: BindProcessor) -> BindProcessor:
    """Wrap a bind processor of a column with few distinct values in a cache."""
    results: dict[Any, Any] = {}

    def bind(value: Any) -> Any:
        try:
            return results[value]
        except KeyError:
            results[value] = bound = process(value)
            return bound

    return bind


def _cached_json(process: BindProcessor | None) -> BindProcessor:
    """Return a JSON column's bind function: fill_row's conversion, then the type's.

    Lists of hashable items are cached, because most events repeat a few
    values such as an empty list of evidence links.
    """
    results: dict[tuple[Any, ...], Any] = {}

    def convert(value: Any) -> Any:
        value = field_value(value)
        return value if process is None else process(value)

    def bind(value: Any) -> Any:
        if not isinstance(value, list):
            return convert(value)
        try:
            key = tuple(value)
            return results[key]
        except TypeError:
            return convert(value)
        except KeyError:
            results[key] = bound = convert(value)
            return bound

    return bind


def _bind_function(column: Column[Any], dialect: Dialect) -> BindProcessor | None:
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is not None and isinstance(column.type, REPEATING_TYPES):
        return _cached(process)
    return process


class EventBinder:
    """Bound parameter rows of the events table for one dialect.

    `names` lists the columns in the order the statement's parameters take
    them; each row holds one bound value per name.
    """

    def __init__(self, dialect: Dialect, names: Sequence[str]) -> None:
        self.dialect = dialect
        self.names = tuple(names)
        self.values_of = itemgetter(*self.names)
        columns = [EVENTS.c[name] for name in self.names]
        # A JSON column binds None as JSON null, so its function sees every
        # value. The other bind processors return None for None, which the
        # rows below skip.
        self.json_binders = [
            (
                index,
                _cached_json(column.type.dialect_impl(dialect).bind_processor(dialect)),
            )
            for index, column in enumerate(columns)
            if isinstance(column.type, JSON)
        ]
        self.binders = [
            (index, bind)
            for index, column in enumerate(columns)
            if not isinstance(column.type, JSON)
            and (bind := _bind_function(column, dialect)) is not None
        ]

    def bind(self, name: str, value: Any) -> Any:
        """Return the bound value of one column."""
        bind = _bind_function(EVENTS.c[name], self.dialect)
        return value if bind is None or value is None else bind(value)

    def rows(
        self, review_id: UUID, events: Iterable[TimelineEvent], first_seq: int
    ) -> list[tuple[Any, ...]]:
        """Return one parameter row per event, numbered from first_seq."""
        constants = {
            "review_id": self.bind("review_id", review_id),
            "version": self.bind("version", FIRST_VERSION),
        }
        # The constant columns are bound once above, not once per row.
        binders = [
            (index, bind)
            for index, bind in self.binders
            if self.names[index] not in constants
        ]
        json_binders = self.json_binders
        values_of = self.values_of
        rows = []
        for seq, event in enumerate(events, start=first_seq):
            row = list(values_of({**event.__dict__, **constants, "seq": seq}))
            for index, bind in json_binders:
                row[index] = bind(row[index])
            for index, bind in binders:
                value = row[index]
                if value is not None:
                    row[index] = bind(value)
            rows.append(tuple(row))
        return rows


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
    names = [*TimelineEvent.model_fields, *ROW_COLUMNS]
    compiled = insert(EVENTS).compile(dialect=connection.dialect, column_keys=names)
    # A positional paramstyle (SQLite's "?") takes values in the statement's
    # order; a named one (psycopg's "%(name)s") takes a dict per row.
    order = compiled.positiontup or names
    rows = EventBinder(connection.dialect, order).rows(review_id, events, first_seq)
    if compiled.positiontup:
        parameters: list[Any] = rows
    else:
        parameters = [dict(zip(order, row, strict=True)) for row in rows]
    connection.exec_driver_sql(compiled.string, parameters)


def update_events(connection: Connection, events: Sequence[TimelineEvent]) -> int:
    """Overwrite stored events, each only if its stored version is event.version.

    Each matched row gets the event's values and version + 1. Returns the
    number of rows matched, so a caller that expected every event can roll
    back when another writer changed one.
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
        values["match_id"] = event.id
        values["match_version"] = event.version
        parameters.append(values)
    return connection.execute(statement, parameters).rowcount


def event_versions(connection: Connection, review_id: UUID) -> dict[UUID, int]:
    """Return the stored version of each of the review's events, by event id."""
    query = select(EVENTS.c.id, EVENTS.c.version).where(EVENTS.c.review_id == review_id)
    return {row.id: row.version for row in connection.execute(query)}


def _entity(row: Any) -> TimelineEvent:
    values = {
        key: value for key, value in row._mapping.items() if key not in ROW_COLUMNS
    }
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
