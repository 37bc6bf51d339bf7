"""The dialog that adds or edits a timeline event."""

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...domain.entities import TimelineEvent
from ...domain.enums import EventKind, TimePrecision, label
from ..datetimes import fill_zone_combo, prepare_editor, read_moment, show_moment
from .base import FormDialog
from .record_dialog import sensitive_box


class EventDialog(FormDialog[TimelineEvent]):
    """Every field of one event; times are typed in the source's own zone.

    Changing the zone keeps the typed wall-clock time, because the usual case
    is copying a time from a log and then naming the log's zone.
    """

    def __init__(
        self,
        zone: str,
        start: datetime,
        event: TimelineEvent | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Add event" if event is None else "Edit event"
        super().__init__("event_dialog", title, parent)
        self.event = event
        self._find_fields()
        self._fill_choices(event.zone if event else zone)
        self.end_check.toggled.connect(self.end.setEnabled)
        if event is None:
            show_moment(self.occurred, start, zone)
            show_moment(self.end, start, zone)
        else:
            self._show(event)

    def _find_fields(self) -> None:
        self.occurred = self.field(QDateTimeEdit, "occurredEdit")
        self.zone = self.field(QComboBox, "zoneCombo")
        self.precision = self.field(QComboBox, "precisionCombo")
        self.end_check = self.field(QCheckBox, "endCheck")
        self.end = self.field(QDateTimeEdit, "endEdit")
        self.time_note = self.field(QLineEdit, "timeNoteEdit")
        self.kind = self.field(QComboBox, "kindCombo")
        self.description = self.field(QPlainTextEdit, "descriptionEdit")
        self.source = self.field(QLineEdit, "sourceEdit")
        self.decision = self.field(QCheckBox, "decisionCheck")
        self.sensitive = sensitive_box(self.event is not None and self.event.sensitive)
        self.form.layout().addRow("", self.sensitive)

    def _fill_choices(self, zone: str) -> None:
        prepare_editor(self.occurred)
        prepare_editor(self.end)
        fill_zone_combo(self.zone, zone)
        for precision in TimePrecision:
            self.precision.addItem(label(precision), precision.value)
        for kind in EventKind:
            self.kind.addItem(label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(EventKind.OTHER.value))

    def _show(self, event: TimelineEvent) -> None:
        show_moment(self.occurred, event.occurred_at, event.zone)
        show_moment(self.end, event.ends_at or event.occurred_at, event.zone)
        self.end_check.setChecked(event.ends_at is not None)
        self.precision.setCurrentIndex(self.precision.findData(event.precision.value))
        self.time_note.setText(event.time_note)
        self.kind.setCurrentIndex(self.kind.findData(event.kind.value))
        self.description.setPlainText(event.description)
        self.source.setText(event.source)
        self.decision.setChecked(event.decision_point)

    def values(self) -> dict[str, Any]:
        """Return the typed values as TimelineEvent fields.

        Raises ValueError when the zone is unknown.
        """
        zone = self.zone.currentText().strip()
        ends_at = read_moment(self.end, zone) if self.end_check.isChecked() else None
        return {
            "occurred_at": read_moment(self.occurred, zone),
            "ends_at": ends_at,
            "zone": zone,
            "precision": self.precision.currentData(),
            "time_note": self.time_note.text(),
            "kind": self.kind.currentData(),
            "description": self.description.toPlainText(),
            "source": self.source.text(),
            "decision_point": self.decision.isChecked(),
            "sensitive": self.sensitive.isChecked(),
        }

    def build(self) -> TimelineEvent:
        if self.event is None:
            return TimelineEvent.model_validate(self.values())
        return self.event.with_changes(**self.values())
