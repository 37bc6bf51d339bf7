"""The main window's menu bar and the actions behind it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from .main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str


@dataclass
class WindowActions:
    new_library: QAction
    open_library: QAction
    save_copy: QAction
    close_library: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    new_review: QAction
    next_tab: QAction
    previous_tab: QAction
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


def build_actions(window: "MainWindow") -> WindowActions:
    """Create the window's actions; undo and redo follow the active undo stack."""
    undo = window.undo_group.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = window.undo_group.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    return WindowActions(
        new_library=_action(window, "&New library…", window.new_library, "Ctrl+N"),
        open_library=_action(window, "&Open…", window.choose_library, "Ctrl+O"),
        save_copy=_action(window, "Save a &copy as…", window.save_copy, "Ctrl+Shift+S"),
        close_library=_action(window, "&Close library", window.close_library, "Ctrl+W"),
        quit=_action(window, "&Quit", window.close, "Ctrl+Q"),
        undo=undo,
        redo=redo,
        new_review=_action(window, "&New review…", window.new_review, "Ctrl+Shift+N"),
        next_tab=_action(window, "&Next tab", window.next_tab, "Ctrl+PgDown"),
        previous_tab=_action(window, "&Previous tab", window.previous_tab, "Ctrl+PgUp"),
        about=_action(window, "&About PIR Desktop", window.about),
    )


def build_menus(window: "MainWindow", actions: WindowActions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([actions.new_library, actions.open_library, actions.save_copy])
    file_menu.addAction(actions.close_library)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    bar.addMenu("&Edit").addActions([actions.undo, actions.redo])
    bar.addMenu("&Review").addAction(actions.new_review)
    bar.addMenu("&View").addActions([actions.next_tab, actions.previous_tab])
    bar.addMenu("&Help").addAction(actions.about)
