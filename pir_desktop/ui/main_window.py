"""The main window: the library's reviews on the left, a review's tabs on the right."""

import logging
from datetime import datetime
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from ..domain.review import Review
from ..paths import resources_dir
from ..services import ReviewLibrary
from ..settings import Theme
from . import errors, library_files, recent, single_instance
from .about import AboutDialog
from .action_plan_menus import ActionPlanMenus
from .context import ReviewContext
from .dialogs.connect import ask_database_url
from .dialogs.new_review import NewReviewDialog
from .geometry import restore_window_state, save_window_state
from .menus import build_actions, build_menus
from .presenter.mode import PresenterMode
from .redaction_menu import RedactionSuggestions
from .review_list import ReviewList
from .shortcuts import ShortcutsDialog
from .status import PERMANENT_LABEL_MARGIN
from .tabs.actions import ActionPlanTab
from .tabs.controls import ControlsTab
from .tabs.discussion import DiscussionTab
from .tabs.overview import OverviewTab
from .tabs.procedure import ProcedureTab
from .tabs.rootcause import RootCauseTab
from .tabs.signoff import SignOffTab
from .tabs.timeline import TimelineTab
from .theme import apply_appearance
from .timeline.menu import TimelineImportMenu
from .window_text import NO_LIBRARY_TEXT, save_state, window_title
from .windows import REGISTRY

log = logging.getLogger(__name__)

# Key of the main window's geometry and splitter state in the settings.
WINDOW_NAME = "main"

TAB_CLASSES = (
    OverviewTab,
    TimelineTab,
    DiscussionTab,
    RootCauseTab,
    ActionPlanTab,
    ControlsTab,
    SignOffTab,
    ProcedureTab,
)


