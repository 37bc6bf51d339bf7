"""The open library and selected review that every tab edits.

Tabs never write through the library directly: they call the edit methods
here, which save the change at once and push an undo command, so every edit
is saved and undoable in the same way. An edit of a record that another
window or person changed since it was read goes to `choose_on_stale`, which
asks whether to keep the stored value or overwrite it.
"""

import logging
import re
from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ..domain.entities import Entity
from ..domain.review import CHILD_TYPES, Review, ReviewFacts
from ..services import ReviewLibrary
from ..store import LibraryError, StaleEditError
from .dialogs.stale import StaleChoice, ask_stale_choice
from .undo import AddRecord, DeleteRecord, UpdateFacts, UpdateRecord

log = logging.getLogger(__name__)

# Events read for a preview: more rows than a screen shows.
PREVIEW_ROWS = 200
# Reviews with fewer events load fast enough to show without a preview.
PREVIEW_MIN_EVENTS = 2000

Edited = TypeVar("Edited", bound=Entity)
# (parent widget, description of the record, my value, stored value) -> choice
StaleChooser = Callable[[QWidget | None, str, Entity, Entity], StaleChoice]


class ReviewContext(QObject):
    """The library, the selected review and the undo stack of one window."""

    review_changed = Signal()
    # A TimelineHead of the review being selected, sent before it is loaded.
    timeline_preview = Signal(object)
    library_changed = Signal()
    error = Signal(str, str)  # title, message: shown by the window

    def __init__(self, library: ReviewLibrary, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self.review: Review | None = None
        # Tests replace this to answer without a dialog.
        self.choose_on_stale: StaleChooser = ask_stale_choice

    @property
    def review_id(self) -> UUID | None:
        return None if self.review is None else self.review.id

    def select(self, review_id: UUID | None) -> None:
        """Show another review; its undo history starts empty.

        A review with many events is previewed first (`timeline_preview`), so
        its first timeline rows show while the rest of it is read.
        """
        self.undo_stack.clear()
        try:
            if review_id is not None:
                self._preview(review_id)
            self.review = None if review_id is None else self.library.load(review_id)
        except Exception:
            # Views that showed a preview show the review they showed before.
            self.review_changed.emit()
            raise
        self.review_changed.emit()

    def _preview(self, review_id: UUID) -> None:
        """Send the first events of a review with many events to the views.

        The load that follows keeps the event loop busy, so a view that shows
        the preview paints it at once rather than after the load.
        """
        head = self.library.timeline_head(review_id, PREVIEW_ROWS, PREVIEW_MIN_EVENTS)
        if head.total >= PREVIEW_MIN_EVENTS:
            log.info("Previewing %d of %d events", len(head.events), head.total)
            self.timeline_preview.emit(head)

    def reload(self) -> None:
        """Reload the selected review from the library and tell the views."""
        if self.review is not None:
            self.review = self.library.load(self.review.id, known=self.review)
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
        """Save changed fields of a record; `before` is the record as shown.

        When the record changed elsewhere, the user chooses between the stored
        value, which is returned unchanged, and overwriting it with `after`.
        """
        review = self._require_review()
        stored, replaced = self._save(before, after, self.library.update)
        if replaced is not None:
            self.undo_stack.push(UpdateRecord(self, review.id, replaced, stored, text))
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
        stored, replaced = self._save(review.facts, after, self.library.update_facts)
        if replaced is not None:
            self.undo_stack.push(UpdateFacts(self, replaced, stored, text))
        self.reload()
        self.library_changed.emit()
        return stored

    def _save(
        self, before: Edited, after: Edited, write: Callable[[Edited], Edited]
    ) -> tuple[Edited, Edited | None]:
        """Write `after` and return the stored value and the value it replaced.

        The replaced value is None when the user kept a value stored elsewhere,
        because then nothing was written and there is nothing to undo.
        """
        try:
            return write(after), before
        except StaleEditError as exc:
            return self._resolve_stale(after, exc, write)

    def _resolve_stale(
        self, mine: Edited, exc: StaleEditError, write: Callable[[Edited], Edited]
    ) -> tuple[Edited, Edited | None]:
        """Ask which value wins until one is stored; writes race in a loop."""
        while True:
            theirs = exc.current if exc.current is not None else self._stored(mine)
            assert isinstance(theirs, type(mine))
            log.info("Stale edit of %s %s", type(mine).__name__, mine.id)
            choice = self.choose_on_stale(
                self._dialog_parent(), describe_record(mine), mine, theirs
            )
            if choice is StaleChoice.KEEP_STORED:
                log.info("Kept the stored %s %s", type(mine).__name__, mine.id)
                return theirs, None
            try:
                update = {"version": theirs.version}
                return write(mine.model_copy(update=update)), theirs
            except StaleEditError as again:
                exc = again

    def _stored(self, entity: Entity) -> Entity:
        """Return the stored version of a record or of the review's facts."""
        review = self.library.load(self._require_review().id)
        if isinstance(entity, ReviewFacts):
            return review.facts
        for field, entity_type in CHILD_TYPES.items():
            if isinstance(entity, entity_type):
                for stored in getattr(review, field):
                    if stored.id == entity.id:
                        return stored
        raise LibraryError(f"{describe_record(entity)} no longer exists")

    def _dialog_parent(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def report_error(self, title: str, exc: Exception) -> None:
        log.error("%s: %s", title, exc)
        self.error.emit(title, str(exc))


def describe_record(entity: Entity) -> str:
    """Return a name such as "The timeline event" or "Review PIR-2024-031"."""
    if isinstance(entity, ReviewFacts):
        return f"Review {entity.reference}"
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", type(entity).__name__).lower()
    return f"The {words}"
