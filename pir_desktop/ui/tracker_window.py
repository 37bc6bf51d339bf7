"""The window of open actions across every review of the library."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import label
from ..services import ReviewLibrary
from ..services.tracker import OpenAction, open_actions
from . import errors
from .record_model import Column, Index, RecordTableModel
from .tabs.signoff_views import table_view

ALL = "All"
OVERDUE_COLOUR = QColor("#f8d0d0")


class OpenActionModel(RecordTableModel[OpenAction]):
    """Open actions, overdue ones shaded red."""

    def __init__(self) -> None:
        super().__init__(
            [
                Column[OpenAction]("Review", lambda r: r.reference),
                Column[OpenAction](
                    "Action", lambda r: r.action.title, lambda r: r.action.description
                ),
                Column[OpenAction]("Owner", lambda r: r.action.owner),
                Column[OpenAction]("Due", lambda r: str(r.action.due_date or "")),
                Column[OpenAction]("Status", lambda r: label(r.action.status)),
                Column[OpenAction]("Priority", lambda r: label(r.action.priority)),
                Column[OpenAction](
                    "Overdue", lambda r: f"{r.days_overdue} days" if r.overdue else ""
                ),
            ]
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            return QBrush(OVERDUE_COLOUR) if self.records[index.row()].overdue else None
        return super().data(index, role)


class OpenActionsWindow(QWidget):
    """A non-modal list of every open action, filtered by owner and review.

    Activating a row (double-click or Enter) emits `action_chosen` with the
    review and action ids.
    """

    action_chosen = Signal(object, object)  # review id, action id

    def __init__(
        self,
        library: ReviewLibrary,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Open actions across reviews")
        self.library = library
        self.today = today
        self._build()
        self._lay_out()
        self._connect()
        self.resize(1000, 560)
        self.refresh()

    def _build(self) -> None:
        self.owner = QComboBox(self)
        self.review = QComboBox(self)
        self.reload_button = QPushButton("Reload", self)
        self.summary = QLabel(self)
        self.model = OpenActionModel()
        self.table = table_view(self.model, self, 1)
        self.table.setAccessibleName("Open actions")

    def _lay_out(self) -> None:
        filters = QFormLayout()
        filters.addRow("&Owner", self.owner)
        filters.addRow("&Review", self.review)
        header = QHBoxLayout()
        header.addLayout(filters)
        header.addWidget(self.summary, 1)
        header.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.owner.currentIndexChanged.connect(self.show_actions)
        self.review.currentIndexChanged.connect(self.show_actions)
        self.reload_button.clicked.connect(self.refresh)
        self.table.activated.connect(self._choose)

    def refresh(self) -> None:
        """Reload the filter choices from the library and show the actions again."""
        rows = errors.attempt(
            self,
            "Open actions not listed",
            lambda: open_actions(self.library, self.today()),
        )
        rows = rows or []
        _set_choices(self.owner, sorted({r.action.owner for r in rows}))
        _set_choices(self.review, sorted({r.reference for r in rows}))
        self.show_actions()

    def show_actions(self) -> None:
        owner = self.owner.currentData()
        reference = self.review.currentData()
        rows = errors.attempt(
            self,
            "Open actions not listed",
            lambda: open_actions(self.library, self.today(), owner, reference),
        )
        self.model.set_records(rows or [])
        overdue = sum(1 for r in self.model.records if r.overdue)
        self.summary.setText(
            f"{len(self.model.records)} open actions, <b>{overdue} overdue</b>"
        )

    def _choose(self, index: QModelIndex) -> None:
        row = self.model.record(index.row())
        self.action_chosen.emit(row.review_id, row.action.id)

    def set_filters(self, owner: str | None, reference: str | None) -> None:
        """Choose the filters by value, where None means all."""
        self.owner.setCurrentIndex(max(0, self.owner.findData(owner)))
        self.review.setCurrentIndex(max(0, self.review.findData(reference)))


def _set_choices(combo: QComboBox, values: list[str]) -> None:
    """Fill a filter with All and `values`, keeping the current choice if present."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ALL, None)
    for value in values:
        combo.addItem(value, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
