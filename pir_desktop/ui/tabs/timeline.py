"""The Timeline tab: the review's events in time order, in a zone of choice.

Events are added, edited and deleted through the event dialog and the
review context, so every change is saved at once and undoable. Deleting needs
no confirmation because Ctrl+Z restores the event. The table sits in
`splitter`, so further views of the timeline can be added beside it.
"""

from datetime import UTC, datetime
from typing import TYPE_CHECKING
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import TimelineEvent
from ...domain.times import parse_zone
from .. import errors
from ..context import ReviewContext
from ..datetimes import fill_zone_combo
from ..dialogs.event import EventDialog
from ..status import show_status
from ..timeline.chart import TimelineChartPanel
from ..timeline.filters import TimelineFilterBar
from ..timeline.metrics import MetricsPanel
from ..timeline.model import DESCRIPTION, TIME, TimelineTableModel
from ..timeline.proxy import TimelineFilter, TimelineProxy
from ..windows import REGISTRY

if TYPE_CHECKING:
    from ...services import TimelineHead
    from ..timeline.importing import TimelineImporter

# Initial widths in pixels; the user may resize every column except Description,
# which takes the remaining width. Fixed sizes avoid measuring 50,000 rows.
# The Time column fits a day range in another zone, such as
# "2019-04-04 (UTC) – 2019-04-05 (UTC)".
COLUMN_WIDTHS = (250, 125, 110, 135, 80, 105, 0, 100)


