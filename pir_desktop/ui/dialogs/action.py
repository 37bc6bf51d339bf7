"""The dialog for an action item."""

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ...domain.entities import ActionItem
from ...domain.enums import ActionStatus
from ...domain.review import Review
from .choices import factor_choices
from .fields import CheckList, EnumCombo, OptionalDate, text_box
from .record_dialog import Maker, RecordDialog


class ActionDialog(RecordDialog[ActionItem]):
    """Edit an action item: what, who, by when, how success is measured, and why."""

    def __init__(
        self,
        title: str,
        make: Maker[ActionItem],
        review: Review,
        initial: ActionItem,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, make, parent)
        self._build(review, initial)
        self._lay_out()

    def _build(self, review: Review, initial: ActionItem) -> None:
        self.title = QLineEdit(initial.title)
        self.description = text_box(initial.description, lines=3)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(sorted({p.name for p in review.participants}))
        self.owner.setCurrentText(initial.owner)
        self.owner.lineEdit().setPlaceholderText("Person accountable for the action")
        self.due_date = OptionalDate("Due by")
        self.due_date.set_value(initial.due_date)
        self.success_criteria = text_box(initial.success_criteria, lines=2)
        self.status = EnumCombo(ActionStatus)
        self.status.set_value(initial.status)
        self.factors = CheckList()
        self.factors.set_choices(factor_choices(review), initial.factor_ids)

    def _lay_out(self) -> None:
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Description", self.description)
        self.form.addRow("&Owner", self.owner)
        self.form.addRow("Due &date", self.due_date)
        self.form.addRow("Success &criteria", self.success_criteria)
        self.form.addRow("&Status", self.status)
        self.form.addRow("Addresses &factors", self.factors)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "owner": self.owner.currentText(),
            "due_date": self.due_date.value(),
            "success_criteria": self.success_criteria.toPlainText(),
            "status": self.status.value(),
            "factor_ids": self.factors.checked_ids(),
        }
