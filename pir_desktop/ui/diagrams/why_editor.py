"""The Why-tree diagram page of the Root cause tab, edited with keys and drags.

Each problem statement (a node without a parent) starts one why-tree
analysis, and a review may contain several. The chooser shows all of them or
one. A new node is first drawn as a draft box under an inline editor. Enter
stores it and Esc discards it, so every stored change is one undo step.

The review may change while an editor is open, by an undo from the Edit
menu or an edit in another tab. So Enter looks up the draft's parent, or
the renamed node, in the review as it is then, and stores nothing when it
is gone.
"""

from dataclasses import dataclass
from uuid import UUID, uuid4

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.diagrams import why_tree_diagram
from ...domain.entities import WhyNode
from .. import errors
from ..board.commands import undo_macro
from ..context import ReviewContext
from ..dialogs.choices import shorten
from ..status import show_status
from .fonts import measure
from .inline_edit import EditorSlot, InlineEditor
from .view import DiagramView
from .why_edits import (
    inserted_after,
    moved_positions,
    next_position,
    siblings,
    subtree_ids,
)

HINT = (
    "Select a box, then Enter adds an answer beside it, Tab asks why below it, "
    "F2 or a double-click renames it and Delete removes it with the answers "
    "below. Drag a box onto another to move it there. Arrow keys move the "
    "selection. Ctrl+wheel, Ctrl++ and Ctrl+- zoom; Ctrl+0 fits. Dashed: "
    "hypothesis; struck through: refuted."
)
ALL_TREES = "All why-trees"
DRAFT_TEXT = "…"


@dataclass
class _Draft:
    """A node being typed in, drawn in the diagram but not yet stored."""

    node: WhyNode
    after_id: UUID | None
    title: str
    parent_text: str
    return_to: str | None
    choose_new_tree: bool


