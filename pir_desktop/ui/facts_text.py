"""Read-only texts about an incident's facts: review deadline and metrics."""

from datetime import datetime, timedelta

from ..domain.procedure import Procedure
from ..domain.review import ReviewFacts
from ..domain.rules import incident_metrics, review_due, review_required
from ..domain.times import format_duration, format_moment


def deadline_text(facts: ReviewFacts, procedure: Procedure, now: datetime) -> str:
    """Describe when the review meeting is due and whether it is late."""
    due = review_due(facts, procedure)
    if due is None:
        return "Review meeting due: no closure time yet, so no deadline."
    zone = facts.display_zone
    due_text = f"Review meeting due {format_moment(due, zone)}"
    if facts.meeting_at is not None:
        held = format_moment(facts.meeting_at, zone)
        if facts.meeting_at > due:
            late = format_duration(facts.meeting_at - due)
            return f"{due_text}. Meeting at {held}: {late} late."
        return f"{due_text}. Meeting at {held}: on time."
    left = due - now
    if left < timedelta(0):
        return f"{due_text} — overdue by {format_duration(-left)}."
    return f"{due_text} — in {format_duration(left)}."


def metrics_text(facts: ReviewFacts) -> str:
    """List the incident's durations; a missing milestone shows a dash."""
    metrics = incident_metrics(facts)
    parts = [
        ("Time to detect", metrics.time_to_detect),
        ("to contain", metrics.time_to_contain),
        ("to resolve", metrics.time_to_resolve),
        ("start to closure", metrics.time_to_close),
    ]
    return " · ".join(f"{name}: {_duration(value)}" for name, value in parts)


def _duration(value: timedelta | None) -> str:
    return "—" if value is None else format_duration(value)


def criteria_missing(facts: ReviewFacts) -> bool:
    """Return whether the incident is a P3 without a criterion needing a review."""
    return not review_required(facts.severity, facts.p3_criteria)
