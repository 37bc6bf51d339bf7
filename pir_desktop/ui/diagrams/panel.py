"""The Root cause tab's diagram pages: why-tree, fishbone and fault trees of factors."""

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ...domain.diagrams import (
    Diagram,
    FishboneStyle,
    default_presets,
    fishbone_diagram,
    problem_statement,
    ribs_from_factors,
)
from ..context import ReviewContext
from .fault_tree_panel import FaultTreePanel
from .fonts import measure
from .view import DiagramView
from .why_editor import WhyTreePage

CATEGORY_PREFIX = "category:"
HINT = (
    "Ctrl+wheel, Ctrl++ and Ctrl+- zoom; Ctrl+0 fits. Dashed: hypothesis; "
    "struck through: refuted."
)
FISHBONE_HINT = HINT + " Double-click a category to collapse or expand it."


class DiagramTabs(QTabWidget):
    """Tabs that draw the selected review's why-tree, fishbone and fault trees."""

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.collapsed: set[str] = set()
        self.why_page = WhyTreePage(context, self)
        self.why_view = self.why_page.view
        self.fishbone_view = DiagramView(self)
        self.fishbone_view.setAccessibleName("Fishbone diagram")
        self.addTab(self.why_page, "Why-tree diagram")
        self.addTab(_page(self.fishbone_view, FISHBONE_HINT), "Fishbone")
        self.fault_tree = FaultTreePanel(context, self)
        self.addTab(self.fault_tree, "Fault tree")
        self.fishbone_view.box_activated.connect(self._toggle_category)
        context.review_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Lay out both diagrams again from the context's review."""
        self.why_page.refresh()
        self.show_fishbone()

    def show_fishbone(self) -> None:
        review = self.context.review
        if review is None:
            self.fishbone_view.show_diagram(Diagram(width=0.0, height=0.0))
            return
        categories = default_presets().preset("security").categories
        ribs = ribs_from_factors(review.factors, categories)
        style = FishboneStyle(collapsed=frozenset(self.collapsed))
        diagram = fishbone_diagram(problem_statement(review), ribs, measure, style)
        self.fishbone_view.show_diagram(diagram)

    def _toggle_category(self, box_id: str, _record_id: str) -> None:
        if not box_id.startswith(CATEGORY_PREFIX):
            return
        self.collapsed ^= {box_id.removeprefix(CATEGORY_PREFIX)}
        self.show_fishbone()


def _page(view: DiagramView, hint: str) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(hint, page)
    label.setWordWrap(True)
    layout.addWidget(view, 1)
    layout.addWidget(label)
    return page
