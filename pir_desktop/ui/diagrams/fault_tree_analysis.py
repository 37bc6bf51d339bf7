"""The analysis beside a fault-tree diagram: cut sets, probability, observations.

Events are named by the text of their boxes (see `event_labels`), and each
cut set's tooltip lists its event ids.
"""

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain.diagrams.faulttree import event_labels
from ...domain.entities import ContributingFactor
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
        self,
        tree: FaultTree | None,
        analysis: FaultTreeAnalysis | None,
        factors: Sequence[ContributingFactor] = (),
    ) -> None:
        """Show an analysis, or clear the panel when there is none.

        `factors` are the review's factors, whose statements name the events
        linked to them.
        """
        self.cut_sets.clear()
        if tree is None or analysis is None:
            for label in (self.heading, self.observed, self.probability):
                label.clear()
            return

        self.heading.setText(cut_set_heading(analysis))
        completed = set(analysis.observed.completed)
        missing = {p.cut_set: p.missing for p in analysis.observed.partial}
        labels = event_labels(tree, factors)
        for cut_set in analysis.cut_sets:
            self.cut_sets.addItem(_item(cut_set, cut_set in completed, missing, labels))
        self.observed.setText(
            observed_summary(analysis) + " Completed cut sets are bold."
        )
        self.probability.setText("\n".join(probability_lines(analysis, labels)))

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
    labels: Mapping[str, str],
) -> QListWidgetItem:
    text = cut_set_text(cut_set, labels)
    if completed:
        text += "\n    occurred"
    elif cut_set in missing:
        names = sorted(labels.get(event_id, event_id) for event_id in missing[cut_set])
        text += f"\n    missing: {', '.join(names)}"
    item = QListWidgetItem(text)
    event_ids = sorted(event_id for event_id, _ in cut_set)
    item.setData(EVENT_IDS_ROLE, event_ids)
    item.setToolTip("Events: " + ", ".join(event_ids))
    if completed:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
    return item
