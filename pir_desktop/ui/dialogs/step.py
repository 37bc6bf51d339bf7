"""The dialog that records a person's statement about one procedure step."""

from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ...domain.entities import StepRecord
from ...domain.enums import StepStatus
from ...domain.procedure import Step
from ...domain.review import Review
from .fields import text_box
from .record_dialog import Maker, RecordDialog

# The statuses a person records. A step without a record is "not started".
RECORDED_STATUSES = {
    StepStatus.DONE: "Done",
    StepStatus.IN_PROGRESS: "In progress",
    StepStatus.NOT_APPLICABLE: "Not applicable to this incident",
}


class StepDialog(RecordDialog[StepRecord]):
    """Record that a step is done, in progress or not applicable, by whom and why."""

    def __init__(
        self,
        step: Step,
        make: Maker[StepRecord],
        review: Review,
        initial: StepRecord | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Record step {step.number}: {step.title}", make, parent)
        self.step = step
        self.description = QLabel(step.description)
        self.description.setWordWrap(True)
        self.status = QComboBox()
        for status, text in RECORDED_STATUSES.items():
            self.status.addItem(text, status.value)
        self.by = QComboBox()
        self.by.setEditable(True)
        self.by.addItems(sorted({p.name for p in review.participants}))
        self.by.setCurrentText(initial.by if initial else "")
        self.note = text_box(initial.note if initial else "", lines=3)
        self.note.setPlaceholderText(
            "Where the evidence is, or why the step does not apply"
        )
        if initial is not None and initial.status in RECORDED_STATUSES:
            self.status.setCurrentIndex(self.status.findData(initial.status.value))

        self.form.addRow("Step", self.description)
        self.form.addRow("&Status", self.status)
        self.form.addRow("&By", self.by)
        self.form.addRow("&Note", self.note)

    def values(self) -> dict[str, Any]:
        return {
            "step": self.step.number,
            "status": StepStatus(self.status.currentData()),
            "by": self.by.currentText(),
            "note": self.note.toPlainText(),
            "recorded_at": datetime.now(UTC),
        }
