"""The first events of a review in timeline order, read with one index scan."""

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import Severity, TimePrecision
from pir_desktop.domain.review import Review
from pir_desktop.domain.timeline_time import sort_timeline
from pir_desktop.services import ReviewLibrary
from pir_desktop.store import LibraryError, bulk

START = datetime(2024, 3, 30, 22, 0, tzinfo=UTC)
ZONES = ("UTC", "Europe/London", "America/Los_Angeles", "Asia/Tokyo", "+05:30")


def event(
    minutes: int,
    precision: TimePrecision = TimePrecision.EXACT,
    zone: str = "UTC",
    disputed_minutes: int | None = None,
    text: str = "",
) -> TimelineEvent:
    alternative = None
    if disputed_minutes is not None:
        alternative = START + timedelta(minutes=disputed_minutes)
    return TimelineEvent(
        occurred_at=START + timedelta(minutes=minutes),
        precision=precision,
        zone=zone,
        alternative_at=alternative,
        alternative_source="EDR console" if alternative else "",
        description=text or f"event at +{minutes} min",
    )


def mixed_events() -> list[TimelineEvent]:
    """Return events whose stored order differs from their timeline order."""
    return [
        event(300, text="late exact"),
        event(90, TimePrecision.HOUR, "Europe/London", text="hour, London"),
        event(60, text="exact at the start of the hour"),
        event(60, TimePrecision.DERIVED, text="derived, same instant"),
        event(200, TimePrecision.DAY, "Asia/Tokyo", text="day, Tokyo"),
        event(120, disputed_minutes=-30, text="disputed, earlier source"),
        event(60, text="exact again, stored later"),
        event(10, TimePrecision.MONTH, "America/Los_Angeles", text="month"),
    ]


def stored(tmp_path: Path, events: list[TimelineEvent]) -> tuple[ReviewLibrary, Review]:
    library = ReviewLibrary.create(tmp_path / "head.pir")
    review = Review(
        reference="HEAD-1", title="Head", severity=Severity.P2, events=events
    )
    return library, library.add_review(review)


@pytest.mark.parametrize("count", [0, 1, 3, 8, 20])
def test_head_is_timeline_prefix(tmp_path: Path, count: int) -> None:
    library, review = stored(tmp_path, mixed_events())
    head = library.timeline_head(review.id, count)
    library.close()
    expected = sort_timeline(review.events)[:count]
    assert [e.description for e in head.events] == [e.description for e in expected]
    assert head.events == expected
    assert head.total == len(review.events)
    assert head.facts.reference == "HEAD-1"


def test_edited_time_moves_event(tmp_path: Path) -> None:
    library, review = stored(tmp_path, mixed_events())
    late = review.events[0]
    library.update(late.with_changes(occurred_at=START - timedelta(days=40)))
    head = library.timeline_head(review.id, 1)
    library.close()
    assert [e.id for e in head.events] == [late.id]


def test_bulk_update_moves_event(tmp_path: Path) -> None:
    library, review = stored(tmp_path, mixed_events())
    late = review.events[0]
    moved = late.with_changes(occurred_at=START - timedelta(days=40))
    with library.library.transaction() as session:
        matched = bulk.update_events(session.connection(), [moved])
    head = library.timeline_head(review.id, 1)
    library.close()
    assert matched == 1
    assert [e.id for e in head.events] == [late.id]


def test_bulk_insert_sets_order(tmp_path: Path) -> None:
    library, review = stored(tmp_path, [event(500, text="typed")])
    imported = [event(400, text="imported"), event(600, text="imported last")]
    with library.library.transaction() as session:
        bulk.insert_events(session.connection(), review.id, imported, 1)
    head = library.timeline_head(review.id, 3)
    library.close()
    assert [e.description for e in head.events] == [
        "imported",
        "typed",
        "imported last",
    ]


def test_head_query_uses_index(tmp_path: Path) -> None:
    library, review = stored(tmp_path, mixed_events())
    query = text(
        "EXPLAIN QUERY PLAN SELECT * FROM events WHERE review_id = :review "
        "ORDER BY sort_at, sort_rank, seq LIMIT 5"
    )
    with library.library.reading() as session:
        plan = " ".join(
            str(row[-1]) for row in session.execute(query, {"review": review.id.hex})
        )
    library.close()
    assert "ix_events_timeline_order" in plan
    assert "TEMP B-TREE" not in plan


def test_unknown_review_rejected(tmp_path: Path) -> None:
    library, _review = stored(tmp_path, [])
    with pytest.raises(LibraryError, match="not found"):
        library.timeline_head(uuid4(), 5)
    library.close()


timed_events = st.builds(
    event,
    minutes=st.integers(-3000, 3000),
    precision=st.sampled_from(list(TimePrecision)),
    zone=st.sampled_from(ZONES),
    disputed_minutes=st.none() | st.integers(-3000, 3000),
)


@settings(max_examples=30, deadline=None)
@given(events=st.lists(timed_events, max_size=25), count=st.integers(0, 30))
def test_head_matches_sort(events: list[TimelineEvent], count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        library, review = stored(Path(folder), events)
        head = library.timeline_head(review.id, count)
        library.close()
    expected = sort_timeline(review.events)[:count]
    assert [e.id for e in head.events] == [e.id for e in expected]


def test_small_review_head_empty(tmp_path: Path) -> None:
    library, review = stored(tmp_path, mixed_events())
    head = library.timeline_head(review.id, 5, min_total=9)
    library.close()
    assert head.events == []
    assert head.total == 8
