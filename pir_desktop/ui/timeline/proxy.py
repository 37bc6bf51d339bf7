"""The view's model of the timeline table, over TimelineTableModel.

It passes sorting and filtering on to the source model, which sorts and
filters all events at once (see model.py), and maps rows one to one. It also
writes the time column so that the date appears only where the local day
changes from the row above.
"""

from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.entities import TimelineEvent
from ...domain.enums import TimePrecision
from ...domain.timeline_time import day_labels
from .matching import NO_ACTOR, TimelineFilter
from .model import TIME, TimelineTableModel

__all__ = ["NO_ACTOR", "TimelineFilter", "TimelineProxy"]

Index = QModelIndex | QPersistentModelIndex
CALENDAR_PRECISIONS = (TimePrecision.DAY, TimePrecision.MONTH)


class TimelineProxy(QIdentityProxyModel):
    """Identity proxy of a TimelineTableModel that adds day-aware time labels."""

    def __init__(self, source: TimelineTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setSourceModel(source)

    @property
    def filter(self) -> TimelineFilter:
        """The filter values that the source model applies."""
        return self.source.filter

    def set_filter(self, values: TimelineFilter) -> None:
        """Apply new filter values to every event, fetched or not."""
        self.source.set_filter(values)

    def event_at(self, row: int) -> TimelineEvent:
        """Return the event shown in a row."""
        return self.source.record(row)

    def sort(
        self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    ) -> None:
        self.source.sort(column, order)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.column() == TIME and role == Qt.ItemDataRole.DisplayRole:
            return self.time_label(index.row())
        return super().data(index, role)

    def time_label(self, row: int) -> str:
        """Return the row's time, with the date only where the local day changes."""
        event = self.event_at(row)
        zone = self.source.zone_name
        if event.precision in CALENDAR_PRECISIONS:
            # The model's time text shows the source's calendar day or month,
            # and the end of a range.
            return self.source.time_text(event)
        moments = [event.occurred_at]
        # A day or month row shows no clock time and its date may be in its
        # own zone, so the row after it always shows its date.
        if row > 0 and self.event_at(row - 1).precision not in CALENDAR_PRECISIONS:
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
