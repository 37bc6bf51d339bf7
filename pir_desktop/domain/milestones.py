"""Incident metrics from the timeline events marked as milestones.

A milestone's time is the earliest event marked with it. Where no event is
marked, the review's fact is used instead: started_at for first malicious
activity, detected_at, contained_at, resolved_at for recovery and closed_at
for closure. Acknowledgement and eradication have no fact.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from .entities import TimelineEvent
from .enums import Milestone
from .review import ReviewFacts
from .times import duration_between

FACT_FOR_MILESTONE: dict[Milestone, str] = {
    Milestone.FIRST_MALICIOUS_ACTIVITY: "started_at",
    Milestone.DETECTION: "detected_at",
    Milestone.CONTAINMENT: "contained_at",
    Milestone.RECOVERY: "resolved_at",
    Milestone.CLOSURE: "closed_at",
}

# Each metric's name, and the milestones it runs from and to.
METRIC_SPANS: dict[str, tuple[Milestone, Milestone]] = {
    "time_to_detect": (Milestone.FIRST_MALICIOUS_ACTIVITY, Milestone.DETECTION),
    "time_to_acknowledge": (Milestone.DETECTION, Milestone.ACKNOWLEDGEMENT),
    "time_to_contain": (Milestone.DETECTION, Milestone.CONTAINMENT),
    "time_to_recover": (Milestone.DETECTION, Milestone.RECOVERY),
    "time_to_resolve": (Milestone.DETECTION, Milestone.CLOSURE),
}


class MilestoneOrderError(ValueError):
    """Two milestones in an order that would make a metric negative."""


@dataclass(frozen=True)
class MilestoneTime:
    """When a milestone happened and what states it: an event or a review fact."""

    milestone: Milestone
    at: datetime
    event: TimelineEvent | None = None
    fact: str = ""

    def describe(self) -> str:
        """Return the source and time for an error message."""
        stamp = self.at.isoformat()
        if self.event is not None:
            return f"event {self.event.description!r} ({stamp})"
        return f"review fact {self.fact} ({stamp})"


@dataclass(frozen=True)
class TimelineMetrics:
    """Durations between milestones, counted in UTC; None where one is missing.

    Time to detect runs from first malicious activity; the other four run
    from detection to acknowledgement, containment, recovery and closure.
    """

    time_to_detect: timedelta | None
    time_to_acknowledge: timedelta | None
    time_to_contain: timedelta | None
    time_to_recover: timedelta | None
    time_to_resolve: timedelta | None


def milestone_times(
    events: list[TimelineEvent], facts: ReviewFacts | None = None
) -> dict[Milestone, MilestoneTime]:
    """Return each known milestone's time: the earliest marked event, else the fact."""
    found: dict[Milestone, MilestoneTime] = {}
    for event in events:
        if event.milestone is None:
            continue
        known = found.get(event.milestone)
        if known is None or event.occurred_at < known.at:
            found[event.milestone] = MilestoneTime(
                event.milestone, event.occurred_at, event=event
            )

    if facts is not None:
        for milestone, name in FACT_FOR_MILESTONE.items():
            value = getattr(facts, name)
            if milestone not in found and value is not None:
                found[milestone] = MilestoneTime(milestone, value, fact=name)
    return found


def timeline_metrics(
    events: list[TimelineEvent], facts: ReviewFacts | None = None
) -> TimelineMetrics:
    """Compute the metrics; raise MilestoneOrderError if one would be negative."""
    times = milestone_times(events, facts)
    values: dict[str, timedelta | None] = {}
    for name, (start, end) in METRIC_SPANS.items():
        values[name] = _span(name, times.get(start), times.get(end))
    return TimelineMetrics(**values)


def _span(
    name: str, start: MilestoneTime | None, end: MilestoneTime | None
) -> timedelta | None:
    if start is None or end is None:
        return None
    duration = duration_between(start.at, end.at)
    if duration < timedelta(0):
        raise MilestoneOrderError(
            f"{name} would be negative: {end.milestone.value} at {end.describe()} "
            f"is before {start.milestone.value} at {start.describe()}. Correct one "
            "of the two times or move the milestone mark"
        )
    return duration
