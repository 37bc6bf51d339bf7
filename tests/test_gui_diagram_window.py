"""The Root cause diagrams inside the real main window: shortcuts, undo and status."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.services.sample import sample_review  # noqa: E402
from pir_desktop.ui.diagrams.view import DiagramView  # noqa: E402
from pir_desktop.ui.main_window import MainWindow  # noqa: E402
from pir_desktop.ui.tabs.rootcause import RootCauseTab  # noqa: E402
from pir_desktop.ui.windows import REGISTRY  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    """The active main window on a new library that contains the sample review."""
    library = ReviewLibrary.create(tmp_path / "sample.pir")
    library.add_review(sample_review())
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1400, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window


def root_cause_tab(window: MainWindow) -> RootCauseTab:
    tab = next(t for t in window.tabs_shown if isinstance(t, RootCauseTab))
    window.tabs.setCurrentWidget(tab)
    return tab


def focus(qtbot, view: DiagramView) -> None:
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)


def diagram_views(tab: RootCauseTab) -> list[tuple[str, DiagramView]]:
    pages = tab.diagrams
    return [
        ("why-tree", pages.why_page.view),
        ("fishbone", pages.fishbone.view),
        ("fault tree", pages.fault_tree.view),
    ]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_zoom_keys_win_on_view(qtbot, window, index) -> None:
    tab = root_cause_tab(window)
    _name, view = diagram_views(tab)[index]
    tab.diagrams.setCurrentIndex(index)
    focus(qtbot, view)
    scale = REGISTRY.settings.presenter_font_scale
    start = view.zoom()

    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    larger = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    largest = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    smaller = view.zoom()

    assert larger > start
    assert largest > larger
    assert smaller < largest
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert view.zoom() <= view.natural_zoom()
    assert REGISTRY.settings.presenter_font_scale == scale


def test_text_size_keys_elsewhere(qtbot, window) -> None:
    tab = root_cause_tab(window)
    table = tab.factors.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    scale = REGISTRY.settings.presenter_font_scale

    qtbot.keyClick(table, Qt.Key.Key_Plus, CTRL)

    assert REGISTRY.settings.presenter_font_scale > scale
    qtbot.keyClick(table, Qt.Key.Key_0, CTRL)
    assert REGISTRY.settings.presenter_font_scale == 1.0
    assert QApplication.focusWidget() is table
