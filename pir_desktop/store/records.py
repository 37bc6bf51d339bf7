"""Reading and writing reviews and their records, one transaction each."""

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, func, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.types import NullType

from ..collector import collector_paused
from ..domain.entities import Entity, TimelineEvent, WhyNode
from ..domain.review import CHILD_TYPES, Review, ReviewFacts
from .bulk import forget_deleted_imports
from .library import Library, LibraryError, StaleEditError
from .mapping import (
    ROW_TYPES,
    fill_review_row,
    fill_row,
    to_entity,
    to_facts,
    trusted_entities,
)
from .schema import Base, DeletedImportRow, EventRow, ReviewRow

# Record types without links to other records, read by `_read_plain`. Timeline
# events can number tens of thousands, and the ORM's per-row work would cost
# several times the database read.
PLAIN_READ_TYPES: frozenset[type[Entity]] = frozenset({TimelineEvent})
READ_CHUNK_ROWS = 5000
# Ids per IN list when changed records are read by id. SQLite before 3.32
# allows at most 999 bound parameters in one statement.
ID_BATCH = 500

# Records are inserted in this order so links always point at stored rows.
INSERT_ORDER = (
    "participants",
    "events",
    "observations",
    "factors",
    "why_nodes",
    "lessons",
    "actions",
    "progress",
    "effectiveness",
    "controls",
    "steps",
    "approvals",
    "agenda",
    "parking_lot",
    "votes",
    "fault_trees",
    "fishbones",
)


def list_reviews(library: Library) -> list[ReviewFacts]:
    """Return the facts of every review, newest incident first."""
    with library.reading() as session:
        rows = session.scalars(select(ReviewRow).order_by(ReviewRow.reference))
        return [to_facts(row) for row in rows]


def find_review(library: Library, reference_or_id: str) -> UUID:
    """Return the id of the review with this reference (or id)."""
    with library.reading() as session:
        row = session.scalar(
            select(ReviewRow).where(ReviewRow.reference == reference_or_id)
        )
        if row is None:
            try:
                row = session.get(ReviewRow, UUID(reference_or_id))
            except ValueError:
                row = None
        if row is None:
            known = (
                ", ".join(r.reference for r in session.scalars(select(ReviewRow)))
                or "none"
            )
            raise LibraryError(
                f"review {reference_or_id!r} not found in {library.location}; "
                f"references in this library: {known}"
            )
        return row.id


def load_review(
    library: Library, review_id: UUID, known: Review | None = None
) -> Review:
    """Load a review with all its records.

    `known` is an earlier load of the same review. Its timeline events whose
    stored version is unchanged are reused rather than read again, so a reload
    after an edit reads only the events that changed since `known` was loaded.
    """
    if known is not None and known.id != review_id:
        known = None
    with library.reading() as session:
        row = session.get(ReviewRow, review_id)
        if row is None:
            raise LibraryError(f"review {review_id} not found in {library.location}")
        data = to_facts(row).model_dump()
        plain: dict[str, list[Entity]] = {}
        for field, entity_type in CHILD_TYPES.items():
            if entity_type in PLAIN_READ_TYPES:
                earlier = [] if known is None else getattr(known, field)
                plain[field] = _read_plain(session, review_id, entity_type, earlier)
                continue
            row_type = ROW_TYPES[entity_type]
            query = (
                select(row_type)
                .where(row_type.review_id == review_id)  # type: ignore[attr-defined]
                .order_by(row_type.seq)  # type: ignore[attr-defined]
            )
            data[field] = [to_entity(r, entity_type) for r in session.scalars(query)]
        review = Review.model_validate(data)
    # These fields are assigned after validation because pydantic runs a record
    # type's "after" model validators even on instances it does not revalidate.
    # NOTE: a Review model validator that read these fields would see them
    # empty here. Review has none today.
    for field, entities in plain.items():
        setattr(review, field, entities)
    return review


