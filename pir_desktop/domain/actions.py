"""The SMART check of an action item: what it lacks to be specific and measurable.

Each finding names one gap. The gaps are: no measurable success criterion, no
owner, an owner who is not a participant of the review, no due date, a due
date in the past or beyond the procedure's limit, and no link to a factor or
lesson.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .entities import ActionItem
from .enums import ActionStatus
from .procedure import Procedure
from .review import Review

# A success criterion counts as measurable when it contains any of these: a
# number (digits or a number word), a threshold or quantifier ("at least",
# "within", "every", "no"), or a verb that names a check ("audit", "scan",
# "alert"). The heuristic is deliberately simple so that a user can see why a
# criterion passed. It also accepts vague text that happens to use such a word.
_NUMBER = r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|hundred)\b"
_THRESHOLD = (
    r"\b(?:at least|at most|no more than|less than|fewer than|more than|within|"
    r"every|each|all|none|no|never|always|per|percent)\b"
)
_CHECK_VERB = (
    r"\b(?:measur|count|audit|scan|test|verif|confirm|alert|report|pass|fail|"
    r"find|finds|found|detect)\w*"
)
MEASURABLE = re.compile("|".join((_NUMBER, _THRESHOLD, _CHECK_VERB)), re.IGNORECASE)

# Statuses in which a due date in the past means the action is late.
OPEN_STATUSES = frozenset(
    {
        ActionStatus.PROPOSED,
        ActionStatus.APPROVED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.NOT_EFFECTIVE,
    }
)


@dataclass(frozen=True)
class SmartFinding:
    """One gap in an action item; `code` is stable, `message` is for people."""

    code: str
    message: str


def is_measurable(criterion: str) -> bool:
    """Return whether a success criterion contains a number, threshold or check."""
    return bool(criterion.strip()) and MEASURABLE.search(criterion) is not None


def participant_names(review: Review) -> list[str]:
    """Return the review's participant names, sorted and without repeats."""
    return sorted({p.name for p in review.participants})


def is_participant(owner: str, review: Review) -> bool:
    """Return whether `owner` is a participant name, ignoring case and spaces."""
    expected = owner.strip().casefold()
    return any(p.name.strip().casefold() == expected for p in review.participants)


def due_limit(review: Review, procedure: Procedure, today: date) -> date:
    """Return the latest due date the procedure allows for the review's actions."""
    start = review.closed_at.date() if review.closed_at is not None else today
    return start + timedelta(days=procedure.action_due_max_days)


def smart_findings(
    action: ActionItem, review: Review, procedure: Procedure, today: date
) -> list[SmartFinding]:
    """Check an action against the SMART rules; an empty list means it passes."""
    findings = _criterion_findings(action) + _owner_findings(action, review)
    findings += _due_findings(action, review, procedure, today)
    if not action.factor_ids and not action.lesson_ids:
        findings.append(
            SmartFinding(
                "no_link", "not linked to a contributing factor or lesson learned"
            )
        )
    return findings


def _criterion_findings(action: ActionItem) -> list[SmartFinding]:
    if not action.success_criteria.strip():
        return [SmartFinding("no_criterion", "no success criterion")]
    if not is_measurable(action.success_criteria):
        return [
            SmartFinding(
                "not_measurable",
                "the success criterion states no number, threshold or check",
            )
        ]
    return []


def _owner_findings(action: ActionItem, review: Review) -> list[SmartFinding]:
    if not action.owner.strip():
        return [SmartFinding("no_owner", "no owner")]
    if not is_participant(action.owner, review):
        return [
            SmartFinding(
                "owner_not_participant",
                f"owner {action.owner!r} is not a participant of this review",
            )
        ]
    return []


def _due_findings(
    action: ActionItem, review: Review, procedure: Procedure, today: date
) -> list[SmartFinding]:
    if action.due_date is None:
        return [SmartFinding("no_due_date", "no due date")]
    findings = []
    if action.status in OPEN_STATUSES and action.due_date < today:
        findings.append(
            SmartFinding(
                "due_date_past", f"the due date {action.due_date} is in the past"
            )
        )
    limit = due_limit(review, procedure, today)
    if action.due_date > limit:
        findings.append(
            SmartFinding(
                "due_date_beyond_policy",
                f"the due date {action.due_date} is after {limit}, the latest the "
                f"procedure allows ({procedure.action_due_max_days} days)",
            )
        )
    return findings
