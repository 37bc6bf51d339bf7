"""The Why-tree diagram page of the Root cause tab."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.diagrams import Diagram, why_tree_diagram
from ...domain.review import Review
from ..context import ReviewContext
from .fonts import measure
from .view import DiagramView

HINT = (
    "Ctrl+wheel, Ctrl++ and Ctrl+- zoom; Ctrl+0 fits. Dashed: hypothesis; "
    "struck through: refuted."
)


class WhyTreePage(QWidget):
    """The review's why-trees drawn as a diagram."""

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.view = DiagramView(self)
        self.view.setAccessibleName("Why-tree diagram")
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

    def refresh(self) -> None:
        """Lay out the why-tree again from the context's review."""
        self.view.show_diagram(_why_tree(self.context.review))


def _why_tree(review: Review | None) -> Diagram:
    nodes = [] if review is None else review.why_nodes
    factors = [] if review is None else review.factors
    return why_tree_diagram(nodes, factors, measure)
