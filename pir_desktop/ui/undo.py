"""Undo commands for record edits.

Each command is pushed after its edit is saved, so its first redo() does
nothing. Later undo and redo calls replay through the library with the
version last written, so an edit made elsewhere in between is reported as a
stale write instead of being overwritten.
"""

from typing import TYPE_CHECKING
from uuid import UUID

from PySide6.QtGui import QUndoCommand

from ..domain.entities import Entity
from ..domain.review import CHILD_TYPES, ReviewFacts
from ..services import Deletion

if TYPE_CHECKING:
    from .context import ReviewContext


def shown_version(context: "ReviewContext", values: Entity, fallback: int) -> int:
    """Return the version of the record as this window last loaded it.

    Undo and redo write with that version, so a later command on the same
    record still matches, while an edit made elsewhere since the last load
    is reported as stale.
    """
    review = context.review
    if review is None:
        return fallback
    if isinstance(values, ReviewFacts):
        return review.version if review.id == values.id else fallback
    for field, record_type in CHILD_TYPES.items():
        if isinstance(values, record_type):
            for record in getattr(review, field):
                if record.id == values.id:
                    return record.version
    return fallback


class _SavedCommand(QUndoCommand):
    def __init__(self, context: "ReviewContext", text: str) -> None:
        super().__init__(text)
        self.context = context
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self._run(self.apply_redo, "Redo")

    def undo(self) -> None:
        self._run(self.apply_undo, "Undo")

    def _run(self, step, verb: str) -> None:  # noqa: ANN001
        # Qt calls redo/undo from C++, where a Python exception would be lost,
        # so failures are reported through the context and the command retired.
        try:
            step()
        except Exception as exc:  # noqa: BLE001
            self.setObsolete(True)
            self.context.report_error(f"{verb} {self.text()} failed", exc)
        self.context.reload()

    def apply_redo(self) -> None:
        raise NotImplementedError

    def apply_undo(self) -> None:
        raise NotImplementedError


class AddRecord(_SavedCommand):
    def __init__(
        self, context: "ReviewContext", review_id: UUID, entity: Entity, text: str
    ):
        super().__init__(context, text)
        self.deletion = Deletion(review_id, [entity])

    def apply_undo(self) -> None:
        entity = self.deletion.removed[0]
        self.deletion = self.context.library.delete(self.deletion.review_id, entity)

    def apply_redo(self) -> None:
        self.context.library.restore(self.deletion)


class DeleteRecord(_SavedCommand):
    def __init__(self, context: "ReviewContext", deletion: Deletion, text: str) -> None:
        super().__init__(context, text)
        self.deletion = deletion

    def apply_undo(self) -> None:
        self.context.library.restore(self.deletion)

    def apply_redo(self) -> None:
        entity = self.deletion.removed[0]
        self.deletion = self.context.library.delete(self.deletion.review_id, entity)


class UpdateRecord(_SavedCommand):
    def __init__(
        self,
        context: "ReviewContext",
        review_id: UUID,
        before: Entity,
        after: Entity,
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.before = before
        self.after = after
        self.written = after.version

    def _write(self, values: Entity) -> None:
        version = shown_version(self.context, values, self.written)
        stored = self.context.library.update(
            values.model_copy(update={"version": version})
        )
        self.written = stored.version

    def apply_undo(self) -> None:
        self._write(self.before)

    def apply_redo(self) -> None:
        self._write(self.after)


class UpdateFacts(_SavedCommand):
    def __init__(
        self,
        context: "ReviewContext",
        before: ReviewFacts,
        after: ReviewFacts,
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.before = before
        self.after = after
        self.written = after.version

    def _write(self, values: ReviewFacts) -> None:
        update = {"version": shown_version(self.context, values, self.written)}
        stored = self.context.library.update_facts(values.model_copy(update=update))
        self.written = stored.version

    def apply_undo(self) -> None:
        self._write(self.before)
        self.context.library_changed.emit()

    def apply_redo(self) -> None:
        self._write(self.after)
        self.context.library_changed.emit()
