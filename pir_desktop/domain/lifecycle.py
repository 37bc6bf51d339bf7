"""The life cycle of an action item: allowed status changes and their evidence.

Proposed → Approved → In progress → Done → Verified effective is the normal
path. A done action that fails its effectiveness check becomes Not effective
and goes back to In progress. Any status except a final one can become
Cancelled. Verified effective and Cancelled are final.
"""

from collections.abc import Iterable

from .entities import ActionItem, EffectivenessCheck
from .enums import ActionStatus, label

FINAL_STATUSES = frozenset({ActionStatus.VERIFIED, ActionStatus.CANCELLED})

# Statuses an action may move to from each status, besides staying where it is.
NEXT_STATUSES: dict[ActionStatus, tuple[ActionStatus, ...]] = {
    ActionStatus.PROPOSED: (ActionStatus.APPROVED, ActionStatus.CANCELLED),
    ActionStatus.APPROVED: (ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED),
    ActionStatus.IN_PROGRESS: (ActionStatus.DONE, ActionStatus.CANCELLED),
    ActionStatus.DONE: (
        ActionStatus.VERIFIED,
        ActionStatus.NOT_EFFECTIVE,
        ActionStatus.CANCELLED,
    ),
    ActionStatus.NOT_EFFECTIVE: (ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED),
    ActionStatus.VERIFIED: (),
    ActionStatus.CANCELLED: (),
}


def check_transition(old: ActionStatus, new: ActionStatus) -> None:
    """Raise ValueError unless an action may move from `old` to `new`.

    Keeping the same status is always allowed, so other fields of a final
    action can still be corrected.
    """
    if new is old or new in NEXT_STATUSES[old]:
        return
    allowed = ", ".join(label(s) for s in NEXT_STATUSES[old]) or "none, it is final"
    raise ValueError(
        f"an action cannot move from {label(old)} to {label(new)}: "
        f"allowed next statuses are {allowed}"
    )


def check_status_evidence(
    action: ActionItem, checks: Iterable[EffectivenessCheck]
) -> None:
    """Raise ValueError when the action's status contradicts its latest check.

    Verified effective needs a latest effectiveness check on this action with
    effective=True, and Not effective needs one with effective=False.
    """
    own = [c for c in checks if c.action_id == action.id]
    latest = max(own, key=lambda c: c.checked_at) if own else None
    if action.status is ActionStatus.VERIFIED and (
        latest is None or not latest.effective
    ):
        raise ValueError(
            f"action {action.title!r} cannot be Verified effective: its latest "
            "effectiveness check must find it effective, so record that check first"
        )
    if action.status is ActionStatus.NOT_EFFECTIVE and (
        latest is None or latest.effective
    ):
        raise ValueError(
            f"action {action.title!r} cannot be Not effective: its latest "
            "effectiveness check must find it not effective, so record that check first"
        )
