"""Bulk event writes store the same rows as the ORM's per-row path.

Each test stores the same events in two reviews of one library. One review
gets them through store.bulk. The other gets ORM rows filled by
mapping.fill_row and flushed one at a time, as imports stored events before
bulk writes. The raw column values read back with plain SQL must be equal,
apart from the event and review ids.
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import bindparam, func, select, text
from test_postgres_store import Backend, backend, postgres_url  # noqa: F401

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import (
    Actor,
    EventKind,
    Milestone,
    Provenance,
    Severity,
    TimePrecision,
)
from pir_desktop.domain.review import Review
from pir_desktop.services import ReviewLibrary, timeline_import
from pir_desktop.services.timeline_import import ImportFormat
from pir_desktop.store import bulk
from pir_desktop.store.mapping import fill_row
from pir_desktop.store.schema import EventRow

TIMELINE = Path(__file__).parent / "fixtures" / "timeline"
# The ids differ between the two reviews, and the ORM path stores typed
# events, which no import wrote, so their import version is 0.
IDS = {"id", "review_id", "import_version"}
MOMENT = datetime(2024, 5, 2, 9, 15, 30, 123456, tzinfo=UTC)


def every_field_event() -> TimelineEvent:
    """Return an event whose optional fields all differ from their defaults."""
    return TimelineEvent(
        occurred_at=MOMENT,
        ends_at=MOMENT + timedelta(minutes=5),
        precision=TimePrecision.MINUTE,
        zone="+05:30",
        time_note="Clock of the firewall drifts — 2 s",
        alternative_at=MOMENT - timedelta(seconds=40),
        alternative_source="EDR console",
        kind=EventKind.CONTAINMENT,
        description="Blocked 203.0.113.7 & <script> — 東京 🚨",
        source="Firewall log",
        actor=Actor.DEFENDER,
        actor_role="on-call SRE",
        attack_technique="T1059.001",
        evidence_links=["https://tickets.example.com/IR-7", "évidence/pcap 1.pcap"],
        milestone=Milestone.CONTAINMENT,
        decision_point=True,
        provenance=Provenance.IMPORTED,
        source_file="firewall.csv",
        source_row=12,
        source_key="csv:FW-12",
        sensitive=True,
    )


def fixture_events(library: ReviewLibrary, review_id: UUID) -> list[TimelineEvent]:
    """Return the new events of the Slack and JSON fixtures and one with every field."""
    events = []
    for name, import_format in [
        ("slack", ImportFormat.SLACK),
        ("events.json", ImportFormat.JSON),
    ]:
        path = TIMELINE / name
        preview = timeline_import.preview(library, review_id, path, import_format)
        events.extend(event for _, event in preview.new)
    return [*events, every_field_event()]


def add_review(library: ReviewLibrary, reference: str) -> UUID:
    review = Review(reference=reference, title="Bulk writes", severity=Severity.P2)
    return library.add_review(review).id


def insert_per_row(
    library: ReviewLibrary, review_id: UUID, events: list[TimelineEvent]
) -> None:
    """Insert events as ORM rows, flushing each one."""
    with library.library.transaction() as session:
        last = session.scalar(
            select(func.max(EventRow.seq)).where(EventRow.review_id == review_id)
        )
        seq = 0 if last is None else last + 1
        for event in events:
            row = EventRow(id=event.id, review_id=review_id, seq=seq)
            fill_row(session, row, event)
            session.add(row)
            session.flush()
            seq += 1


def update_per_row(library: ReviewLibrary, events: list[TimelineEvent]) -> None:
    """Overwrite stored events through their ORM rows, flushing each one."""
    with library.library.transaction() as session:
        for event in events:
            row = session.get(EventRow, event.id)
            assert row is not None
            fill_row(session, row, event)
            session.flush()


def insert_bulk(
    library: ReviewLibrary, review_id: UUID, events: list[TimelineEvent]
) -> None:
    with library.library.transaction() as session:
        connection = session.connection()
        first_seq = bulk.next_event_seq(connection, review_id)
        bulk.insert_events(connection, review_id, events, first_seq)


def raw_rows(library: ReviewLibrary, review_id: UUID) -> list[dict[str, Any]]:
    """Return the review's event rows as the driver reads them, without ids."""
    query = text("SELECT * FROM events WHERE review_id = :review ORDER BY seq")
    review = bindparam("review", review_id, type_=EventRow.__table__.c.review_id.type)
    with library.library.reading() as session:
        rows = session.connection().execute(query.bindparams(review))
        return [
            {key: value for key, value in row._mapping.items() if key not in IDS}
            for row in rows
        ]


