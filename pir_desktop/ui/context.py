"""The open library and selected review that every tab edits.

Tabs never write through the library directly: they call the edit methods
here, which save the change at once and push an undo command, so every edit
is saved and undoable in the same way.
"""

import logging
from uuid import UUID

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..domain.entities import Entity
from ..domain.review import Review, ReviewFacts
from ..services import ReviewLibrary
from .undo import AddRecord, DeleteRecord, UpdateFacts, UpdateRecord

log = logging.getLogger(__name__)


class ReviewContext(QObject):
    """The library, the selected review and the undo stack of one window."""

    review_changed = Signal()
    library_changed = Signal()
    error = Signal(str, str)  # title, message: shown by the window

    def __init__(self, library: ReviewLibrary, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self.review: Review | None = None

    @property
    def review_id(self) -> UUID | None:
        return None if self.review is None else self.review.id

    def select(self, review_id: UUID | None) -> None:
        """Show another review; its undo history starts empty."""
        self.undo_stack.clear()
        self.review = None if review_id is None else self.library.load(review_id)
        self.review_changed.emit()

    def reload(self) -> None:
        """Reload the selected review from the library and tell the views."""
        if self.review is not None:
            self.review = self.library.load(self.review.id)
        self.review_changed.emit()

    def _require_review(self) -> Review:
        if self.review is None:
            raise RuntimeError("no review is selected")
        return self.review

    def add_record(self, entity: Entity, text: str) -> Entity:
        """Save a new record in the selected review; undo deletes it."""
        review = self._require_review()
        stored = self.library.add(review.id, entity)
        self.undo_stack.push(AddRecord(self, review.id, stored, text))
        self.reload()
        return stored

    def update_record(self, before: Entity, after: Entity, text: str) -> Entity:
        """Save changed fields of a record; `before` is the record as shown."""
        review = self._require_review()
        stored = self.library.update(after)
        self.undo_stack.push(UpdateRecord(self, review.id, before, stored, text))
        self.reload()
        return stored

    def delete_record(self, entity: Entity, text: str) -> None:
        """Delete a record and everything that depends on it; undo restores all."""
        review = self._require_review()
        deletion = self.library.delete(review.id, entity)
        self.undo_stack.push(DeleteRecord(self, deletion, text))
        self.reload()

    def update_facts(self, after: ReviewFacts, text: str) -> ReviewFacts:
        """Save changed incident facts of the selected review."""
        review = self._require_review()
        before = review.facts
        stored = self.library.update_facts(after)
        self.undo_stack.push(UpdateFacts(self, before, stored, text))
        self.reload()
        self.library_changed.emit()
        return stored

    def report_error(self, title: str, exc: Exception) -> None:
        log.error("%s: %s", title, exc)
        self.error.emit(title, str(exc))
