"""Editing the fault-tree diagram with keys and drags on the real Root cause tab."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from conftest import stored_sample  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402
from root_cause_gui import (  # noqa: E402
    click_box,
    drag_box,
    show_root_cause_tab,
)

from pir_desktop.domain.diagrams import fault_tree_diagram  # noqa: E402
from pir_desktop.domain.faulttree import FaultTree, Gate, parse_mef  # noqa: E402
from pir_desktop.services.sample import sample_review  # noqa: E402
from pir_desktop.ui.context import ReviewContext  # noqa: E402
from pir_desktop.ui.diagrams import fonts  # noqa: E402
from pir_desktop.ui.diagrams.fault_tree_keys import box_parents  # noqa: E402
from pir_desktop.ui.diagrams.fault_tree_panel import FaultTreePanel  # noqa: E402
from pir_desktop.ui.dialogs.fault_tree import NodeDialog  # noqa: E402
from pir_desktop.ui.tabs.rootcause import RootCauseTab  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
# The sample tree: root_on_production = AND(jenkins_exploited,
# build_agent_to_root) and build_agent_to_root = OR(agent_forwarding,
# broad_root_keys).
TOP = "root_on_production"
BUILD_AGENT = "build_agent_to_root"


@pytest.fixture
def tab(qtbot, sample_context: ReviewContext) -> RootCauseTab:
    tab = show_root_cause_tab(qtbot, sample_context, lambda pages: pages.fault_tree)
    tab.diagrams.fault_tree.view.fit()
    return tab


@pytest.fixture
def panel(tab: RootCauseTab) -> FaultTreePanel:
    return tab.diagrams.fault_tree


@pytest.fixture
def dialogs(panel: FaultTreePanel) -> list[QDialog]:
    """Fill every node dialog with the label "Stolen deploy key" and accept it."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, NodeDialog)
        seen.append(dialog)
        dialog.label.setText("Stolen deploy key")
        return True

    panel.run_dialog = run
    return seen


def stored_tree(path: Path) -> FaultTree:
    return stored_sample(path).fault_trees[0].tree


def inputs(tree: FaultTree, gate_id: str) -> list[str]:
    gate = tree.node_map()[gate_id]
    assert isinstance(gate, Gate)
    return gate.inputs


def test_enter_adds_event_beside(qtbot, tab, panel, dialogs, library_path) -> None:
    before = stored_tree(library_path)
    click_box(qtbot, panel.view, "agent_forwarding")
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)

    assert [d.windowTitle() for d in dialogs] == ["Add event"]
    tree = stored_tree(library_path)
    assert inputs(tree, BUILD_AGENT) == [
        "agent_forwarding",
        "broad_root_keys",
        "stolen_deploy_key",
    ]
    assert panel.view.selected_box() == ("stolen_deploy_key", "stolen_deploy_key")
    assert panel.analysis.heading.text() == "Minimal cut sets (3)"

    tab.context.undo_stack.undo()
    assert stored_tree(library_path) == before
    tab.context.undo_stack.redo()
    assert stored_tree(library_path) == tree


def test_enter_on_top_explains(qtbot, tab, panel, dialogs, library_path) -> None:
    before = stored_tree(library_path)
    click_box(qtbot, panel.view, TOP)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert dialogs == []
    assert stored_tree(library_path) == before
    assert "top event has no gate above it" in panel.status.text()


def test_tab_adds_event_under_gate(qtbot, tab, panel, dialogs, library_path) -> None:
    click_box(qtbot, panel.view, TOP)
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)

    assert inputs(stored_tree(library_path), TOP) == [
        "jenkins_exploited",
        BUILD_AGENT,
        "stolen_deploy_key",
    ]
    assert panel.view.hasFocus()
    tab.context.undo_stack.undo()
    assert "stolen_deploy_key" not in stored_tree(library_path).node_map()
    tab.context.undo_stack.redo()
    assert inputs(stored_tree(library_path), TOP)[-1] == "stolen_deploy_key"


def test_tab_on_event_explains(qtbot, tab, panel, dialogs, library_path) -> None:
    before = stored_tree(library_path)
    click_box(qtbot, panel.view, "jenkins_exploited")
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)

    assert dialogs == []
    assert stored_tree(library_path) == before
    assert "is an event, and only a gate takes inputs" in panel.status.text()
    assert panel.view.hasFocus()
    assert tab.context.undo_stack.count() == 0


def test_f2_opens_node_dialog(qtbot, tab, panel, dialogs, library_path) -> None:
    click_box(qtbot, panel.view, "agent_forwarding")
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)

    assert [d.windowTitle() for d in dialogs] == ["Edit node agent_forwarding"]
    label = stored_tree(library_path).node_map()["agent_forwarding"].label
    assert label == "Stolen deploy key"
    tab.context.undo_stack.undo()
    label = stored_tree(library_path).node_map()["agent_forwarding"].label
    assert label.startswith("Forwarded SSH agent")
    tab.context.undo_stack.redo()
    label = stored_tree(library_path).node_map()["agent_forwarding"].label
    assert label == "Stolen deploy key"


