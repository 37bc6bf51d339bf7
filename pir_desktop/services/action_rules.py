"""Checks that the library applies before it stores an action or an approval."""

from ..domain.actions import is_participant, participant_names
from ..domain.entities import ActionItem
from ..domain.lifecycle import check_status_evidence, check_transition
from ..domain.procedure import Procedure
from ..domain.review import Review


def check_owner(action: ActionItem, review: Review) -> None:
    """Raise ValueError unless the action's owner is a participant of the review."""
    if is_participant(action.owner, review):
        return
    names = ", ".join(participant_names(review)) or "none yet"
    raise ValueError(
        f"owner {action.owner!r} is not a participant of review {review.reference}: "
        f"add them as a participant on the Overview tab or choose one of: {names}"
    )


def check_action(
    action: ActionItem,
    review: Review,
    stored: ActionItem | None,
    transition: bool = True,
) -> None:
    """Raise ValueError when a new or changed action breaks an action-plan rule.

    The owner must be a participant; a changed status must be an allowed
    transition from the stored one (unless `transition` is False); and a
    verified or not-effective status needs the matching effectiveness check.
    """
    check_owner(action, review)
    if stored is not None and transition:
        check_transition(stored.status, action.status)
    check_status_evidence(action, review.effectiveness)


def check_approver_role(role: str, procedure: Procedure) -> None:
    """Raise ValueError unless `role` is the role that signs off the review.

    The role may be given by its id ("ciso") or its display name ("CISO").
    """
    step = procedure.approval_step()
    if step is None:
        return
    accepted = {step.role.casefold(), procedure.role_name(step.role).casefold()}
    if role.strip().casefold() in accepted:
        return
    name = procedure.role_name(step.role)
    raise ValueError(
        f"role {role!r} cannot approve this review: step {step.number} "
        f"({step.title}) assigns the approval to the {name} role, so record the "
        f"decision as {name}"
    )
