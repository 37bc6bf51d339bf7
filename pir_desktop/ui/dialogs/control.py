"""The dialog for an emergency control change or patch (procedure step 9)."""

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from ...domain.entities import ControlAssessment
from ...domain.enums import ControlDecision
from ...domain.review import Review
from .fields import EnumCombo, OptionalDate, text_box
from .record_dialog import Maker, RecordDialog

DECISION_LABELS = {
    ControlDecision.KEEP: "Keep as it is",
    ControlDecision.REVERT: "Revert",
    ControlDecision.FORMALISE: "Formalise through change management",
    ControlDecision.UNDECIDED: "Undecided",
}


class ControlDialog(RecordDialog[ControlAssessment]):
    """Edit a control change: what it is, the decision on it, who and by when."""

    def __init__(
        self,
        title: str,
        make: Maker[ControlAssessment],
        review: Review,
        initial: ControlAssessment,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, make, parent)
        self.control = QLineEdit(initial.control)
        self.control.setPlaceholderText(
            "For example: firewall rule blocking the C2 host"
        )
        self.description = text_box(initial.description, lines=3)
        self.decision = EnumCombo(ControlDecision, DECISION_LABELS)
        self.decision.set_value(initial.decision)
        self.owner = QLineEdit(initial.owner)
        names = sorted({p.name for p in review.participants})
        self.owner.setPlaceholderText(", ".join(names[:3]) or "Person accountable")
        self.due_date = OptionalDate("Due by")
        self.due_date.set_value(initial.due_date)
        self.still_needed = QCheckBox(
            "An immediate control improvement or emergency patch is still needed"
        )
        self.still_needed.setChecked(initial.still_needed)

        self.form.addRow("&Control", self.control)
        self.form.addRow("&Description", self.description)
        self.form.addRow("D&ecision", self.decision)
        self.form.addRow("&Owner", self.owner)
        self.form.addRow("Due &date", self.due_date)
        self.form.addRow("", self.still_needed)

    def values(self) -> dict[str, Any]:
        return {
            "control": self.control.text(),
            "description": self.description.toPlainText(),
            "decision": self.decision.value(),
            "owner": self.owner.text(),
            "due_date": self.due_date.value(),
            "still_needed": self.still_needed.isChecked(),
        }
