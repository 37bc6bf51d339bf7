"""The Review menu's "Redaction suggestions…" action and the window it opens."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from .dialogs.redaction import SHORTCUT, RedactionDialog
from .status import show_status

if TYPE_CHECKING:
    from .main_window import MainWindow


class RedactionSuggestions(QObject):
    """Opens one suggestions window per main window, on its current context."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.dialog: RedactionDialog | None = None
        self.action = QAction("Redaction &suggestions…", window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip("List text that looks sensitive and mark it")
        self.action.triggered.connect(self.show)

    def add_to_menu(self) -> None:
        """Add the action to the window's Review menu."""
        for menu_action in self.window.menuBar().actions():
            if menu_action.text().replace("&", "") == "Review" and menu_action.menu():
                menu_action.menu().addSeparator()
                menu_action.menu().addAction(self.action)
                return
        self.window.addAction(self.action)

    def show(self) -> RedactionDialog | None:
        """Show the selected review's suggestions, or a status message without one."""
        context = self.window.context
        if context is None or context.review is None:
            show_status(self.window, "Open a review to see redaction suggestions")
            return None
        if self.dialog is None or self.dialog.context is not context:
            if self.dialog is not None:
                self.dialog.close()
            self.dialog = RedactionDialog(context, self.window)
            context.destroyed.connect(self._forget)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _forget(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = None
