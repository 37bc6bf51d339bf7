"""The 5 Whys tree of a review, with its edit actions and the "therefore" read-back."""

import html
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.blameless import Finding
from ...domain.entities import WhyNode
from ...domain.review import Review
from .. import errors
from ..context import ReviewContext
from ..dialogs.choices import shorten
from ..dialogs.rootcause import WhyDialog
from ..hints import HintBar, findings_by_record, hits_tooltip, marked, warning_icon
from .editing import EditingTab
from .whychain import children_of, read_back

ID_ROLE = Qt.ItemDataRole.UserRole
ADD_CHILD_SHORTCUT = "Ctrl+Shift+W"


class WhyTreePanel(EditingTab):
    """The why-tree as a tree view: problem at the root, answers as children."""

    TITLE = "5 Whys"

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._build()
        self._lay_out()
        self._connect()
        self.start()

    def _build(self) -> None:
        self._build_tree()
        self._build_actions()

    def _build_tree(self) -> None:
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Answer", "Evidence", "Linked factor"])
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("5 Whys tree")
        self.hints = HintBar(self.context, self)
        self.findings: dict[UUID, list[Finding]] = {}
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 300)
        header.resizeSection(2, 260)

        self.read_back_label = QLabel(self)
        self.read_back_label.setWordWrap(True)
        self.read_back_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )

    def _build_actions(self) -> None:
        self.add_button = QPushButton("Add why…", self)
        self.add_button.setToolTip(
            f"Add an answer under the selected node ({ADD_CHILD_SHORTCUT})"
        )
        self.add_action = QAction("Add child why", self)
        self.add_action.setShortcut(QKeySequence(ADD_CHILD_SHORTCUT))
        self.add_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.addAction(self.add_action)

        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip(
            "Delete the selected node and every answer under it"
        )
        self.link_button = QPushButton("Link factor…", self)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.link_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QGroupBox("5 Whys", self)
        inner = QVBoxLayout(box)
        inner.addWidget(self.tree, 1)
        inner.addWidget(self.read_back_label)
        inner.addWidget(self.hints)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_child)
        self.add_action.triggered.connect(self.add_child)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.link_button.clicked.connect(self.link_selected)
        self.tree.itemDoubleClicked.connect(self.edit_selected)
        self.tree.itemSelectionChanged.connect(self._show_selection)

    def show_review(self, review: Review | None) -> None:
        chosen = self.selected()
        self.tree.clear()
        self.findings = findings_by_record(review)
        if review is not None:
            self._add_items(review, None, self.tree.invisibleRootItem())
        self.tree.expandAll()
        if chosen is not None:
            self.select(chosen.id)
        self._show_selection()

    def _add_items(
        self, review: Review, parent_id: UUID | None, parent: QTreeWidgetItem
    ) -> None:
        for node in children_of(review, parent_id):
            factor = review.factor(node.factor_id)
            texts = [
                marked(node.text, node.sensitive),
                shorten(node.evidence, 60),
                shorten(factor.statement, 50) if factor else "",
            ]
            item = QTreeWidgetItem(parent, texts)
            item.setData(0, ID_ROLE, str(node.id))
            item.setToolTip(0, node.text)
            hits = [f.hit for f in self.findings.get(node.id, [])]
            if hits:
                item.setIcon(0, warning_icon())
                item.setToolTip(
                    0, f"{node.text}\n\nWording hints:\n{hits_tooltip(hits)}"
                )
            item.setToolTip(1, node.evidence)
            item.setToolTip(2, factor.statement if factor else "")
            self._add_items(review, node.id, item)

    def selected(self) -> WhyNode | None:
        review = self.context.review
        items = self.tree.selectedItems()
        if review is None or not items:
            return None
        node_id = UUID(items[0].data(0, ID_ROLE))
        return next((n for n in review.why_nodes if n.id == node_id), None)

    def select(self, node_id: UUID) -> None:
        """Select the node with this id, if the tree shows it."""
        for item in self._items():
            if item.data(0, ID_ROLE) == str(node_id):
                self.tree.setCurrentItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [
            self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())
        ]
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _show_selection(self) -> None:
        review = self.context.review
        node = self.selected()
        has_tree = review is not None and bool(review.why_nodes)
        self.add_button.setText("Add why…" if has_tree else "Add problem…")
        for button in (self.edit_button, self.delete_button, self.link_button):
            button.setEnabled(node is not None)
        self.hints.show_findings(self.findings.get(node.id, []) if node else [])
        if review is None or node is None:
            self.read_back_label.setText(
                "Select an answer to read its chain back to the problem."
            )
            return
        self.read_back_label.setText(
            "<b>Read back:</b> " + html.escape(read_back(review, node))
        )

    def add_child(self) -> None:
        """Add an answer under the selected node, or the problem to an empty tree."""
        review = self.context.review
        if review is None:
            return
        parent = self.selected()
        roots = children_of(review, None)
        if parent is None and roots:
            parent = roots[0]
        parent_id = None if parent is None else parent.id
        siblings = children_of(review, parent_id) if parent else roots
        position = max((n.position for n in siblings), default=-1) + 1
        initial = WhyNode.model_construct(
            parent_id=parent_id, text="", evidence="", factor_id=None, position=position
        )

        def make(values: dict) -> WhyNode:
            return WhyNode.model_validate(
                {**values, "parent_id": parent_id, "position": position}
            )

        title = "Add problem statement" if parent is None else "Add why"
        dialog = WhyDialog(title, make, review, initial, self)
        added = self.add_through(dialog, title)
        if added is not None:
            self.select(added.id)

    def edit_selected(self) -> None:
        review = self.context.review
        before = self.selected()
        if review is None or before is None:
            return
        dialog = WhyDialog(
            "Edit why", lambda v: before.with_changes(**v), review, before, self
        )
        self.edit_through(before, dialog, "Edit why")

    def delete_selected(self) -> None:
        node = self.selected()
        if node is not None:
            self.delete(node, f"Delete why “{shorten(node.text, 40)}”")

    def link_selected(self) -> None:
        review = self.context.review
        before = self.selected()
        if review is None or before is None:
            return
        factor_id = self.choose_factor(review, before)
        if factor_id == before.factor_id:
            return
        after = before.model_copy(update={"factor_id": factor_id})
        text = "Link why to factor" if factor_id else "Unlink why from factor"
        errors.attempt(
            self, text, lambda: self.context.update_record(before, after, text)
        )

    def choose_factor(self, review: Review, node: WhyNode) -> UUID | None:
        """Ask which factor the node explains. Cancel keeps the current link.

        Tests replace this method to return a factor id without a dialog.
        """
        names = ["(none)"]
        names += [
            f"{i}. {shorten(f.statement)}" for i, f in enumerate(review.factors, 1)
        ]
        current = next(
            (i + 1 for i, f in enumerate(review.factors) if f.id == node.factor_id), 0
        )
        name, accepted = QInputDialog.getItem(
            self,
            "Link factor",
            "Contributing factor this answer explains:",
            names,
            current,
            False,
        )
        if not accepted:
            return node.factor_id
        index = names.index(name)
        return None if index == 0 else review.factors[index - 1].id
