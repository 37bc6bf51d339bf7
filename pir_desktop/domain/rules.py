"""Rules over an incident's facts: review deadline, P3 eligibility, metrics.

`timeline_metrics` derives the metrics from the events marked as milestones
and falls back to these facts where no event is marked.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from .enums import P3Criterion, Severity
from .milestones import TimelineMetrics, timeline_metrics
from .procedure import Procedure
from .review import ReviewFacts

__all__ = [
    "Metrics",
    "TimelineMetrics",
    "incident_metrics",
    "review_due",
    "review_required",
    "time_left",
    "timeline_metrics",
]


def review_required(severity: Severity, criteria: list[P3Criterion]) -> bool:
    """Return whether the procedure requires a formal review.

    P1 and P2 always need one; a P3 needs one only with at least one criterion
    (novel attack vector, significant user impact, regulatory implications).
    """
    if severity is Severity.P3:
        return bool(criteria)
    return True


def review_due(facts: ReviewFacts, procedure: Procedure) -> datetime | None:
    """Return when the review meeting is due, or None before the incident closes.

    The deadline counts elapsed hours from closure (72 for P1 and P2, 168 for
    P3 in RES-PROC-002), so a daylight-saving change moves the local clock
    time of the deadline, not its length.
    """
    if facts.closed_at is None:
        return None
    return facts.closed_at + timedelta(
        hours=procedure.review_deadline_hours[facts.severity]
    )


def time_left(
    facts: ReviewFacts, procedure: Procedure, now: datetime
) -> timedelta | None:
    """Return the time until the meeting is due; negative when overdue."""
    due = review_due(facts, procedure)
    return None if due is None else due - now


@dataclass(frozen=True)
class Metrics:
    """Durations between the incident's milestones; None where one is missing.

    Time to detect runs from the start of malicious activity to detection;
    time to contain and time to resolve run from detection.
    """

    time_to_detect: timedelta | None
    time_to_contain: timedelta | None
    time_to_resolve: timedelta | None
    time_to_close: timedelta | None


def _between(start: datetime | None, end: datetime | None) -> timedelta | None:
    if start is None or end is None:
        return None
    return end - start


def incident_metrics(facts: ReviewFacts) -> Metrics:
    """Compute the incident's durations from its milestone timestamps."""
    return Metrics(
        time_to_detect=_between(facts.started_at, facts.detected_at),
        time_to_contain=_between(facts.detected_at, facts.contained_at),
        time_to_resolve=_between(facts.detected_at, facts.resolved_at),
        time_to_close=_between(facts.started_at, facts.closed_at),
    )
