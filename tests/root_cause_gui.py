"""Open the Root cause tab on a real library, then click, drag and type on it."""

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from pir_desktop.ui.context import ReviewContext
from pir_desktop.ui.diagrams.panel import DiagramTabs
from pir_desktop.ui.diagrams.view import DiagramView
from pir_desktop.ui.tabs.rootcause import RootCauseTab


def show_root_cause_tab(
    qtbot,
    context: ReviewContext,
    page: Callable[[DiagramTabs], QWidget],
    active: bool = False,
) -> RootCauseTab:
    """Show a 1400×1000 Root cause tab on one diagram page of `context`'s review.

    With `active`, also wait until the window is active, because only a
    widget in the active window has the keyboard focus.
    """
    tab = RootCauseTab(context)
    qtbot.addWidget(tab)
    tab.resize(1400, 1000)
    tab.diagrams.setCurrentWidget(page(tab.diagrams))
    tab.show()
    qtbot.waitExposed(tab)
    if active:
        tab.activateWindow()
        qtbot.waitUntil(tab.isActiveWindow)
    return tab


def box_point(view: DiagramView, box_id: str) -> QPoint:
    """Return the viewport position of a box's centre."""
    box = view.diagram_scene().diagram.box(box_id)
    return view.mapFromScene(QPointF(box.centre_x, box.centre_y))


def click_box(qtbot, view: DiagramView, box_id: str) -> None:
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=box_point(view, box_id)
    )


def drag(qtbot, view: DiagramView, start: QPoint, end: QPoint) -> None:
    """Press at `start`, move in five steps to `end` and release there."""
    port = view.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(port, start + (end - start) * (step / 5))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)


def drag_box(qtbot, view: DiagramView, box_id: str, target_id: str) -> None:
    """Drag one box onto another with the mouse."""
    drag(qtbot, view, box_point(view, box_id), box_point(view, target_id))


def type_into_editor(qtbot, editor: QLineEdit | None, text: str) -> None:
    """Replace an open inline editor's text by typing, then press Enter."""
    assert editor is not None
    assert editor.hasFocus()
    editor.selectAll()
    if text:
        qtbot.keyClicks(editor, text)
    else:
        editor.clear()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
