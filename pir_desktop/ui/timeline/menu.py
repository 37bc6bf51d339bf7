"""The Review menu's "Import timeline…" action, which starts the tab's import."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from ..main_window import MainWindow


class TimelineImportMenu(QObject):
    """Ctrl+I anywhere in the window: show the Timeline tab and start an import."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction("Import &timeline…", window)
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setToolTip(
            "Import events from CSV, JSON, a Slack export, PagerDuty or pasted lines"
        )
        self.action.triggered.connect(lambda _checked=False: self.trigger())
        window.addAction(self.action)
        menu = self._review_menu()
        if menu is not None:
            menu.addAction(self.action)
            # The menu shows whether an import is possible now; the shortcut
            # stays enabled because trigger() checks the same conditions.
            menu.aboutToShow.connect(self.update_state)
            menu.aboutToHide.connect(lambda: self.action.setEnabled(True))

    def _review_menu(self):  # noqa: ANN202 - QMenu | None
        for action in self.window.menuBar().actions():
            if action.text() == "&Review" and action.menu() is not None:
                return action.menu()
        return None

    def _timeline_tab(self):  # noqa: ANN202 - TimelineTab | None
        from ..tabs.timeline import TimelineTab

        for tab in self.window.tabs_shown:
            if isinstance(tab, TimelineTab):
                return tab
        return None

    def update_state(self) -> None:
        context = self.window.context
        self.action.setEnabled(
            context is not None
            and context.review is not None
            and not context.library.read_only
        )

    def trigger(self) -> None:
        """Switch to the Timeline tab and open its import dialog."""
        tab = self._timeline_tab()
        if tab is None:
            return
        self.window.tabs.setCurrentWidget(tab)
        tab.import_timeline()
