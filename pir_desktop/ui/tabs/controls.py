"""The Controls tab: the register of emergency control changes and patches."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.entities import ControlAssessment
from ...domain.enums import ControlDecision, label
from ...domain.review import Review
from ..context import ReviewContext
from ..dialogs.choices import shorten
from ..dialogs.control import ControlDialog
from ..record_model import Column
from .editing import EditingTab
from .panel import FlaggedTableModel, RecordPanel

INTRO = (
    "Emergency changes and patches made during the incident, and what to do with "
    "each now: keep, revert or formalise. Shaded rows have no decision yet or "
    "still need work."
)


def needs_attention(control: ControlAssessment) -> bool:
    return control.decision is ControlDecision.UNDECIDED or control.still_needed


class ControlsTab(EditingTab):
    """Control assessments with decision, owner, due date and whether still needed."""

    TITLE = "Controls"

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._build()
        self._lay_out()
        self._connect()
        self.start()

    def _build(self) -> None:
        columns = [
            Column[ControlAssessment](
                "Control", lambda c: c.control, lambda c: c.description
            ),
            Column[ControlAssessment]("Description", lambda c: c.description),
            Column[ControlAssessment]("Decision", lambda c: label(c.decision)),
            Column[ControlAssessment]("Owner", lambda c: c.owner),
            Column[ControlAssessment]("Due", lambda c: str(c.due_date or "")),
            Column[ControlAssessment](
                "Still needed", lambda c: "yes" if c.still_needed else "no"
            ),
        ]
        model = FlaggedTableModel[ControlAssessment](columns, needs_attention)
        self.controls = RecordPanel(
            "Emergency controls register (procedure step 9)", model, "control", 1
        )
        self.controls.table.setAccessibleName("Emergency controls")
        self.intro = QLabel(INTRO, self)
        self.intro.setWordWrap(True)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.controls, 1)

    def _connect(self) -> None:
        self.controls.add_requested.connect(self.add_control)
        self.controls.edit_requested.connect(self.edit_control)
        self.controls.delete_requested.connect(self.delete_control)

    def show_review(self, review: Review | None) -> None:
        self.controls.set_records([] if review is None else review.controls)

    def add_control(self) -> None:
        initial = ControlAssessment.model_construct(
            control="",
            description="",
            decision=ControlDecision.UNDECIDED,
            owner="",
            due_date=None,
            still_needed=False,
        )
        self.add_in(ControlDialog, "Add control", initial)

    def edit_control(self, before: ControlAssessment) -> None:
        self.edit_in(ControlDialog, "Edit control", before)

    def delete_control(self, control: ControlAssessment) -> None:
        self.delete(control, f"Delete control “{shorten(control.control, 40)}”")
