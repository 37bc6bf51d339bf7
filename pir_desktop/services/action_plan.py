"""Use cases of the action plan after sign-off: progress and effectiveness.

`ReviewLibrary.add_progress` and `ReviewLibrary.record_effectiveness` call
these functions; each stores the new record and any status change it causes.
"""

import logging
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from uuid import UUID

from ..domain.entities import ActionItem, EffectivenessCheck, ProgressUpdate
from ..domain.enums import ActionStatus, label
from ..domain.lifecycle import FINAL_STATUSES
from ..domain.review import Review

if TYPE_CHECKING:
    from .library_service import ReviewLibrary

log = logging.getLogger(__name__)


def find_action(review: Review, action_id: UUID) -> ActionItem:
    """Return the review's action with this id; raise ValueError if it is absent."""
    action = next((a for a in review.actions if a.id == action_id), None)
    if action is None:
        raise ValueError(
            f"action {action_id} not found in review {review.reference}: "
            "reload the review, it may have been deleted"
        )
    return action


def add_progress(
    library: "ReviewLibrary",
    review_id: UUID,
    action_id: UUID,
    percent: int,
    note: str,
    by: str,
    reported_on: date,
) -> ProgressUpdate:
    """Store an owner's progress report on an action that is not final."""
    review = library.load(review_id)
    action = find_action(review, action_id)
    if action.status in FINAL_STATUSES:
        raise ValueError(
            f"action {action.title!r} is {label(action.status)}, which is final: "
            "progress can no longer be reported on it"
        )
    update = ProgressUpdate(
        action_id=action_id, percent=percent, note=note, by=by, reported_on=reported_on
    )
    stored = library.add(review_id, update)
    log.info("Recorded %s%% progress on action %s", percent, action_id)
    return stored  # type: ignore[return-value]


def record_effectiveness(
    library: "ReviewLibrary",
    review_id: UUID,
    action_id: UUID,
    checked_by: str,
    evidence: str,
    effective: bool,
) -> EffectivenessCheck:
    """Store an effectiveness check on a Done action.

    A check that finds the action not effective moves it to Not effective at
    once. A check that finds it effective lets its status become Verified
    effective. The check and the status change are two transactions, so a
    failed status change leaves the check stored and the action Done.
    """
    review = library.load(review_id)
    action = find_action(review, action_id)
    if action.status is not ActionStatus.DONE:
        raise ValueError(
            f"action {action.title!r} is {label(action.status)}: only a Done action "
            "can be checked for effectiveness"
        )
    check = EffectivenessCheck(
        action_id=action_id,
        checked_by=checked_by,
        checked_at=datetime.now(UTC),
        evidence=evidence,
        effective=effective,
    )
    stored = library.add(review_id, check)
    if not effective:
        library.update(action.with_changes(status=ActionStatus.NOT_EFFECTIVE))
    log.info("Recorded effectiveness check on action %s: %s", action_id, effective)
    return stored  # type: ignore[return-value]
