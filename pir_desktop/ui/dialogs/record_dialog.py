"""The base of the record dialogs built in code: a form that builds a record."""

from collections.abc import Callable
from typing import Any, Generic, TypeVar
from uuid import UUID

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.review import Review
from .. import errors
from ..hints import LiveHint

Built = TypeVar("Built")
Maker = Callable[[dict[str, Any]], Built]


class RecordDialog(QDialog, Generic[Built]):
    """A form whose OK builds a record from the field values.

    `make` turns the values into a validated record: the model's
    `model_validate` for a new record, or `before.with_changes` for an edit.
    Invalid values keep the dialog open and show a message naming the field,
    so nothing is saved.
    """

    def __init__(self, title: str, make: Maker[Built], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        self.make = make
        self.record: Built | None = None
        self.sensitive: QCheckBox | None = None
        self.hints: list[LiveHint] = []

        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.extras = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(self.extras)
        layout.addWidget(self.buttons)

    def track_sensitive(self, checked: bool) -> QCheckBox:
        """Add the record's Sensitive check box; OK stores it as `sensitive`."""
        self.sensitive = sensitive_box(checked)
        self.extras.addWidget(self.sensitive)
        return self.sensitive

    def watch_wording(
        self, edit: QPlainTextEdit | QLineEdit, review: Review, record_id: UUID | None
    ) -> LiveHint:
        """Show blameless-wording hints for a text field under the form."""
        hint = LiveHint(edit, review, record_id, self)
        hint.setAccessibleName("Wording hint")
        self.extras.insertWidget(len(self.hints), hint)
        self.hints.append(hint)
        return hint

    def values(self) -> dict[str, Any]:
        """Return the record fields as entered."""
        raise NotImplementedError

    def accept(self) -> None:
        record = errors.attempt(
            self, f"{self.windowTitle()}: invalid value", self._make_record
        )
        if record is None:
            return
        self.record = record
        super().accept()

    def _make_record(self) -> Built:
        values = self.values()
        if self.sensitive is not None:
            values["sensitive"] = self.sensitive.isChecked()
        return self.make(values)


def sensitive_box(checked: bool) -> QCheckBox:
    """Return the check box that marks a record sensitive."""
    box = QCheckBox("Sensiti&ve: hide while presenting, mask in the redacted report")
    box.setAccessibleName("Sensitive")
    box.setChecked(checked)
    return box