class WhyTreePage(QWidget):
    """The review's why-trees drawn as a diagram that edits them in place."""

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.chosen_root: UUID | None = None
        self.shown_review: UUID | None = None
        self.draft: _Draft | None = None
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName("Why-tree")
        self.chooser.setMinimumContentsLength(30)
        self.new_button = QPushButton("New why-tree", self)
        self.new_button.setToolTip("Start another why-tree from a problem statement")
        self.view = DiagramView(self)
        self.view.setAccessibleName("Why-tree diagram")
        self.view.set_editable(True)
        self.editing = EditorSlot(self.view)
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Why-tree status")

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.chooser, 1)
        row.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)

    def _connect(self) -> None:
        self.chooser.activated.connect(self._choose)
        self.new_button.clicked.connect(self.new_tree)
        self.view.add_sibling_requested.connect(self.add_sibling)
        self.view.add_child_requested.connect(self.add_child)
        self.view.rename_requested.connect(self.rename)
        self.view.box_activated.connect(self.rename)
        self.view.delete_requested.connect(self.delete)
        self.view.move_requested.connect(self.move)

    @property
    def editor(self) -> InlineEditor | None:
        """The open inline editor, if any."""
        return self.editing.editor

    # Showing

    def nodes(self) -> list[WhyNode]:
        review = self.context.review
        return [] if review is None else list(review.why_nodes)

    def node(self, node_id: str) -> WhyNode | None:
        return next((n for n in self.nodes() if str(n.id) == node_id), None)

    def refresh(self) -> None:
        """Fill the chooser from the review and lay out the chosen why-trees."""
        if self.context.review_id != self.shown_review:
            self.shown_review = self.context.review_id
            self._discard_edit()
        roots = siblings(self.nodes(), None)
        if self.chosen_root not in {root.id for root in roots}:
            self.chosen_root = None
        self.chooser.clear()
        self.chooser.addItem(ALL_TREES, "")
        for root in roots:
            self.chooser.addItem(shorten(root.text, 60), str(root.id))
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(self._chosen_key())))
        has_review = self.context.review is not None
        self.chooser.setEnabled(has_review and bool(roots))
        self.new_button.setEnabled(has_review)
        self.show_tree()

    def show_tree(self) -> None:
        """Lay out the chosen why-trees, with the draft node if one is open."""
        review = self.context.review
        factors = [] if review is None else review.factors
        visible_nodes = self._shown_nodes()
        self.view.show_diagram(why_tree_diagram(visible_nodes, factors, measure))
        if self.editor is not None:
            self.editor.place()

    def _shown_nodes(self) -> list[WhyNode]:
        nodes = self.nodes()
        if self.draft is not None:
            changed = {n.id: n for n in self._draft_siblings(nodes, self.draft)}
            nodes = [changed.pop(n.id, n) for n in nodes] + list(changed.values())
        if self.chosen_root is None:
            return nodes
        subtree = subtree_ids(nodes, self.chosen_root)
        return [node for node in nodes if node.id in subtree]

    def _chosen_key(self) -> str:
        return "" if self.chosen_root is None else str(self.chosen_root)

    def _choose(self, index: int) -> None:
        data = self.chooser.itemData(index)
        self.chosen_root = UUID(data) if data else None
        self._close_editor()
        self.show_tree()

    def choose_tree(self, root_id: UUID | None) -> None:
        """Show one why-tree, or all of them for None."""
        self.chosen_root = root_id
        self.refresh()

    def select_node(self, node_id: UUID | None) -> None:
        """Select a node's box, if the diagram shows it."""
        current = self.view.selected_box()
        requested_id = None if node_id is None else str(node_id)
        if current is None or current[0] != requested_id:
            self.view.select_box(requested_id)

    def _tell(self, text: str) -> None:
        self.status.setText(text)
        show_status(self, text)

    # Adding through a draft box

    def add_sibling(self, _box_id: str, record_id: str) -> None:
        """Draft a node right after the selected one, under the same parent."""
        node = self.node(record_id)
        if node is None:
            return
        title = "Add problem statement" if node.parent_id is None else "Add why"
        self._start_draft(node.parent_id, node.id, title, record_id)

    def add_child(self, _box_id: str, record_id: str) -> None:
        """Draft an answer below the selected node, after its other answers."""
        node = self.node(record_id)
        if node is not None:
            self._start_draft(node.id, None, "Add why", record_id)

    def new_tree(self) -> None:
        """Draft a new problem statement, which starts another why-tree."""
        if self.context.review is None:
            return
        selected = self.view.selected_box()
        return_to = None if selected is None else selected[0]
        self._start_draft(None, None, "Add problem statement", return_to)

    def _start_draft(
        self,
        parent_id: UUID | None,
        after_id: UUID | None,
        title: str,
        return_to: str | None,
    ) -> None:
        self._close_editor()
        self.status.clear()
        parent = None if parent_id is None else self.node(str(parent_id))
        parent_text = "" if parent is None else parent.text
        node = WhyNode.model_construct(
            id=uuid4(),
            parent_id=parent_id,
            text=DRAFT_TEXT,
            position=next_position(self.nodes(), parent_id),
        )
        new_tree = parent_id is None and self.chosen_root is not None
        self.draft = _Draft(node, after_id, title, parent_text, return_to, new_tree)
        if new_tree:
            self.chosen_root = None
            self.chooser.setCurrentIndex(0)
        self.show_tree()
        self.view.select_box(str(node.id))
        self.editing.open(str(node.id), "", self._store_draft, self._drop_draft)

    def _draft_siblings(self, nodes: list[WhyNode], draft: _Draft) -> list[WhyNode]:
        if draft.after_id is None:
            return [draft.node]
        return inserted_after(nodes, draft.node, draft.after_id)

    def _store_draft(self, text: str) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        try:
            node = WhyNode.model_validate(
                {**draft.node.model_dump(), "text": text, "version": 0}
            )
        except ValidationError:
            self._tell("Nothing added: type the text of the new box first.")
            self._after_draft(draft, None)
            return
        parent_id = draft.node.parent_id
        if parent_id is not None and self.node(str(parent_id)) is None:
            self._tell(
                f"The parent “{shorten(draft.parent_text, 40)}” was removed, so "
                f"the new answer “{shorten(text, 40)}” was not added."
            )
            self._after_draft(draft, None)
            return
        renumbered = self._draft_siblings(self.nodes(), draft)
        placed = next(n for n in renumbered if n.id == node.id)
        node = node.model_copy(update={"position": placed.position})
        reordered = moved_positions(self.nodes(), renumbered)
        stored = errors.attempt(
            self, draft.title, lambda: self._add(node, reordered, draft.title)
        )
        self._after_draft(draft, None if stored is None else node.id)

    def _add(
        self, node: WhyNode, reordered: list[tuple[WhyNode, WhyNode]], title: str
    ) -> WhyNode:
        """Store the new node and the siblings it moves along as one undo step.

        If storing fails, the reordered siblings are undone as well.
        """
        with undo_macro(self.context, title):
            for before, after in reordered:
                self.context.update_record(before, after, "Reorder whys")
            stored = self.context.add_record(node, title)
        assert isinstance(stored, WhyNode)
        return stored

    def _drop_draft(self) -> None:
        draft, self.draft = self.draft, None
        if draft is not None:
            self._after_draft(draft, None)

    def _after_draft(self, draft: _Draft, added: UUID | None) -> None:
        if added is not None and draft.choose_new_tree:
            self.chosen_root = added
        self.refresh()
        if added is not None:
            self.view.select_box(str(added))
        else:
            self.view.select_box(draft.return_to)

    # Renaming, deleting and moving

    def rename(self, box_id: str, record_id: str) -> None:
        """Open an inline editor over the node's box to change its text."""
        node = self.node(record_id)
        if node is None:
            return
        self.status.clear()

        def store(text: str) -> None:
            self._store_text(node, text)

        self.editing.open(box_id, node.text, store)

    def _store_text(self, edited_node: WhyNode, text: str) -> None:
        """Store the typed text on the node as the review has it now."""
        before = self.node(str(edited_node.id))
        if before is None:
            self._tell(
                f"“{shorten(edited_node.text, 40)}” was removed, so the new text "
                f"“{shorten(text, 40)}” was not stored."
            )
            return
        if text.strip() == before.text:
            return
        try:
            after = before.with_changes(text=text)
        except ValidationError:
            self._tell("Text not changed: a why-tree box needs some text.")
            return
        title = f"Rename why “{shorten(before.text, 40)}”"
        errors.attempt(
            self, title, lambda: self.context.update_record(before, after, title)
        )

    def delete(self, _box_id: str, record_id: str) -> None:
        """Delete a node with every answer below it, as one undo step."""
        node = self.node(record_id)
        if node is None:
            return
        self.status.clear()
        title = f"Delete why “{shorten(node.text, 40)}”"
        errors.attempt(self, title, lambda: self.context.delete_record(node, title))
        if node.parent_id is not None:
            self.view.select_box(str(node.parent_id))

    def move(self, _box: str, record_id: str, _target_box: str, target_id: str) -> None:
        """Make the dragged node an answer to the target, after its other answers.

        A drop onto one of the node's own descendants is rejected and changes
        nothing, because it would cut the branch off the tree.
        """
        nodes = self.nodes()
        node, target = self.node(record_id), self.node(target_id)
        if node is None or target is None:
            return
        name, target_name = shorten(node.text, 40), shorten(target.text, 40)
        if target.id in subtree_ids(nodes, node.id):
            self._tell(
                f"Cannot move “{name}” under “{target_name}”, which is one of "
                "its own answers. Nothing changed."
            )
            return
        if node.parent_id == target.id:
            self._tell(f"“{name}” is already an answer to “{target_name}”.")
            return
        self.status.clear()
        after = node.with_changes(
            parent_id=target.id, position=next_position(nodes, target.id)
        )
        title = f"Move why “{name}”"
        errors.attempt(
            self, title, lambda: self.context.update_record(node, after, title)
        )

    # Inline editor

    def _discard_edit(self) -> None:
        """Discard an open edit without storing it, because another review is shown."""
        self.draft = None
        self.editing.close()

    def _close_editor(self) -> None:
        """Cancel an open inline edit, dropping any draft box."""
        self.editing.close()
