"""The participants table model, whose Attended column is a check box."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from ...domain.entities import Participant
from ..hints import marked
from ..record_model import Column, Index, RecordTableModel

ATTENDED_COLUMN = 2


class AttendanceModel(RecordTableModel[Participant]):
    """Participants by name, role and attendance, with Attended as a check box.

    The model never changes a record itself: it emits `attendance_toggled`
    with the shown participant and the requested value, and the panel saves
    the change through the review context, which refreshes the table.
    """

    attendance_toggled = Signal(object, bool)

    def __init__(
        self, role_name: Callable[[str], str], parent: QObject | None = None
    ) -> None:
        columns = [
            Column[Participant]("Name", lambda p: marked(p.name, p.sensitive)),
            Column[Participant]("Role", lambda p: role_name(p.role)),
            Column[Participant]("Attended", lambda p: "Yes" if p.attended else "No"),
        ]
        super().__init__(columns, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == ATTENDED_COLUMN:
            participant = self.records[index.row()]
            if role == Qt.ItemDataRole.CheckStateRole:
                checked = participant.attended
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Attended the review meeting: click or press Space to change"
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "Attended" if participant.attended else "Not attended"
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == ATTENDED_COLUMN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != ATTENDED_COLUMN:
            return False
        attended = Qt.CheckState(value) == Qt.CheckState.Checked
        self.attendance_toggled.emit(self.records[index.row()], attended)
        return True
