"""The presenter window: one agenda step at a time, in large type, with a timer.

Everything the window shows comes from `redacted_review`, so text marked
sensitive is masked on the shared screen. Edits go to the stored records
through the context, so each one is saved at once and undoable.
"""

import logging
from datetime import UTC, datetime
from uuid import UUID

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.meeting import AgendaItem, ordered, running_item
from ...domain.procedure import Procedure
from ...domain.redaction import redacted_review
from ...domain.review import Review
from ...services import meeting
from .. import errors
from ..board.board import Board
from ..board.commands import undo_macro
from ..context import ReviewContext
from .capture import CaptureBar, CaptureKind
from .capture_records import captured_record
from .content import Row, StepKind, step_kind, step_rows
from .header import Header
from .side import AttendancePanel, ParkingLotPanel
from .style import BASE_SCALE, style_sheet

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
KEYS_HINT = (
    "PgDn/PgUp step · Ctrl+K add · Ctrl+J park · Ctrl+E timeboxes · "
    "Ctrl+T theme · Ctrl+Z undo · Esc leave"
)


def utc_now() -> datetime:
    """Return the current time; tests replace this module attribute."""
    return datetime.now(UTC)


class PresenterWindow(QWidget):
    """The meeting view of one review; closing it stops the agenda timer."""

    left = Signal()

    def __init__(
        self,
        context: ReviewContext,
        procedure: Procedure,
        font_scale: float = 1.0,
        dark: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenter")
        self.context = context
        self.procedure = procedure
        self.font_scale = font_scale
        self.dark = dark
        self.current_id: UUID | None = None
        self._build()
        self._lay_out()
        self._add_shortcuts()
        self._connect()
        self.apply_theme()

    def _build(self) -> None:
        self.header = Header()
        self.agenda_list = QListWidget()
        self.agenda_list.setObjectName("agendaList")
        self.agenda_list.setWordWrap(True)
        self.content = QListWidget()
        self.content.setObjectName("stepContent")
        self.content.setWordWrap(True)
        self.content.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        budget = self.procedure.meeting.dot_votes_per_person
        self.board = Board(self.context, budget, presenting=True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.content)
        self.pages.addWidget(self.board)
        self.attendance = AttendancePanel(self.context, self.procedure)
        self.parking = ParkingLotPanel()
        self.capture = CaptureBar()
        self.capture.hide()
        self.keys = QLabel(KEYS_HINT)
        self.keys.setProperty("role", "hint")
        self.keys.setWordWrap(True)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)

    def _lay_out(self) -> None:
        side = QVBoxLayout()
        side.addWidget(self.attendance, 3)
        side.addWidget(self.parking, 2)
        middle = QHBoxLayout()
        middle.addWidget(self.agenda_list, 4)
        middle.addWidget(self.pages, 10)
        middle.addLayout(side, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.addWidget(self.header)
        layout.addLayout(middle, 1)
        layout.addWidget(self.capture)
        layout.addWidget(self.keys)

    def _add_shortcuts(self) -> None:
        bindings = [
            ("Next step", self.next_step, ["PgDown", "Ctrl+Right"]),
            ("Previous step", self.previous_step, ["PgUp", "Ctrl+Left"]),
            ("Add…", lambda: self.capture.open(), ["Ctrl+K", "/"]),
            (
                "Park a topic",
                lambda: self.capture.open(CaptureKind.PARKING),
                ["Ctrl+J"],
            ),
            ("Edit timeboxes", self.edit_timeboxes, ["Ctrl+E"]),
            ("Toggle theme", self.toggle_theme, ["Ctrl+T"]),
            ("Leave presenter mode", self.escape, ["Esc", "F5"]),
        ]
        for text, slot, keys in bindings:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)
        undo = self.context.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.context.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addActions([undo, redo])

    def _connect(self) -> None:
        self.context.review_changed.connect(self.refresh)
        self.ticker.timeout.connect(self.update_timer)
        self.agenda_list.itemClicked.connect(self._agenda_clicked)
        self.capture.captured.connect(self.add_captured)
        self.content.customContextMenuRequested.connect(self._content_menu)

    # Entering and leaving

    def start(self) -> None:
        """Create the agenda if the review has none and run the current step."""
        review = self.context.review
        if review is None:
            raise RuntimeError("no review is selected")
        if not review.agenda:
            with undo_macro(self.context, "Create the meeting agenda"):
                meeting.ensure_agenda(self.context, review, self.procedure)
        agenda = self.agenda()
        running = running_item(agenda)
        resumed = running or _last_visited(agenda) or agenda[0]
        self.go_to(resumed.id)
        self.ticker.start()

    def escape(self) -> None:
        """Close the capture bar if it is open, otherwise leave presenter mode."""
        if self.capture.isVisible():
            self.capture.close_bar()
            self.setFocus()
            return
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        review = self.context.review
        if review is not None and running_item(review.agenda) is not None:
            errors.attempt(
                self,
                "Agenda timer not stopped",
                lambda: self._stop_timer(review),
            )
        self.left.emit()
        super().closeEvent(event)

    def _stop_timer(self, review: Review) -> None:
        with undo_macro(self.context, "Pause the agenda timer"):
            meeting.stop_agenda(self.context, review, utc_now())

    # Agenda

    def agenda(self) -> list[AgendaItem]:
        review = self.context.review
        return [] if review is None else ordered(review.agenda)

    def current_item(self) -> AgendaItem | None:
        return next((i for i in self.agenda() if i.id == self.current_id), None)

    def go_to(self, item_id: UUID) -> None:
        """Make an agenda item current and run its timer, as one undo step."""
        review = self.context.review
        if review is None:
            return
        self.current_id = item_id
        item = next(i for i in review.agenda if i.id == item_id)
        if item.running:
            self.refresh()
            return
        errors.attempt(
            self, "Agenda step not changed", lambda: self._switch(review, item)
        )

    def _switch(self, review: Review, item: AgendaItem) -> None:
        with undo_macro(self.context, f"Go to “{item.title}”"):
            meeting.switch_agenda(self.context, review, item.id, utc_now())

    def next_step(self) -> None:
        self._step_by(1)

    def previous_step(self) -> None:
        self._step_by(-1)

    def _step_by(self, offset: int) -> None:
        agenda = self.agenda()
        ids = [item.id for item in agenda]
        if self.current_id not in ids:
            return
        index = ids.index(self.current_id) + offset
        if 0 <= index < len(ids):
            self.go_to(ids[index])

    def _agenda_clicked(self, item: QListWidgetItem) -> None:
        self.go_to(UUID(item.data(ID_ROLE)))

    def edit_timeboxes(self) -> None:
        from ..dialogs.agenda import AgendaDialog

        dialog = AgendaDialog(self.context, self)
        dialog.exec()

    # Showing

    def refresh(self) -> None:
        review = self.context.review
        item = self.current_item()
        if review is None or item is None:
            return
        shown = redacted_review(review)
        agenda = self.agenda()
        position = [i.id for i in agenda].index(item.id) + 1
        self.setWindowTitle(f"Presenting {shown.reference} — {shown.title}")
        self.header.show_step(
            position, len(agenda), item, f"{shown.reference} · {shown.title}"
        )
        self._fill_agenda(agenda)
        self._fill_content(shown, step_kind(item))
        self.attendance.show_review(shown)
        self.parking.show_review(shown)
        self.update_timer()

    def _fill_agenda(self, agenda: list[AgendaItem]) -> None:
        self.agenda_list.clear()
        for item in agenda:
            mark = "▶ " if item.id == self.current_id else "   "
            row = QListWidgetItem(f"{mark}{item.title}  ({item.timebox_minutes} min)")
            row.setData(ID_ROLE, str(item.id))
            self.agenda_list.addItem(row)

    def _fill_content(self, shown: Review, kind: StepKind) -> None:
        if kind is StepKind.BOARD:
            self.pages.setCurrentWidget(self.board)
            return
        self.pages.setCurrentWidget(self.content)
        row = self.content.currentRow()
        chosen_id = self.content.item(row).data(ID_ROLE) if row >= 0 else ""
        self.content.clear()
        for row in step_rows(shown, kind):
            self.content.addItem(_list_item(row))
            if chosen_id and str(row.record_id) == chosen_id:
                self.content.setCurrentRow(self.content.count() - 1)

    def update_timer(self) -> None:
        self.header.show_time(self.current_item(), utc_now())

    def apply_theme(self) -> None:
        size = QApplication.font().pointSizeF()
        if size <= 0:
            size = 10.0
        self.setStyleSheet(style_sheet(self.dark, size * BASE_SCALE * self.font_scale))

    def toggle_theme(self) -> None:
        self.dark = not self.dark
        self.apply_theme()

    # Editing

    def selected_record_id(self) -> UUID | None:
        row = self.content.currentRow()
        record_id = self.content.item(row).data(ID_ROLE) if row >= 0 else ""
        return UUID(record_id) if record_id else None

    def add_captured(self, kind: CaptureKind, text: str) -> None:
        """Add the record for a line typed in the capture bar."""
        review = self.context.review
        if review is None:
            return
        anchor = self.selected_record_id()
        owner = self.board.voter_record()

        def add() -> object:
            record = captured_record(kind, text, review, utc_now(), anchor, owner)
            return self.context.add_record(record, f"Add {kind.value.lower()}")

        errors.attempt(self, f"{kind.value} not added", add)

    def _content_menu(self, position) -> None:  # noqa: ANN001
        item = self.content.itemAt(position)
        if item is None or not item.data(ID_ROLE):
            return
        menu = QMenu(self)
        menu.addAction("Toggle sensitive", lambda: self.toggle_sensitive(item))
        menu.exec(self.content.viewport().mapToGlobal(position))

    def toggle_sensitive(self, item: QListWidgetItem) -> None:
        """Mark or unmark the record shown by a content row as sensitive."""
        review = self.context.review
        collection = item.data(ID_ROLE + 1)
        if review is None or not collection:
            return
        record_id = UUID(item.data(ID_ROLE))
        before = next(r for r in getattr(review, collection) if r.id == record_id)
        after = before.with_changes(sensitive=not before.sensitive)
        text = "Mark sensitive" if after.sensitive else "Unmark sensitive"
        errors.attempt(
            self, text, lambda: self.context.update_record(before, after, text)
        )


def _list_item(row: Row) -> QListWidgetItem:
    item = QListWidgetItem("      " * row.indent + row.text)
    # Every row holds both roles: PySide6 6.12.0 returns None from an unset
    # role with one reference too few, and enough of those crash the process.
    item.setData(ID_ROLE, "" if row.record_id is None else str(row.record_id))
    item.setData(ID_ROLE + 1, row.collection)
    return item


def _last_visited(agenda: list[AgendaItem]) -> AgendaItem | None:
    visited = [item for item in agenda if item.spent_seconds > 0]
    return visited[-1] if visited else None
