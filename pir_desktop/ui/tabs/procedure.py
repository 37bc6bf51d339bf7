"""The Procedure tab: the status of each of the review's procedure steps."""

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.entities import StepRecord
from ...domain.procedure import Procedure, default_procedure
from ...domain.review import Review
from ...domain.times import format_moment
from ...domain.tracker import StepProgress, TrackerStatus, track_steps
from ..context import ReviewContext
from ..dialogs.step import StepDialog
from ..record_model import Column, Index, RecordTableModel
from .editing import EditingTab
from .signoff_views import table_view

STATUS_COLOURS = {
    TrackerStatus.OVERDUE: QColor("#f8d0d0"),
    TrackerStatus.DONE: QColor("#d9f0dd"),
    TrackerStatus.NOT_APPLICABLE: QColor("#e6e6e6"),
    TrackerStatus.IN_PROGRESS: QColor("#fff1c2"),
}


class TrackerModel(RecordTableModel[StepProgress]):
    """The tracker rows, coloured by status, with overdue rows in red."""

    def __init__(self) -> None:
        self.zone = "UTC"
        super().__init__(
            [
                Column[StepProgress]("Step", lambda r: str(r.step.number)),
                Column[StepProgress](
                    "Title", lambda r: r.step.title, lambda r: r.step.description
                ),
                Column[StepProgress]("Who", lambda r: r.role),
                Column[StepProgress]("Status", lambda r: r.status.value),
                Column[StepProgress]("By", lambda r: r.by),
                Column[StepProgress]("When", lambda r: self._moment(r.when)),
                Column[StepProgress]("Deadline", lambda r: self._moment(r.deadline)),
                Column[StepProgress]("Evidence", lambda r: r.evidence),
            ]
        )

    def _moment(self, value: datetime | None) -> str:
        return "" if value is None else format_moment(value, self.zone)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            colour = STATUS_COLOURS.get(self.records[index.row()].status)
            return None if colour is None else QBrush(colour)
        return super().data(index, role)


class ProcedureTab(EditingTab):
    """The procedure tracker: status, who, when, evidence and deadline per step."""

    TITLE = "Procedure"

    def __init__(
        self,
        context: ReviewContext,
        parent: QWidget | None = None,
        procedure: Procedure | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(context, parent)
        self.procedure = procedure or default_procedure()
        self.now = now
        self._build()
        self._lay_out()
        self._connect()
        self.start()

    def _build(self) -> None:
        self.model = TrackerModel()
        self.table = table_view(self.model, self, 7)
        self.table.setAccessibleName("Procedure steps")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.record_button = QPushButton("Record step…", self)

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.record_button.clicked.connect(self.record_step)
        self.table.doubleClicked.connect(lambda _index: self.record_step())
        self.table.selectionModel().selectionChanged.connect(self._update_button)

    def show_review(self, review: Review | None) -> None:
        selected = self.selected_row()
        rows = [] if review is None else track_steps(review, self.procedure, self.now())
        self.model.zone = "UTC" if review is None else review.display_zone
        self.model.set_records(rows)
        if selected is not None and selected < len(rows):
            self.select_row(selected)
        self.summary.setText(_summary(rows, self.procedure.title))
        self._update_button()

    def select_row(self, row: int) -> None:
        """Select a whole row through the selection model.

        NOTE: QTableView.selectRow was seen to select nothing on a view that
        was never shown; the selection model does not depend on the layout.
        """
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
        )

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_button(self) -> None:
        self.record_button.setEnabled(self.selected_row() is not None)

    def record_step(self) -> None:
        """Ask for the selected step's status and store it as the step's record.

        A review keeps one record per step, so an existing record is updated.
        """
        review = self.context.review
        row = self.selected_row()
        if review is None or row is None:
            return
        step = self.model.record(row).step
        before = next((r for r in review.steps if r.step == step.number), None)
        if before is None:
            dialog = StepDialog(step, StepRecord.model_validate, review, None, self)
            self.add_through(dialog, f"Record step {step.number}")
            return
        dialog = StepDialog(
            step, lambda v: before.with_changes(**v), review, before, self
        )
        self.edit_through(before, dialog, f"Record step {step.number}")


def _summary(rows: list[StepProgress], title: str) -> str:
    if not rows:
        return ""
    counts = {status: 0 for status in TrackerStatus}
    for row in rows:
        counts[row.status] += 1
    parts = [f"{counts[s]} {s.value}" for s in TrackerStatus if counts[s]]
    if counts[TrackerStatus.OVERDUE]:
        parts[-1] = f"<b>⚠ {parts[-1]}</b>"
    return f"<b>{title}</b>: " + ", ".join(parts) + "."
