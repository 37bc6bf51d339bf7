"""The review's timeline order: precision windows, precision, then stored order."""

import random
from datetime import UTC, datetime, timedelta, timezone

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import Severity, TimePrecision
from pir_desktop.domain.review import Review
from pir_desktop.domain.timeline_time import (
    sort_timeline,
    timeline_order,
    timeline_positions,
    timeline_sort_key,
)


def event(
    hour: int,
    minute: int,
    precision: TimePrecision,
    description: str,
    zone: str = "UTC",
) -> TimelineEvent:
    return TimelineEvent(
        occurred_at=datetime(2025, 5, 1, hour, minute, tzinfo=UTC),
        precision=precision,
        zone=zone,
        description=description,
    )


def ordered(*events: TimelineEvent) -> list[str]:
    review = Review(
        reference="ORDER-1", title="Order", severity=Severity.P3, events=list(events)
    )
    return [e.description for e in review.sorted_events()]


def test_hour_event_sorts_at_hour_start() -> None:
    later = event(10, 20, TimePrecision.EXACT, "exact 10:20")
    hour = event(10, 0, TimePrecision.HOUR, "some time 10:xx")
    at_ten = event(10, 0, TimePrecision.EXACT, "exact 10:00")
    before = event(9, 59, TimePrecision.EXACT, "exact 09:59")

    assert ordered(later, hour, at_ten, before) == [
        "exact 09:59",
        "exact 10:00",
        "some time 10:xx",
        "exact 10:20",
    ]


def test_mid_hour_time_sorts_by_window() -> None:
    # A time of 10:40 given with hour precision means only "10:xx", so it
    # sorts from 10:00.
    vague = event(10, 40, TimePrecision.HOUR, "10:xx, stated as 10:40")
    exact = event(10, 5, TimePrecision.EXACT, "exact 10:05")

    assert ordered(exact, vague) == ["10:xx, stated as 10:40", "exact 10:05"]


def test_hour_window_in_event_zone() -> None:
    # In Kolkata (+05:30) the local hour 16:xx starts at 10:30 UTC.
    kolkata = event(10, 45, TimePrecision.HOUR, "16:xx Kolkata", "Asia/Kolkata")
    exact = event(10, 35, TimePrecision.EXACT, "exact 10:35 UTC")

    assert ordered(exact, kolkata) == ["16:xx Kolkata", "exact 10:35 UTC"]


def test_equal_keys_keep_stored_order() -> None:
    names = [f"hour event {n}" for n in range(5)]
    events = [event(10, 0, TimePrecision.HOUR, name) for name in names]

    assert ordered(*events) == names
    assert ordered(*reversed(events)) == list(reversed(names))


def test_sharper_precision_first_on_tie() -> None:
    day = event(0, 0, TimePrecision.DAY, "that day")
    minute = event(0, 0, TimePrecision.MINUTE, "that minute")
    exact = event(0, 0, TimePrecision.EXACT, "exact midnight")

    assert ordered(day, minute, exact) == ["exact midnight", "that minute", "that day"]


def test_order_repeatable() -> None:
    events = [
        event(10, 0, TimePrecision.HOUR, "a"),
        event(10, 0, TimePrecision.EXACT, "b"),
        event(10, 30, TimePrecision.APPROXIMATE, "c"),
        event(10, 30, TimePrecision.EXACT, "d"),
    ]
    review = Review(
        reference="ORDER-2", title="Order", severity=Severity.P3, events=events
    )

    assert review.sorted_events() == review.sorted_events()
    assert [e.description for e in review.sorted_events()] == ["b", "a", "d", "c"]


def test_positions_match_sort_key() -> None:
    rng = random.Random(5)
    zones = ("UTC", "Asia/Kolkata", "America/New_York")
    events = []
    for number in range(2000):
        occurred = datetime(2025, 5, 1, tzinfo=UTC) + timedelta(
            minutes=rng.randrange(3 * 24 * 60)
        )
        disputed = rng.random() < 0.1
        events.append(
            TimelineEvent(
                occurred_at=occurred,
                precision=rng.choice(list(TimePrecision)),
                zone=rng.choice(zones),
                alternative_at=occurred - timedelta(minutes=90) if disputed else None,
                alternative_source="proxy log" if disputed else "",
                description=f"event {number}",
            )
        )

    expected = sorted(range(len(events)), key=lambda i: timeline_sort_key(events[i]))
    assert timeline_positions(events) == expected
    assert sort_timeline(events) == [events[i] for i in expected]


def test_order_from_fields_matches_key() -> None:
    events = [
        event(9, 30, precision, precision.value, zone)
        for precision in TimePrecision
        for zone in ("UTC", "Asia/Tokyo", "America/Los_Angeles")
    ]
    for item in events:
        fields = (item.occurred_at, item.zone, item.precision, item.alternative_at)
        assert timeline_order(*fields) == timeline_sort_key(item), item.description


def test_order_of_offset_time_is_utc() -> None:
    local = datetime(2025, 5, 1, 11, 30, tzinfo=timezone(timedelta(hours=2)))

    instant, rank = timeline_order(local, "+02:00", TimePrecision.EXACT, None)

    assert instant == datetime(2025, 5, 1, 9, 30, tzinfo=UTC)
    assert instant.tzinfo is UTC
    assert rank == 0
