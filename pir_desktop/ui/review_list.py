"""The list of the library's reviews, beside the tabs of the selected one."""

from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.review import ReviewFacts

ID_ROLE = Qt.ItemDataRole.UserRole


def review_label(facts: ReviewFacts) -> str:
    return f"{facts.reference} — {facts.title} ({facts.severity.value})"


class ReviewList(QWidget):
    """Reviews by reference; choosing one emits `review_chosen` with its id."""

    review_chosen = Signal(object)  # UUID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("&Reviews")
        self.list = QListWidget()
        self.heading.setBuddy(self.list)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(220)
        self.new_button = QPushButton("New review…")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.new_button)
        self.list.currentItemChanged.connect(self._current_changed)

    def show_reviews(self, reviews: list[ReviewFacts], current: UUID | None) -> None:
        """List the reviews and mark the current one, without emitting a choice."""
        self.list.blockSignals(True)
        self.list.clear()
        for facts in reviews:
            item = QListWidgetItem(review_label(facts))
            item.setData(ID_ROLE, facts.id)
            item.setToolTip(review_label(facts))
            self.list.addItem(item)
            if facts.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def choose(self, review_id: UUID) -> None:
        """Mark a review as current and emit `review_chosen`, as a click does."""
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == review_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)
                self.review_chosen.emit(review_id)
                return

    def _current_changed(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.review_chosen.emit(item.data(ID_ROLE))
