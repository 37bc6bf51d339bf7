"""Dialogs for observations and lessons learned."""

from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain.entities import Lesson, Observation
from ...domain.enums import LessonKind, ObservationKind
from ...domain.review import Review
from .choices import event_choices, factor_choices
from .fields import CheckList, EnumCombo, text_box
from .record_dialog import Maker, RecordDialog

OBSERVATION_LABELS = {
    ObservationKind.WENT_WELL: "Went well",
    ObservationKind.TO_IMPROVE: "To improve",
    ObservationKind.LUCKY: "Where we got lucky",
}
LESSON_LABELS = {
    LessonKind.PROCESS: "Process improvement",
    LessonKind.TOOL: "Tool enhancement",
    LessonKind.TRAINING: "Training need",
}


class ObservationDialog(RecordDialog[Observation]):
    """Edit an observation's kind, text and the timeline events it refers to."""

    def __init__(
        self,
        title: str,
        make: Maker[Observation],
        review: Review,
        initial: Observation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, make, parent)
        self.kind = EnumCombo(ObservationKind, OBSERVATION_LABELS)
        self.kind.set_value(initial.kind)
        self.text = text_box(initial.text, lines=4)
        self.events = CheckList()
        self.events.set_choices(event_choices(review), initial.event_ids)

        self.form.addRow("&Kind", self.kind)
        self.form.addRow("&Text", self.text)
        self.form.addRow("Timeline &events", self.events)

    def values(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value(),
            "text": self.text.toPlainText(),
            "event_ids": self.events.checked_ids(),
        }


class LessonDialog(RecordDialog[Lesson]):
    """Edit a lesson's kind, text and the contributing factors it follows from."""

    def __init__(
        self,
        title: str,
        make: Maker[Lesson],
        review: Review,
        initial: Lesson,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, make, parent)
        self.kind = EnumCombo(LessonKind, LESSON_LABELS)
        self.kind.set_value(initial.kind)
        self.text = text_box(initial.text, lines=4)
        self.factors = CheckList()
        self.factors.set_choices(factor_choices(review), initial.factor_ids)

        self.form.addRow("&Kind", self.kind)
        self.form.addRow("&Text", self.text)
        self.form.addRow("Contributing &factors", self.factors)

    def values(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value(),
            "text": self.text.toPlainText(),
            "factor_ids": self.factors.checked_ids(),
        }