def _read_plain(
    session: Session,
    review_id: UUID,
    entity_type: type[Entity],
    earlier: Sequence[Entity] = (),
) -> list[Entity]:
    """Read a review's records of one type, in stored order.

    Records in `earlier` whose id and version match a stored row are reused,
    and only the other rows are read in full. When most rows changed, all of
    them are read with one select, as on a first load.
    """
    if not earlier:
        return _read_rows(session, review_id, entity_type)
    table = ROW_TYPES[entity_type].__table__  # type: ignore[attr-defined]
    query = select(table.c.seq, _raw(table.c.id), table.c.version).where(
        table.c.review_id == review_id
    )
    # The garbage collector is paused because, at 50,000 events, the rows that
    # automatic collections promoted triggered a full collection slower than the select.
    with collector_paused():
        stored = session.execute(query).all()
        reusable = _by_raw_id(earlier, stored)
        changed = [
            raw_id
            for _seq, raw_id, version in stored
            if raw_id not in reusable or reusable[raw_id].version != version
        ]
    if len(changed) * 2 > len(stored):
        return _read_rows(session, review_id, entity_type)

    reusable.update(_read_rows_by_id(session, review_id, entity_type, changed))
    # A row deleted between the two selects is left out, as it would be from
    # a load that started after the deletion.
    stored.sort(key=itemgetter(0))
    return [reusable[raw_id] for _seq, raw_id, _ in stored if raw_id in reusable]


