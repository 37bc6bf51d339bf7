"""The Fault tree page of the Root cause tab: choose, edit, import and analyse trees.

Every change to a tree is one undoable `update_record` of the whole
FaultTreeRecord (see `RecordPage`). An edit that would make the tree invalid
shows the model's message, which names the node at fault, and stores nothing.
"""

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.diagrams import Diagram, fault_tree_diagram
from ...domain.entities import ContributingFactor
from ...domain.enums import FactorStatus
from ...domain.fault_tree_record import FaultTreeRecord
from ...domain.faulttree import (
    FaultTree,
    Gate,
    analyse,
    format_mef,
    mef_tree_names,
    parse_mef,
)
from ...domain.faulttree import edit as tree_edit
from ...domain.review import Review
from ...fileio import write_atomic
from ..board.commands import undo_macro
from ..context import ReviewContext
from ..dialogs.fault_tree import NodeDialog, TreeChoiceDialog, TreeDialog
from .fault_tree_analysis import FaultTreeAnalysisPanel
from .fault_tree_keys import FaultTreeKeys
from .fonts import measure
from .record_page import RecordPage
from .scene import RECORD_ID_ROLE

log = logging.getLogger(__name__)

HINT = (
    "Select a box, then Enter adds an event beside it, Tab adds one under a "
    "gate, F2 edits the node and Delete removes it. Drag a box onto a gate to "
    "move it there. The buttons work on the selected box, or on the top event "
    "when none is selected. Shaded boxes are events observed in this incident."
)
MEF_FILTER = "Open-PSA MEF (*.xml *.opsa);;All files (*)"
PathChooser = Callable[[QWidget], str]
FactorSource = Callable[[], list[ContributingFactor]]


def choose_open_path(parent: QWidget) -> str:
    return QFileDialog.getOpenFileName(parent, "Import MEF", "", MEF_FILTER)[0]


def choose_save_path(parent: QWidget) -> str:
    return QFileDialog.getSaveFileName(parent, "Export MEF", "", MEF_FILTER)[0]


