"""The Root cause tab's diagram pages: why-tree, fishbone and fault trees of factors."""

from PySide6.QtWidgets import QTabWidget, QWidget

from ..context import ReviewContext
from .fault_tree_panel import FaultTreePanel
from .fishbone_panel import FishbonePanel
from .why_editor import WhyTreePage


class DiagramTabs(QTabWidget):
    """Tabs that draw the selected review's why-tree, fishbone and fault trees."""

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.why_page = WhyTreePage(context, self)
        self.why_view = self.why_page.view
        self.fishbone = FishbonePanel(context, self)
        self.fishbone_view = self.fishbone.view
        self.addTab(self.why_page, "Why-tree diagram")
        self.addTab(self.fishbone, "Fishbone")
        self.fault_tree = FaultTreePanel(context, self)
        self.addTab(self.fault_tree, "Fault tree")
        context.review_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Lay out the why-tree again from the context's review."""
        self.why_page.refresh()

    def _toggle_category(self, box_id: str, _record_id: str) -> None:
        self.fishbone.toggle_category(box_id)
