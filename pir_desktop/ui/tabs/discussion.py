"""The Discussion tab: what went well, what to improve, luck, and lessons learned."""

from functools import partial

from PySide6.QtWidgets import QGridLayout, QWidget

from ...domain.entities import Lesson, Observation
from ...domain.enums import LessonKind, ObservationKind
from ...domain.review import Review
from ..context import ReviewContext
from ..dialogs.choices import factor_names, shorten
from ..dialogs.discussion import (
    LESSON_LABELS,
    OBSERVATION_LABELS,
    LessonDialog,
    ObservationDialog,
)
from ..record_model import Column
from .editing import EditingTab
from .panel import FlaggedTableModel, RecordPanel


def _observation_panel(kind: ObservationKind) -> RecordPanel[Observation]:
    columns = [
        Column[Observation]("Observation", lambda o: o.text),
        Column[Observation]("Events", lambda o: str(len(o.event_ids) or "")),
    ]
    model = FlaggedTableModel[Observation](columns)
    return RecordPanel(OBSERVATION_LABELS[kind], model, "observation")


class DiscussionTab(EditingTab):
    """Observations by kind and lessons learned, each with add, edit and delete."""

    TITLE = "Discussion"

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._build()
        self._lay_out()
        self._connect()
        self.start()

    def _build(self) -> None:
        self.observation_panels = {
            kind: _observation_panel(kind) for kind in ObservationKind
        }
        columns = [
            Column[Lesson]("Kind", lambda lesson: LESSON_LABELS[lesson.kind]),
            Column[Lesson]("Lesson", lambda lesson: lesson.text),
            Column[Lesson]("Factors", self._lesson_factors),
        ]
        model = FlaggedTableModel[Lesson](columns)
        self.lesson_panel = RecordPanel("Lessons learned", model, "lesson", stretch=1)

    def _lay_out(self) -> None:
        layout = QGridLayout(self)
        layout.addWidget(self.observation_panels[ObservationKind.WENT_WELL], 0, 0)
        layout.addWidget(self.observation_panels[ObservationKind.TO_IMPROVE], 0, 1)
        layout.addWidget(self.observation_panels[ObservationKind.LUCKY], 1, 0)
        layout.addWidget(self.lesson_panel, 1, 1)

    def _connect(self) -> None:
        for kind, panel in self.observation_panels.items():
            panel.add_requested.connect(partial(self.add_observation, kind))
            panel.edit_requested.connect(self.edit_observation)
            panel.delete_requested.connect(self.delete_observation)
        self.lesson_panel.add_requested.connect(self.add_lesson)
        self.lesson_panel.edit_requested.connect(self.edit_lesson)
        self.lesson_panel.delete_requested.connect(self.delete_lesson)

    def show_review(self, review: Review | None) -> None:
        observations = [] if review is None else review.observations
        for kind, panel in self.observation_panels.items():
            panel.set_records([o for o in observations if o.kind is kind])
        lessons = [] if review is None else review.lessons
        order = list(LessonKind)
        self.lesson_panel.set_records(
            sorted(lessons, key=lambda x: order.index(x.kind))
        )

    def _lesson_factors(self, lesson: Lesson) -> str:
        review = self.context.review
        return "" if review is None else factor_names(review, lesson.factor_ids)

    def add_observation(self, kind: ObservationKind) -> None:
        review = self.context.review
        if review is None:
            return
        initial = Observation.model_construct(kind=kind, text="", event_ids=[])
        dialog = ObservationDialog(
            "Add observation", Observation.model_validate, review, initial, self
        )
        self.add_through(dialog, "Add observation")

    def edit_observation(self, before: Observation) -> None:
        review = self.context.review
        if review is None:
            return
        dialog = ObservationDialog(
            "Edit observation", lambda v: before.with_changes(**v), review, before, self
        )
        self.edit_through(before, dialog, "Edit observation")

    def delete_observation(self, observation: Observation) -> None:
        self.delete(
            observation, f"Delete observation “{shorten(observation.text, 40)}”"
        )

    def add_lesson(self) -> None:
        review = self.context.review
        if review is None:
            return
        initial = Lesson.model_construct(
            kind=LessonKind.PROCESS, text="", factor_ids=[]
        )
        dialog = LessonDialog(
            "Add lesson", Lesson.model_validate, review, initial, self
        )
        self.add_through(dialog, "Add lesson")

    def edit_lesson(self, before: Lesson) -> None:
        review = self.context.review
        if review is None:
            return
        dialog = LessonDialog(
            "Edit lesson", lambda v: before.with_changes(**v), review, before, self
        )
        self.edit_through(before, dialog, "Edit lesson")

    def delete_lesson(self, lesson: Lesson) -> None:
        self.delete(lesson, f"Delete lesson “{shorten(lesson.text, 40)}”")