def with_new_ids(events: list[TimelineEvent]) -> list[TimelineEvent]:
    return [event.model_copy(update={"id": uuid4()}) for event in events]


@pytest.fixture
def client(backend: Backend) -> Iterator[ReviewLibrary]:  # noqa: F811
    library = backend.create()
    yield library
    library.close()


def test_insert_rows_match_orm(client: ReviewLibrary) -> None:
    bulk_review = add_review(client, "BULK-1")
    orm_review = add_review(client, "ORM-1")
    events = fixture_events(client, bulk_review)
    assert len(events) == 4 + 2 + 1

    insert_bulk(client, bulk_review, events)
    insert_per_row(client, orm_review, with_new_ids(events))

    bulk_rows = raw_rows(client, bulk_review)
    orm_rows = raw_rows(client, orm_review)
    assert len(bulk_rows) == len(events)
    for bulk_row, orm_row in zip(bulk_rows, orm_rows, strict=True):
        assert bulk_row == orm_row
    assert [row["version"] for row in bulk_rows] == [1] * len(events)
    assert [row["seq"] for row in bulk_rows] == list(range(len(events)))


def test_insert_loads_like_orm(client: ReviewLibrary) -> None:
    bulk_review = add_review(client, "BULK-1")
    orm_review = add_review(client, "ORM-1")
    events = fixture_events(client, bulk_review)
    orm_events = with_new_ids(events)

    insert_bulk(client, bulk_review, events)
    insert_per_row(client, orm_review, orm_events)

    loaded = client.load(bulk_review).events
    loaded_orm = client.load(orm_review).events
    assert [e.id for e in loaded] == [e.id for e in events]
    assert [e.id for e in loaded_orm] == [e.id for e in orm_events]
    for event, orm_event in zip(loaded, loaded_orm, strict=True):
        assert event.model_dump(exclude={"id"}) == orm_event.model_dump(exclude={"id"})
    assert loaded == [e.model_copy(update={"version": 1}) for e in events]


def test_insert_continues_seq(client: ReviewLibrary) -> None:
    bulk_review = add_review(client, "BULK-1")
    orm_review = add_review(client, "ORM-1")
    events = fixture_events(client, bulk_review)

    insert_bulk(client, bulk_review, events[:3])
    insert_bulk(client, bulk_review, events[3:])
    insert_per_row(client, orm_review, with_new_ids(events[:3]))
    insert_per_row(client, orm_review, with_new_ids(events[3:]))

    assert raw_rows(client, bulk_review) == raw_rows(client, orm_review)


def edited(event: TimelineEvent, version: int) -> TimelineEvent:
    """Return the event with changed values in each kind of column."""
    return event.model_copy(
        update={
            "version": version,
            "description": event.description + " (edited)",
            "ends_at": event.occurred_at + timedelta(hours=1),
            "actor": Actor.ATTACKER,
            "evidence_links": ["https://example.com/log?id=1&x=<2>"],
            "milestone": None,
            "sensitive": not event.sensitive,
            "source_row": None,
        }
    )


def test_update_rows_match_orm(client: ReviewLibrary) -> None:
    bulk_review = add_review(client, "BULK-1")
    orm_review = add_review(client, "ORM-1")
    events = fixture_events(client, bulk_review)
    orm_events = with_new_ids(events)
    insert_bulk(client, bulk_review, events)
    insert_per_row(client, orm_review, orm_events)

    with client.library.transaction() as session:
        changed = [edited(event, 1) for event in events]
        matched = bulk.update_events(session.connection(), changed)
    update_per_row(client, [edited(event, 1) for event in orm_events])

    assert matched == len(events)
    bulk_rows = raw_rows(client, bulk_review)
    assert bulk_rows == raw_rows(client, orm_review)
    assert [row["version"] for row in bulk_rows] == [2] * len(events)


def test_update_skips_other_version(client: ReviewLibrary) -> None:
    review_id = add_review(client, "BULK-1")
    events = fixture_events(client, review_id)
    insert_bulk(client, review_id, events)
    before = raw_rows(client, review_id)

    with client.library.transaction() as session:
        matched = bulk.update_events(session.connection(), [edited(events[0], 0)])

    assert matched == 0
    assert raw_rows(client, review_id) == before


def test_events_with_keys_loads_matches(client: ReviewLibrary) -> None:
    review_id = add_review(client, "BULK-1")
    events = fixture_events(client, review_id)
    insert_bulk(client, review_id, events)
    keys = {events[1].source_key, "csv:FW-12", "slack:unknown:1.0"}

    with client.library.reading() as session:
        found = bulk.events_with_keys(session.connection(), review_id, keys)

    expected = [events[1], events[-1]]
    assert found == [e.model_copy(update={"version": 1}) for e in expected]