class TimelineTab(QWidget):
    TITLE = "Timeline"

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog_factory = EventDialog
        self.zone_name = "UTC"
        self._shown_review: UUID | None = None
        self._importer: TimelineImporter | None = None
        self._build()
        self._build_view()
        self._build_actions()
        self._layout()
        self._connect()
        self.refresh()

    @property
    def importer(self) -> "TimelineImporter":
        """Import flow, created on first use because it loads the importers."""
        if self._importer is None:
            from ..timeline.importing import TimelineImporter

            self._importer = TimelineImporter(self)
        return self._importer

    def _build(self) -> None:
        self.model = TimelineTableModel(self)
        self.proxy = TimelineProxy(self.model, self)
        self.filters = TimelineFilterBar()
        self.metrics = MetricsPanel()
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.setMinimumContentsLength(20)
        self.zone.setToolTip("Zone in which this table shows times")
        self.count = QLabel()

    def _build_view(self) -> None:
        self.view = QTableView()
        self.view.setAccessibleName("Timeline events")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(TIME, Qt.SortOrder.AscendingOrder)

    def _build_actions(self) -> None:
        self.add_action = self._action("&Add event…", self.add_event)
        self.add_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Insert), QKeySequence("Ctrl+Shift+E")]
        )
        self.edit_action = self._action("&Edit event…", self.edit_event)
        self.edit_action.setToolTip("Edit the selected event (Enter or double-click)")
        self.delete_action = self._action("&Delete event", self.delete_event)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Ctrl+I belongs to the window's Review menu action, which opens this.
        self.import_action = self._action("&Import timeline…", self.import_timeline)
        self.import_action.setToolTip(
            "Import events from CSV, JSON, a Slack export, PagerDuty or pasted "
            "lines, with a preview (Ctrl+I)"
        )

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _layout(self) -> None:
        bar = QHBoxLayout()
        actions = (
            self.add_action,
            self.edit_action,
            self.delete_action,
            self.import_action,
        )
        for action in actions:
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
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.chart = TimelineChartPanel()
        self.splitter.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.filters)
        layout.addWidget(self.metrics)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.view.activated.connect(lambda _index: self.edit_event())
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.zone.textActivated.connect(lambda _text: self._zone_edited())
        self.zone.lineEdit().editingFinished.connect(self._zone_edited)
        self.filters.changed.connect(self.apply_filter)
        self.chart.event_activated.connect(self.select)
        self.context.review_changed.connect(self.refresh)
        self.context.timeline_preview.connect(self.show_preview)

    def refresh(self) -> None:
        """Show the selected review's events, keeping the zone, filter and selection."""
        review = self.context.review
        if review is not None and review.id != self._shown_review:
            self.zone_name = REGISTRY.settings.display_zone or review.display_zone
            self._preset_window(review.events)
        self._shown_review = None if review is None else review.id
        fill_zone_combo(self.zone, self.zone_name)
        selected = self.selected()
        self.model.zone_name = self.zone_name
        self.filters.set_zone(self.zone_name)
        self.model.set_records([] if review is None else review.events)
        self._restore_order()
        self.metrics.show_review(review)
        self.chart.show_events([] if review is None else review.events, self.zone_name)
        self._show_count()
        if selected is not None:
            self.select(selected.id)
        self._update_actions()

    def show_preview(self, head: "TimelineHead") -> None:
        """Show a review's first events, read-only, while the rest of it loads.

        The tab repaints at once, because the load that follows does not
        return to the event loop. `refresh` then shows the whole review.
        """
        self._shown_review = None
        self.zone_name = REGISTRY.settings.display_zone or head.facts.display_zone
        fill_zone_combo(self.zone, self.zone_name)
        self.model.zone_name = self.zone_name
        self.filters.set_zone(self.zone_name)
        self.model.set_records(head.events)
        self._restore_order()
        self.metrics.show_review(None)
        self.chart.show_events([], self.zone_name)
        self.count.setText(f"Loading {head.total:,} events…")
        for action in (self.add_action, self.edit_action, self.delete_action):
            action.setEnabled(False)
        self.import_action.setEnabled(False)
        if self.isVisible():
            # The count label's new width takes effect in a posted layout
            # request, which would run only after the load.
            self.layout().activate()
            self.repaint()

    def _preset_window(self, events: list[TimelineEvent]) -> None:
        if events:
            moments = [event.occurred_at for event in events]
            self.filters.set_window(min(moments), max(moments), self.zone_name)

    def _restore_order(self) -> None:
        """Apply the header's sort order to freshly loaded events.

        The model keeps its filter across a reload, but starts in time order.
        """
        header = self.view.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if (column, order) != (TIME, Qt.SortOrder.AscendingOrder):
            self.model.sort(column, order)

    def apply_filter(self, values: TimelineFilter) -> None:
        """Show only the events that pass the filter."""
        self.proxy.set_filter(values)
        self._show_count()
        self._update_actions()

    def _show_count(self) -> None:
        total = len(self.model.timeline)
        if self.proxy.filter.is_active():
            self.count.setText(f"{self.proxy.rowCount():,} of {total:,} events")
        else:
            self.count.setText(f"{total:,} events")

    def _update_actions(self) -> None:
        writable = (
            self.context.review is not None and not self.context.library.read_only
        )
        selected = self.context.review is not None and self.selected() is not None
        self.add_action.setEnabled(writable)
        self.import_action.setEnabled(writable)
        self.edit_action.setEnabled(selected)
        self.delete_action.setEnabled(writable and selected)

    def _zone_edited(self) -> None:
        text = self.zone.currentText().strip()
        if text == self.zone_name:
            return
        if errors.attempt(self, "Time zone not changed", lambda: parse_zone(text)):
            self.zone_name = text
            # The zone chosen here becomes the user's display zone for every review.
            REGISTRY.settings.display_zone = text
            REGISTRY.save()
        self.refresh()

    def selected(self) -> TimelineEvent | None:
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.event_at(rows[0].row()) if rows else None

    def select(self, event_id: UUID) -> None:
        row = self.model.row_of(event_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

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

    def import_timeline(self) -> None:
        """Start an import: choose a source, preview it, apply the accepted rows."""
        if self.context.review is not None and not self.context.library.read_only:
            self.importer.start()
