"""Presenter mode of a main window: F5 enters it, Esc or F5 leaves it.

While presenting, the main window is hidden, so the shared screen shows only
the presenter window and its redacted text.
"""

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from ...domain.procedure import default_procedure
from ...settings import Theme
from .. import errors
from ..windows import REGISTRY
from .window import PresenterWindow

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)


class PresenterMode:
    """The F5 action of a main window and the presenter window it opens."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.presenter: PresenterWindow | None = None
        # Tests set this to False: full screen needs a real display.
        self.full_screen = True
        self.action = QAction("&Presenter mode", window)
        self.action.setShortcut(QKeySequence("F5"))
        self.action.setStatusTip(
            "Show the meeting full-window with sensitive text masked"
        )
        self.action.triggered.connect(lambda _checked=False: self.enter())
        window.addAction(self.action)

    def add_to_menu(self) -> None:
        """Add the action to the window's View menu."""
        for menu_action in self.window.menuBar().actions():
            if menu_action.text().replace("&", "") == "View" and menu_action.menu():
                menu = menu_action.menu()
                menu.addSeparator()
                menu.addAction(self.action)
                return

    def enter(self) -> PresenterWindow | None:
        """Open the presenter window on the selected review."""
        context = self.window.context
        if context is None or context.review is None:
            errors.show_error(
                self.window,
                "Presenter mode",
                "No review is selected: choose one first.",
            )
            return None
        if self.presenter is not None:
            self.presenter.raise_()
            return self.presenter
        self.window.commit_pending_edits()
        # The application font already carries the presenter font scale.
        dark = REGISTRY.settings.theme is Theme.DARK
        presenter = PresenterWindow(context, default_procedure(), dark=dark)
        presenter.left.connect(self._left)
        try:
            presenter.start()
        except errors.USER_ERRORS as exc:
            errors.show_error(self.window, "Presenter mode", errors.describe(exc))
            presenter.deleteLater()
            return None
        self.presenter = presenter
        log.info("Entered presenter mode")
        self.window.hide()
        if self.full_screen:
            # Without a window manager (a bare X server) full screen keeps the
            # default size, so the screen geometry is set first.
            presenter.setGeometry(self.window.screen().geometry())
            presenter.showFullScreen()
        else:
            presenter.show()
        presenter.activateWindow()
        return presenter

    def _left(self) -> None:
        log.info("Left presenter mode")
        if self.presenter is not None:
            self.presenter.deleteLater()
        self.presenter = None
        self.window.show()
        self.window.activateWindow()
