"""The Timeline tab: the review's events in time order, in a zone of choice.

Events are added, edited and deleted through the event dialog and the
review context, so every change is saved at once and undoable. Deleting needs
no confirmation because Ctrl+Z restores the event.
"""

from datetime import UTC, datetime
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import TimelineEvent
from ...domain.enums import label
from ...domain.times import format_moment, parse_zone
from .. import errors
from ..context import ReviewContext
from ..datetimes import fill_zone_combo
from ..dialogs.event import EventDialog
from ..record_model import Column, RecordTableModel
from ..status import show_status

DESCRIPTION_COLUMN = 3


class TimelineTab(QWidget):
    TITLE = "Timeline"

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog_factory = EventDialog
        self.zone_name = "UTC"
        self._shown_review: UUID | None = None
        self._build()
        self._build_actions()
        self._layout()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        self.model: RecordTableModel[TimelineEvent] = RecordTableModel(
            [
                Column("Time", self._time_text, self._time_tooltip),
                Column("Precision", lambda e: label(e.precision)),
                Column("Kind", lambda e: label(e.kind)),
                Column("Description", lambda e: e.description),
                Column("Decision point", lambda e: "Yes" if e.decision_point else ""),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setAccessibleName("Timeline events")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.setMinimumContentsLength(20)
        self.zone.setToolTip("Zone in which this table shows times")
        self.count = QLabel()

    def _build_actions(self) -> None:
        self.add_action = self._action("&Add event…", self.add_event)
        self.add_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Insert), QKeySequence("Ctrl+Shift+E")]
        )
        self.edit_action = self._action("&Edit event…", self.edit_event)
        self.edit_action.setToolTip("Edit the selected event (Enter or double-click)")
        self.delete_action = self._action("&Delete event", self.delete_event)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for action in (self.add_action, self.edit_action, self.delete_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)
        bar.addStretch()
        bar.addWidget(self.count)
        zone_label = QLabel("Show times in &zone")
        zone_label.setBuddy(self.zone)
        bar.addWidget(zone_label)
        bar.addWidget(self.zone)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def _connect(self) -> None:
        self.view.activated.connect(lambda _index: self.edit_event())
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.zone.textActivated.connect(lambda _text: self._zone_edited())
        self.zone.lineEdit().editingFinished.connect(self._zone_edited)
        self.context.review_changed.connect(self.refresh)

    def refresh(self) -> None:
        """Show the selected review's events, keeping the chosen zone and selection."""
        review = self.context.review
        if review is not None and review.id != self._shown_review:
            self.zone_name = review.display_zone
        self._shown_review = None if review is None else review.id
        fill_zone_combo(self.zone, self.zone_name)
        selected = self.selected()
        events = [] if review is None else review.sorted_events()
        self.model.set_records(events)
        self.count.setText(f"{len(events)} events")
        if selected is not None:
            self.select(selected.id)
        self._update_actions()

    def _update_actions(self) -> None:
        writable = (
            self.context.review is not None and not self.context.library.read_only
        )
        selected = self.selected() is not None
        self.add_action.setEnabled(writable)
        self.edit_action.setEnabled(selected)
        self.delete_action.setEnabled(writable and selected)

    def _zone_edited(self) -> None:
        text = self.zone.currentText().strip()
        if text == self.zone_name:
            return
        if errors.attempt(self, "Time zone not changed", lambda: parse_zone(text)):
            self.zone_name = text
        self.refresh()

    def _time_text(self, event: TimelineEvent) -> str:
        text = format_moment(event.occurred_at, self.zone_name, event.precision)
        if event.ends_at is not None:
            end = format_moment(event.ends_at, self.zone_name, event.precision)
            text = f"{text} – {end}"
        return text

    def _time_tooltip(self, event: TimelineEvent) -> str:
        source = format_moment(event.occurred_at, event.zone, event.precision)
        lines = [f"Source time: {source} ({event.zone})"]
        if event.time_note:
            lines.append(event.time_note)
        return "\n".join(lines)

    def selected(self) -> TimelineEvent | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select(self, event_id: UUID) -> None:
        for row, event in enumerate(self.model.records):
            if event.id == event_id:
                self.view.selectRow(row)
                return

    def add_event(self) -> EventDialog | None:
        """Open the event dialog; accepting it saves a new event."""
        review = self.context.review
        if review is None:
            return None
        current = self.selected()
        start = current.occurred_at if current else review.detected_at
        zone = current.zone if current else self.zone_name
        dialog = self.dialog_factory(zone, start or datetime.now(UTC), None, self)
        return self._open(dialog, None)

    def edit_event(self) -> EventDialog | None:
        """Open the dialog on the selected event; accepting it saves the change."""
        before = self.selected()
        if before is None:
            return None
        dialog = self.dialog_factory(self.zone_name, before.occurred_at, before, self)
        return self._open(dialog, before)

    def _open(self, dialog: EventDialog, before: TimelineEvent | None) -> EventDialog:
        dialog.accepted.connect(lambda: self._save(before, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _save(self, before: TimelineEvent | None, dialog: EventDialog) -> None:
        after = dialog.result_value
        if after is None:
            return
        if before is None:
            saved = errors.attempt(
                self,
                "Event not added",
                lambda: self.context.add_record(after, "Add event"),
            )
        else:
            saved = errors.attempt(
                self,
                "Event not saved",
                lambda: self.context.update_record(before, after, "Edit event"),
            )
        if saved is not None:
            self.select(saved.id)

    def delete_event(self) -> None:
        """Delete the selected event without asking, because undo restores it."""
        event = self.selected()
        if event is None:
            return

        def delete() -> bool:
            self.context.delete_record(event, "Delete event")
            return True

        if errors.attempt(self, "Event not deleted", delete):
            show_status(self, "Deleted event — Ctrl+Z to undo")
