"""The agenda editor: each step's timebox and the time spent so far."""

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.meeting import ordered, spent_seconds
from ...services import meeting
from .. import errors
from ..board.commands import undo_macro
from ..context import ReviewContext

MAX_TIMEBOX_MINUTES = 240


class AgendaDialog(QDialog):
    """A spin box per agenda step; OK stores the changed timeboxes as one step."""

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agenda timeboxes")
        self.context = context
        review = context.review
        self.items = [] if review is None else ordered(review.agenda)
        self.boxes: list[QSpinBox] = []
        grid = QGridLayout()
        for column, header in enumerate(("Step", "Timebox (min)", "Spent")):
            grid.addWidget(QLabel(f"<b>{header}</b>"), 0, column)
        now = datetime.now(UTC)
        for row, item in enumerate(self.items, start=1):
            box = QSpinBox()
            box.setRange(0, MAX_TIMEBOX_MINUTES)
            box.setValue(item.timebox_minutes)
            self.boxes.append(box)
            minutes = spent_seconds(item, now) // 60
            grid.addWidget(QLabel(item.title), row, 0)
            grid.addWidget(box, row, 1)
            grid.addWidget(QLabel(f"{minutes} min"), row, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def accept(self) -> None:
        changed = [
            (item, box.value())
            for item, box in zip(self.items, self.boxes, strict=True)
            if box.value() != item.timebox_minutes
        ]
        if changed:
            errors.attempt(self, "Timeboxes not saved", lambda: self._save(changed))
        super().accept()

    def _save(self, changed: list) -> None:  # noqa: ANN001
        with undo_macro(self.context, "Change timeboxes"):
            for item, minutes in changed:
                meeting.set_timebox(self.context, item, minutes)
