"""The choice offered when an edit is based on a value changed elsewhere.

Another window or another person saved the record after this window read it.
The dialog lists each field that differs, with this window's value and the
stored one, and the user keeps the stored record or overwrites it.
"""

from enum import Enum

from pydantic import BaseModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Bookkeeping fields that always differ and mean nothing to the user.
HIDDEN_FIELDS = frozenset({"version"})


class StaleChoice(Enum):
    KEEP_STORED = "keep stored"
    OVERWRITE = "overwrite"


def differences(mine: BaseModel, stored: BaseModel) -> list[tuple[str, str, str]]:
    """Return (field, my value, stored value) for every field whose values differ."""
    rows = []
    for name in type(mine).model_fields:
        if name in HIDDEN_FIELDS:
            continue
        mine_value, stored_value = getattr(mine, name), getattr(stored, name)
        if mine_value != stored_value:
            rows.append(
                (name.replace("_", " "), _text(mine_value), _text(stored_value))
            )
    return rows


def _text(value: object) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value) or "(none)"
    return str(value)


class StaleEditDialog(QDialog):
    """Both values of a record side by side, with the two ways forward."""

    def __init__(
        self, what: str, mine: BaseModel, stored: BaseModel, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed elsewhere")
        self.setObjectName("staleEditDialog")
        self.setMinimumWidth(640)
        self.choice = StaleChoice.KEEP_STORED
        self._build(what, differences(mine, stored))

    def _build(self, what: str, rows: list[tuple[str, str, str]]) -> None:
        intro = QLabel(
            f"{what} was changed in another window or by another person after "
            "you opened it. Keep the stored value and discard yours, or "
            "overwrite it with yours."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Field", "Yours", "Stored"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton("Keep stored value", self)
        self.overwrite_button = QPushButton("Overwrite with mine", self)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setDefault(True)
        buttons.accepted.connect(self._overwrite)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _overwrite(self) -> None:
        self.choice = StaleChoice.OVERWRITE
        self.accept()


def ask_stale_choice(
    parent: QWidget | None, what: str, mine: BaseModel, stored: BaseModel
) -> StaleChoice:
    """Show the dialog modally; closing it keeps the stored value."""
    dialog = StaleEditDialog(what, mine, stored, parent)
    dialog.exec()
    return dialog.choice
