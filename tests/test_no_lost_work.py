"""Typed text survives switching tabs, saving a copy and closing the window.

Each test types into an editor without leaving it, then does something that
shows other data or ends the window, and reads the file with a fresh
connection.
"""

from pathlib import Path

import pytest
from conftest import REFERENCE, stored_review
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from pir_desktop import app
from pir_desktop.services import ReviewLibrary
from pir_desktop.ui import library_files
from pir_desktop.ui.main_window import MainWindow
from pir_desktop.ui.tabs.overview import OverviewTab
from pir_desktop.ui.tabs.timeline import TimelineTab


@pytest.fixture
def window(qtbot: QtBot, library: ReviewLibrary) -> MainWindow:
    window = app.create_main_window(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def overview(window: MainWindow) -> OverviewTab:
    tab = window.tabs_shown[0]
    assert isinstance(tab, OverviewTab)
    return tab


def type_without_leaving(qtbot: QtBot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    if isinstance(widget, QPlainTextEdit):
        widget.selectAll()
    else:
        widget.clear()
    qtbot.keyClicks(widget, text)


def test_title_saved_on_next_tab(
    qtbot: QtBot, window: MainWindow, library_path: Path
) -> None:
    type_without_leaving(qtbot, overview(window).lines["title"], "Typed title")
    window.next_tab()
    assert stored_review(library_path).title == "Typed title"


def test_title_saved_on_tab_click(
    qtbot: QtBot, window: MainWindow, library_path: Path
) -> None:
    type_without_leaving(qtbot, overview(window).lines["title"], "Clicked away")
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert window.tabs.currentIndex() == 2
    assert stored_review(library_path).title == "Clicked away"


def test_summary_saved_on_close(
    qtbot: QtBot, window: MainWindow, library_path: Path
) -> None:
    type_without_leaving(qtbot, overview(window).texts["summary"], "Typed summary")
    window.close()
    assert stored_review(library_path).summary == "Typed summary"


def test_summary_saved_before_copy(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy_path = tmp_path / "copy.pir"
    monkeypatch.setattr(
        library_files, "choose_path", lambda *_args, **_kwargs: copy_path
    )
    type_without_leaving(qtbot, overview(window).texts["impact"], "Typed impact")
    window.save_copy()
    copy = ReviewLibrary.open(copy_path)
    try:
        assert copy.load(copy.find(REFERENCE)).impact == "Typed impact"
    finally:
        copy.close()


def test_open_event_dialog_saved_on_close(
    qtbot: QtBot, window: MainWindow, library_path: Path
) -> None:
    timeline = window.tabs_shown[1]
    assert isinstance(timeline, TimelineTab)
    window.tabs.setCurrentWidget(timeline)
    dialog = timeline.add_event()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.description.setPlainText("Typed in an open dialog")

    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())

    descriptions = [e.description for e in stored_review(library_path).events]
    assert "Typed in an open dialog" in descriptions


def test_invalid_dialog_keeps_window_open(
    qtbot: QtBot,
    window: MainWindow,
    library_path: Path,
    shown_errors: list[tuple[str, str]],
) -> None:
    timeline = window.tabs_shown[1]
    assert isinstance(timeline, TimelineTab)
    dialog = timeline.add_event()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.description.setPlainText("")

    window.close()

    assert window.isVisible()
    assert dialog.isVisible()
    assert shown_errors
    dialog.reject()
    window.close()
    assert not window.isVisible()