def _raw(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """Return the column selected untyped, so its raw DBAPI values come back."""
    return type_coerce(column, NullType()).label(column.key)


def _by_raw_id(
    entities: Sequence[Entity], stored: Sequence[Row[Any]]
) -> dict[Any, Entity]:
    """Key records by their id as the driver returns it for the `stored` rows.

    SQLite's driver returns the 32 hex digits that SQLAlchemy's Uuid type
    writes, and PostgreSQL's returns UUID objects.
    """
    if stored and isinstance(stored[0][1], str):
        return {entity.id.hex: entity for entity in entities}
    return {entity.id: entity for entity in entities}


def _read_rows_by_id(
    session: Session, review_id: UUID, entity_type: type[Entity], raw_ids: list[Any]
) -> dict[Any, Entity]:
    """Read the records with these raw ids in full, keyed by raw id."""
    table = ROW_TYPES[entity_type].__table__  # type: ignore[attr-defined]
    names = list(entity_type.model_fields)
    columns = [_raw(table.c[name]) for name in names]
    id_column = names.index("id")
    read: dict[Any, Entity] = {}
    for start in range(0, len(raw_ids), ID_BATCH):
        batch = raw_ids[start : start + ID_BATCH]
        query = select(*columns).where(
            table.c.review_id == review_id, columns[id_column].in_(batch)
        )
        rows = session.execute(query).all()
        if not rows:
            continue
        by_column = list(zip(*rows, strict=True))
        entities = trusted_entities(entity_type, by_column)
        read.update(zip(by_column[id_column], entities, strict=True))
    return read


def _read_rows(
    session: Session, review_id: UUID, entity_type: type[Entity]
) -> list[Entity]:
    """Read a review's records of one type with one Core select, in stored order.

    The columns are selected untyped, so SQLAlchemy does no per-value result
    processing, and `trusted_entities` converts the raw values column by column.
    """
    table = ROW_TYPES[entity_type].__table__  # type: ignore[attr-defined]
    columns = [_raw(table.c[name]) for name in entity_type.model_fields]
    # Rows are sorted by seq in Python rather than in SQL. They mostly arrive in
    # seq order already, which Python's sort handles in linear time, but the
    # database would sort them all in a temporary B-tree.
    query = select(table.c.seq, *columns).where(table.c.review_id == review_id)
    entities: list[Entity] = []
    seqs: list[int] = []
    with collector_paused():
        # Read in chunks so that only one chunk of raw rows is held beside the records.
        for rows in session.execute(query).partitions(READ_CHUNK_ROWS):
            chunk_seqs, *by_column = zip(*rows, strict=True)
            seqs.extend(chunk_seqs)
            entities.extend(trusted_entities(entity_type, by_column))
        order = sorted(range(len(entities)), key=seqs.__getitem__)
        return [entities[index] for index in order]


@dataclass(frozen=True)
class TimelineHead:
    """A review's facts, its number of events and its first events in timeline order."""

    facts: ReviewFacts
    events: list[TimelineEvent]
    total: int


def load_timeline_head(
    library: Library, review_id: UUID, count: int, min_total: int = 0
) -> TimelineHead:
    """Read the facts and the first `count` events of a review, in timeline order.

    The events come from one range scan of the events table's timeline order
    index, so the time does not grow with the number of events in the review.
    A review with fewer than `min_total` events gets none, because its
    caller loads it whole at once.
    """
    table = EventRow.__table__
    columns = [_raw(table.c[name]) for name in TimelineEvent.model_fields]
    first = (
        select(*columns)
        .where(table.c.review_id == review_id)
        .order_by(table.c.sort_at, table.c.sort_rank, table.c.seq)
        .limit(count)
    )
    total = select(func.count()).where(table.c.review_id == review_id)
    with library.reading() as session:
        row = session.get(ReviewRow, review_id)
        if row is None:
            raise LibraryError(f"review {review_id} not found in {library.location}")
        event_count = session.scalar(total) or 0
        rows = session.execute(first).all() if event_count >= min_total else []
        events: list[TimelineEvent] = []
        if rows:
            by_column = list(zip(*rows, strict=True))
            events = list(trusted_entities(TimelineEvent, by_column))
        return TimelineHead(to_facts(row), events, event_count)


def insert_review(library: Library, review: Review) -> Review:
    """Store a whole review; its reference must be new in the library."""
    try:
        with library.transaction() as session:
            row = ReviewRow(id=review.id)
            fill_review_row(row, review.facts)
            session.add(row)
            session.flush()
            for field in INSERT_ORDER:
                records = getattr(review, field)
                seqs = {entity.id: seq for seq, entity in enumerate(records)}
                if field == "why_nodes":
                    records = _parents_first(records)
                for entity in records:
                    _insert(session, review.id, entity, seqs[entity.id])
                session.flush()
    except IntegrityError as exc:
        raise LibraryError(_clash_message(library, review)) from exc
    return load_review(library, review.id)


def _clash_message(library: Library, review: Review) -> str:
    """Return why a review could not be inserted: its id, reference or a record id."""
    with library.reading() as session:
        same = session.scalar(
            select(func.count()).where(
                (ReviewRow.id == review.id) | (ReviewRow.reference == review.reference)
            )
        )
    if same:
        return (
            f"review {review.reference!r} (id {review.id}) is already in "
            f"{library.location}: delete it first or change its reference"
        )
    return (
        f"review {review.reference!r} has a record whose id is already used in "
        f"{library.location}, because records keep the ids of the document they "
        "came from: import it into another library, or delete the review it was "
        "copied from"
    )


def _parents_first(nodes: list[WhyNode]) -> list[WhyNode]:
    ordered: list[WhyNode] = []
    placed: set[UUID | None] = {None}
    pending = list(nodes)
    while pending:
        ready = [n for n in pending if n.parent_id in placed]
        if not ready:
            raise LibraryError("why-tree has a node whose parent is missing or a cycle")
        ordered.extend(ready)
        placed.update(n.id for n in ready)
        pending = [n for n in pending if n.id not in placed]
    return ordered


def _insert(session: Session, review_id: UUID, entity: Entity, seq: int) -> Base:
    row_type = ROW_TYPES[type(entity)]
    row = row_type(id=entity.id, review_id=review_id, seq=seq)
    fill_row(session, row, entity)
    session.add(row)
    return row


def update_facts(library: Library, facts: ReviewFacts) -> ReviewFacts:
    """Store changed incident facts; facts.version must match the stored row."""
    with library.transaction() as session:
        row = session.get(ReviewRow, facts.id)
        if row is None:
            raise LibraryError(f"review {facts.reference!r} no longer exists")
        if row.version != facts.version:
            raise StaleEditError(
                f"review {facts.reference!r} was changed elsewhere", to_facts(row)
            )
        fill_review_row(row, facts)
        _flush_checked(session, f"review {facts.reference!r}")
        return to_facts(row)


def add_record(library: Library, review_id: UUID, entity: Entity) -> Entity:
    """Store a new record in a review, after the records already there."""
    with library.transaction() as session:
        if session.get(ReviewRow, review_id) is None:
            raise LibraryError(f"review {review_id} no longer exists")
        row = _insert(
            session, review_id, entity, _next_seq(session, review_id, type(entity))
        )
        session.flush()
        return to_entity(row, type(entity))


def update_record(library: Library, entity: Entity, force: bool = False) -> Entity:
    """Store a changed record.

    Unless `force` is set, entity.version must match the stored version, and
    StaleEditError carries the stored record when it does not.
    """
    entity_type = type(entity)
    with library.transaction() as session:
        row = session.get(ROW_TYPES[entity_type], entity.id)
        if row is None:
            raise LibraryError(f"{entity_type.__name__} {entity.id} no longer exists")
        if not force and row.version != entity.version:
            raise StaleEditError(
                f"{entity_type.__name__} was changed elsewhere",
                to_entity(row, entity_type),
            )
        fill_row(session, row, entity)
        _flush_checked(session, f"{entity_type.__name__} {entity.id}")
        return to_entity(row, entity_type)


def _flush_checked(session: Session, name: str) -> None:
    """Flush, turning a concurrent version bump into StaleEditError."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise StaleEditError(f"{name} was changed elsewhere", None) from exc


def delete_record(library: Library, entity_type: type[Entity], entity_id: UUID) -> None:
    """Delete a record; rows that depend on it are deleted or unlinked by the schema.

    Deleting an imported event records its source key, so that importing
    the same source again does not bring it back unasked.
    """
    with library.transaction() as session:
        row = session.get(ROW_TYPES[entity_type], entity_id)
        if row is None:
            raise LibraryError(f"{entity_type.__name__} {entity_id} no longer exists")
        if isinstance(row, EventRow) and row.source_key:
            session.merge(
                DeletedImportRow(review_id=row.review_id, source_key=row.source_key)
            )
        session.delete(row)


def restore_records(library: Library, review_id: UUID, entities: list[Entity]) -> None:
    """Put records back as given: re-insert missing ones and overwrite the rest.

    Undo uses this to reverse a deletion, including the links that the
    deletion removed from other records. A re-inserted record gets a version
    above the one it was deleted at, so that no earlier copy loaded in another
    window has the same id and version as the restored row.
    """
    with library.transaction() as session:
        for entity in entities:
            row = session.get(ROW_TYPES[type(entity)], entity.id)
            if row is None:
                row = _insert(
                    session,
                    review_id,
                    entity,
                    _next_seq(session, review_id, type(entity)),
                )
                # The insert stores version 1, and a version set by hand
                # afterwards is written as it is by SQLAlchemy's update.
                session.flush()
                row.version = entity.version + 1  # type: ignore[attr-defined]
            else:
                fill_row(session, row, entity)
            if isinstance(entity, TimelineEvent) and entity.source_key:
                forget_deleted_imports(
                    session.connection(), review_id, [entity.source_key]
                )
            session.flush()


def _next_seq(session: Session, review_id: UUID, entity_type: type[Entity]) -> int:
    row_type = ROW_TYPES[entity_type]
    last = session.scalar(
        select(func.max(row_type.seq)).where(row_type.review_id == review_id)  # type: ignore[attr-defined]
    )
    return 0 if last is None else last + 1


def delete_review(library: Library, review_id: UUID) -> None:
    with library.transaction() as session:
        row = session.get(ReviewRow, review_id)
        if row is not None:
            session.delete(row)
