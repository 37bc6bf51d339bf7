"""Filtering the timeline by kind, actor, text and time window.

The proxy filters and passes sorting on to the source model, which sorts all
events at once (see model.py). It also writes the time column so that the
date appears only where the local day changes from the row above.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...domain.entities import TimelineEvent
from ...domain.enums import Actor, EventKind, TimePrecision
from ...domain.timeline_time import day_labels
from ...domain.times import format_moment
from .model import TIME, TimelineTableModel

Index = QModelIndex | QPersistentModelIndex
NO_ACTOR = "none"  # filter value for events whose actor is not set


@dataclass
class TimelineFilter:
    """The filter values; empty or None means "any"."""

    kinds: set[EventKind] = field(default_factory=set)
    actor: Actor | str | None = None
    text: str = ""
    start: datetime | None = None
    end: datetime | None = None

    def is_active(self) -> bool:
        return bool(self.kinds or self.actor or self.text or self.start or self.end)


class TimelineProxy(QSortFilterProxyModel):
    """Rows of a TimelineTableModel that pass a TimelineFilter."""

    def __init__(self, source: TimelineTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.filter = TimelineFilter()
        self.setSourceModel(source)

    def set_filter(self, values: TimelineFilter) -> None:
        """Apply new filter values to every event, fetched or not."""
        if values.is_active():
            self.source.fetch_all()
        self.beginFilterChange()
        self.filter = values
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def event_at(self, row: int) -> TimelineEvent:
        """Return the event shown in a proxy row."""
        return self.source.records[self.mapToSource(self.index(row, 0)).row()]

    def sort(
        self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    ) -> None:
        self.source.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        event = self.source.records[source_row]
        criteria = self.filter
        if criteria.kinds and event.kind not in criteria.kinds:
            return False
        if criteria.actor and not self._actor_matches(event, criteria.actor):
            return False
        if criteria.start is not None or criteria.end is not None:
            first, last = self.source.spans[event.id]
            if criteria.start is not None and last < criteria.start:
                return False
            if criteria.end is not None and first > criteria.end:
                return False
        return not criteria.text or self._text_matches(event, criteria.text)

    @staticmethod
    def _actor_matches(event: TimelineEvent, actor: Actor | str) -> bool:
        if actor == NO_ACTOR:
            return event.actor is None
        return event.actor == actor

    @staticmethod
    def _text_matches(event: TimelineEvent, text: str) -> bool:
        needle = text.casefold()
        fields = (
            event.description,
            event.actor_role,
            event.source,
            event.attack_technique,
            event.time_note,
        )
        return any(needle in value.casefold() for value in fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.column() == TIME and role == Qt.ItemDataRole.DisplayRole:
            return self.time_label(index.row())
        return super().data(index, role)

    def time_label(self, row: int) -> str:
        """Return the row's time, with the date only where the local day changes."""
        event = self.event_at(row)
        zone = self.source.zone_name
        if event.precision in (TimePrecision.DAY, TimePrecision.MONTH):
            return format_moment(event.occurred_at, zone, event.precision)
        moments = [event.occurred_at]
        if row > 0:
            moments.insert(0, self.event_at(row - 1).occurred_at)
        text = day_labels(moments, zone)[-1]
        if event.precision is TimePrecision.HOUR:
            text = text[:-9] + "xx" + text[-7:]
        elif event.precision is TimePrecision.APPROXIMATE:
            text = "~" + text
        if event.ends_at is not None:
            end = day_labels([event.occurred_at, event.ends_at], zone)[-1]
            text = f"{text} – {end}"
        return text