class MainWindow(QMainWindow):
    """One window on one library; each library gets a fresh context and tabs."""

    def __init__(self, library: ReviewLibrary | None = None) -> None:
        super().__init__()
        self.context: ReviewContext | None = None
        self.tabs_shown: list[QWidget] = []
        self.undo_group = QUndoGroup(self)
        self.ownership: single_instance.FileOwnership | None = None
        self._build()
        self._layout()
        self.actions = build_actions(self)
        build_menus(self, self.actions)
        self._add_action_plan_menus()
        self._add_presenter_mode()
        self.timeline_import = TimelineImportMenu(self)
        self._add_redaction_suggestions()
        self._connect()
        self._restore()
        REGISTRY.add(self)
        self.set_library(library)

    def _add_action_plan_menus(self) -> None:
        """Add the exports, JSON import, open-actions window and search."""
        self.action_plan = ActionPlanMenus(self)

    def _restore(self) -> None:
        """Size the window from the font, then apply the saved geometry if any."""
        self.setWindowIcon(QIcon(str(resources_dir() / "icons" / "pir-desktop.svg")))
        self.setAcceptDrops(True)
        em = self.fontMetrics().height()
        self.setMinimumSize(40 * em, 28 * em)
        self.resize(80 * em, 50 * em)
        restore_window_state(REGISTRY.settings, WINDOW_NAME, self, self.splitter)
        self.actions.themes[REGISTRY.settings.theme].setChecked(True)

    def _build(self) -> None:
        self.reviews = ReviewList()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.placeholder = QLabel(NO_LIBRARY_TEXT)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.save_label = QLabel()
        self.save_label.setContentsMargins(PERMANENT_LABEL_MARGIN, 0, 0, 0)

    def _layout(self) -> None:
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self.tabs)
        splitter = QSplitter()
        splitter.addWidget(self.reviews)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        em = self.fontMetrics().height()
        splitter.setSizes([16 * em, 64 * em])
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.statusBar().addPermanentWidget(self.save_label)

    def _connect(self) -> None:
        self.reviews.review_chosen.connect(self.select_review)
        self.reviews.new_button.clicked.connect(self.new_review)
        self.actions.open_recent.aboutToShow.connect(self.fill_recent_menu)
        self.tabs.tabBarClicked.connect(lambda _index: self.commit_pending_edits())
        self._add_connect_action()

    # Library

    def _add_presenter_mode(self) -> None:
        """Add presenter mode (F5) to the View menu."""
        self.presenter_mode = PresenterMode(self)
        self.presenter_mode.add_to_menu()

    def _add_redaction_suggestions(self) -> None:
        """Add Redaction suggestions (Ctrl+Shift+R) to the Review menu."""
        self.redaction = RedactionSuggestions(self)
        self.redaction.add_to_menu()

    def set_library(self, library: ReviewLibrary | None) -> None:
        """Show another library, or none; the previous one is closed."""
        self.commit_pending_edits()
        self._close_context()
        if library is not None:
            self._open_context(library)
        self._show_reviews()
        first = self.context.library.reviews() if self.context else []
        if first:
            self.reviews.choose(first[0].id)
        self._update_state()

    def _open_context(self, library: ReviewLibrary) -> None:
        context = ReviewContext(library, self)
        context.error.connect(lambda title, text: errors.show_error(self, title, text))
        context.library_changed.connect(self._show_reviews)
        context.undo_stack.indexChanged.connect(self._saved)
        self.undo_group.addStack(context.undo_stack)
        self.undo_group.setActiveStack(context.undo_stack)
        self.context = context
        self.tabs_shown = [tab_class(context) for tab_class in TAB_CLASSES]
        for tab, tab_class in zip(self.tabs_shown, TAB_CLASSES, strict=True):
            self.tabs.addTab(tab, tab_class.TITLE)
        self.pages.setCurrentWidget(self.tabs)
        log.info("Showing library %s", library.location)
        self._own_file(Path(library.location))

    def _own_file(self, path: Path) -> None:
        """Claim the file for this window and list it first in Open recent."""
        if not path.is_file():
            return
        self.ownership = single_instance.FileOwnership(path, self.bring_forward, self)
        REGISTRY.settings.add_recent(path)
        REGISTRY.save()

    def _close_context(self) -> None:
        if self.context is None:
            return
        if self.ownership is not None:
            self.ownership.close()
            self.ownership.deleteLater()
            self.ownership = None
        self.tabs.clear()
        for tab in self.tabs_shown:
            tab.deleteLater()
        self.tabs_shown = []
        self.undo_group.removeStack(self.context.undo_stack)
        self.context.library.close()
        self.context.deleteLater()
        self.context = None
        self.pages.setCurrentWidget(self.placeholder)

    def library_path(self) -> Path | None:
        """Return the file of the library shown, or None."""
        return None if self.context is None else Path(self.context.library.location)

    def open_library(self, path: Path, review: str | None = None) -> bool:
        """Open a library file and select a review by reference or id, or the first.

        A file that a window already shows is not opened again: that window
        comes forward instead, in this process or another.
        """
        existing = REGISTRY.window_showing(path)
        if existing is not None:
            existing.bring_forward(review)
            return True
        if single_instance.ask_owner_to_activate(path, review):
            self.statusBar().showMessage(f"{path.name} is open in another window")
            return True
        library = errors.attempt(
            self,
            "Library not opened",
            lambda: library_files.open_library_file(self, path),
        )
        if library is None:
            return False
        self.set_library(library)
        if review:
            self.choose_review(review)
        return True

    def choose_review(self, review: str) -> None:
        """Select a review by reference or id, and report one that is not found."""
        context = self.context
        if context is None:
            return
        found = errors.attempt(
            self, "Review not found", lambda: context.library.find(review)
        )
        if found is not None:
            self.reviews.choose(found)

    def bring_forward(self, review: str | None = None) -> None:
        """Show this window above the others, and select a review if one is named."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if review:
            self.choose_review(review)

    def fill_recent_menu(self) -> None:
        missing = recent.fill_recent_menu(
            self.actions.open_recent, REGISTRY.settings, self.open_library
        )
        if missing:
            REGISTRY.save()
            self.statusBar().showMessage(recent.missing_note(missing), 10_000)

    def choose_library(self) -> None:
        path = library_files.choose_path(self, "Open library", save=False)
        if path is not None:
            self.open_library(path)

    def new_library(self) -> None:
        path = library_files.choose_path(self, "New library", save=True)
        if path is None:
            return
        library = errors.attempt(
            self, "Library not created", lambda: ReviewLibrary.create(path)
        )
        if library is not None:
            self.set_library(library)

    def save_copy(self) -> None:
        context = self.context
        if context is None:
            return
        self.commit_pending_edits()
        path = library_files.choose_path(self, "Save a copy as", save=True)
        if path is None:
            return
        copied = errors.attempt(
            self, "Copy not saved", lambda: context.library.save_copy(path) or path
        )
        if copied is not None:
            self.statusBar().showMessage(f"Saved a copy to {path}", 10_000)

    def close_library(self) -> None:
        self.set_library(None)

    def _add_connect_action(self) -> None:
        self.connect_action = QAction("Connect to &team library…", self)
        self.connect_action.triggered.connect(
            lambda _checked=False: self.choose_database()
        )
        file_menu = self.menuBar().actions()[0].menu()
        file_menu.insertAction(self.actions.save_copy, self.connect_action)

    def choose_database(self) -> None:
        url = ask_database_url(self)
        if url is not None:
            self.connect_database(url)

    def connect_database(self, url: str) -> bool:
        """Show the team library in the PostgreSQL database at `url`."""
        library = errors.attempt(
            self, "Team library not opened", lambda: ReviewLibrary.connect(url)
        )
        if library is None:
            return False
        self.set_library(library)
        return True

    # Pending edits

    def commit_pending_edits(self) -> None:
        """Save the value in the focused editor before the window shows other data.

        Clearing the focus sends FocusOut, on which the Overview saves its
        fields. A tab with other unsaved input saves it in its own
        commit_pending_edits() method, which is called here.
        """
        focused = QApplication.focusWidget()
        if focused is not None and self._owns(focused):
            focused.clearFocus()
        for tab in self.tabs_shown:
            commit = getattr(tab, "commit_pending_edits", None)
            if commit is not None:
                commit()

    def finish_open_editor(self) -> bool:
        """Accept an open record dialog so that its edit is saved.

        Returns True when no dialog is open. Otherwise the close waits: a
        dialog that accepts saves its record when its exec() returns, and the
        window closes after that. A dialog with invalid values shows why and
        stays open, so the user decides.
        """
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not self._owns(dialog):
            return True
        dialog.accept()
        if not dialog.isVisible():
            QTimer.singleShot(0, self.close)
        return False

    def _owns(self, widget: QWidget) -> bool:
        """Return whether a widget, or a dialog, belongs to this window."""
        parent: QWidget | None = widget
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    # Reviews

    def select_review(self, review_id: UUID) -> None:
        self.commit_pending_edits()
        context = self.context
        if context is not None:
            errors.attempt(self, "Review not opened", lambda: context.select(review_id))
        self._update_state()
        path = self.library_path()
        if path is not None and context is not None and context.review is not None:
            REGISTRY.settings.remember_review(path, context.review.reference)
            REGISTRY.save()

    def new_review(self) -> NewReviewDialog | None:
        """Open the new-review dialog; accepting it stores and selects the review."""
        if self.context is None:
            return None
        dialog = NewReviewDialog(self)
        dialog.accepted.connect(lambda: self._add_review(dialog.result_value))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _add_review(self, review: Review | None) -> None:
        context = self.context
        if context is None or review is None:
            return
        # NOTE: adding a review is not undoable, because selecting the new
        # review starts a fresh undo history.
        stored = errors.attempt(
            self, "Review not added", lambda: context.library.add_review(review)
        )
        if stored is not None:
            self._show_reviews()
            self.reviews.choose(stored.id)

    def _show_reviews(self) -> None:
        context = self.context
        reviews = errors.attempt(
            self,
            "Reviews not listed",
            lambda: context.library.reviews() if context else [],
        )
        self.reviews.show_reviews(reviews or [], context.review_id if context else None)

    # Window state

    def _update_state(self) -> None:
        library = None if self.context is None else self.context.library
        has_review = self.context is not None and self.context.review is not None
        writable = library is not None and not library.read_only
        self.reviews.setEnabled(library is not None)
        self.reviews.new_button.setEnabled(writable)
        self.actions.new_review.setEnabled(writable)
        self.actions.save_copy.setEnabled(library is not None)
        self.actions.close_library.setEnabled(library is not None)
        self.tabs.setEnabled(has_review)
        self.setWindowTitle(window_title(library))
        self.save_label.setText(save_state(library))

    def _saved(self) -> None:
        if self.context is not None:
            stamp = datetime.now().strftime("%H:%M:%S")
            self.save_label.setText(f"{save_state(self.context.library)} at {stamp}")

    def next_tab(self) -> None:
        self.commit_pending_edits()
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    def previous_tab(self) -> None:
        self.commit_pending_edits()
        self.tabs.setCurrentIndex((self.tabs.currentIndex() - 1) % self.tabs.count())

    def about(self) -> AboutDialog:
        dialog = AboutDialog(self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # Appearance

    def set_theme(self, theme: Theme) -> None:
        settings = REGISTRY.settings
        settings.theme = theme
        REGISTRY.save()
        for window in REGISTRY.windows:
            window.actions.themes[theme].setChecked(True)
        apply_appearance(theme, settings.presenter_font_scale)

    def scale_text(self, factor: float | None) -> None:
        """Multiply the presenter font scale by `factor`, or reset it to 1 for None."""
        settings = REGISTRY.settings
        scale = 1.0 if factor is None else settings.presenter_font_scale * factor
        settings.presenter_font_scale = round(min(3.0, max(0.5, scale)), 3)
        REGISTRY.save()
        apply_appearance(settings.theme, settings.presenter_font_scale)

    # Drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if recent.dropped_libraries(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = recent.dropped_libraries(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        self.open_library(paths[0])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.finish_open_editor():
            event.ignore()
            return
        self.commit_pending_edits()
        save_window_state(REGISTRY.settings, WINDOW_NAME, self, self.splitter)
        REGISTRY.save()
        self._close_context()
        REGISTRY.remove(self)
        super().closeEvent(event)
