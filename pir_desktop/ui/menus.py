"""The main window's menu bar and the actions behind it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle

from ..settings import Theme

if TYPE_CHECKING:
    from .main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str


@dataclass
class WindowActions:
    new_library: QAction
    open_library: QAction
    open_recent: QMenu
    save_copy: QAction
    close_library: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    new_review: QAction
    next_tab: QAction
    previous_tab: QAction
    larger_text: QAction
    smaller_text: QAction
    reset_text: QAction
    themes: dict[Theme, QAction]
    shortcuts: QAction
    about: QAction


def _action(
    window: "MainWindow",
    text: str,
    slot: Callable[[], object],
    *shortcuts: Shortcut,
) -> QAction:
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _icon(
    window: "MainWindow", theme_name: str, fallback: QStyle.StandardPixmap
) -> QIcon:
    """Return the desktop theme's icon, or the Qt style's scalable standard icon."""
    return QIcon.fromTheme(theme_name, window.style().standardIcon(fallback))


def _theme_actions(window: "MainWindow") -> dict[Theme, QAction]:
    group = QActionGroup(window)
    texts = {
        Theme.SYSTEM: "&System colours",
        Theme.LIGHT: "&Light",
        Theme.DARK: "&Dark",
    }
    actions: dict[Theme, QAction] = {}
    for theme, text in texts.items():
        action = _action(window, text, lambda t=theme: window.set_theme(t))
        action.setCheckable(True)
        group.addAction(action)
        actions[theme] = action
    return actions


def build_actions(window: "MainWindow") -> WindowActions:
    """Create the window's actions; undo and redo follow the active undo stack."""
    pixmap = QStyle.StandardPixmap
    undo = window.undo_group.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    undo.setIcon(_icon(window, "edit-undo", pixmap.SP_ArrowBack))
    redo = window.undo_group.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    redo.setIcon(_icon(window, "edit-redo", pixmap.SP_ArrowForward))
    new_library = _action(window, "&New library…", window.new_library, "Ctrl+N")
    new_library.setIcon(_icon(window, "document-new", pixmap.SP_FileIcon))
    open_library = _action(window, "&Open…", window.choose_library, "Ctrl+O")
    open_library.setIcon(_icon(window, "document-open", pixmap.SP_DialogOpenButton))
    return WindowActions(
        new_library=new_library,
        open_library=open_library,
        open_recent=QMenu("Open &recent", window),
        save_copy=_action(window, "Save a &copy as…", window.save_copy, "Ctrl+Shift+S"),
        close_library=_action(window, "&Close library", window.close_library, "Ctrl+W"),
        quit=_action(window, "&Quit", window.close, "Ctrl+Q"),
        undo=undo,
        redo=redo,
        new_review=_action(window, "&New review…", window.new_review, "Ctrl+Shift+N"),
        next_tab=_action(window, "&Next tab", window.next_tab, "Ctrl+PgDown"),
        previous_tab=_action(window, "&Previous tab", window.previous_tab, "Ctrl+PgUp"),
        larger_text=_action(
            window, "&Larger text", lambda: window.scale_text(1.1), "Ctrl++", "Ctrl+="
        ),
        smaller_text=_action(
            window, "&Smaller text", lambda: window.scale_text(1 / 1.1), "Ctrl+-"
        ),
        reset_text=_action(
            window, "&Normal text size", lambda: window.scale_text(None), "Ctrl+0"
        ),
        themes=_theme_actions(window),
        shortcuts=_action(
            window, "&Keyboard shortcuts", window.show_shortcuts, "Ctrl+/"
        ),
        about=_action(window, "&About PIR Desktop", window.about),
    )


def build_menus(window: "MainWindow", actions: WindowActions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([actions.new_library, actions.open_library])
    file_menu.addMenu(actions.open_recent)
    file_menu.addActions([actions.save_copy, actions.close_library])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    bar.addMenu("&Edit").addActions([actions.undo, actions.redo])
    bar.addMenu("&Review").addAction(actions.new_review)
    view_menu = bar.addMenu("&View")
    view_menu.addActions([actions.next_tab, actions.previous_tab])
    view_menu.addSeparator()
    view_menu.addActions(
        [actions.larger_text, actions.smaller_text, actions.reset_text]
    )
    theme_menu = view_menu.addMenu("&Theme")
    theme_menu.addActions(list(actions.themes.values()))
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([actions.shortcuts, actions.about])