def test_delete_key_removes_node(qtbot, tab, panel, library_path) -> None:
    before = stored_tree(library_path)
    click_box(qtbot, panel.view, "broad_root_keys")
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)

    tree = stored_tree(library_path)
    assert "broad_root_keys" not in tree.node_map()
    assert panel.view.selected_box() == (BUILD_AGENT, BUILD_AGENT)
    assert tab.context.undo_stack.count() == 1
    tab.context.undo_stack.undo()
    assert stored_tree(library_path) == before
    tab.context.undo_stack.redo()
    assert stored_tree(library_path) == tree


def test_delete_top_rejected(qtbot, tab, panel, library_path, shown_errors) -> None:
    before = stored_tree(library_path)
    click_box(qtbot, panel.view, TOP)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert stored_tree(library_path) == before
    assert "top event and cannot be deleted" in shown_errors[0][1]


def test_drag_moves_node_to_gate(qtbot, tab, panel, library_path) -> None:
    before = stored_tree(library_path)
    drag_box(qtbot, panel.view, "jenkins_exploited", BUILD_AGENT)

    tree = stored_tree(library_path)
    assert inputs(tree, TOP) == [BUILD_AGENT]
    assert inputs(tree, BUILD_AGENT)[-1] == "jenkins_exploited"
    assert panel.view.selected_box() == ("jenkins_exploited", "jenkins_exploited")
    assert tab.context.undo_stack.count() == 1
    tab.context.undo_stack.undo()
    assert stored_tree(library_path) == before
    tab.context.undo_stack.redo()
    assert stored_tree(library_path) == tree


def test_drop_on_event_rejected(qtbot, tab, panel, library_path) -> None:
    before = stored_tree(library_path)
    drag_box(qtbot, panel.view, BUILD_AGENT, "jenkins_exploited")
    assert stored_tree(library_path) == before
    assert "node jenkins_exploited is an event" in panel.status.text()
    assert tab.context.undo_stack.count() == 0


def test_drag_top_rejected(qtbot, tab, panel, library_path) -> None:
    before = stored_tree(library_path)
    drag_box(qtbot, panel.view, TOP, BUILD_AGENT)
    assert stored_tree(library_path) == before
    assert f"node {TOP} is the top event" in panel.status.text()


def test_move_emptying_gate_names_it(qtbot, tab, panel, library_path) -> None:
    drag_box(qtbot, panel.view, "agent_forwarding", TOP)
    moved = stored_tree(library_path)
    assert inputs(moved, BUILD_AGENT) == ["broad_root_keys"]

    drag_box(qtbot, panel.view, "broad_root_keys", TOP)
    assert stored_tree(library_path) == moved
    assert f"gate {BUILD_AGENT}: or gate has no inputs" in panel.status.text()
    assert "nothing changed" in panel.status.text()
    assert tab.context.undo_stack.count() == 1


def test_drop_on_current_gate_rejected(qtbot, tab, panel, library_path) -> None:
    drag_box(qtbot, panel.view, "jenkins_exploited", BUILD_AGENT)
    moved = stored_tree(library_path)
    drag_box(qtbot, panel.view, BUILD_AGENT, TOP)
    assert f"node {BUILD_AGENT} is already an input of gate {TOP}" in (
        panel.status.text()
    )
    assert stored_tree(library_path) == moved


def test_move_into_own_branch_rejected(
    qtbot, tab, panel, dialogs, library_path
) -> None:
    panel.view.select_box(BUILD_AGENT)
    panel.buttons["Add gate…"].click()
    assert panel.view.selected_box()[0] == "stolen_deploy_key"
    grown = stored_tree(library_path)
    count = tab.context.undo_stack.count()

    drag_box(qtbot, panel.view, BUILD_AGENT, "stolen_deploy_key")
    assert stored_tree(library_path) == grown
    assert "the tree contains a cycle" in panel.status.text()
    assert BUILD_AGENT in panel.status.text()
    assert tab.context.undo_stack.count() == count


def shared_tree() -> FaultTree:
    """Return a tree whose gate g and event c are each an input of two gates."""
    return FaultTree.model_validate(
        {
            "top": "top",
            "nodes": [
                {"id": "top", "kind": "or", "inputs": ["left", "right"]},
                {"id": "left", "kind": "and", "inputs": ["g", "c"]},
                {"id": "right", "kind": "and", "inputs": ["c", "g"]},
                {"id": "g", "kind": "or", "inputs": ["a", "b"]},
                *({"id": name, "kind": "basic"} for name in "abc"),
            ],
        }
    )


@pytest.mark.parametrize(
    "tree",
    [
        shared_tree(),
        sample_review().fault_trees[0].tree,
        parse_mef((FIXTURES / "faulttree_breach.xml").read_bytes()),
    ],
)
def test_box_parents_match_diagram(qapp, tree: FaultTree) -> None:
    diagram = fault_tree_diagram(tree, fonts.measure)
    assert set(box_parents(tree)) == {box.id for box in diagram.boxes}


def test_box_parents_of_repeats() -> None:
    parents = box_parents(shared_tree())
    assert parents["top"] is None
    assert parents["g"] == "left"
    assert parents["g#2"] == "right"
    assert parents["c"] == "left"
    assert parents["c#2"] == "right"
    assert parents["a"] == "g"
