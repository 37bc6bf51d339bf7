"""The Redaction suggestions window: detector hits, each one click from marked.

The detectors only suggest. Each row names the record, the field, what was
found and why, and its "Mark sensitive" button marks the whole record (or
the fact field) sensitive as one undoable edit. The list follows the review,
so a marked row disappears and undo brings it back.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import Entity
from ...domain.redaction import Suggestion, suggestions
from ...domain.review import Review
from .. import errors
from ..context import ReviewContext
from .choices import shorten

SHORTCUT = "Ctrl+Shift+R"
RECORD_NAMES = {
    "facts": "Incident facts",
    "participants": "Participant",
    "events": "Timeline event",
    "observations": "Observation",
    "factors": "Contributing factor",
    "why_nodes": "5 Whys answer",
    "lessons": "Lesson",
    "actions": "Action item",
}
HEADERS = ("Record", "Field", "Found", "Reason", "")


def find_record(review: Review, suggestion: Suggestion) -> Entity | None:
    records = getattr(review, suggestion.collection)
    return next((r for r in records if r.id == suggestion.record_id), None)


def found_text(review: Review, suggestion: Suggestion) -> str:
    """Return what the detectors matched, such as "email: dana@example.com"."""
    source = review if suggestion.record_id is None else find_record(review, suggestion)
    text = getattr(source, suggestion.field, "") if source is not None else ""
    return "; ".join(
        f"{span.kind.value.replace('_', ' ')}: {text[span.start : span.end]}"
        for span in suggestion.spans
    )


class RedactionDialog(QDialog):
    """A non-modal list of redaction suggestions for the selected review."""

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.suggestions: list[Suggestion] = []
        self.setWindowTitle("Redaction suggestions")
        self.resize(980, 420)
        self._build()
        self.context.review_changed.connect(self.refresh)
        self.refresh()

    def _build(self) -> None:
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setAccessibleName("Redaction suggestions")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setMaximumSectionSize(320)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def refresh(self) -> None:
        review = self.context.review
        self.suggestions = [] if review is None else suggestions(review)
        self.table.setRowCount(0)
        for row, suggestion in enumerate(self.suggestions):
            assert review is not None
            self._add_row(review, row, suggestion)
        self.table.resizeRowsToContents()
        count = len(self.suggestions)
        self.summary.setText(
            "Nothing left to suggest: no unmarked text looks sensitive."
            if not count
            else f"{count} {'text looks' if count == 1 else 'texts look'} sensitive. "
            "The detectors can be wrong: "
            "mark only what must stay hidden while presenting and in the "
            "redacted report."
        )

    def _add_row(self, review: Review, row: int, suggestion: Suggestion) -> None:
        self.table.insertRow(row)
        cells = (
            self._record_text(review, suggestion),
            suggestion.field.replace("_", " "),
            found_text(review, suggestion),
            "; ".join(span.reason for span in suggestion.spans),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        button = QPushButton("Mark sensitive")
        button.setAccessibleName(f"Mark sensitive: {cells[0]}, {cells[1]}")
        button.clicked.connect(lambda _c=False, s=suggestion: self.mark(s))
        self.table.setCellWidget(row, len(HEADERS) - 1, button)

    def _record_text(self, review: Review, suggestion: Suggestion) -> str:
        name = RECORD_NAMES.get(suggestion.collection, suggestion.collection)
        record = (
            None if suggestion.record_id is None else find_record(review, suggestion)
        )
        if record is None:
            return name
        text = getattr(record, suggestion.field, "")
        return f"{name} “{shorten(text, 40)}”"

    def mark(self, suggestion: Suggestion) -> None:
        """Mark the suggestion's record or fact field sensitive, undoably."""
        review = self.context.review
        if review is None:
            return
        field = suggestion.field.replace("_", " ")
        if suggestion.record_id is None:
            after_facts = review.facts.with_changes(
                sensitive_fields=[*review.sensitive_fields, suggestion.field]
            )
            text = f"Mark {field} sensitive"
            errors.attempt(
                self, text, lambda: self.context.update_facts(after_facts, text)
            )
            return
        record = find_record(review, suggestion)
        if record is None:
            return
        after = record.with_changes(sensitive=True)
        name = RECORD_NAMES.get(suggestion.collection, "record").lower()
        text = f"Mark {name} sensitive"
        errors.attempt(
            self, text, lambda: self.context.update_record(record, after, text)
        )
