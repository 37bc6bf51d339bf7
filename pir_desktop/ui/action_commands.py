"""Action-plan edits that go through the library's use cases, with undo.

A status change is checked against the allowed transitions when the user
makes it. Undo and redo replay it without that check, because moving back
(Approved to Proposed) is not a transition the life cycle allows.
"""

from datetime import date
from uuid import UUID

from ..domain.entities import ActionItem, EffectivenessCheck, Entity
from ..domain.enums import ActionStatus, label
from ..store import LibraryError, StaleEditError
from .context import ReviewContext
from .undo import AddRecord, UpdateRecord


def write_action(
    context: ReviewContext, review_id: UUID, expected: ActionItem, values: ActionItem
) -> None:
    """Replace the stored action with `values` if it still matches `expected`.

    Undo and redo compare content rather than version, because an earlier
    command on the same action cannot know the versions that later commands
    wrote. A stored action that differs from `expected` was changed by
    someone else, so the replay raises StaleEditError and changes nothing.
    """
    stored = next(
        (a for a in context.library.load(review_id).actions if a.id == values.id), None
    )
    if stored is None:
        raise LibraryError(f"action {values.title!r} no longer exists")
    if _content(stored) != _content(expected):
        raise StaleEditError(
            f"action {values.title!r} was changed elsewhere", current=stored
        )
    context.library.update(
        values.model_copy(update={"version": stored.version}),
        check_transition=False,
    )


def _content(action: ActionItem) -> dict[str, object]:
    return action.model_dump(exclude={"version"})


class UpdateAction(UpdateRecord):
    """Undo command for an action whose status may have changed."""

    def __init__(
        self,
        context: ReviewContext,
        review_id: UUID,
        before: ActionItem,
        after: ActionItem,
        text: str,
    ) -> None:
        super().__init__(context, review_id, before, after, text)
        self.review_id = review_id
        self.action_before = before
        self.action_after = after

    def apply_undo(self) -> None:
        write_action(
            self.context, self.review_id, self.action_after, self.action_before
        )

    def apply_redo(self) -> None:
        write_action(
            self.context, self.review_id, self.action_before, self.action_after
        )


class RecordCheck(AddRecord):
    """Undo command for an effectiveness check and the status change it caused.

    Undo restores the action's status before it deletes the check, because
    a Not effective action needs its negative check to stay valid.
    """

    def __init__(
        self,
        context: ReviewContext,
        review_id: UUID,
        check: EffectivenessCheck,
        before: ActionItem,
        after: ActionItem,
    ) -> None:
        super().__init__(context, review_id, check, "Record effectiveness check")
        self.review_id = review_id
        self.before = before
        self.after = after

    def apply_undo(self) -> None:
        if self.before.status is not self.after.status:
            write_action(self.context, self.review_id, self.after, self.before)
        super().apply_undo()

    def apply_redo(self) -> None:
        super().apply_redo()
        if self.before.status is not self.after.status:
            write_action(self.context, self.review_id, self.before, self.after)


def _require_review_id(context: ReviewContext) -> UUID:
    review_id = context.review_id
    if review_id is None:
        raise RuntimeError("no review is selected")
    return review_id


def change_status(
    context: ReviewContext, action: ActionItem, status: ActionStatus, reason: str = ""
) -> ActionItem:
    """Move an action to `status`, saved at once and undoable.

    Raises ValueError (or a ValidationError) when the transition is not
    allowed, when cancelling without a reason, or when the status needs an
    effectiveness check that is missing.
    """
    review_id = _require_review_id(context)
    changes: dict[str, object] = {"status": status}
    if status is ActionStatus.CANCELLED:
        changes["cancel_reason"] = reason.strip()
    after = action.with_changes(**changes)
    stored: ActionItem = context.library.update(after)  # type: ignore[assignment]

    text = f"Mark “{action.title[:40]}” {label(status)}"
    command = UpdateAction(context, review_id, action, stored, text)
    context.undo_stack.push(command)
    context.reload()
    return stored


def add_progress(
    context: ReviewContext,
    action: ActionItem,
    reported_on: date,
    percent: int,
    note: str,
    by: str,
) -> Entity:
    """Store a progress report through the use case, which rejects a final action."""
    review_id = _require_review_id(context)
    stored = context.library.add_progress(
        review_id, action.id, percent, note, by, reported_on
    )
    context.undo_stack.push(
        AddRecord(context, review_id, stored, "Add progress update")
    )
    context.reload()
    return stored


def record_check(
    context: ReviewContext,
    action: ActionItem,
    checked_by: str,
    evidence: str,
    effective: bool,
) -> EffectivenessCheck:
    """Store an effectiveness check on a Done action.

    The use case moves the action to Not effective when the check fails, and
    the undo command puts back both the status and the check.
    """
    review_id = _require_review_id(context)
    check = context.library.record_effectiveness(
        review_id, action.id, checked_by, evidence, effective
    )
    after = next(
        a for a in context.library.load(review_id).actions if a.id == action.id
    )
    context.undo_stack.push(RecordCheck(context, review_id, check, action, after))
    context.reload()
    return check