class FaultTreePanel(RecordPage[FaultTreeRecord]):
    """One review's fault trees: a chooser, the diagram, the editor and the analysis.

    The file choosers, the dialog runner and the source of selected factors
    are attributes, so a test or the Root cause tab can replace them.
    """

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.choose_open_path: PathChooser = choose_open_path
        self.choose_save_path: PathChooser = choose_save_path
        self.selected_factors: FactorSource = list
        self._build()
        self._lay_out()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        buttons = [
            ("New fault tree…", "An OR of the selected factors, or of every factor"),
            ("Tree details…", "Title, top event and notes"),
            ("Delete tree", "Delete the chosen fault tree"),
            ("Import MEF…", "Read a fault tree from an Open-PSA MEF file"),
            ("Export MEF…", "Write the chosen tree as an Open-PSA MEF file"),
            ("Add gate…", "Add a gate under the selected gate"),
            ("Add event…", "Add an event under the selected gate"),
            ("Edit node…", "Change the selected node"),
            ("Delete node", "Remove the selected node from the tree"),
        ]
        self._build_common("Fault tree", buttons)
        self.view.set_editable(True)
        self.analysis = FaultTreeAnalysisPanel(self)
        self.hint.setText(HINT)

    def _lay_out(self) -> None:
        tree_row = QHBoxLayout()
        tree_row.addWidget(self.chooser, 1)
        node_row = QHBoxLayout()
        for text, button in self.buttons.items():
            row = (
                node_row
                if text.startswith(("Add", "Edit node", "Delete node"))
                else tree_row
            )
            row.addWidget(button)
        node_row.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.analysis)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tree_row)
        layout.addLayout(node_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)

    def _connect(self) -> None:
        actions = {
            "New fault tree…": self.new_tree,
            "Tree details…": self.edit_details,
            "Delete tree": self.delete_tree,
            "Import MEF…": self.import_mef,
            "Export MEF…": self.export_mef,
            "Add gate…": self.add_gate,
            "Add event…": self.add_event,
            "Edit node…": self.edit_node,
            "Delete node": self.delete_node,
        }
        for text, slot in actions.items():
            self.buttons[text].clicked.connect(slot)
        self.chooser.activated.connect(self._choose)
        self.view.box_activated.connect(
            lambda _box, node_id: self.open_node_dialog(node_id)
        )
        self.keys = FaultTreeKeys(self)
        self.analysis.cut_set_selected.connect(self.select_nodes)
        self.context.review_changed.connect(self.refresh)

    # Showing

    def review_records(self, review: Review) -> list[FaultTreeRecord]:
        return review.fault_trees

    def enable_commands(self, has_review: bool, has_records: bool) -> None:
        for text, button in self.buttons.items():
            needs_tree = text not in ("New fault tree…", "Import MEF…")
            button.setEnabled(has_records if needs_tree else has_review)
        self.chooser.setEnabled(has_records)

    def show_record(self) -> None:
        record = self.current()
        if record is None:
            self.view.show_diagram(Diagram(width=0.0, height=0.0))
            self.analysis.show_analysis(None, None)
            return
        review = self.context.review
        factors = [] if review is None else review.factors
        diagram = fault_tree_diagram(record.tree, measure, factors=factors)
        self.view.show_diagram(diagram)
        self.analysis.show_analysis(record.tree, analyse(record.tree), factors)

    def select_nodes(self, node_ids: list[str]) -> None:
        """Select the diagram boxes of these nodes, repeated boxes included."""
        requested = set(node_ids)
        for item in self.view.diagram_scene().box_items().values():
            item.setSelected(item.data(RECORD_ID_ROLE) in requested)

    def selected_node(self) -> str | None:
        """Return the id of the selected node, or of the top event if none is selected.

        With several boxes selected, as a cut set selects them, the first one
        in scene order counts.
        """
        record = self.current()
        if record is None:
            return None
        box = self.view.selected_box()
        if box is not None:
            return box[1]
        selected = self.view.diagram_scene().selected_ids()
        return selected[0] if selected else record.tree.top

    # Whole trees

    def new_tree(self) -> None:
        """Create a tree that ORs one basic event per selected (or every) factor."""
        review = self.context.review
        if review is None:
            return
        factors = self.selected_factors() or [
            f for f in review.factors if f.status is not FactorStatus.REFUTED
        ]
        number = len(review.fault_trees) + 1
        dialog = TreeDialog(
            "New fault tree",
            {"title": f"Fault tree {number}", "top_label": review.title},
            self,
        )
        if not self.run_dialog(dialog):
            return
        values = dialog.values()
        self.attempt(
            "New fault tree",
            lambda: self._add(
                FaultTreeRecord(
                    title=values["title"],
                    notes=values["notes"],
                    tree=tree_edit.tree_from_factors(
                        values["top_label"], [(f.id, f.statement) for f in factors]
                    ),
                ),
                "New fault tree",
            ),
        )

    def edit_details(self) -> None:
        record = self.current()
        if record is None:
            return
        top = record.tree.node_map()[record.tree.top]
        initial = {"title": record.title, "top_label": top.label, "notes": record.notes}
        dialog = TreeDialog("Fault tree details", initial, self)
        if not self.run_dialog(dialog):
            return
        values = dialog.values()

        def change() -> None:
            tree = tree_edit.update_node(
                record.tree, record.tree.top, {"label": values["top_label"]}
            )
            after = record.with_changes(
                title=values["title"], notes=values["notes"], tree=tree.model_dump()
            )
            self.context.update_record(record, after, "Edit fault tree details")

        self.attempt("Fault tree details", change)

    def delete_tree(self) -> None:
        self.delete_chosen("fault tree")

    def import_mef(self) -> None:
        """Import trees from an MEF file, asking which ones if it defines several.

        Each chosen tree becomes a record, all in one undo step. A malformed
        file, or a malformed chosen tree, changes nothing.
        """
        if self.context.review is None:
            return
        path = self.choose_open_path(self)
        if not path:
            return
        title = f"Import of {Path(path).name} failed"
        data = self.attempt(title, Path(path).read_bytes)
        if data is None:
            return
        names = self.attempt(title, lambda: mef_tree_names(data))
        if names is None:
            return
        chosen: list[str | None] = [None]
        if len(names) > 1:
            dialog = TreeChoiceDialog(Path(path).name, names, self)
            if not self.run_dialog(dialog):
                return
            chosen = list(dialog.chosen())
        self.attempt(title, lambda: self._import_trees(data, chosen))

    def _import_trees(self, data: bytes, names: list[str | None]) -> None:
        """Store the named trees of an MEF file, or its only tree for a name of None."""
        trees = [parse_mef(data, name) for name in names]
        text = "Import fault tree" if len(trees) == 1 else "Import fault trees"
        stored = []
        with undo_macro(self.context, text):
            for tree in trees:
                record = FaultTreeRecord(title=tree.label or tree.name, tree=tree)
                stored.append(self.context.add_record(record, text))
                log.info(
                    "Imported fault tree %s with %d nodes", tree.name, len(tree.nodes)
                )
        if stored:
            self.choose(stored[0].id)

    def export_mef(self) -> None:
        record = self.current()
        if record is None:
            return
        path = self.choose_save_path(self)
        if not path:
            return

        def write() -> None:
            write_atomic(Path(path), format_mef(record.tree).encode("utf-8"))
            log.info("Exported fault tree %s to %s", record.id, path)

        self.attempt(f"Export to {Path(path).name} failed", write)

    # Nodes

    def add_gate(self) -> None:
        self._add_node(gate=True)

    def add_event(self) -> None:
        self._add_node(gate=False)

    def _add_node(self, gate: bool) -> None:
        node_id = self.selected_node()
        if node_id is not None:
            self.add_node_under(node_id, gate)

    def add_node_under(self, parent_id: str, gate: bool) -> None:
        """Ask for a new gate or event under a gate, then select its box."""
        record = self.current()
        if record is None:
            return
        noun = "gate" if gate else "event"
        initial = {"kind": "or" if gate else "basic", "label": f"New {noun}"}
        add = tree_edit.add_gate if gate else tree_edit.add_event
        dialog = NodeDialog(
            f"Add {noun}",
            gate,
            initial,
            self._factors(),
            self,
            build=lambda values: add(record.tree, parent_id, values),
        )
        if not self.run_dialog(dialog):
            return
        before = set(record.tree.node_map())
        tree = self._change_tree(record, f"Add {noun}", dialog.built_tree)
        parent = None if tree is None else tree.node_map().get(parent_id)
        if isinstance(parent, Gate):
            added = [i for i in parent.inputs if i not in before]
            self.view.select_box(added[0] if added else None)

    def edit_node(self) -> None:
        node_id = self.selected_node()
        if node_id is not None:
            self.open_node_dialog(node_id)

    def open_node_dialog(self, node_id: str) -> None:
        """Edit one node through the node dialog."""
        record = self.current()
        if record is None or node_id not in record.tree.node_map():
            return
        node = record.tree.node_map()[node_id]
        initial = node.model_dump()
        gate = isinstance(node, Gate)
        title = f"Edit node {node_id}"
        dialog = NodeDialog(
            title,
            gate,
            initial,
            self._factors(),
            self,
            build=lambda values: tree_edit.update_node(record.tree, node_id, values),
        )
        if self.run_dialog(dialog):
            self._change_tree(record, title, dialog.built_tree)

    def delete_node(self) -> None:
        node_id = self.selected_node()
        if node_id is not None:
            self.remove_node(node_id)

    def remove_node(self, node_id: str) -> bool:
        """Delete a node from every gate and return whether the change was stored."""
        record = self.current()
        if record is None:
            return False
        tree = self._change_tree(
            record,
            f"Delete node {node_id}",
            lambda: tree_edit.delete_node(record.tree, node_id),
        )
        return tree is not None

    def store_tree(self, record: FaultTreeRecord, tree: FaultTree, text: str) -> bool:
        """Store a changed tree as one undo step and return whether it was stored."""
        return self._change_tree(record, text, lambda: tree) is not None

    def _change_tree(
        self, record: FaultTreeRecord, text: str, change: Callable[[], FaultTree]
    ) -> FaultTree | None:
        """Store the tree that `change` builds and return it, or None if that failed."""
        changed: list[FaultTree] = []

        def store() -> None:
            tree = change()
            after = record.with_changes(tree=tree.model_dump())
            self.context.update_record(record, after, text)
            changed.append(tree)

        self.status.clear()
        self.attempt(text, store)
        return changed[0] if changed else None

    def _factors(self) -> list[ContributingFactor]:
        review = self.context.review
        return [] if review is None else list(review.factors)
