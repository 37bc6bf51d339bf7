"""The dialog that adds or edits a timeline event."""

from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...domain.entities import TimelineEvent, check_attack_technique
from ...domain.enums import Actor, EventKind, Milestone, TimePrecision, label
from ...domain.local_times import AmbiguousTimeError, localize
from ...domain.times import format_offset
from ..datetimes import fill_zone_combo, prepare_editor, show_moment
from .base import FormDialog
from .record_dialog import sensitive_box


def wall_clock(editor: QDateTimeEdit) -> datetime:
    """Return the editor's value as a naive wall-clock time."""
    value = editor.dateTime()
    return datetime.combine(value.date().toPython(), value.time().toPython())


def offset_choice(error: AmbiguousTimeError) -> list[str]:
    """Return one line per candidate instant, the earlier (fold 0) first."""
    names = ("Earlier", "Later")
    return [
        f"{name}: UTC offset {format_offset(moment)} "
        f"({moment.astimezone(UTC):%H:%M} UTC)"
        for name, moment in zip(names, error.candidates, strict=True)
    ]


class EventDialog(FormDialog[TimelineEvent]):
    """Every field of one event; times are typed in the source's own zone.

    Changing the zone keeps the typed wall-clock time, because the usual case
    is copying a time from a log and then naming the log's zone. A time that
    the zone skips is rejected, and one that it repeats is resolved by
    `choose_fold`.
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
        # Wall-clock times shown for the stored instants, so that an unchanged
        # ambiguous time is not asked about again.
        self._shown: dict[str, tuple[str, datetime, datetime]] = {}
        self._find_fields()
        self._fill_choices(event.zone if event else zone)
        self._connect()
        if event is None:
            for editor in (self.occurred, self.end, self.alternative):
                show_moment(editor, start, zone)
        else:
            self._show(event)
        # Connected after the stored times are shown, so that they are kept.
        for check, editor in (
            (self.end_check, self.end),
            (self.alternative_check, self.alternative),
        ):
            check.toggled.connect(
                lambda on, editor=editor: on and self._start_from_occurred(editor)
            )

    def _find_fields(self) -> None:
        self.occurred = self.field(QDateTimeEdit, "occurredEdit")
        self.zone = self.field(QComboBox, "zoneCombo")
        self.precision = self.field(QComboBox, "precisionCombo")
        self.end_check = self.field(QCheckBox, "endCheck")
        self.end = self.field(QDateTimeEdit, "endEdit")
        self.time_note = self.field(QLineEdit, "timeNoteEdit")
        self.alternative_check = self.field(QCheckBox, "alternativeCheck")
        self.alternative = self.field(QDateTimeEdit, "alternativeEdit")
        self.alternative_source = self.field(QLineEdit, "alternativeSourceEdit")
        self.kind = self.field(QComboBox, "kindCombo")
        self.description = self.field(QPlainTextEdit, "descriptionEdit")
        self.source = self.field(QLineEdit, "sourceEdit")
        self.actor = self.field(QComboBox, "actorCombo")
        self.actor_role = self.field(QLineEdit, "actorRoleEdit")
        self.milestone = self.field(QComboBox, "milestoneCombo")
        self.attack = self.field(QLineEdit, "attackEdit")
        self.evidence = self.field(QPlainTextEdit, "evidenceEdit")
        self.decision = self.field(QCheckBox, "decisionCheck")
        self.sensitive = sensitive_box(self.event is not None and self.event.sensitive)
        self.form.layout().addRow("", self.sensitive)

    def _fill_choices(self, zone: str) -> None:
        for editor in (self.occurred, self.end, self.alternative):
            prepare_editor(editor)
        fill_zone_combo(self.zone, zone)
        for precision in TimePrecision:
            self.precision.addItem(label(precision), precision.value)
        for kind in EventKind:
            self.kind.addItem(label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(EventKind.OTHER.value))
        self.actor.addItem("Not set", "")
        for actor in Actor:
            self.actor.addItem(label(actor), actor.value)
        self.milestone.addItem("None", "")
        for milestone in Milestone:
            self.milestone.addItem(label(milestone), milestone.value)

    def _connect(self) -> None:
        self.end_check.toggled.connect(self.end.setEnabled)
        self.alternative_check.toggled.connect(self.alternative.setEnabled)
        self.alternative_check.toggled.connect(self.alternative_source.setEnabled)

    def _start_from_occurred(self, editor: QDateTimeEdit) -> None:
        """Start a newly ticked end or disputed time at the event's own time.

        Otherwise it would keep the time the dialog opened with, which is
        before the start once the start has been changed.
        """
        editor.setDateTime(self.occurred.dateTime())

    def _show(self, event: TimelineEvent) -> None:
        zone = event.zone
        self._show_time("occurred", self.occurred, event.occurred_at, zone)
        self._show_time("end", self.end, event.ends_at or event.occurred_at, zone)
        alternative = event.alternative_at or event.occurred_at
        self._show_time("alternative", self.alternative, alternative, zone)
        self.end_check.setChecked(event.ends_at is not None)
        self.alternative_check.setChecked(event.alternative_at is not None)
        self.alternative_source.setText(event.alternative_source)
        self.precision.setCurrentIndex(self.precision.findData(event.precision.value))
        self.time_note.setText(event.time_note)
        self.kind.setCurrentIndex(self.kind.findData(event.kind.value))
        self.description.setPlainText(event.description)
        self.source.setText(event.source)
        actor = "" if event.actor is None else event.actor.value
        self.actor.setCurrentIndex(self.actor.findData(actor))
        self.actor_role.setText(event.actor_role)
        milestone = "" if event.milestone is None else event.milestone.value
        self.milestone.setCurrentIndex(self.milestone.findData(milestone))
        self.attack.setText(event.attack_technique)
        self.evidence.setPlainText("\n".join(event.evidence_links))
        self.decision.setChecked(event.decision_point)

    def _show_time(
        self, name: str, editor: QDateTimeEdit, moment: datetime, zone: str
    ) -> None:
        show_moment(editor, moment, zone)
        self._shown[name] = (zone, wall_clock(editor), moment)

    # Reading the form

    def read_time(self, name: str, editor: QDateTimeEdit, zone: str) -> datetime:
        """Return the editor's wall-clock time in the zone as an aware datetime.

        Raises NonexistentTimeError for a time that the zone skips, and
        ValueError when an ambiguous time is left unresolved.
        """
        local = wall_clock(editor)
        shown = self._shown.get(name)
        if shown is not None and shown[:2] == (zone, local):
            return shown[2]
        try:
            return localize(local, zone)
        except AmbiguousTimeError as exc:
            ambiguous = exc
        fold = self.choose_fold(ambiguous)
        if fold is None:
            raise ValueError(
                f"{local:%Y-%m-%d %H:%M} occurs twice in {zone}: choose the "
                "earlier or the later UTC offset"
            )
        return localize(local, zone, fold)

    def choose_fold(self, error: AmbiguousTimeError) -> int | None:
        """Ask which of two instants an ambiguous time means: 0 earlier, 1 later.

        Tests replace this method on the class. NOTE: with PySide 6.11,
        assigning a function to this attribute of a dialog instance made the
        process crash when the dialog closed.
        """
        choices = offset_choice(error)
        text, chosen = QInputDialog.getItem(
            self,
            "Ambiguous time",
            f"{error.local:%Y-%m-%d %H:%M} occurs twice in {error.zone}, because "
            "the clocks go back. Which one is meant?",
            choices,
            0,
            False,
        )
        return choices.index(text) if chosen else None

    def values(self) -> dict[str, Any]:
        """Return the typed values as TimelineEvent fields.

        Raises ValueError naming the field when a value is invalid.
        """
        zone = self.zone.currentText().strip()
        occurred = self.read_time("occurred", self.occurred, zone)
        ends_at = None
        if self.end_check.isChecked():
            ends_at = self.read_time("end", self.end, zone)
        alternative_at = None
        if self.alternative_check.isChecked():
            alternative_at = self.read_time("alternative", self.alternative, zone)
        return {
            "occurred_at": occurred,
            "ends_at": ends_at,
            "zone": zone,
            "precision": self.precision.currentData(),
            "time_note": self.time_note.text(),
            "alternative_at": alternative_at,
            "alternative_source": (
                self.alternative_source.text().strip() if alternative_at else ""
            ),
            "kind": self.kind.currentData(),
            "description": self.description.toPlainText(),
            "source": self.source.text(),
            "actor": self.actor.currentData() or None,
            "actor_role": self.actor_role.text().strip(),
            "milestone": self.milestone.currentData() or None,
            "attack_technique": self._attack_technique(),
            "evidence_links": self._evidence_links(),
            "decision_point": self.decision.isChecked(),
            "sensitive": self.sensitive.isChecked(),
        }

    def _attack_technique(self) -> str:
        try:
            return check_attack_technique(self.attack.text())
        except ValueError as exc:
            raise ValueError(f"ATT&CK technique: {exc}") from exc

    def _evidence_links(self) -> list[str]:
        lines = self.evidence.toPlainText().splitlines()
        return [line.strip() for line in lines if line.strip()]

    def build(self) -> TimelineEvent:
        if self.event is None:
            return TimelineEvent.model_validate(self.values())
        return self.event.with_changes(**self.values())
