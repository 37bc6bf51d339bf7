"""The timeline table model: events in timeline order, loaded into views lazily.

The model contains every event of the review but reports only the rows fetched
so far, so a view of 50,000 events asks for data of the rows it shows and
fetches more in batches as the user scrolls. Cell text is computed only when a
view asks for it.

The model sorts and filters too. A sort is one stable Python sort over one
key per event, a filter is one scan per criterion (see matching.py), and each
ends in one layout change. A QSortFilterProxyModel would instead call Python
from C++ for every comparison and every row.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...domain.entities import TimelineEvent
from ...domain.enums import label
from ...domain.timeline_time import (
    earliest_instant,
    precision_window,
    timeline_positions,
    zone_label,
)
from ...domain.times import format_moment
from ..record_model import Column, RecordTableModel
from .matching import TimelineFilter, matching_rows, search_text

Index = QModelIndex | QPersistentModelIndex

TIME, KIND, ACTOR, MILESTONE, ATTACK, PRECISION, DESCRIPTION, DECISION = range(8)
BATCH_SIZE = 1000
DISPUTED_MARK = "⚠ disputed"


def precision_text(event: TimelineEvent) -> str:
    """Return the precision label, with a mark when another source disputes it."""
    text = label(event.precision)
    if event.alternative_at is not None:
        text = f"{text} · {DISPUTED_MARK}"
    return text


def time_span(event: TimelineEvent) -> tuple[datetime, datetime]:
    """Return the earliest and latest instant the event may cover, in UTC."""
    start, end = precision_window(event.occurred_at, event.zone, event.precision)
    if event.ends_at is not None:
        end = max(end, event.ends_at)
    if event.alternative_at is not None:
        other, _ = precision_window(event.alternative_at, event.zone, event.precision)
        start, end = min(start, other), max(end, other)
    return start, end


class TimelineTableModel(RecordTableModel[TimelineEvent]):
    """Timeline events with lazy fetching, batch inserts and key-based sorting."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([], parent)
        self.zone_name = "UTC"
        self.columns = self._columns()
        self.filter = TimelineFilter()
        self.loaded = 0
        # Every event in timeline order. The lists below contain positions in it.
        self.timeline: list[TimelineEvent] = []
        # Every position in the current sort order, and the positions that pass
        # the filter in the same order. self.records contains their events.
        self.order: list[int] = []
        self.rows: list[int] = []
        # Computed for every event when a filter first needs them.
        self._texts: list[str] | None = None
        self._spans: list[tuple[datetime, datetime]] | None = None
        # Earliest instants of events without a point time, keyed by (id, version),
        # so a refresh after an edit recomputes only the changed events' windows.
        self._earliest: dict[tuple[UUID, int], datetime] = {}
        self._earliest_seen: dict[tuple[UUID, int], datetime] = {}

    def _columns(self) -> list[Column[TimelineEvent]]:
        def optional(value: Any) -> str:
            return "" if value is None else label(value)

        return [
            Column("Time", self.time_text, self.time_tooltip),
            Column("Kind", lambda e: label(e.kind)),
            Column("Actor", self._actor_text),
            Column("Milestone", lambda e: optional(e.milestone)),
            Column("ATT&CK", lambda e: e.attack_technique),
            Column("Precision", precision_text, self._precision_tooltip),
            Column("Description", lambda e: e.description),
            Column("Decision point", lambda e: "Yes" if e.decision_point else ""),
        ]

    # Cell text

    def time_text(self, event: TimelineEvent) -> str:
        """Return the full start (and end) time in the display zone."""
        text = format_moment(
            event.occurred_at, self.zone_name, event.precision, event.zone
        )
        if event.ends_at is not None:
            end = format_moment(
                event.ends_at, self.zone_name, event.precision, event.zone
            )
            text = f"{text} – {end}"
        return text

    def time_tooltip(self, event: TimelineEvent) -> str:
        zone = event.zone or "UTC"
        source = format_moment(event.occurred_at, zone, event.precision)
        lines = [
            self.time_text(event),
            f"Source time: {source} ({zone_label(event.occurred_at, zone)})",
        ]
        if event.time_note:
            lines.append(event.time_note)
        return "\n".join(lines)

    @staticmethod
    def _actor_text(event: TimelineEvent) -> str:
        actor = "" if event.actor is None else label(event.actor)
        if event.actor_role:
            return f"{actor} ({event.actor_role})" if actor else event.actor_role
        return actor

    def _precision_tooltip(self, event: TimelineEvent) -> str:
        text = precision_text(event)
        if event.alternative_at is None:
            return text
        other = format_moment(
            event.alternative_at, self.zone_name, event.precision, event.zone
        )
        return f"{text}: {event.alternative_source} gives {other}"

    # Loading

    def set_records(self, records: Sequence[TimelineEvent]) -> None:
        """Show the events in time order, keeping the filter and the fetched rows."""
        events = list(records)
        self._earliest_seen, self._earliest = self._earliest, {}
        positions = timeline_positions(events, self._earliest_instant)
        self._earliest_seen = {}

        self.beginResetModel()
        self.timeline = [events[position] for position in positions]
        self._texts = self._spans = None
        self._set_order(list(range(len(events))))
        if self.filter.is_active():
            self.loaded = len(events)
        else:
            self.loaded = min(len(events), max(self.loaded, BATCH_SIZE))
        self.endResetModel()

    def _earliest_instant(self, event: TimelineEvent) -> datetime:
        ident = (event.id, event.version)
        instant = self._earliest_seen.get(ident) or earliest_instant(event)
        self._earliest[ident] = instant
        return instant

    def _set_order(self, order: list[int]) -> None:
        """Show the events in this order of timeline positions, filtered."""
        self.order = order
        timeline = self.timeline
        self.records = [timeline[position] for position in order]
        self.rows = self._filtered(order)

    def _filtered(self, order: list[int]) -> list[int]:
        if not self.filter.is_active():
            return order
        if self.filter.text and self._texts is None:
            self._texts = [search_text(event) for event in self.timeline]
        if self.filter.needs_spans() and self._spans is None:
            self._spans = [time_span(event) for event in self.timeline]
        return matching_rows(
            self.timeline, order, self.filter, self._texts, self._spans
        )

    def record(self, row: int) -> TimelineEvent:
        """Return the event shown in a row."""
        return self.timeline[self.rows[row]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        event = self.record(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(event)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(event) if column.tooltip else column.text(event)
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else min(self.loaded, len(self.rows))

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.loaded < len(self.rows)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        self.fetch(BATCH_SIZE)

    def fetch(self, count: int) -> None:
        """Make up to `count` more rows visible, in one row insertion."""
        first = self.rowCount()
        last = min(len(self.rows), first + count)
        if last <= first:
            return
        self.beginInsertRows(QModelIndex(), first, last - 1)
        self.loaded = last
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Make every row visible."""
        self.fetch(len(self.rows) - self.rowCount())

    def row_of(self, event_id: UUID) -> int | None:
        """Return the row of an event, fetching rows up to it, or None if not shown."""
        timeline = self.timeline
        for row, position in enumerate(self.rows):
            if timeline[position].id == event_id:
                if row >= self.rowCount():
                    self.fetch(row + 1 - self.rowCount())
                return row
        return None

    # Sorting and filtering

    def sort(
        self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    ) -> None:
        """Sort every event, fetched or not, by a column. Ties stay in time order."""
        if not 0 <= column < len(self.columns):
            return
        positions = list(range(len(self.timeline)))
        descending = order is Qt.SortOrder.DescendingOrder
        if column == TIME:
            if descending:
                positions.reverse()
        else:
            text = self.columns[column].text
            keys = [text(event).casefold() for event in self.timeline]
            # Positions start in time order, and a stable sort keeps ties in
            # that order even with reverse=True.
            positions.sort(key=keys.__getitem__, reverse=descending)
        self._relayout(lambda: self._set_order(positions))

    def set_filter(self, values: TimelineFilter) -> None:
        """Show only the events, fetched or not, that pass the filter.

        An active filter fetches every row, so the view shows all matches.
        """

        def apply() -> None:
            self.filter = values
            if values.is_active():
                self.loaded = len(self.timeline)
            self.rows = self._filtered(self.order)

        self._relayout(apply)

    def _relayout(self, change: Callable[[], None]) -> None:
        """Apply a change of order or filter in one layout change.

        Persistent indexes, such as the selection, follow their event, or
        become invalid when the event is no longer shown.
        """
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [(index, self.rows[index.row()]) for index in before]
        change()

        tracked_positions = {position for _index, position in moved}
        found: dict[int, int] = {}
        if tracked_positions:
            for row, position in enumerate(self.rows):
                if position in tracked_positions:
                    found[position] = row
        row_count = self.rowCount()
        after = []
        for index, position in moved:
            row = found.get(position)
            valid = row is not None and row < row_count
            after.append(self.index(row, index.column()) if valid else QModelIndex())
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
