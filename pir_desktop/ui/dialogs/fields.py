"""Input widgets shared by the record dialogs."""

from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar
from uuid import UUID

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from ...domain.enums import label

Choice = TypeVar("Choice", bound=StrEnum)
ID_ROLE = Qt.ItemDataRole.UserRole


class EnumCombo(QComboBox, Generic[Choice]):
    """A combo box over the members of a StrEnum, shown by their labels."""

    def __init__(
        self,
        members: type[Choice],
        labels: dict[Choice, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        for member in members:
            text = (labels or {}).get(member) or label(member)
            self.addItem(text, member.value)
        self.members = members

    def value(self) -> Choice:
        return self.members(self.currentData())

    def set_value(self, value: Choice) -> None:
        self.setCurrentIndex(max(0, self.findData(value.value)))


class CheckList(QListWidget):
    """A list of records to link, each with a check box, keyed by record id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_choices(self, choices: list[tuple[UUID, str]], checked: list[UUID]) -> None:
        self.clear()
        for record_id, text in choices:
            item = QListWidgetItem(text, self)
            item.setData(ID_ROLE, str(record_id))
            item.setToolTip(text)
            state = record_id in checked
            item.setCheckState(
                Qt.CheckState.Checked if state else Qt.CheckState.Unchecked
            )

    def checked_ids(self) -> list[UUID]:
        items = [self.item(row) for row in range(self.count())]
        return [
            UUID(item.data(ID_ROLE))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, record_id: UUID, checked: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ID_ROLE) == str(record_id):
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)


class OptionalDate(QWidget):
    """A date that may be left unset: a check box switches the date edit on."""

    def __init__(self, text: str = "Set", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(text, self)
        self.edit = QDateEdit(QDate.currentDate(), self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setEnabled(False)
        self.edit.setAccessibleName(f"{text.replace('&', '')} date")
        self.enabled.toggled.connect(self.edit.setEnabled)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        if not self.enabled.isChecked():
            return None
        return self.edit.date().toPython()

    def set_value(self, value: date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


def text_box(text: str = "", lines: int = 3) -> QPlainTextEdit:
    """Return a plain-text editor about `lines` lines high."""
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 12
    box.setMinimumHeight(height)
    box.setMaximumHeight(height * 2)
    return box
