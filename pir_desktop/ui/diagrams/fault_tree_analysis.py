"""The analysis beside a fault-tree diagram: cut sets, probability, observations."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain.faulttree import CutSet, FaultTree, FaultTreeAnalysis
from ...domain.faulttree.summary import (
    cut_set_heading,
    cut_set_text,
    observed_summary,
    probability_lines,
)

EVENT_IDS_ROLE = Qt.ItemDataRole.UserRole
# Wide enough for a cut set of three events on one or two lines.
MIN_WIDTH = 340


class FaultTreeAnalysisPanel(QWidget):
    """Lists a tree's cut sets, completed ones in bold, above its probabilities."""

    cut_set_selected = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.cut_sets = QListWidget(self)
        self.cut_sets.setAccessibleName("Cut sets")
        self.cut_sets.setWordWrap(True)
        self.cut_sets.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setMinimumWidth(MIN_WIDTH)
        self.observed = QLabel(self)
        self.probability = QLabel(self)
        for label in (self.heading, self.observed, self.probability):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.cut_sets, 1)
        layout.addWidget(self.observed)
        layout.addWidget(self.probability)
        self.cut_sets.currentItemChanged.connect(self._emit_selection)

    def show_analysis(
        self, tree: FaultTree | None, analysis: FaultTreeAnalysis | None
    ) -> None:
        """Show an analysis, or clear the panel when there is none."""
        self.cut_sets.clear()
        if tree is None or analysis is None:
            for label in (self.heading, self.observed, self.probability):
                label.clear()
            return

        self.heading.setText(cut_set_heading(analysis))
        completed = set(analysis.observed.completed)
        missing = {p.cut_set: p.missing for p in analysis.observed.partial}
        labels = {node.id: node.label or node.id for node in tree.nodes}
        for cut_set in analysis.cut_sets:
            self.cut_sets.addItem(_item(cut_set, cut_set in completed, missing, labels))
        self.observed.setText(
            observed_summary(analysis) + " Completed cut sets are bold."
        )
        self.probability.setText("\n".join(probability_lines(analysis)))

    def completed_rows(self) -> list[int]:
        """Return the rows shown in bold, for cut sets the observed events complete."""
        return [
            row
            for row in range(self.cut_sets.count())
            if self.cut_sets.item(row).font().bold()
        ]

    def _emit_selection(self, item: QListWidgetItem | None) -> None:
        self.cut_set_selected.emit([] if item is None else item.data(EVENT_IDS_ROLE))


def _item(
    cut_set: CutSet,
    completed: bool,
    missing: dict[CutSet, frozenset[str]],
    labels: dict[str, str],
) -> QListWidgetItem:
    text = cut_set_text(cut_set)
    if completed:
        text += "\n    occurred"
    elif cut_set in missing:
        text += f"\n    missing: {', '.join(sorted(missing[cut_set]))}"
    item = QListWidgetItem(text)
    item.setData(EVENT_IDS_ROLE, sorted(event_id for event_id, _ in cut_set))
    item.setToolTip("\n".join(labels.get(e, e) for e, _ in sorted(cut_set)))
    if completed:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
    return item
