"""Dialogs that follow an action after sign-off: progress, effectiveness, cancel."""

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from ...domain.entities import ActionItem, EffectivenessCheck, ProgressUpdate
from .fields import text_box
from .record_dialog import RecordDialog


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class ProgressDialog(RecordDialog[ProgressUpdate]):
    """Ask for an owner's progress report on one action."""

    def __init__(
        self, action: ActionItem, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            f"Add progress: {action.title}", ProgressUpdate.model_validate, parent
        )
        self.action = action
        self.reported_on = _date_edit(today)
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.note = text_box("", lines=3)
        self.by = QLineEdit(action.owner)

        self.form.addRow("&Date", self.reported_on)
        self.form.addRow("&Complete", self.percent)
        self.form.addRow("&Note", self.note)
        self.form.addRow("Reported &by", self.by)

    def values(self) -> dict[str, Any]:
        return {
            "action_id": self.action.id,
            "reported_on": self.reported_on.date().toPython(),
            "percent": self.percent.value(),
            "note": self.note.toPlainText(),
            "by": self.by.text(),
        }


class EffectivenessDialog(RecordDialog[EffectivenessCheck]):
    """Ask who validated a done action, on what evidence, and whether it works."""

    def __init__(
        self,
        action: ActionItem,
        effective: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            f"Effectiveness check: {action.title}",
            EffectivenessCheck.model_validate,
            parent,
        )
        self.action = action
        self.checked_by = QLineEdit()
        self.checked_by.setPlaceholderText("Usually the incident response manager")
        self.evidence = text_box("", lines=3)
        self.evidence.setPlaceholderText(
            f"How the success criterion was checked: {action.success_criteria}"
        )
        self.effective = QRadioButton("&Effective")
        self.not_effective = QRadioButton("&Not effective")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.effective)
        self.choice.addButton(self.not_effective)
        if effective is not None:
            (self.effective if effective else self.not_effective).setChecked(True)

        result = QHBoxLayout()
        result.addWidget(self.effective)
        result.addWidget(self.not_effective)
        result.addStretch(1)
        self.form.addRow("Checked &by", self.checked_by)
        self.form.addRow("E&vidence", self.evidence)
        self.form.addRow("Result", result)

    def values(self) -> dict[str, Any]:
        if self.choice.checkedButton() is None:
            raise ValueError("result is missing: choose Effective or Not effective")
        return {
            "action_id": self.action.id,
            "checked_by": self.checked_by.text(),
            "checked_at": datetime.now(UTC),
            "evidence": self.evidence.toPlainText(),
            "effective": self.effective.isChecked(),
        }


def _reason(values: dict[str, Any]) -> str:
    reason = str(values["reason"]).strip()
    if not reason:
        raise ValueError("cancel reason is missing: say why the action is dropped")
    return reason


class CancelDialog(RecordDialog[str]):
    """Ask why an action is cancelled. OK with no reason keeps the dialog open."""

    def __init__(self, action: ActionItem, parent: QWidget | None = None) -> None:
        super().__init__(f"Cancel action: {action.title}", _reason, parent)
        self.reason = text_box("", lines=3)
        self.reason.setPlaceholderText(
            "For example: superseded by another action, or the risk was accepted"
        )
        self.form.addRow("&Reason", self.reason)

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.toPlainText()}
