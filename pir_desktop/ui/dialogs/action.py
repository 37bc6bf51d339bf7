"""The dialog for an action item."""

from typing import Any
from uuid import UUID

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ...domain.entities import ActionItem
from ...domain.enums import ActionPriority, ActionStatus, ActionType, label
from ...domain.review import Review
from .choices import factor_choices, shorten
from .fields import CheckList, EnumCombo, OptionalDate, text_box
from .record_dialog import Maker, RecordDialog

TYPE_HINTS = {
    ActionType.ELIMINATE: "Eliminate: remove the cause",
    ActionType.PREVENT: "Prevent: stop it from happening again",
    ActionType.DETECT: "Detect: notice it sooner",
    ActionType.MITIGATE: "Mitigate: reduce the impact",
    ActionType.RECOVER: "Recover: restore service faster",
}


class ActionTypeCombo(QComboBox):
    """A choice of action type that may be left unset."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("Not set", None)
        for member in ActionType:
            self.addItem(TYPE_HINTS[member], member.value)

    def value(self) -> ActionType | None:
        data = self.currentData()
        return None if data is None else ActionType(data)

    def set_value(self, value: ActionType | None) -> None:
        index = 0 if value is None else self.findData(value.value)
        self.setCurrentIndex(max(0, index))


def lesson_choices(review: Review) -> list[tuple[UUID, str]]:
    """Return the lessons learned as (id, "Kind: text")."""
    return [
        (lesson.id, f"{label(lesson.kind)}: {shorten(lesson.text, 150)}")
        for lesson in review.lessons
    ]


class ActionDialog(RecordDialog[ActionItem]):
    """Edit an action item: what, who, by when, how success is measured, and why.

    The status is shown but not edited here: the tab's life-cycle buttons
    change it, so that every change is an allowed transition. The cancel
    reason can be edited only on a cancelled action.
    """

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
        self.track_sensitive(initial.sensitive)

    def _build(self, review: Review, initial: ActionItem) -> None:
        self.title = QLineEdit(initial.title)
        self.description = text_box(initial.description, lines=3)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(sorted({p.name for p in review.participants}))
        self.owner.setCurrentText(initial.owner)
        self.owner.lineEdit().setPlaceholderText("A participant of the review")
        self.due_date = OptionalDate("Due by")
        self.due_date.set_value(initial.due_date)
        self.success_criteria = text_box(initial.success_criteria, lines=2)
        self.success_criteria.setPlaceholderText(
            "A number, threshold or check, such as “no token older than 30 days”"
        )
        self._build_plan_fields(initial)
        self.factors = CheckList()
        self.factors.set_choices(factor_choices(review), initial.factor_ids)
        self.lessons = CheckList()
        self.lessons.set_choices(lesson_choices(review), initial.lesson_ids)

    def _build_plan_fields(self, initial: ActionItem) -> None:
        self.priority = EnumCombo(ActionPriority)
        self.priority.set_value(initial.priority)
        self.action_type = ActionTypeCombo()
        self.action_type.set_value(initial.action_type)
        self.ticket_url = QLineEdit(initial.ticket_url)
        self.ticket_url.setPlaceholderText("https://tracker.example/PROJ-123")
        self.status = QLabel(label(initial.status))
        self.cancel_reason = QLineEdit(initial.cancel_reason)
        self.cancel_reason.setEnabled(initial.status is ActionStatus.CANCELLED)
        self.cancel_reason.setPlaceholderText("Set by Cancel… on the Action plan tab")

    def _lay_out(self) -> None:
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Description", self.description)
        self.form.addRow("&Owner", self.owner)
        self.form.addRow("Due &date", self.due_date)
        self.form.addRow("Success &criteria", self.success_criteria)
        self.form.addRow("&Priority", self.priority)
        self.form.addRow("T&ype", self.action_type)
        self.form.addRow("Tic&ket link", self.ticket_url)
        self.form.addRow("Status", self.status)
        self.form.addRow("Cancel &reason", self.cancel_reason)
        self.form.addRow("Addresses &factors", self.factors)
        self.form.addRow("Follows from &lessons", self.lessons)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "owner": self.owner.currentText(),
            "due_date": self.due_date.value(),
            "success_criteria": self.success_criteria.toPlainText(),
            "priority": self.priority.value(),
            "action_type": self.action_type.value(),
            "ticket_url": self.ticket_url.text(),
            "cancel_reason": self.cancel_reason.text(),
            "factor_ids": self.factors.checked_ids(),
            "lesson_ids": self.lessons.checked_ids(),
        }
