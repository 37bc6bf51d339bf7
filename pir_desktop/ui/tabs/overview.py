"""The Overview tab: the incident's facts, deadline, metrics and participants.

Each field is saved when it loses focus, when Return is pressed, or when a
choice changes, as one undoable edit. A value the model rejects is reported
and the field shows the stored value again.
"""

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import P3Criterion, Severity
from ...domain.procedure import default_procedure
from ...domain.review import SENSITIVE_FACT_FIELDS, ReviewFacts
from .. import errors
from ..context import ReviewContext
from ..datetimes import fill_zone_combo
from ..facts_text import criteria_missing, deadline_text, metrics_text
from ..forms import child, load_form
from ..milestones import MilestoneFields
from .participants import ParticipantsPanel

log = logging.getLogger(__name__)

# Display name of each fact in undo texts and error titles.
FIELD_NAMES = {
    "reference": "reference",
    "title": "title",
    "severity": "severity",
    "p3_criteria": "P3 criteria",
    "summary": "summary",
    "impact": "impact",
    "source": "source",
    "classification": "classification",
    "display_zone": "display zone",
    "started_at": "start time",
    "detected_at": "detection time",
    "contained_at": "containment time",
    "resolved_at": "resolution time",
    "closed_at": "closure time",
    "meeting_at": "meeting time",
    "sensitive_fields": "sensitive fields",
}
LINE_FIELDS = {
    "reference": "referenceEdit",
    "title": "titleEdit",
    "source": "sourceEdit",
    "classification": "classificationEdit",
}
TEXT_FIELDS = {"summary": "summaryEdit", "impact": "impactEdit"}
CRITERIA = {
    P3Criterion.NOVEL_ATTACK_VECTOR: "novelCheck",
    P3Criterion.SIGNIFICANT_USER_IMPACT: "userImpactCheck",
    P3Criterion.REGULATORY_IMPLICATIONS: "regulatoryCheck",
}
COUNTDOWN_INTERVAL_MS = 60_000


class OverviewTab(QWidget):
    TITLE = "Overview"

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.procedure = default_procedure()
        self._build()
        self._layout()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        self.form = load_form("overview")
        self.lines = {f: child(self.form, QLineEdit, n) for f, n in LINE_FIELDS.items()}
        self.texts = {
            f: child(self.form, QPlainTextEdit, n) for f, n in TEXT_FIELDS.items()
        }
        self.criteria = {c: child(self.form, QCheckBox, n) for c, n in CRITERIA.items()}
        self.sensitive = {
            field: child(self.form, QCheckBox, f"{field}SensitiveCheck")
            for field in SENSITIVE_FACT_FIELDS
        }
        self.severity = child(self.form, QComboBox, "severityCombo")
        self.zone = child(self.form, QComboBox, "zoneCombo")
        self.criteria_warning = child(self.form, QLabel, "criteriaWarning")
        self.zone_note = child(self.form, QLabel, "zoneNote")
        self.deadline = child(self.form, QLabel, "deadlineLabel")
        self.metrics = child(self.form, QLabel, "metricsLabel")
        self.milestones = MilestoneFields(self.form)
        self.participants = ParticipantsPanel(self.context, self.procedure)
        self.countdown = QTimer(self)
        self.countdown.setInterval(COUNTDOWN_INTERVAL_MS)

    def _layout(self) -> None:
        child(self.form, QWidget, "participantsGroup").layout().addWidget(
            self.participants
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _connect(self) -> None:
        for field, edit in self.lines.items():
            edit.editingFinished.connect(
                lambda name=field, widget=edit: self.commit(name, widget.text().strip())
            )
        for edit in self.texts.values():
            edit.installEventFilter(self)
        for check in self.criteria.values():
            check.toggled.connect(self._criteria_toggled)
        for check in self.sensitive.values():
            check.toggled.connect(self._sensitive_toggled)
        self.severity.currentTextChanged.connect(
            lambda text: self.commit("severity", Severity(text))
        )
        self.zone.lineEdit().editingFinished.connect(self._zone_edited)
        self.zone.textActivated.connect(lambda _text: self._zone_edited())
        self.milestones.edited.connect(self.commit)
        self.countdown.timeout.connect(self._show_deadline)
        self.context.review_changed.connect(self.refresh)
        self.countdown.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for field, edit in self.texts.items():
                if watched is edit:
                    self.commit(field, edit.toPlainText().strip())
        return super().eventFilter(watched, event)

    def _criteria_toggled(self) -> None:
        chosen = [c for c, check in self.criteria.items() if check.isChecked()]
        self.commit("p3_criteria", chosen)

    def _sensitive_toggled(self) -> None:
        chosen = [f for f, check in self.sensitive.items() if check.isChecked()]
        self.commit("sensitive_fields", sorted(chosen))

    def _zone_edited(self) -> None:
        self.commit("display_zone", self.zone.currentText().strip())

    def commit(self, field: str, value: object) -> None:
        """Save one changed fact as an undoable edit, or show why it is invalid."""
        review = self.context.review
        if review is None or getattr(review, field) == value:
            return
        name = FIELD_NAMES[field]

        def save() -> ReviewFacts:
            after = review.facts.with_changes(**{field: value})
            return self.context.update_facts(after, f"Edit {name}")

        log.debug("Saving %s of review %s", field, review.id)
        title = f"{name[:1].upper()}{name[1:]} not saved"
        if errors.attempt(self, title, save) is None:
            self.refresh()

    def refresh(self) -> None:
        """Show the selected review's stored facts, without saving anything."""
        facts = None if self.context.review is None else self.context.review.facts
        self.form.setEnabled(facts is not None)
        widgets = [
            *self.lines.values(),
            *self.texts.values(),
            *self.criteria.values(),
            *self.sensitive.values(),
        ]
        for widget in [*widgets, self.severity, self.zone]:
            widget.blockSignals(True)
        self._show_fields(facts)
        for widget in [*widgets, self.severity, self.zone]:
            widget.blockSignals(False)
        self.milestones.show(facts)
        self._show_status(facts)

    def _show_fields(self, facts: ReviewFacts | None) -> None:
        for field, edit in self.lines.items():
            edit.setText("" if facts is None else getattr(facts, field))
            edit.setCursorPosition(0)
        for field, edit in self.texts.items():
            edit.setPlainText("" if facts is None else getattr(facts, field))
        for criterion, check in self.criteria.items():
            check.setChecked(facts is not None and criterion in facts.p3_criteria)
        for field, check in self.sensitive.items():
            check.setChecked(facts is not None and field in facts.sensitive_fields)
        self.severity.setCurrentText("P1" if facts is None else facts.severity.value)
        fill_zone_combo(self.zone, "UTC" if facts is None else facts.display_zone)

    def _show_status(self, facts: ReviewFacts | None) -> None:
        self.criteria_warning.setVisible(facts is not None and criteria_missing(facts))
        if facts is None:
            self.zone_note.clear()
            self.metrics.clear()
        else:
            self.zone_note.setText(f"Times are local times in {facts.display_zone}.")
            self.metrics.setText(metrics_text(facts))
        self._show_deadline()

    def _show_deadline(self) -> None:
        review = self.context.review
        if review is None:
            self.deadline.clear()
            return
        now = datetime.now(UTC)
        self.deadline.setText(deadline_text(review.facts, self.procedure, now))
