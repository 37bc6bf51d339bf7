"""The Root cause tab: contributing factors, the 5 Whys tree and their diagrams."""

from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import ActionItem, ContributingFactor
from ...domain.enums import FactorStatus, label
from ...domain.review import Review
from ..context import ReviewContext
from ..diagrams.panel import DiagramTabs
from ..dialogs.choices import shorten
from ..dialogs.rootcause import FactorDialog
from ..hints import HintBar, HintedTableModel, findings_by_record
from ..record_model import Column
from .editing import EditingTab
from .panel import RecordPanel
from .whytree import WhyTreePanel


def factors_without_action(review: Review) -> list[ContributingFactor]:
    """Return the factors that no action addresses, leaving out refuted ones."""
    addressed = {f for action in review.actions for f in action.factor_ids}
    return [
        f
        for f in review.factors
        if f.id not in addressed and f.status is not FactorStatus.REFUTED
    ]


def actions_without_factor(review: Review) -> list[ActionItem]:
    """Return the actions that address no contributing factor."""
    return [action for action in review.actions if not action.factor_ids]


class RootCauseTab(EditingTab):
    """Contributing factors above the why-tree that explains them."""

    TITLE = "Root cause"

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._unaddressed: set[UUID] = set()
        self._build()
        self._lay_out()
        self._connect()
        self.start()

    def _build(self) -> None:
        columns = [
            Column[ContributingFactor]("Statement", lambda f: f.statement),
            Column[ContributingFactor]("Category", lambda f: f.category),
            Column[ContributingFactor]("Status", lambda f: label(f.status)),
            Column[ContributingFactor](
                "Roles", lambda f: ", ".join(label(r) for r in f.roles)
            ),
            Column[ContributingFactor]("Actions", self._action_count),
        ]
        model = HintedTableModel[ContributingFactor](
            columns, flagged=lambda f: f.id in self._unaddressed
        )
        self.factors = RecordPanel("Contributing factors", model, "factor")
        self.factors.table.setAccessibleName("Contributing factors")
        self.factor_hints = HintBar(self.context, self.factors)
        self.unaddressed_label = QLabel(self)
        self.unaddressed_label.setWordWrap(True)
        self.unlinked_label = QLabel(self)
        self.unlinked_label.setWordWrap(True)
        self.factors.table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
        )
        self.why_tree = WhyTreePanel(self.context, self)
        self.diagrams = DiagramTabs(self.context, self)
        self.diagrams.fault_tree.selected_factors = self.selected_factors

    def _lay_out(self) -> None:
        self.factors.layout().insertWidget(1, self.unlinked_label)
        self.factors.layout().insertWidget(1, self.unaddressed_label)
        self.factors.layout().insertWidget(1, self.factor_hints)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.factors)
        self.diagrams.insertTab(0, self.why_tree, "5 Whys")
        self.diagrams.setCurrentIndex(0)
        splitter.addWidget(self.diagrams)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.factors.add_requested.connect(self.add_factor)
        self.factors.edit_requested.connect(self.edit_factor)
        self.factors.delete_requested.connect(self.delete_factor)
        selection = self.factors.table.selectionModel()
        selection.selectionChanged.connect(self._show_hints)
        self.factors.model.modelReset.connect(self._show_hints)
        self.diagrams.why_view.selection_changed.connect(self._show_why_in_outline)
        self.why_tree.tree.itemSelectionChanged.connect(self._show_why_in_diagram)

    def _show_why_in_outline(self) -> None:
        selected = self.diagrams.why_view.selected_box()
        if selected is not None:
            self.why_tree.select(UUID(selected[1]))

    def _show_why_in_diagram(self) -> None:
        node = self.why_tree.selected()
        if node is not None:
            self.diagrams.why_page.select_node(node.id)

    def show_review(self, review: Review | None) -> None:
        unaddressed = [] if review is None else factors_without_action(review)
        self._unaddressed = {f.id for f in unaddressed}
        self.factors.model.set_findings(findings_by_record(review))
        self.factors.set_records([] if review is None else review.factors)
        self.unaddressed_label.setText(_unaddressed_text(unaddressed))
        unlinked = [] if review is None else actions_without_factor(review)
        self.unlinked_label.setText(_unlinked_text(unlinked))
        self.unlinked_label.setToolTip("\n".join(a.title for a in unlinked))

    def selected_factors(self) -> list[ContributingFactor]:
        """Return the factors selected in the table, in table order."""
        rows = self.factors.table.selectionModel().selectedRows()
        ordered = sorted(index.row() for index in rows)
        return [self.factors.model.record(row) for row in ordered]

    def _show_hints(self) -> None:
        factor = self.factors.selected()
        findings = self.factors.model.findings
        self.factor_hints.show_findings(findings.get(factor.id, []) if factor else [])

    def _action_count(self, factor: ContributingFactor) -> str:
        review = self.context.review
        if review is None:
            return ""
        count = sum(1 for a in review.actions if factor.id in a.factor_ids)
        return str(count) if count else "none"

    def add_factor(self) -> None:
        initial = ContributingFactor.model_construct(
            statement="",
            category="",
            status=FactorStatus.HYPOTHESIS,
            roles=[],
            evidence="",
            event_ids=[],
        )
        self.add_in(FactorDialog, "Add factor", initial)

    def edit_factor(self, before: ContributingFactor) -> None:
        self.edit_in(FactorDialog, "Edit factor", before)

    def delete_factor(self, factor: ContributingFactor) -> None:
        self.delete(factor, f"Delete factor “{shorten(factor.statement, 40)}”")


def _unaddressed_text(factors: list[ContributingFactor]) -> str:
    if not factors:
        return ""
    names = "; ".join(shorten(f.statement, 60) for f in factors)
    count = "1 factor has" if len(factors) == 1 else f"{len(factors)} factors have"
    return f"⚠ {count} no action (shaded): {names}"


def _unlinked_text(actions: list[ActionItem]) -> str:
    if not actions:
        return ""
    if len(actions) == 1:
        return "1 action addresses no factor (hover to see it)."
    return f"{len(actions)} actions address no factor (hover to list them)."
