"""Filter values of the timeline table and the scans that apply them.

Each criterion is one list comprehension over all events, so filtering 50,000
events costs a few Python loops rather than one call per row from Qt.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ...domain.entities import TimelineEvent
from ...domain.enums import Actor, EventKind

NO_ACTOR = "none"  # Filter value for events whose actor is not set.
# Separator that joins an event's searchable fields into one text, so that one
# substring test searches them all. Filter text that contains it is matched per field.
FIELD_SEPARATOR = "\x1f"


@dataclass
class TimelineFilter:
    """Filter values of the timeline table. An empty value or None means "any"."""

    kinds: set[EventKind] = field(default_factory=set)
    actor: Actor | str | None = None
    text: str = ""
    start: datetime | None = None
    end: datetime | None = None

    def is_active(self) -> bool:
        return bool(self.kinds or self.actor or self.text or self.start or self.end)

    def needs_spans(self) -> bool:
        return self.start is not None or self.end is not None


def searched_fields(event: TimelineEvent) -> tuple[str, ...]:
    """Return the fields that the text filter searches."""
    return (
        event.description,
        event.actor_role,
        event.source,
        event.attack_technique,
        event.time_note,
    )


def search_text(event: TimelineEvent) -> str:
    """Return the casefolded fields that the text filter searches, joined."""
    return FIELD_SEPARATOR.join(searched_fields(event)).casefold()


def matching_rows(
    events: Sequence[TimelineEvent],
    rows: list[int],
    criteria: TimelineFilter,
    texts: Sequence[str] | None = None,
    spans: Sequence[tuple[datetime, datetime]] | None = None,
) -> list[int]:
    """Return the rows, in the given order, whose event passes every criterion.

    `rows` index `events`, and so do `texts` (from `search_text`), needed for
    a text criterion, and `spans` (earliest and latest instant), needed for a
    time window.
    """
    if criteria.kinds:
        kinds = criteria.kinds
        rows = [row for row in rows if events[row].kind in kinds]
    if criteria.actor == NO_ACTOR:
        rows = [row for row in rows if events[row].actor is None]
    elif criteria.actor:
        actor = criteria.actor
        rows = [row for row in rows if events[row].actor == actor]
    if criteria.start is not None:
        if spans is None:
            raise ValueError("spans is missing: a time window needs time_span(event)")
        start = criteria.start
        rows = [row for row in rows if spans[row][1] >= start]
    if criteria.end is not None:
        if spans is None:
            raise ValueError("spans is missing: a time window needs time_span(event)")
        end = criteria.end
        rows = [row for row in rows if spans[row][0] <= end]
    if criteria.text:
        if texts is None:
            raise ValueError("texts is missing: a text filter needs search_text(event)")
        rows = _rows_with_text(events, rows, criteria.text.casefold(), texts)
    return rows


def _rows_with_text(
    events: Sequence[TimelineEvent], rows: list[int], needle: str, texts: Sequence[str]
) -> list[int]:
    if FIELD_SEPARATOR not in needle:
        return [row for row in rows if needle in texts[row]]
    return [
        row
        for row in rows
        if any(needle in value.casefold() for value in searched_fields(events[row]))
    ]
