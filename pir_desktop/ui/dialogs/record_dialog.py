"""The base of the record dialogs built in code: a form that builds a record."""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from .. import errors

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

        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

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
        return self.make(self.values())
