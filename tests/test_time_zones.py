"""Local times across daylight-saving changes, day labels and precision order."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import TimePrecision
from pir_desktop.domain.local_times import (
    AmbiguousTimeError,
    NonexistentTimeError,
    local_to_utc,
    localize,
)
from pir_desktop.domain.timeline_time import (
    day_labels,
    earliest_instant,
    precision_window,
    sort_timeline,
    zone_label,
)
from pir_desktop.domain.times import duration_between, format_moment


def test_london_summer_offset_used() -> None:
    moment = local_to_utc(datetime(2025, 7, 1, 10, 0), "Europe/London")
    assert moment == datetime(2025, 7, 1, 9, 0, tzinfo=UTC)


def test_london_winter_offset_used() -> None:
    moment = local_to_utc(datetime(2025, 1, 15, 10, 0), "Europe/London")
    assert moment == datetime(2025, 1, 15, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("local", "zone"),
    [
        (datetime(2025, 3, 30, 1, 30), "Europe/London"),
        (datetime(2025, 3, 9, 2, 30), "America/Los_Angeles"),
    ],
)
def test_gap_time_rejected(local: datetime, zone: str) -> None:
    with pytest.raises(NonexistentTimeError) as caught:
        localize(local, zone)
    message = str(caught.value)
    assert f"{local:%Y-%m-%d %H:%M}" in message
    assert zone in message


@pytest.mark.parametrize(
    ("local", "zone", "offsets", "utc_hours"),
    [
        (datetime(2025, 10, 26, 1, 30), "Europe/London", (1, 0), (0, 1)),
        (datetime(2025, 11, 2, 1, 30), "America/Los_Angeles", (-7, -8), (8, 9)),
    ],
)
def test_overlap_time_lists_both(
    local: datetime, zone: str, offsets: tuple[int, int], utc_hours: tuple[int, int]
) -> None:
    with pytest.raises(AmbiguousTimeError) as caught:
        localize(local, zone)
    error = caught.value
    assert error.offsets == [timedelta(hours=h) for h in offsets]
    assert [c.astimezone(UTC).hour for c in error.candidates] == list(utc_hours)
    assert zone in str(error)
    assert "fold" in str(error)


def test_overlap_fold_chooses() -> None:
    local = datetime(2025, 10, 26, 1, 30)
    earlier = local_to_utc(local, "Europe/London", fold=0)
    later = local_to_utc(local, "Europe/London", fold=1)
    assert earlier == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert later == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)


def test_fixed_offset_never_ambiguous() -> None:
    moment = local_to_utc(datetime(2025, 10, 26, 1, 30), "+01:00")
    assert moment == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)


def test_aware_input_rejected() -> None:
    with pytest.raises(ValueError, match="already has a zone"):
        localize(datetime(2025, 1, 1, tzinfo=UTC), "Europe/London")


def test_offset_labels_across_change() -> None:
    before = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)
    after = datetime(2025, 3, 30, 1, 30, tzinfo=UTC)
    assert zone_label(before, "Europe/London") == "GMT +00:00"
    assert zone_label(after, "Europe/London") == "BST +01:00"
    assert format_moment(before, "Europe/London").endswith("00:30 +00:00")
    assert format_moment(after, "Europe/London").endswith("02:30 +01:00")


def test_los_angeles_labels_across_change() -> None:
    before = datetime(2025, 11, 2, 8, 30, tzinfo=UTC)
    after = datetime(2025, 11, 2, 9, 30, tzinfo=UTC)
    assert zone_label(before, "America/Los_Angeles") == "PDT -07:00"
    assert zone_label(after, "America/Los_Angeles") == "PST -08:00"
    labels = day_labels([before, after], "America/Los_Angeles")
    assert labels == ["2025-11-02 01:30 -07:00", "01:30 -08:00"]


def test_duration_across_spring_forward() -> None:
    start = localize(datetime(2025, 3, 30, 0, 30), "Europe/London")
    end = localize(datetime(2025, 3, 30, 3, 30), "Europe/London")
    assert duration_between(start, end) == timedelta(hours=2)


def test_duration_across_fall_back() -> None:
    start = localize(datetime(2025, 11, 2, 0, 30), "America/Los_Angeles")
    end = localize(datetime(2025, 11, 2, 3, 30), "America/Los_Angeles")
    assert duration_between(start, end) == timedelta(hours=4)


def test_tokyo_day_differs_from_utc() -> None:
    moments = [
        datetime(2025, 5, 1, 14, 0, tzinfo=UTC),
        datetime(2025, 5, 1, 16, 0, tzinfo=UTC),
        datetime(2025, 5, 1, 17, 0, tzinfo=UTC),
    ]
    assert day_labels(moments, "UTC") == [
        "2025-05-01 14:00 +00:00",
        "16:00 +00:00",
        "17:00 +00:00",
    ]
    assert day_labels(moments, "Asia/Tokyo") == [
        "2025-05-01 23:00 +09:00",
        "2025-05-02 01:00 +09:00",
        "02:00 +09:00",
    ]


def test_day_window_follows_event_zone() -> None:
    moment = datetime(2025, 5, 1, 16, 0, tzinfo=UTC)
    start, end = precision_window(moment, "Asia/Tokyo", TimePrecision.DAY)
    assert start == datetime(2025, 5, 1, 15, 0, tzinfo=UTC)
    assert end == datetime(2025, 5, 2, 15, 0, tzinfo=UTC) - timedelta(microseconds=1)


def test_day_window_on_change_day() -> None:
    moment = datetime(2025, 3, 30, 12, 0, tzinfo=UTC)
    start, end = precision_window(moment, "Europe/London", TimePrecision.DAY)
    assert end - start == timedelta(hours=23) - timedelta(microseconds=1)


def test_hour_precision_formatted() -> None:
    moment = datetime(2025, 7, 1, 9, 40, tzinfo=UTC)
    text = format_moment(moment, "Europe/London", TimePrecision.HOUR)
    assert text == "2025-07-01 10:xx +01:00"


def event(hour: int, precision: TimePrecision, name: str) -> TimelineEvent:
    return TimelineEvent(
        occurred_at=datetime(2025, 5, 1, hour, 0, tzinfo=UTC),
        precision=precision,
        zone="UTC",
        description=name,
    )


def test_sort_uses_earliest_instant() -> None:
    exact = event(9, TimePrecision.EXACT, "exact at nine")
    day = event(12, TimePrecision.DAY, "some time that day")
    hour = event(9, TimePrecision.HOUR, "in the nine o'clock hour")
    ordered = sort_timeline([exact, hour, day])
    assert [e.description for e in ordered] == [
        "some time that day",
        "exact at nine",
        "in the nine o'clock hour",
    ]


def test_sort_keeps_stored_order_on_tie() -> None:
    first = event(9, TimePrecision.EXACT, "first")
    second = event(9, TimePrecision.EXACT, "second")
    assert [e.description for e in sort_timeline([first, second])] == [
        "first",
        "second",
    ]


def test_disputed_time_sorts_by_earlier() -> None:
    disputed = event(10, TimePrecision.EXACT, "disputed").with_changes(
        alternative_at=datetime(2025, 5, 1, 8, 0, tzinfo=UTC),
        alternative_source="firewall log",
    )
    assert earliest_instant(disputed) == datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


def test_alternative_needs_source() -> None:
    with pytest.raises(ValueError, match="alternative_source"):
        event(10, TimePrecision.EXACT, "x").with_changes(
            alternative_at=datetime(2025, 5, 1, 8, 0, tzinfo=UTC)
        )


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2037, 12, 31)),
    st.sampled_from(["Europe/London", "America/Los_Angeles", "Asia/Tokyo"]),
)
def test_localize_round_trips(local: datetime, zone: str) -> None:
    try:
        aware = localize(local, zone, fold=0)
    except NonexistentTimeError:
        return
    assert aware.replace(tzinfo=None) == local
    assert aware.astimezone(UTC).astimezone(aware.tzinfo).replace(tzinfo=None) == local


TOKYO_MAY_DAY = datetime(2024, 4, 30, 15, 0, tzinfo=UTC)  # 2024-05-01 00:00 in Tokyo


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Tokyo", "2024-05-01"),
        ("Europe/London", "2024-05-01 (Asia/Tokyo)"),
        ("America/Los_Angeles", "2024-05-01 (Asia/Tokyo)"),
        ("+09:00", "2024-05-01"),
    ],
)
def test_day_shown_in_source_calendar(zone: str, expected: str) -> None:
    text = format_moment(TOKYO_MAY_DAY, zone, TimePrecision.DAY, "Asia/Tokyo")
    assert text == expected


def test_month_shown_in_source_calendar() -> None:
    text = format_moment(
        TOKYO_MAY_DAY, "Europe/London", TimePrecision.MONTH, "Asia/Tokyo"
    )
    assert text == "2024-05 (Asia/Tokyo)"


def test_day_without_source_uses_display_zone() -> None:
    text = format_moment(TOKYO_MAY_DAY, "Europe/London", TimePrecision.DAY)
    assert text == "2024-04-30"


def test_exact_time_ignores_source_zone() -> None:
    text = format_moment(
        TOKYO_MAY_DAY, "Europe/London", TimePrecision.EXACT, "Asia/Tokyo"
    )
    assert text == "2024-04-30 16:00 +01:00"
