"""A dialog around one Designer form, which validates its values before closing."""

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from .. import errors
from ..forms import Widget, child, load_form

Result = TypeVar("Result")


class FormDialog(QDialog, Generic[Result]):
    """A modal dialog showing forms/NAME.ui above OK and Cancel.

    `accept()` builds the result with `build()`. When that raises a user
    error, the dialog shows the error and stays open, so `result_value` is
    valid whenever `accepted` is emitted.
    """

    def __init__(self, form_name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = load_form(form_name, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.result_value: Result | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def field(self, kind: type[Widget], name: str) -> Widget:
        return child(self.form, kind, name)

    def build(self) -> Result:
        """Return the validated result; raise ValueError or ValidationError."""
        raise NotImplementedError

    def accept(self) -> None:
        builder: Callable[[], Result] = self.build
        value = errors.attempt(self, f"{self.windowTitle()}: invalid value", builder)
        if value is None:
            return
        self.result_value = value
        super().accept()
