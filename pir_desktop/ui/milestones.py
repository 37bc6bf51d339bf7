"""The incident milestone editors: a check box and a date-time editor per time.

A cleared box means the time is not known. Times are edited as wall-clock
times in the review's display zone and reported as aware UTC datetimes.
"""

from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QWidget

from ..domain.review import MILESTONES, ReviewFacts
from .datetimes import prepare_editor, read_moment, show_moment
from .forms import child

# Fact fields in time order, with the object-name prefix of their widgets.
FIELDS = {
    "started_at": "started",
    "detected_at": "detected",
    "contained_at": "contained",
    "resolved_at": "resolved",
    "closed_at": "closed",
    "meeting_at": "meeting",
}
assert tuple(FIELDS)[: len(MILESTONES)] == MILESTONES


class MilestoneFields(QObject):
    """The six time fields of the Overview form."""

    edited = Signal(str, object)  # fact field name, aware datetime or None

    def __init__(self, form: QWidget) -> None:
        super().__init__(form)
        self.checks = {
            f: child(form, QCheckBox, f"{p}Check") for f, p in FIELDS.items()
        }
        self.editors = {
            f: child(form, QDateTimeEdit, f"{p}Edit") for f, p in FIELDS.items()
        }
        self.facts: ReviewFacts | None = None
        for field in FIELDS:
            prepare_editor(self.editors[field])
            self.checks[field].toggled.connect(
                lambda on, name=field: self._toggled(name, on)
            )
            self.editors[field].editingFinished.connect(
                lambda name=field: self._finished(name)
            )

    def show(self, facts: ReviewFacts | None) -> None:
        """Show the stored times without emitting `edited`."""
        self.facts = facts
        for field in FIELDS:
            value = None if facts is None else getattr(facts, field)
            check, editor = self.checks[field], self.editors[field]
            check.blockSignals(True)
            editor.blockSignals(True)
            check.setChecked(value is not None)
            editor.setEnabled(value is not None)
            if facts is not None:
                show_moment(editor, value or self._default(field), facts.display_zone)
            check.blockSignals(False)
            editor.blockSignals(False)

    def _default(self, field: str) -> datetime:
        """Return a starting value that keeps the milestones in order."""
        order = list(FIELDS)
        position = order.index(field)
        values = [getattr(self.facts, name) for name in order]
        earlier = [v for v in values[:position] if v is not None]
        later = [v for v in values[position + 1 :] if v is not None]
        if earlier:
            return earlier[-1]
        if later:
            return later[0]
        return datetime.now(UTC).replace(microsecond=0)

    def _toggled(self, field: str, on: bool) -> None:
        self.editors[field].setEnabled(on)
        if self.facts is None:
            return
        value = (
            read_moment(self.editors[field], self.facts.display_zone) if on else None
        )
        self.edited.emit(field, value)

    def _finished(self, field: str) -> None:
        if self.facts is None or not self.checks[field].isChecked():
            return
        value = read_moment(self.editors[field], self.facts.display_zone)
        stored = getattr(self.facts, field)
        # The editor shows whole seconds, so an untouched field is not an edit.
        if stored is not None and value == stored.replace(microsecond=0):
            return
        self.edited.emit(field, value)
