"""Blameless-wording hints and sensitive markers for tables, trees and dialogs.

Hints never block typing or saving. A row with an open wording finding gets
an icon and a tooltip with the rule's reason and a neutral rewording. The
hint bar under a table explains the selected row, and its "Dismiss" stores
the findings' keys in the review's `dismissed_wording` as one undoable edit.
"""

import html
from collections.abc import Sequence
from typing import Any, Generic
from uuid import UUID

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QWidget,
)

from ..domain.blameless import Finding, Hit, check_text, open_findings
from ..domain.blameless import participant_names as wording_names
from ..domain.review import Review
from . import errors
from .context import ReviewContext
from .record_model import Column, Index, Record
from .tabs.panel import FlaggedTableModel

# Marker before the text of a sensitive record. A lock emoji would need an
# emoji font, which many Linux desktops and Xvfb lack, so the marker is text.
SENSITIVE_MARK = "[sensitive]"
# Pause after the last keystroke before a dialog checks the wording again.
LIVE_DELAY_MS = 400


def warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def marked(text: str, sensitive: bool) -> str:
    """Return the cell text with the sensitive marker in front when it applies."""
    return f"{SENSITIVE_MARK} {text}" if sensitive else text


def findings_by_record(review: Review | None) -> dict[UUID, list[Finding]]:
    """Return the review's undismissed wording findings keyed by record id."""
    found: dict[UUID, list[Finding]] = {}
    for finding in [] if review is None else open_findings(review):
        found.setdefault(finding.record_id, []).append(finding)
    return found


def hit_text(hit: Hit) -> str:
    """Return one hit as plain text: the phrase, the reason and the rewording."""
    return f"“{hit.text}”: {hit.why} Try: {hit.suggestion}"


def hits_tooltip(hits: Sequence[Hit]) -> str:
    return "\n".join(hit_text(hit) for hit in hits)


class HintedTableModel(FlaggedTableModel[Record], Generic[Record]):
    """A record table that marks sensitive records and records with wording hits.

    The first column shows the sensitive marker before a sensitive record's text and a
    warning icon on a record with open findings, whose tooltip lists them.
    """

    def __init__(self, columns: Sequence[Column[Record]], **kwargs: Any) -> None:
        super().__init__(columns, **kwargs)
        self.findings: dict[UUID, list[Finding]] = {}

    def set_findings(self, findings: dict[UUID, list[Finding]]) -> None:
        self.findings = findings

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if not index.isValid() or index.column() != 0:
            return value
        record = self.records[index.row()]
        hits = [f.hit for f in self.findings.get(record.id, [])]
        if role == Qt.ItemDataRole.DisplayRole:
            return marked(value, getattr(record, "sensitive", False))
        if role == Qt.ItemDataRole.DecorationRole and hits:
            return warning_icon()
        if role == Qt.ItemDataRole.ToolTipRole and hits:
            return f"{value}\n\nWording hints:\n{hits_tooltip(hits)}"
        return value


class HintBar(QWidget):
    """The wording hints of one selected record, with a Dismiss button."""

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.findings: list[Finding] = []
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setProperty("role", "hint")
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setAccessibleName("Dismiss wording hint")
        self.dismiss_button.setToolTip(
            "Keep this wording: the hint is hidden until the text changes"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss_button)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.show_findings([])

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        self.setVisible(bool(self.findings))
        lines = [html.escape(hit_text(f.hit)) for f in self.findings]
        self.label.setText("⚠ <b>Wording:</b> " + "<br>".join(lines))

    def dismiss(self) -> None:
        """Store the shown findings' keys as dismissed, as one undoable edit."""
        review = self.context.review
        if review is None or not self.findings:
            return
        keys = sorted({*review.dismissed_wording, *(f.key for f in self.findings)})
        after = review.facts.with_changes(dismissed_wording=keys)
        errors.attempt(
            self,
            "Wording hint not dismissed",
            lambda: self.context.update_facts(after, "Dismiss wording hint"),
        )


class LiveHint(QLabel):
    """A hint under a dialog's text field, checked shortly after typing stops."""

    def __init__(
        self,
        edit: QPlainTextEdit | QLineEdit,
        review: Review,
        record_id: UUID | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.edit = edit
        self.names = wording_names(review)
        self.dismissed = set(review.dismissed_wording)
        self.record_id = record_id
        self.hits: list[Hit] = []
        self.setWordWrap(True)
        self.setProperty("role", "hint")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LIVE_DELAY_MS)
        self.timer.timeout.connect(self.check)
        edit.textChanged.connect(lambda *_: self.timer.start())
        self.check()

    def text_value(self) -> str:
        if isinstance(self.edit, QPlainTextEdit):
            return self.edit.toPlainText()
        return self.edit.text()

    def check(self) -> None:
        """Check the field's text now and show the hits that are not dismissed."""
        hits = check_text(self.text_value(), self.names)
        if self.record_id is not None:
            record_id = self.record_id
            hits = [
                hit
                for hit in hits
                if Finding("", record_id, "", hit).key not in self.dismissed
            ]
        self.hits = hits
        self.setVisible(bool(hits))
        lines = [html.escape(hit_text(hit)) for hit in hits]
        heading = "⚠ <b>Wording hint</b> (saving is not blocked): "
        self.setText(heading + "<br>".join(lines))
