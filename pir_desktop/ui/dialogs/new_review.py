"""The dialog that starts a new review in the open library."""

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ...domain.enums import Severity
from ...domain.review import Review
from .base import FormDialog


class NewReviewDialog(FormDialog[Review]):
    """Reference, title and severity of a new review; the rest is edited later."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("new_review_dialog", "New review", parent)
        self.reference = self.field(QLineEdit, "referenceEdit")
        self.title = self.field(QLineEdit, "titleEdit")
        self.severity = self.field(QComboBox, "severityCombo")

    def values(self) -> dict[str, object]:
        return {
            "reference": self.reference.text(),
            "title": self.title.text(),
            "severity": Severity(self.severity.currentText()),
        }

    def build(self) -> Review:
        return Review.model_validate(self.values())
