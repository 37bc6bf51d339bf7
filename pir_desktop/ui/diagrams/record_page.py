"""Base page of the Root cause tab that edits a list of whole diagram records.

The page shows one record at a time, chosen by title in a combo box, above
its diagram. Every change adds, updates or deletes a whole record through
the review context, so each one is an undo step, and a user error is shown
in a dialog instead of being raised.
"""

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar
from uuid import UUID

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QPushButton, QWidget

from ...domain.fault_tree_record import FaultTreeRecord
from ...domain.fishbone_record import FishboneRecord
from ...domain.review import Review
from .. import errors
from ..context import ReviewContext
from ..status import show_status
from .view import DiagramView

RecordT = TypeVar("RecordT", bound=FaultTreeRecord | FishboneRecord)
Result = TypeVar("Result")


def run_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class RecordPage(QWidget, Generic[RecordT]):
    """Base page with a chooser of a review's records, buttons and the chosen diagram.

    Subclasses return the review's records from `review_records`, draw the
    chosen one in `show_record` and switch their commands in
    `enable_commands`. The dialog runner is an attribute, so a test can
    fill in and accept dialogs without showing them.
    """

    # The chooser's only entry when the review has no records, or None.
    EMPTY_ENTRY: str | None = None

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current_id: UUID | None = None
        self.run_dialog: Callable[[QDialog], bool] = run_dialog

    def _build_common(self, name: str, buttons: list[tuple[str, str]]) -> None:
        """Create the chooser, the (text, tooltip) buttons, the view and the labels.

        `name` is the accessible name of the chooser. The view and the status
        line get `name` with " diagram" and " status" appended.
        """
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName(name)
        self.chooser.setMinimumContentsLength(30)
        self.buttons: dict[str, QPushButton] = {}
        for text, tip in buttons:
            button = QPushButton(text, self)
            button.setAccessibleName(text.rstrip("…"))
            button.setToolTip(tip)
            self.buttons[text] = button
        self.view = DiagramView(self)
        self.view.setAccessibleName(f"{name} diagram")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(f"{name} status")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)

    # Subclass hooks

    def review_records(self, review: Review) -> Sequence[RecordT]:
        raise NotImplementedError

    def show_record(self) -> None:
        """Draw the chosen record, or the page's empty state when none is chosen."""
        raise NotImplementedError

    def enable_commands(self, has_review: bool, has_records: bool) -> None:
        raise NotImplementedError

    # Choosing

    def records(self) -> list[RecordT]:
        review = self.context.review
        return [] if review is None else list(self.review_records(review))

    def current(self) -> RecordT | None:
        return next((r for r in self.records() if r.id == self.current_id), None)

    def refresh(self) -> None:
        """Fill the chooser from the review and show the chosen record.

        When the chosen record is gone, the first one is chosen.
        """
        records = self.records()
        if self.current() is None:
            self.current_id = records[0].id if records else None
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for record in records:
            self.chooser.addItem(record.title, str(record.id))
        if not records and self.EMPTY_ENTRY is not None:
            self.chooser.addItem(self.EMPTY_ENTRY, "")
        key = "" if self.current_id is None else str(self.current_id)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(key)))
        self.chooser.blockSignals(False)
        self.enable_commands(self.context.review is not None, bool(records))
        self.show_record()

    def _choose(self, index: int) -> None:
        data = self.chooser.itemData(index)
        self.current_id = UUID(data) if data else None
        self.chosen_changed()

    def chosen_changed(self) -> None:
        """Show the record just chosen in the chooser."""
        self.show_record()

    def choose(self, record_id: UUID) -> None:
        """Show the stored record with this id."""
        self.current_id = record_id
        self.refresh()

    def tell(self, text: str) -> None:
        """Show a short message under the diagram and in the window's status bar."""
        self.status.setText(text)
        show_status(self, text)

    # Storing whole records

    def attempt(self, title: str, action: Callable[[], Result]) -> Result | None:
        """Run an edit and return its result, or None after showing a user error."""
        return errors.attempt(self, title, action)

    def _add(self, record: RecordT, title: str) -> None:
        """Store a new record as one undo step and choose it."""
        stored = self.context.add_record(record, title)
        self.choose(stored.id)

    def delete_chosen(self, noun: str) -> None:
        """Delete the chosen record as one undo step, then choose the first one left."""
        record = self.current()
        if record is None:
            return
        self.current_id = None
        title = f"Delete {noun} “{record.title}”"
        self.attempt(title, lambda: self.context.delete_record(record, title))
