"""Metrics from milestone events, the facts fallback and ATT&CK ids."""

from datetime import UTC, datetime, timedelta

import pytest
from conftest import example_review
from pydantic import ValidationError

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import Milestone
from pir_desktop.domain.milestones import MilestoneOrderError, timeline_metrics
from pir_desktop.ui.timeline.metrics import MetricsPanel


def marked(hour: int, milestone: Milestone, text: str) -> TimelineEvent:
    return TimelineEvent(
        occurred_at=datetime(2024, 5, 2, hour, 0, tzinfo=UTC),
        description=text,
        milestone=milestone,
    )


def test_metrics_from_marked_events() -> None:
    events = [
        marked(6, Milestone.FIRST_MALICIOUS_ACTIVITY, "payload runs"),
        marked(8, Milestone.DETECTION, "EDR alert"),
        marked(9, Milestone.ACKNOWLEDGEMENT, "on-call acknowledges"),
        marked(12, Milestone.CONTAINMENT, "host isolated"),
        marked(20, Milestone.RECOVERY, "service restored"),
        marked(23, Milestone.CLOSURE, "incident closed"),
    ]
    metrics = timeline_metrics(events)
    assert metrics.time_to_detect == timedelta(hours=2)
    assert metrics.time_to_acknowledge == timedelta(hours=1)
    assert metrics.time_to_contain == timedelta(hours=4)
    assert metrics.time_to_recover == timedelta(hours=12)
    assert metrics.time_to_resolve == timedelta(hours=15)


def test_facts_fill_unmarked_milestones() -> None:
    facts = example_review().facts
    metrics = timeline_metrics([], facts)
    assert metrics.time_to_detect == timedelta(hours=1, minutes=35)
    assert metrics.time_to_contain == timedelta(hours=1, minutes=45)
    assert metrics.time_to_acknowledge is None


def test_marked_event_overrides_fact() -> None:
    facts = example_review().facts
    events = [marked(10, Milestone.DETECTION, "analyst confirms")]
    metrics = timeline_metrics(events, facts)
    assert metrics.time_to_detect == timedelta(hours=2, minutes=20)


def test_earliest_marked_event_wins() -> None:
    events = [
        marked(6, Milestone.FIRST_MALICIOUS_ACTIVITY, "payload runs"),
        marked(9, Milestone.DETECTION, "second alert"),
        marked(8, Milestone.DETECTION, "first alert"),
    ]
    assert timeline_metrics(events).time_to_detect == timedelta(hours=2)


def test_negative_duration_names_both() -> None:
    events = [
        marked(8, Milestone.DETECTION, "EDR alert"),
        marked(7, Milestone.CONTAINMENT, "host isolated"),
    ]
    with pytest.raises(MilestoneOrderError) as caught:
        timeline_metrics(events)
    message = str(caught.value)
    assert "time_to_contain" in message
    assert "'EDR alert'" in message
    assert "'host isolated'" in message


def test_negative_against_fact_named() -> None:
    facts = example_review().facts
    events = [marked(5, Milestone.DETECTION, "early alert")]
    with pytest.raises(MilestoneOrderError, match="review fact started_at"):
        timeline_metrics(events, facts)


@pytest.mark.parametrize("value", ["T1190", "T1059.001", "t1566", ""])
def test_attack_id_accepted(value: str) -> None:
    event = TimelineEvent(
        occurred_at=datetime(2024, 1, 1, tzinfo=UTC),
        description="x",
        attack_technique=value,
    )
    assert event.attack_technique == value.upper()


@pytest.mark.parametrize("value", ["T12", "T1059.1", "TA0001", "1190", "T1190.0001"])
def test_attack_id_rejected(value: str) -> None:
    with pytest.raises(ValidationError, match="ATT&CK"):
        TimelineEvent(
            occurred_at=datetime(2024, 1, 1, tzinfo=UTC),
            description="x",
            attack_technique=value,
        )


def test_metric_tooltips_name_milestones(qtbot) -> None:
    panel = MetricsPanel()
    qtbot.addWidget(panel)

    tip = panel.values["time_to_resolve"].toolTip()
    assert tip == "From the Detection milestone to the Closure milestone"
