"""Short descriptions of records, for check lists, combo boxes and table cells."""

from uuid import UUID

from ...domain.review import Review
from ...domain.times import format_moment

MAX_LABEL = 90


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """Return the first line of text, cut to `limit` characters with an ellipsis."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def event_choices(review: Review) -> list[tuple[UUID, str]]:
    """Return the timeline events in time order as (id, "time: description")."""
    zone = review.display_zone
    choices = []
    for event in review.sorted_events():
        time = format_moment(event.occurred_at, zone, event.precision, event.zone)
        choices.append((event.id, f"{time}: {shorten(event.description, 160)}"))
    return choices


def factor_choices(review: Review) -> list[tuple[UUID, str]]:
    """Return the contributing factors as (id, statement)."""
    return [(factor.id, shorten(factor.statement, 160)) for factor in review.factors]


def factor_names(review: Review, factor_ids: list[UUID]) -> str:
    """Return the statements of the given factors, separated by semicolons."""
    names = [shorten(f.statement, 50) for f in review.factors if f.id in factor_ids]
    return "; ".join(names)
