"""The timeline table model: events in timeline order, loaded into views lazily.

The model contains every event of the review but reports only the rows fetched
so far, so a view of 50,000 events asks for data of the rows it shows and
fetches more in batches as the user scrolls. Sorting is done here, with one
Python sort over precomputed keys, because QSortFilterProxyModel's own sort
would call `data()` from C++ for every comparison.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...domain.entities import TimelineEvent
from ...domain.enums import label
from ...domain.timeline_time import precision_window, timeline_sort_key, zone_label
from ...domain.times import format_moment
from ..record_model import Column, RecordTableModel

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
        self.loaded = 0
        self.sort_keys: dict[UUID, tuple[datetime, int]] = {}
        self.spans: dict[UUID, tuple[datetime, datetime]] = {}
        # Keys and spans by (id, version), reused while an event is unchanged,
        # so that a refresh after one edit computes them for one event only.
        self._cache: dict[tuple[UUID, int], tuple[Any, Any]] = {}

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
        text = format_moment(event.occurred_at, self.zone_name, event.precision)
        if event.ends_at is not None:
            end = format_moment(event.ends_at, self.zone_name, event.precision)
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
        other = format_moment(event.alternative_at, self.zone_name, event.precision)
        return f"{text}: {event.alternative_source} gives {other}"

    # Loading

    def set_records(self, records: Sequence[TimelineEvent]) -> None:
        """Show the events in timeline order and keep as many rows fetched as before."""
        events = list(records)
        self._update_cache(events)
        events.sort(key=lambda event: self.sort_keys[event.id])
        self.beginResetModel()
        self.records = events
        self.loaded = min(len(events), max(self.loaded, BATCH_SIZE))
        self.endResetModel()

    def _update_cache(self, events: list[TimelineEvent]) -> None:
        cache = {}
        for event in events:
            key = (event.id, event.version)
            found = self._cache.get(key)
            if found is None:
                found = (timeline_sort_key(event), time_span(event))
            cache[key] = found
        self._cache = cache
        self.sort_keys = {key[0]: value[0] for key, value in cache.items()}
        self.spans = {key[0]: value[1] for key, value in cache.items()}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.loaded

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.loaded < len(self.records)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        self.fetch(BATCH_SIZE)

    def fetch(self, count: int) -> None:
        """Make up to `count` more rows visible, in one row insertion."""
        last = min(len(self.records), self.loaded + count)
        if last <= self.loaded:
            return
        self.beginInsertRows(QModelIndex(), self.loaded, last - 1)
        self.loaded = last
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Make every row visible, so that filters see the whole timeline."""
        self.fetch(len(self.records) - self.loaded)

    def row_of(self, event_id: UUID) -> int | None:
        """Return the row of an event, fetching rows up to it, or None if absent."""
        for row, event in enumerate(self.records):
            if event.id == event_id:
                if row >= self.loaded:
                    self.fetch(row + 1 - self.loaded)
                return row
        return None

    # Sorting

    def sort(
        self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    ) -> None:
        """Sort every event, fetched or not, by a column. Ties stay in time order."""
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [(index, self.records[index.row()].id) for index in before]

        self.records.sort(key=self._sort_key(column))
        if order is Qt.SortOrder.DescendingOrder:
            self.records.reverse()

        rows = {event.id: row for row, event in enumerate(self.records)}
        after = [self._index_for(index, rows[event_id]) for index, event_id in moved]
        self.changePersistentIndexList([index for index, _ in moved], after)
        self.layoutChanged.emit()

    def _sort_key(self, column: int) -> Any:
        times = self.sort_keys
        if column == TIME:
            return lambda event: times[event.id]
        text = self.columns[column].text
        return lambda event: (text(event).casefold(), times[event.id])

    def _index_for(self, old: QModelIndex, row: int) -> QModelIndex:
        if row >= self.loaded:
            return QModelIndex()
        return self.index(row, old.column())
