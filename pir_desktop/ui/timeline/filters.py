"""The filter bar above the timeline table: kind, actor, text and time window."""

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...domain.enums import Actor, EventKind, label
from ..datetimes import prepare_editor, read_moment, show_moment
from .matching import NO_ACTOR, TimelineFilter

TEXT_DELAY_MS = 250  # typing pauses this long before the table is filtered


class TimelineFilterBar(QWidget):
    """Filter controls; `changed` carries the new TimelineFilter.

    The time window is typed as wall-clock time in the table's display zone.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone_name = "UTC"
        self._build()
        self._layout()
        self._connect()

    def _build(self) -> None:
        self.kind = QComboBox()
        self.kind.setAccessibleName("Filter by kind")
        self.kind.addItem("Any kind", None)
        for kind in EventKind:
            self.kind.addItem(label(kind), kind.value)
        self.actor = QComboBox()
        self.actor.setAccessibleName("Filter by actor")
        self.actor.addItem("Any actor", None)
        self.actor.addItem("No actor", NO_ACTOR)
        for actor in Actor:
            self.actor.addItem(label(actor), actor.value)
        self.text = QLineEdit()
        self.text.setPlaceholderText("Filter text")
        self.text.setClearButtonEnabled(True)
        self.text.setToolTip(
            "Show events whose description, role or source contains this"
        )
        self.from_check = QCheckBox("&From")
        self.from_edit = QDateTimeEdit()
        self.from_edit.setAccessibleName("Show events from")
        self.to_check = QCheckBox("&To")
        self.to_edit = QDateTimeEdit()
        self.to_edit.setAccessibleName("Show events until")
        for editor in (self.from_edit, self.to_edit):
            prepare_editor(editor)
            editor.setEnabled(False)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TEXT_DELAY_MS)

    def _layout(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        text_label = QLabel("F&ilter")
        text_label.setBuddy(self.text)
        layout.addWidget(text_label)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.kind)
        layout.addWidget(self.actor)
        layout.addWidget(self.from_check)
        layout.addWidget(self.from_edit)
        layout.addWidget(self.to_check)
        layout.addWidget(self.to_edit)

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self.emit_filter)
        self.actor.currentIndexChanged.connect(self.emit_filter)
        self.text.textChanged.connect(lambda _text: self.timer.start())
        self.timer.timeout.connect(self.emit_filter)
        for check, editor in (
            (self.from_check, self.from_edit),
            (self.to_check, self.to_edit),
        ):
            check.toggled.connect(editor.setEnabled)
            check.toggled.connect(self.emit_filter)
            editor.editingFinished.connect(self.emit_filter)

    def set_window(self, start: datetime, end: datetime, zone: str) -> None:
        """Preset the time window editors, without switching the window on."""
        self.zone_name = zone
        show_moment(self.from_edit, start, zone)
        show_moment(self.to_edit, end, zone)

    def set_zone(self, zone: str) -> None:
        """Show the time window's instants as wall-clock time in another zone."""
        if zone == self.zone_name:
            return
        for editor in (self.from_edit, self.to_edit):
            show_moment(editor, read_moment(editor, self.zone_name), zone)
        self.zone_name = zone

    def values(self) -> TimelineFilter:
        """Return the filter that the controls describe."""
        kind = self.kind.currentData()
        actor = self.actor.currentData()
        return TimelineFilter(
            kinds={EventKind(kind)} if kind else set(),
            actor=actor if actor == NO_ACTOR or not actor else Actor(actor),
            text=self.text.text().strip(),
            start=self._moment(self.from_check, self.from_edit),
            end=self._moment(self.to_check, self.to_edit),
        )

    def _moment(self, check: QCheckBox, editor: QDateTimeEdit) -> datetime | None:
        return read_moment(editor, self.zone_name) if check.isChecked() else None

    def emit_filter(self) -> None:
        self.timer.stop()
        self.changed.emit(self.values())
