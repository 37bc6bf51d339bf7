"""The procedure tracker: the status of each procedure step of a review.

A step is done when it has evidence, derived from the review's data or
recorded by hand. Otherwise it is not applicable or in progress when its step
record has that status, overdue when its deadline has passed, and not started
in every other case. A not-applicable record wins over the deadline, an
in-progress record does not.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from .entities import StepRecord
from .enums import StepStatus
from .procedure import Procedure, Step
from .readiness import step_evidence
from .review import Review
from .rules import review_due


class TrackerStatus(StrEnum):
    DONE = "done"
    NOT_APPLICABLE = "not applicable"
    IN_PROGRESS = "in progress"
    NOT_STARTED = "not started"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class StepProgress:
    """One row of the tracker: a step, its status and who did it when."""

    step: Step
    status: TrackerStatus
    role: str
    by: str
    when: datetime | None
    evidence: str
    deadline: datetime | None


def step_deadline(review: Review, procedure: Procedure, step: Step) -> datetime | None:
    """Return when a step is due, or None when no deadline applies yet.

    Scheduling the meeting is due at the review deadline after closure. A step
    with `step_deadline_days` is due that many days after the meeting, or after
    the review deadline while no meeting is set.
    """
    due = review_due(review.facts, procedure)
    if step.evidence == "meeting_scheduled":
        return due
    if step.step_deadline_days is None:
        return None
    start = review.meeting_at or due
    if start is None:
        return None
    return start + timedelta(days=step.step_deadline_days)


def track_steps(
    review: Review, procedure: Procedure, now: datetime
) -> list[StepProgress]:
    """Return the tracker row of every procedure step, in step order."""
    return [_progress(review, procedure, step, now) for step in procedure.steps]


def _progress(
    review: Review, procedure: Procedure, step: Step, now: datetime
) -> StepProgress:
    record = _record(review, step.number)
    has_evidence, detail = step_evidence(review, procedure, step)
    deadline = step_deadline(review, procedure, step)

    if record is not None and record.status is StepStatus.NOT_APPLICABLE:
        status = TrackerStatus.NOT_APPLICABLE
    elif has_evidence:
        status = TrackerStatus.DONE
    elif deadline is not None and now > deadline:
        status = TrackerStatus.OVERDUE
    elif record is not None and record.status is StepStatus.IN_PROGRESS:
        status = TrackerStatus.IN_PROGRESS
    else:
        status = TrackerStatus.NOT_STARTED

    when = record.recorded_at if record is not None else None
    if when is None and has_evidence:
        when = _derived_when(review, step)
    return StepProgress(
        step=step,
        status=status,
        role=procedure.role_name(step.role),
        by=record.by if record else "",
        when=when,
        evidence=detail,
        deadline=deadline,
    )


def _record(review: Review, number: int) -> StepRecord | None:
    """Return the step's record; the first one counts, as in the readiness check."""
    return next((r for r in review.steps if r.step == number), None)


def _derived_when(review: Review, step: Step) -> datetime | None:
    """Return when the review's data shows the step happened, where it can.

    For the two meeting steps this is the meeting time itself.
    """
    if step.evidence in ("meeting_scheduled", "meeting_held"):
        return review.meeting_at
    if step.evidence == "approved" and review.approvals:
        return max(a.decided_at for a in review.approvals)
    if step.evidence == "actions_progressing" and review.progress:
        latest = max(p.reported_on for p in review.progress)
        return datetime.combine(latest, time(), tzinfo=UTC)
    if step.evidence == "actions_validated" and review.effectiveness:
        return max(c.checked_at for c in review.effectiveness)
    return None
