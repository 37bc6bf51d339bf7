"""Dialogs for observations and lessons learned."""

from typing import Any
from uuid import UUID

from PySide6.QtWidgets import QWidget

from ...domain.entities import Lesson, Observation
from ...domain.enums import LessonKind, ObservationKind
from ...domain.review import Review
from .choices import event_choices, factor_choices, shorten
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
        self.watch_wording(self.text, review, initial.id)
        self.track_sensitive(initial.sensitive)

    def values(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value(),
            "text": self.text.toPlainText(),
            "event_ids": self.events.checked_ids(),
        }


def card_choices(review: Review) -> list[tuple[UUID, str]]:
    """Return the discussion cards as (id, "Kind: text")."""
    return [
        (card.id, f"{OBSERVATION_LABELS[card.kind]}: {shorten(card.text, 150)}")
        for card in review.observations
    ]


class LessonDialog(RecordDialog[Lesson]):
    """Edit a lesson's kind and text, and the cards and factors it came from."""

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
        self.cards = CheckList()
        self.cards.set_choices(card_choices(review), initial.observation_ids)

        self.form.addRow("&Kind", self.kind)
        self.form.addRow("&Text", self.text)
        self.form.addRow("Discussion &cards", self.cards)
        self.form.addRow("Contributing &factors", self.factors)
        self.watch_wording(self.text, review, initial.id)
        self.track_sensitive(initial.sensitive)

    def values(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value(),
            "text": self.text.toPlainText(),
            "factor_ids": self.factors.checked_ids(),
            "observation_ids": self.cards.checked_ids(),
        }
