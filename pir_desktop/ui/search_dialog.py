"""The dialog that searches lessons, factors, observations and why answers."""

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services import ReviewLibrary
from ..services.tracker import search
from ..store.search import SearchHit
from . import errors
from .record_model import Column, RecordTableModel
from .tabs.signoff_views import table_view

KIND_LABELS = {
    "lesson": "Lesson learned",
    "factor": "Contributing factor",
    "observation": "Observation",
    "why_answer": "Why answer",
}
# The main window's tab that shows each kind of record.
KIND_TABS = {
    "lesson": "Discussion",
    "factor": "Root cause",
    "observation": "Discussion",
    "why_answer": "Root cause",
}


class SearchDialog(QDialog):
    """A non-modal search across the library. Activating a hit emits `hit_chosen`."""

    hit_chosen = Signal(str, str, object)  # reference, kind, record id

    def __init__(self, library: ReviewLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search reviews")
        self.library = library
        self._build()
        self._lay_out()
        self._connect()
        self.resize(900, 520)

    def _build(self) -> None:
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Words to find, such as “token rotation”")
        self.query.setAccessibleName("Search text")
        self.search_button = QPushButton("&Search", self)
        self.search_button.setDefault(True)
        self.summary = QLabel(self)
        self.model = RecordTableModel[SearchHit](
            [
                Column[SearchHit]("Review", lambda h: h.reference),
                Column[SearchHit]("Kind", lambda h: KIND_LABELS.get(h.kind, h.kind)),
                Column[SearchHit]("Text", lambda h: h.snippet),
            ]
        )
        self.table = table_view(self.model, self, 2)
        self.table.setAccessibleName("Search results")

    def _lay_out(self) -> None:
        line = QHBoxLayout()
        line.addWidget(self.query, 1)
        line.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.search_button.clicked.connect(self.run_search)
        self.query.returnPressed.connect(self.run_search)
        self.table.activated.connect(self._choose)

    def run_search(self) -> None:
        text = self.query.text()
        hits = errors.attempt(self, "Search failed", lambda: search(self.library, text))
        self.model.set_records(hits or [])
        count = len(self.model.records)
        self.summary.setText(f"{count} match" if count == 1 else f"{count} matches")

    def _choose(self, index: QModelIndex) -> None:
        hit = self.model.record(index.row())
        self.hit_chosen.emit(hit.reference, hit.kind, hit.record_id)


def tab_for(kind: str) -> str:
    """Return the title of the tab that shows a record of this kind."""
    return KIND_TABS.get(kind, "Overview")
