"""DiagramView's editing mode: selection, edit keys and box drags, on real events."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget  # noqa: E402
from root_cause_gui import box_point, click_box, drag  # noqa: E402

from pir_desktop.domain.diagrams import Diagram, why_tree_diagram  # noqa: E402
from pir_desktop.domain.entities import WhyNode  # noqa: E402
from pir_desktop.ui.diagrams import fonts  # noqa: E402
from pir_desktop.ui.diagrams.view import DiagramView  # noqa: E402


def example_nodes() -> list[WhyNode]:
    """Return a problem with two answer nodes, the first with a child node."""
    problem = WhyNode(text="Database exposed", position=0)
    first = WhyNode(parent_id=problem.id, text="Port open to the internet")
    second = WhyNode(parent_id=problem.id, text="Weak password", position=1)
    deeper = WhyNode(parent_id=first.id, text="Firewall rule left from a test")
    return [problem, first, second, deeper]


def layout(nodes: list[WhyNode]) -> Diagram:
    return why_tree_diagram(nodes, [], fonts.measure)


@pytest.fixture
def nodes() -> list[WhyNode]:
    return example_nodes()


@pytest.fixture
def window(qtbot) -> QWidget:
    window = QWidget()
    layout_ = QVBoxLayout(window)
    window.line = QLineEdit(window)
    window.view = DiagramView(window)
    layout_.addWidget(window.line)
    layout_.addWidget(window.view)
    qtbot.addWidget(window)
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def view(window: QWidget, nodes: list[WhyNode]) -> DiagramView:
    view = window.view
    view.set_editable(True)
    view.show_diagram(layout(nodes))
    return view


def test_click_selects_box_and_focuses(qtbot, view, nodes) -> None:
    target = str(nodes[2].id)
    with qtbot.waitSignal(view.selection_changed):
        click_box(qtbot, view, target)

    assert view.selected_box() == (target, target)
    assert view.hasFocus()
    scene = view.diagram_scene()
    assert scene.focus_outline.isVisible()
    box = scene.diagram.box(target)
    assert scene.focus_outline.boundingRect().contains(QPointF(box.x, box.y))
    assert scene.selected_ids() == [target]


def test_click_empty_space_clears(qtbot, view, nodes) -> None:
    view.select_box(str(nodes[0].id))
    corner = view.mapFromScene(QPointF(view.sceneRect().right() - 1, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=corner)
    assert view.selected_box() is None
    assert not view.diagram_scene().focus_outline.isVisible()


@pytest.mark.parametrize(
    ("key", "signal"),
    [
        (Qt.Key.Key_Return, "add_sibling_requested"),
        (Qt.Key.Key_Enter, "add_sibling_requested"),
        (Qt.Key.Key_Tab, "add_child_requested"),
        (Qt.Key.Key_F2, "rename_requested"),
        (Qt.Key.Key_Delete, "delete_requested"),
    ],
)
def test_edit_keys_emit_requests(qtbot, view, nodes, key, signal) -> None:
    selected = str(nodes[1].id)
    click_box(qtbot, view, selected)
    with qtbot.waitSignal(getattr(view, signal)) as blocker:
        qtbot.keyClick(view, key)
    assert blocker.args == [selected, selected]
    assert view.hasFocus()


def test_keys_without_selection_emit_nothing(qtbot, view) -> None:
    emitted: list[tuple[str, str]] = []
    for name in ("add_sibling_requested", "rename_requested", "delete_requested"):
        getattr(view, name).connect(lambda *ids: emitted.append(ids))
    for key in (Qt.Key.Key_Return, Qt.Key.Key_F2, Qt.Key.Key_Delete):
        qtbot.keyClick(view, key)
    assert emitted == []


def test_tab_stays_while_box_selected(qtbot, window, view, nodes) -> None:
    click_box(qtbot, view, str(nodes[0].id))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.hasFocus()

    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.line.hasFocus)

    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not view.hasFocus())


def test_tab_leaves_without_selection(qtbot, window, view) -> None:
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    emitted: list[tuple[str, str]] = []
    view.add_child_requested.connect(lambda *ids: emitted.append(ids))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert emitted == []


def test_arrows_move_to_nearest_box(qtbot, view, nodes) -> None:
    problem, first, second, deeper = (str(n.id) for n in nodes)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_box() == (problem, problem)

    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_box()[0] in (first, second)
    view.select_box(first)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_box()[0] == second
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_box()[0] == first
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_box()[0] == deeper
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_box()[0] == deeper
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_box()[0] == first


def test_drag_onto_box_requests_move(qtbot, view, nodes) -> None:
    dragged, target = str(nodes[3].id), str(nodes[2].id)
    scene = view.diagram_scene()
    seen_outline: list[bool] = []
    start, end = box_point(view, dragged), box_point(view, target)

    port = view.viewport()
    with qtbot.waitSignal(view.move_requested) as blocker:
        qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, 6):
            qtbot.mouseMove(port, start + (end - start) * (step / 5))
        seen_outline.append(scene.drop_outline.isVisible())
        qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)

    assert blocker.args == [dragged, dragged, target, target]
    assert seen_outline == [True]
    assert not scene.drop_outline.isVisible()
    assert scene.box_item(dragged).opacity() == 1.0


def test_drop_on_empty_space_cancels(qtbot, view, nodes) -> None:
    moves: list[tuple] = []
    view.move_requested.connect(lambda *ids: moves.append(ids))
    start = box_point(view, str(nodes[3].id))
    empty = view.mapFromScene(QPointF(view.sceneRect().right() - 1, 1))
    drag(qtbot, view, start, empty)
    assert moves == []
    assert not view.diagram_scene().drop_outline.isVisible()


def test_escape_cancels_drag(qtbot, view, nodes) -> None:
    moves: list[tuple] = []
    view.move_requested.connect(lambda *ids: moves.append(ids))
    start, end = box_point(view, str(nodes[3].id)), box_point(view, str(nodes[2].id))
    port = view.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(port, end)
    qtbot.mouseMove(port, end + QPoint(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)
    assert moves == []


def test_drag_on_empty_space_pans(qtbot, window, nodes) -> None:
    view = window.view
    view.set_editable(True)
    view.show_diagram(layout(nodes))
    view.zoom_by(4)
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    empty = view.mapFromScene(QPointF(2, 2))
    moves: list[tuple] = []
    view.move_requested.connect(lambda *ids: moves.append(ids))
    assert view.diagram_scene().box_at(view.mapToScene(empty)) is None
    drag(qtbot, view, empty, empty + QPoint(60, 0))
    assert bar.value() == before - 60
    assert moves == []


def test_selection_kept_across_rebuild(qtbot, view, nodes) -> None:
    kept = str(nodes[2].id)
    view.select_box(kept)
    view.show_diagram(layout(nodes))
    assert view.selected_box() == (kept, kept)
    assert view.diagram_scene().focus_outline.isVisible()

    with qtbot.waitSignal(view.selection_changed):
        view.show_diagram(layout(nodes[:2]))
    assert view.selected_box() is None


def test_select_unknown_box_clears(view, nodes) -> None:
    view.select_box(str(nodes[0].id))
    assert not view.select_box("no such box")
    assert view.selected_box() is None


def test_double_click_still_activates(qtbot, view, nodes) -> None:
    target = str(nodes[1].id)
    with qtbot.waitSignal(view.box_activated) as blocker:
        qtbot.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=box_point(view, target)
        )
    assert blocker.args == [target, target]


def test_read_only_view_ignores_edit_keys(qtbot, window, nodes) -> None:
    view = window.view
    view.show_diagram(layout(nodes))
    view.select_box(str(nodes[0].id))
    emitted: list[tuple] = []
    view.delete_requested.connect(lambda *ids: emitted.append(ids))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert emitted == []
    assert view.dragMode() == DiagramView.DragMode.ScrollHandDrag
