"""The base of the tabs that edit a review's records through dialogs."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from ...domain.entities import Entity
from ...domain.review import Review
from .. import errors
from ..context import ReviewContext
from ..dialogs.record_dialog import RecordDialog

# A record dialog class: (title, make, review, initial record, parent).
DialogType = Callable[..., RecordDialog[Any]]


class EditingTab(QWidget):
    """A tab that shows the selected review and edits it through the context.

    Every edit goes through `context`, which saves it at once and pushes one
    undo command named by the edit's text, such as "Add observation".
    """

    TITLE = ""

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def start(self) -> None:
        """Follow the context's review. Subclass constructors call this last."""
        self.context.review_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        review = self.context.review
        self.setEnabled(review is not None)
        self.show_review(review)

    def show_review(self, review: Review | None) -> None:
        """Fill the widgets from a review, or empty them when it is None."""
        raise NotImplementedError

    def exec_dialog(self, dialog: RecordDialog) -> bool:
        """Show a record dialog modally and return whether it was accepted.

        Tests replace this method to fill in and accept the dialog themselves.
        """
        return dialog.exec() == QDialog.DialogCode.Accepted

    def add_through(self, dialog: RecordDialog, text: str) -> Entity | None:
        """Show a dialog and save the record it builds as a new one."""
        if not self.exec_dialog(dialog) or dialog.record is None:
            return None
        record = dialog.record
        return errors.attempt(self, text, lambda: self.context.add_record(record, text))

    def edit_through(
        self, before: Entity, dialog: RecordDialog, text: str
    ) -> Entity | None:
        """Show a dialog over a record and save its changes, if there are any."""
        if not self.exec_dialog(dialog) or dialog.record is None:
            return None
        after = dialog.record
        if after.model_dump() == before.model_dump():
            return before
        return errors.attempt(
            self, text, lambda: self.context.update_record(before, after, text)
        )

    def add_in(
        self, dialog_type: DialogType, text: str, initial: Entity
    ) -> Entity | None:
        """Open a dialog over a blank record, titled `text`, and add what it builds."""
        review = self.context.review
        if review is None:
            return None
        make = type(initial).model_validate
        return self.add_through(dialog_type(text, make, review, initial, self), text)

    def edit_in(
        self, dialog_type: DialogType, text: str, before: Entity
    ) -> Entity | None:
        """Open a dialog over a record, titled `text`, and save its changes."""
        review = self.context.review
        if review is None:
            return None

        def make(values: dict[str, Any]) -> Entity:
            return before.with_changes(**values)

        dialog = dialog_type(text, make, review, before, self)
        return self.edit_through(before, dialog, text)

    def delete(self, record: Entity, text: str) -> None:
        """Delete a record without confirmation, because undo puts it back."""
        errors.attempt(self, text, lambda: self.context.delete_record(record, text))
