"""A reference of every menu command and its shortcuts, read from the menu bar."""

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ShortcutRow:
    menu: str
    command: str
    keys: str


def plain_text(text: str) -> str:
    """Drop the mnemonic ampersands and the trailing ellipsis of a menu text."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def _rows(menu: QMenu, path: str) -> list[ShortcutRow]:
    rows: list[ShortcutRow] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows.extend(_rows(submenu, f"{path} › {plain_text(action.text())}"))
            continue
        rows.append(ShortcutRow(path, plain_text(action.text()), _keys(action)))
    return rows


def _keys(action: QAction) -> str:
    texts = [
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
    ]
    return ", ".join(t for t in texts if t)


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Return a row for each command in the window's menus, in menu order."""
    rows: list[ShortcutRow] = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            rows.extend(_rows(menu, plain_text(action.text())))
    return rows


class ShortcutsDialog(QDialog):
    """A table of menu, command and shortcut, built when the dialog opens."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = shortcut_rows(window)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Menu", "Command", "Shortcut"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for row, entry in enumerate(self.rows):
            for column, text in enumerate((entry.menu, entry.command, entry.keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        em = self.fontMetrics().height()
        self.resize(36 * em, 30 * em)
