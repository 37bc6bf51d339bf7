"""A titled record table with Add, Edit and Delete buttons."""

from collections.abc import Callable, Sequence
from typing import Any, Generic

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..record_model import Column, Index, Record, RecordTableModel

# Background of rows that need attention, such as a factor without an action.
FLAG_COLOUR = QColor("#fff1c2")


class FlaggedTableModel(RecordTableModel[Record], Generic[Record]):
    """A record table that shades the rows for which `flagged` returns True."""

    def __init__(
        self,
        columns: Sequence[Column[Record]],
        flagged: Callable[[Record], bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent)
        self.flagged = flagged

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            record = self.records[index.row()]
            if self.flagged is not None and self.flagged(record):
                return QBrush(FLAG_COLOUR)
            return None
        return super().data(index, role)


class RecordPanel(QGroupBox, Generic[Record]):
    """A table of records whose buttons ask the owning tab to add, edit or delete."""

    add_requested = Signal()
    edit_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(
        self,
        title: str,
        model: RecordTableModel[Record],
        noun: str,
        stretch: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.model = model
        self._build(noun)
        fit_columns(self.table, stretch)
        self._lay_out()
        self._connect()
        self.update_buttons()

    def _build(self, noun: str) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.add_button = QPushButton(f"Add {noun}…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        # The Delete key acts on the focused table only, so that several panels
        # in one tab do not compete for the same shortcut.
        self.delete_action = QAction("Delete", self.table)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._request_edit)
        self.delete_button.clicked.connect(self._request_delete)
        self.delete_action.triggered.connect(self._request_delete)
        self.table.doubleClicked.connect(self._request_edit)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.model.modelReset.connect(self.update_buttons)

    def set_records(self, records: Sequence[Record]) -> None:
        self.model.set_records(records)

    def selected(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _request_edit(self, _: QModelIndex | None = None) -> None:
        record = self.selected()
        if record is not None:
            self.edit_requested.emit(record)

    def _request_delete(self) -> None:
        record = self.selected()
        if record is not None:
            self.delete_requested.emit(record)


def fit_columns(table: QTableView, stretch: int, widest: int = 280) -> None:
    """Size a table's columns to their contents, up to `widest` pixels.

    Column `stretch` takes the remaining width, and rows grow to show their
    wrapped text.
    """
    header = table.horizontalHeader()
    header.setMaximumSectionSize(widest)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    rows = table.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
