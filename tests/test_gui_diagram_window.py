"""Diagrams and the timeline chart in the real main window: keys, undo, status."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget  # noqa: E402
from root_cause_gui import click_box  # noqa: E402

from pir_desktop.domain.review import Review  # noqa: E402
from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.services.sample import sample_review  # noqa: E402
from pir_desktop.ui.diagrams.view import DiagramView  # noqa: E402
from pir_desktop.ui.main_window import MainWindow  # noqa: E402
from pir_desktop.ui.status import show_status  # noqa: E402
from pir_desktop.ui.tabs.rootcause import RootCauseTab  # noqa: E402
from pir_desktop.ui.tabs.timeline import TimelineTab  # noqa: E402
from pir_desktop.ui.windows import REGISTRY  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier
# A why-tree node of the sample review without answers below it.
KEY_UNNOTICED = "3a106206-414a-577b-b47e-2f157f1305a5"


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
    """Wait until the view is laid out on screen, then give it the focus."""
    qtbot.waitUntil(lambda: view.isVisible() and view.viewport().height() > 100)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)


def show_page(qtbot, tab: RootCauseTab, index: int) -> tuple[QWidget, DiagramView]:
    """Show the why-tree (0), fishbone (1) or fault-tree (2) page and focus its view."""
    pages = tab.diagrams
    page = [pages.why_page, pages.fishbone, pages.fault_tree][index]
    pages.setCurrentWidget(page)
    focus(qtbot, page.view)
    return page, page.view


@pytest.mark.parametrize("index", [0, 1, 2])
def test_zoom_keys_win_on_view(qtbot, window, index) -> None:
    _page, view = show_page(qtbot, root_cause_tab(window), index)
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


def stored_review(window: MainWindow) -> Review:
    """Load the shown review from the library file with a fresh connection."""
    path = window.library_path()
    assert path is not None
    library = ReviewLibrary.open(path)
    try:
        return library.load(library.reviews()[0].id)
    finally:
        library.close()


def type_text(qtbot, editor: QLineEdit | None, text: str) -> QLineEdit:
    """Type into an open inline editor without pressing Enter."""
    assert editor is not None
    assert editor.hasFocus()
    qtbot.keyClicks(editor, text)
    return editor


def test_why_draft_parent_undone(qtbot, window, shown_errors) -> None:
    tab = root_cause_tab(window)
    page = tab.diagrams.why_page
    tab.diagrams.setCurrentWidget(page)
    page.view.fit()
    click_box(qtbot, page.view, KEY_UNNOTICED)
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    qtbot.keyClick(type_text(qtbot, page.editor, "Parent"), Qt.Key.Key_Return)
    parent = next(n for n in tab.context.review.why_nodes if n.text == "Parent")
    page.view.select_box(str(parent.id))
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    editor = type_text(qtbot, page.editor, "Child draft")

    window.actions.undo.trigger()
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert shown_errors == []
    texts = [node.text for node in stored_review(window).why_nodes]
    assert "Parent" not in texts
    assert "Child draft" not in texts
    assert page.editor is None
    assert page.draft is None
    assert page.status.text() == (
        "The parent “Parent” was removed, so the new answer “Child draft” was "
        "not added."
    )
    assert str(parent.id) not in page.view.diagram_scene().box_items()
    assert window.actions.redo.isEnabled()


def test_why_draft_parent_redone(qtbot, window, shown_errors) -> None:
    tab = root_cause_tab(window)
    page = tab.diagrams.why_page
    tab.diagrams.setCurrentWidget(page)
    page.view.fit()
    click_box(qtbot, page.view, KEY_UNNOTICED)
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    qtbot.keyClick(type_text(qtbot, page.editor, "Parent"), Qt.Key.Key_Return)
    parent = next(n for n in tab.context.review.why_nodes if n.text == "Parent")
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    editor = type_text(qtbot, page.editor, "Child")

    window.actions.undo.trigger()
    window.actions.redo.trigger()
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert shown_errors == []
    child = next(n for n in stored_review(window).why_nodes if n.text == "Child")
    assert child.parent_id == parent.id


def test_fishbone_draft_cause_undone(qtbot, window, shown_errors) -> None:
    tab = root_cause_tab(window)
    page = tab.diagrams.fishbone
    tab.diagrams.setCurrentWidget(page)
    page.view.fit()
    click_box(qtbot, page.view, "category:Third parties")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.keyClick(type_text(qtbot, page.edits.editor, "Cause"), Qt.Key.Key_Return)
    cause = next(f for f in tab.context.review.factors if f.statement == "Cause")
    page.view.select_box(str(cause.id))
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    editor = type_text(qtbot, page.edits.editor, "Sub draft")

    window.actions.undo.trigger()
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert shown_errors == []
    review = stored_review(window)
    statements = [factor.statement for factor in review.factors]
    assert "Cause" not in statements
    assert "Sub draft" not in statements
    factor_ids = {factor.id for factor in review.factors}
    for child, parent in review.fishbones[0].parents.items():
        assert child in factor_ids
        assert parent in factor_ids
    assert page.edits.editor is None
    assert page.edits.draft is None
    assert page.status.text() == (
        "The cause “Cause” was removed, so the new sub-cause “Sub draft” was not added."
    )


def test_status_message_leaves_gap(qtbot, window) -> None:
    page = root_cause_tab(window).diagrams.why_page
    label = window.save_label
    assert label.text().startswith("All changes saved")

    show_status(page, "W" * 400)
    image = window.statusBar().grab().toImage()

    text_left = label.x() + label.contentsRect().left()
    band = {
        image.pixel(x, y)
        for x in range(text_left - 8, text_left)
        for y in range(image.height())
    }
    assert len(band) == 1


def diagram_shown_whole(view: DiagramView) -> bool:
    """Return whether the whole diagram is inside the view's viewport."""
    shown = view.mapFromScene(view.sceneRect()).boundingRect()
    return view.viewport().rect().contains(shown)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_fitted_diagram_stays_fitted(qtbot, window, index) -> None:
    page, view = show_page(qtbot, root_cause_tab(window), index)
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    qtbot.waitUntil(lambda: not view.verticalScrollBar().isVisible())
    assert diagram_shown_whole(view)

    page.status.setText("A message long enough to wrap onto a second line. " * 8)
    qtbot.waitUntil(lambda: page.status.height() > 1.5 * page.fontMetrics().height())

    assert diagram_shown_whole(view)
    assert not view.verticalScrollBar().isVisible()
    assert not view.horizontalScrollBar().isVisible()


def test_zoomed_diagram_keeps_zoom(qtbot, window) -> None:
    page, view = show_page(qtbot, root_cause_tab(window), 0)
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    zoom = view.zoom()

    page.status.setText("A message long enough to wrap onto a second line. " * 8)
    qtbot.waitUntil(lambda: page.status.height() > 1.5 * page.fontMetrics().height())

    assert view.zoom() == zoom


def test_zoom_keys_win_on_timeline_chart(qtbot, window) -> None:
    tab = next(t for t in window.tabs_shown if isinstance(t, TimelineTab))
    window.tabs.setCurrentWidget(tab)
    view = tab.chart.view
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    scale = REGISTRY.settings.presenter_font_scale
    start = view.zoom()

    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)

    assert view.zoom() > start
    assert REGISTRY.settings.presenter_font_scale == scale
