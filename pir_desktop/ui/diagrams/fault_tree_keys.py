"""Keyboard and drag editing of the fault-tree diagram.

Enter adds an event beside the selected node, under the same gate, and Tab
adds one under the selected gate. F2 opens the node dialog, Delete removes
the node, and dropping a box onto a gate moves the node there. A repeated
node has one box per gate that reads it, so the box, not the node,
identifies the gate an edit concerns.
"""

from typing import TYPE_CHECKING

from ...domain.faulttree import FaultTree, Gate
from ...domain.faulttree import edit as tree_edit

if TYPE_CHECKING:
    from .fault_tree_panel import FaultTreePanel


def box_parents(tree: FaultTree) -> dict[str, str | None]:
    """Return the gate above each box of the tree's diagram, keyed by box id.

    Box ids follow `fault_tree_diagram`, which walks each gate's operands
    depth-first. A node's first box has the node id and later boxes
    "<id>#<n>", and only a gate's first box shows its inputs. The top event's
    box maps to None.
    """
    nodes = tree.node_map()
    counts: dict[str, int] = {}
    parents: dict[str, str | None] = {}
    stack: list[tuple[str, str | None]] = [(tree.top, None)]
    while stack:
        node_id, parent = stack.pop()
        counts[node_id] = counts.get(node_id, 0) + 1
        repeat = counts[node_id]
        parents[node_id if repeat == 1 else f"{node_id}#{repeat}"] = parent
        node = nodes[node_id]
        if repeat == 1 and isinstance(node, Gate):
            stack.extend((operand, node_id) for operand in reversed(node.operands()))
    return parents


class FaultTreeKeys:
    """Adapter that turns the diagram view's edit requests into tree edits."""

    def __init__(self, panel: "FaultTreePanel") -> None:
        self.panel = panel
        view = panel.view
        view.add_sibling_requested.connect(self.add_sibling)
        view.add_child_requested.connect(self.add_child)
        view.rename_requested.connect(
            lambda _box, node_id: panel.open_node_dialog(node_id)
        )
        view.delete_requested.connect(self.delete)
        view.move_requested.connect(self.move)

    def _tree(self) -> FaultTree | None:
        record = self.panel.current()
        return None if record is None else record.tree

    def _label(self, tree: FaultTree, node_id: str) -> str:
        node = tree.node_map()[node_id]
        return node.label or node_id

    def add_sibling(self, box_id: str, _node_id: str) -> None:
        """Add an event under the gate above the selected box."""
        tree = self._tree()
        if tree is None:
            return
        parent = box_parents(tree).get(box_id)
        if parent is None:
            self.panel.tell(
                "The top event has no gate above it. Press Tab to add an event "
                "under it."
            )
            return
        self.panel.add_node_under(parent, gate=False)

    def add_child(self, _box_id: str, node_id: str) -> None:
        """Add an event under the selected gate, or explain why an event cannot."""
        tree = self._tree()
        if tree is None:
            return
        if not isinstance(tree.node_map().get(node_id), Gate):
            self.panel.tell(
                f"“{self._label(tree, node_id)}” is an event, and only a gate "
                "takes inputs. Select a gate to add under it, or press Enter "
                "to add an event beside this one."
            )
            return
        self.panel.add_node_under(node_id, gate=False)

    def delete(self, box_id: str, node_id: str) -> None:
        """Delete the node, then select the gate above the box."""
        tree = self._tree()
        if tree is None:
            return
        parent = box_parents(tree).get(box_id)
        if self.panel.remove_node(node_id) and parent is not None:
            self.panel.view.select_box(parent)

    def move(self, box_id: str, node_id: str, _target_box: str, target: str) -> None:
        """Move the node from the gate above the dragged box to the target gate.

        A move that the model rejects shows its message in the status line and
        stores nothing.
        """
        record = self.panel.current()
        if record is None:
            return
        tree = record.tree
        # Only the top event's box has no gate above it, and move_node rejects
        # moving the top event with a message naming it.
        parent = box_parents(tree).get(box_id) or tree.top
        try:
            moved = tree_edit.move_node(tree, node_id, parent, target)
        except tree_edit.FaultTreeEditError as exc:
            self.panel.tell(f"Move rejected, nothing changed: {exc}.")
            return
        title = f"Move node {node_id} to {target}"
        if self.panel.store_tree(record, moved, title):
            self.panel.view.select_box(node_id)
