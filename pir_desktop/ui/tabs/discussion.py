"""The Discussion tab: what went well, what to improve, luck, and lessons learned.

The cards are shown as three tables or as the meeting's card board, where
dot voting, grouping and turning a card into a lesson, factor or action work
as in presenter mode, but on the unredacted text.
"""

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import Lesson, Observation
from ...domain.enums import LessonKind, ObservationKind
from ...domain.procedure import default_procedure
from ...domain.review import Review
from ..board.board import Board
from ..context import ReviewContext
from ..dialogs.choices import factor_names, shorten
from ..dialogs.discussion import (
    LESSON_LABELS,
    OBSERVATION_LABELS,
    LessonDialog,
    ObservationDialog,
)
from ..hints import HintBar, HintedTableModel, findings_by_record
from ..record_model import Column
from .editing import EditingTab
from .panel import RecordPanel


def _observation_panel(kind: ObservationKind) -> RecordPanel[Observation]:
    columns = [
        Column[Observation]("Observation", lambda o: o.text),
        Column[Observation]("Group", lambda o: o.group_label),
        Column[Observation]("Events", lambda o: str(len(o.event_ids) or "")),
    ]
    model = HintedTableModel[Observation](columns)
    panel = RecordPanel(OBSERVATION_LABELS[kind], model, "observation")
    panel.table.setAccessibleName(OBSERVATION_LABELS[kind])
    return panel


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
            Column[Lesson]("From cards", self._lesson_cards),
        ]
        model = HintedTableModel[Lesson](columns)
        self.lesson_panel = RecordPanel("Lessons learned", model, "lesson", stretch=1)
        self.lesson_panel.table.setAccessibleName("Lessons learned")
        self.hint_bars = {
            panel: HintBar(self.context, panel) for panel in self._panels()
        }
        budget = default_procedure().meeting.dot_votes_per_person
        self.board = Board(self.context, budget)
        self.views = QTabWidget(self)
        self.views.setAccessibleName("Card views")

    def _panels(self) -> list[RecordPanel]:
        return [*self.observation_panels.values(), self.lesson_panel]

    def _lay_out(self) -> None:
        for panel, bar in self.hint_bars.items():
            panel.layout().insertWidget(1, bar)
        lists = QWidget()
        row = QHBoxLayout(lists)
        row.setContentsMargins(0, 0, 0, 0)
        for panel in self.observation_panels.values():
            row.addWidget(panel)
        self.views.addTab(lists, "&Lists")
        self.views.addTab(self.board, "&Board")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.views)
        splitter.addWidget(self.lesson_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        for kind, panel in self.observation_panels.items():
            panel.add_requested.connect(partial(self.add_observation, kind))
            panel.edit_requested.connect(self.edit_observation)
            panel.delete_requested.connect(self.delete_observation)
        self.lesson_panel.add_requested.connect(self.add_lesson)
        self.lesson_panel.edit_requested.connect(self.edit_lesson)
        self.lesson_panel.delete_requested.connect(self.delete_lesson)
        for panel in self._panels():
            selection = panel.table.selectionModel()
            selection.selectionChanged.connect(lambda *_, p=panel: self._show_hints(p))
            panel.model.modelReset.connect(lambda p=panel: self._show_hints(p))

    def show_review(self, review: Review | None) -> None:
        findings = findings_by_record(review)
        for panel in self._panels():
            panel.model.set_findings(findings)
        observations = [] if review is None else review.observations
        for kind, panel in self.observation_panels.items():
            panel.set_records([o for o in observations if o.kind is kind])
        lessons = [] if review is None else review.lessons
        order = list(LessonKind)
        self.lesson_panel.set_records(
            sorted(lessons, key=lambda x: order.index(x.kind))
        )

    def _show_hints(self, panel: RecordPanel) -> None:
        record = panel.selected()
        findings = panel.model.findings.get(record.id, []) if record else []
        self.hint_bars[panel].show_findings(findings)

    def _lesson_factors(self, lesson: Lesson) -> str:
        review = self.context.review
        return "" if review is None else factor_names(review, lesson.factor_ids)

    def _lesson_cards(self, lesson: Lesson) -> str:
        review = self.context.review
        if review is None:
            return ""
        cards = [o for o in review.observations if o.id in lesson.observation_ids]
        return "; ".join(shorten(card.text, 40) for card in cards)

    def add_observation(self, kind: ObservationKind) -> None:
        initial = Observation.model_construct(kind=kind, text="", event_ids=[])
        self.add_in(ObservationDialog, "Add observation", initial)

    def edit_observation(self, before: Observation) -> None:
        self.edit_in(ObservationDialog, "Edit observation", before)

    def delete_observation(self, observation: Observation) -> None:
        self.delete(
            observation, f"Delete observation “{shorten(observation.text, 40)}”"
        )

    def add_lesson(self) -> None:
        initial = Lesson.model_construct(
            kind=LessonKind.PROCESS, text="", factor_ids=[], observation_ids=[]
        )
        self.add_in(LessonDialog, "Add lesson", initial)

    def edit_lesson(self, before: Lesson) -> None:
        self.edit_in(LessonDialog, "Edit lesson", before)

    def delete_lesson(self, lesson: Lesson) -> None:
        self.delete(lesson, f"Delete lesson “{shorten(lesson.text, 40)}”")
