"""Swimlane chart geometry: lanes, markers, honest precision and label placement."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import Actor, EventKind, Milestone, TimePrecision
from pir_desktop.domain.timeline_chart import (
    ChartStyle,
    LaneBy,
    MarkerShape,
    timeline_chart,
)

START = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def measure(text: str, size: float) -> float:
    """Approximate DejaVu Sans: every character 0.6 em wide."""
    return len(text) * size * 0.6


def event(minutes: float, **fields) -> TimelineEvent:
    values = {"description": f"Event at {minutes} min", **fields}
    return TimelineEvent(occurred_at=START + timedelta(minutes=minutes), **values)


def sample_events() -> list[TimelineEvent]:
    return [
        event(0, kind=EventKind.INITIAL_ACCESS, actor=Actor.ATTACKER),
        event(
            90,
            kind=EventKind.DETECTION,
            milestone=Milestone.DETECTION,
            actor=Actor.SYSTEM,
        ),
        event(
            120,
            kind=EventKind.CONTAINMENT,
            ends_at=START + timedelta(hours=30),
            actor=Actor.DEFENDER,
        ),
        event(200, kind=EventKind.DECISION, decision_point=True),
        event(300, kind=EventKind.CONTEXT, precision=TimePrecision.DAY),
        event(400, kind=EventKind.RECOVERY, precision=TimePrecision.APPROXIMATE),
    ]


def overlaps(first, second) -> bool:
    first_top = first.baseline - first.font_size
    second_top = second.baseline - second.font_size
    return (
        first.x < second.x + second.width
        and second.x < first.x + first.width
        and first_top < second.baseline
        and second_top < first.baseline
    )


def test_lanes_by_kind_in_enum_order():
    chart = timeline_chart(sample_events(), "UTC", measure)
    keys = [lane.key for lane in chart.lanes]
    assert keys == [
        "Context",
        "Initial access",
        "Detection",
        "Containment",
        "Recovery",
        "Decision",
    ]


def test_lanes_by_actor_include_unspecified():
    chart = timeline_chart(sample_events(), "UTC", measure, LaneBy.ACTOR)
    keys = [lane.key for lane in chart.lanes]
    assert keys == ["Defender", "Attacker", "System", "Unspecified"]


def test_markers_inside_bounds_and_their_lane():
    chart = timeline_chart(sample_events(), "Europe/London", measure)
    assert len(chart.markers) == 6
    for marker in chart.markers:
        lane = chart.lanes[marker.lane]
        assert chart.plot_left <= marker.x
        assert marker.right <= chart.plot_right + 1e-6
        assert lane.top <= marker.y
        assert marker.bottom <= lane.bottom
        for x, y in marker.outline:
            assert marker.x - 1e-6 <= x <= marker.right + 1e-6
            assert marker.y - 1e-6 <= y <= marker.bottom + 1e-6


def test_range_is_bar_from_start_to_end():
    events = sample_events()
    chart = timeline_chart(events, "UTC", measure)
    ranged = events[2]
    bar = next(m for m in chart.markers if m.event_id == ranged.id)
    assert bar.shape is MarkerShape.BAR
    assert bar.x == pytest.approx(chart.x_at(ranged.occurred_at))
    assert bar.right == pytest.approx(chart.x_at(ranged.ends_at))
    assert not bar.hatch


def test_imprecise_times_are_hatched_and_widened():
    events = sample_events()
    chart = timeline_chart(events, "UTC", measure)
    by_id = {m.event_id: m for m in chart.markers}
    exact = by_id[events[0].id]
    day = by_id[events[4].id]
    approximate = by_id[events[5].id]
    assert exact.shape is MarkerShape.POINT
    assert not exact.hatch
    assert day.hatch
    assert approximate.hatch
    assert approximate.width > exact.width
    midnight = datetime(2024, 5, 1, tzinfo=UTC)
    assert day.x == pytest.approx(chart.x_at(midnight), abs=0.5)
    assert day.right == pytest.approx(chart.x_at(midnight + timedelta(days=1)), abs=0.5)


def test_decision_point_is_highlighted_diamond():
    events = sample_events()
    chart = timeline_chart(events, "UTC", measure)
    decision = next(m for m in chart.markers if m.event_id == events[3].id)
    assert decision.shape is MarkerShape.DIAMOND
    assert decision.decision


def test_milestone_line_and_label():
    events = sample_events()
    chart = timeline_chart(events, "UTC", measure)
    assert len(chart.milestones) == 1
    mark = chart.milestones[0]
    assert mark.event_id == events[1].id
    assert mark.label is not None
    assert mark.label.text == "Detection"
    assert mark.top == pytest.approx(chart.lanes[0].top)
    assert mark.bottom == pytest.approx(chart.lanes[-1].bottom)


def test_day_ticks_at_local_midnight():
    chart = timeline_chart(sample_events(), "America/New_York", measure)
    day_ticks = [tick for tick in chart.ticks if tick.day]
    midnight = datetime(2024, 5, 2, 4, 0, tzinfo=UTC)
    assert any(tick.x == pytest.approx(chart.x_at(midnight)) for tick in day_ticks)
    texts = [label.text for label in chart.labels]
    assert "2024-05-02" in texts
    assert any(text.startswith("America/New_York") for text in texts)


def test_long_empty_stretch_becomes_break():
    events = [event(0), event(10), event(60 * 24 * 400)]
    chart = timeline_chart(events, "UTC", measure)
    assert len(chart.breaks) == 1
    near = [m for m in chart.markers if m.event_id in (events[0].id, events[1].id)]
    assert near[1].x - near[0].x > 5


def test_no_overlapping_labels_on_random_events():
    rng = random.Random(7)
    kinds = list(EventKind)
    events = [
        event(
            rng.uniform(0, 60 * 24 * 5),
            kind=rng.choice(kinds),
            description=" ".join(
                rng.choice(["alert", "host", "key"]) for _ in range(8)
            ),
            milestone=rng.choice([None] * 40 + list(Milestone)),
            precision=rng.choice(list(TimePrecision)),
        )
        for _ in range(500)
    ]
    chart = timeline_chart(events, "Europe/Berlin", measure, style=ChartStyle())
    texts = [*chart.labels, *(m.label for m in chart.milestones if m.label)]
    texts += [text for lane in chart.lanes for text in lane.header]
    for index, first in enumerate(texts):
        assert 0 <= first.x
        assert first.x + first.width <= chart.width + 1e-6
        for second in texts[index + 1 :]:
            assert not overlaps(first, second), (first, second)
    placed = len(chart.labels)
    assert chart.hidden_labels > 0
    assert placed > 0


def test_hidden_labels_counted_in_lane_header():
    events = [event(minute, kind=EventKind.ALERT) for minute in range(200)]
    chart = timeline_chart(events, "UTC", measure)
    lane = chart.lanes[0]
    assert lane.hidden_labels > 0
    assert lane.header[1].text == f"{lane.hidden_labels:,} labels hidden"


def test_no_events_rejected():
    with pytest.raises(ValueError, match="at least one event"):
        timeline_chart([], "UTC", measure)
