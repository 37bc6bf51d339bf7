"""Menu actions for the action plan: exports, JSON import, open actions, search.

The file choosers are methods, so tests can replace them and supply paths.
Every file is read and written by the services.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from ..services import exports
from . import errors
from .search_dialog import SearchDialog, tab_for
from .tabs.actions import ActionPlanTab
from .tabs.panel import RecordPanel
from .tracker_window import OpenActionsWindow

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


class ActionPlanMenus(QObject):
    """The export, import and cross-review actions of one main window."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.tracker: OpenActionsWindow | None = None
        self.search: SearchDialog | None = None
        self._build()
        self._install()

    def _action(self, text: str, slot: Callable[[], object], key: str = "") -> QAction:
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build(self) -> None:
        self.export_csv = self._action("Export actions as &CSV…", self.save_csv)
        self.export_ics = self._action("Export ca&lendar (.ics)…", self.save_ics)
        self.export_markdown = self._action("Export &Markdown…", self.save_markdown)
        self.export_json = self._action("Export &JSON…", self.save_json)
        self.import_json = self._action("&Import JSON…", self.load_json)
        self.open_actions = self._action(
            "&Open actions across reviews…", self.show_open_actions, "Ctrl+Shift+A"
        )
        self.search_reviews = self._action(
            "&Search reviews…", self.show_search, "Ctrl+Shift+F"
        )
        self.review_actions = [
            self.export_csv,
            self.export_ics,
            self.export_markdown,
            self.export_json,
        ]
        self.library_actions = [
            self.import_json,
            self.open_actions,
            self.search_reviews,
        ]

    def _install(self) -> None:
        file_menu = self._menu("&File")
        quit_action = self.window.actions.quit
        file_menu.insertActions(quit_action, [*self.review_actions, self.import_json])
        file_menu.insertSeparator(quit_action)
        review_menu = self._menu("&Review")
        review_menu.addSeparator()
        review_menu.addActions([self.open_actions, self.search_reviews])
        for menu in (file_menu, review_menu):
            menu.aboutToShow.connect(self.update_state)
        # Queued, so that the state is read after the window has switched its
        # library or review, whichever slot Qt calls first.
        queued = Qt.ConnectionType.QueuedConnection
        self.window.undo_group.activeStackChanged.connect(self.update_state, queued)
        self.window.reviews.review_chosen.connect(self.update_state, queued)
        self.update_state()

    def _menu(self, title: str) -> QMenu:
        for action in self.window.menuBar().actions():
            if action.text() == title and action.menu() is not None:
                return action.menu()  # type: ignore[return-value]
        return self.window.menuBar().addMenu(title)

    def update_state(self) -> None:
        """Enable the actions that the open library and selected review allow."""
        context = self.window.context
        has_library = context is not None
        for action in self.library_actions:
            action.setEnabled(has_library)
        self.import_json.setEnabled(has_library and not context.library.read_only)
        for action in self.review_actions:
            action.setEnabled(has_library and context.review is not None)

    # File choosers, replaced in tests

    def choose_save_path(self, title: str, name_filter: str, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, name, name_filter)
        return Path(path) if path else None

    def choose_open_path(self, title: str, name_filter: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self.window, title, "", name_filter)
        return Path(path) if path else None

    # Exports and import

    def _export(
        self, title: str, name_filter: str, suffix: str, write: Callable[..., object]
    ) -> Path | None:
        """Ask for a path and write the selected review there through `write`."""
        context = self.window.context
        if context is None or context.review is None:
            return None
        review = context.review
        path = self.choose_save_path(title, name_filter, f"{review.reference}{suffix}")
        if path is None:
            return None
        done = errors.attempt(
            self.window,
            f"{title} failed",
            lambda: write(context.library, review.id, path) or True,
        )
        if done is None:
            return None
        self.window.statusBar().showMessage(f"Exported {path}", 10_000)
        return path

    # The exporters load icalendar, which grows RSS by about 5.5 MB, so each
    # command imports them when it runs.

    def save_csv(self) -> Path | None:
        from ..services import action_exports

        def write(library, review_id: UUID, path: Path) -> None:  # noqa: ANN001
            action_exports.export_actions_csv(library, [review_id], path)

        return self._export(
            "Export actions as CSV", "CSV (*.csv)", "-actions.csv", write
        )

    def save_ics(self) -> Path | None:
        from ..services import action_exports

        return self._export(
            "Export calendar", "iCalendar (*.ics)", ".ics", action_exports.export_ics
        )

    def save_markdown(self) -> Path | None:
        from ..services import action_exports

        return self._export(
            "Export Markdown", "Markdown (*.md)", ".md", action_exports.export_markdown
        )

    def save_json(self) -> Path | None:
        return self._export(
            "Export JSON", "JSON (*.json)", ".json", exports.export_json
        )

    def load_json(self) -> UUID | None:
        """Import a review from JSON, rejecting a review already in the library."""
        context = self.window.context
        if context is None:
            return None
        path = self.choose_open_path("Import JSON", "JSON (*.json)")
        if path is None:
            return None
        stored = errors.attempt(
            self.window,
            "Review not imported",
            lambda: exports.import_json(context.library, path),
        )
        if stored is None:
            return None
        context.library_changed.emit()
        self.window.reviews.choose(stored.id)
        self.window.statusBar().showMessage(f"Imported {stored.reference}", 10_000)
        return stored.id

    # Windows across reviews

    def show_open_actions(self) -> OpenActionsWindow | None:
        """Show the open-actions window, built anew for another library."""
        context = self.window.context
        if context is None:
            return None
        if self.tracker is None or self.tracker.library is not context.library:
            self.tracker = OpenActionsWindow(context.library, self.window)
            self.tracker.action_chosen.connect(self.go_to_action)
            context.destroyed.connect(self.tracker.close)
        else:
            self.tracker.refresh()
        self.tracker.show()
        self.tracker.raise_()
        self.tracker.activateWindow()
        return self.tracker

    def show_search(self) -> SearchDialog | None:
        context = self.window.context
        if context is None:
            return None
        if self.search is None or self.search.library is not context.library:
            self.search = SearchDialog(context.library, self.window)
            self.search.hit_chosen.connect(self.go_to_hit)
            context.destroyed.connect(self.search.close)
        self.search.show()
        self.search.raise_()
        self.search.query.setFocus()
        return self.search

    def go_to_action(self, review_id: UUID, action_id: UUID) -> None:
        """Select a review in the main window and an action on its Action plan tab."""
        self.window.reviews.choose(review_id)
        for tab in self.window.tabs_shown:
            if isinstance(tab, ActionPlanTab):
                self.window.tabs.setCurrentWidget(tab)
                tab.select_action(action_id)

    def go_to_hit(self, reference: str, kind: str, record_id: UUID) -> None:
        """Select a search hit's review, the tab that shows it, and its row."""
        context = self.window.context
        if context is None:
            return
        review_id = errors.attempt(
            self.window, "Review not found", lambda: context.library.find(reference)
        )
        if review_id is None:
            return
        self.window.reviews.choose(review_id)
        title = tab_for(kind)
        for index in range(self.window.tabs.count()):
            if self.window.tabs.tabText(index) == title:
                self.window.tabs.setCurrentIndex(index)
                _select_record(self.window.tabs.widget(index), record_id)


def _select_record(tab: QObject, record_id: UUID) -> None:
    """Select the row of `record_id` in whichever record table of `tab` shows it."""
    for panel in tab.findChildren(RecordPanel):
        for row, record in enumerate(panel.model.records):
            if getattr(record, "id", None) == record_id:
                panel.select_row(row)
                return
