"""Tracking across the reviews of a library: open actions and full-text search."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from ..domain.entities import ActionItem
from ..domain.lifecycle import FINAL_STATUSES
from ..store.search import SearchHit, search_text
from .library_service import ReviewLibrary


@dataclass(frozen=True)
class OpenAction:
    """An action not yet verified or cancelled, with its review and lateness.

    `days_overdue` is 0 for an action that is on time or has no due date.
    """

    reference: str
    review_id: UUID
    action: ActionItem
    days_overdue: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def open_actions(
    library: ReviewLibrary,
    today: date,
    owner: str | None = None,
    reference: str | None = None,
) -> list[OpenAction]:
    """Return the open actions of every review, closed reviews included.

    Overdue actions come first, then the rest by due date; actions without a
    due date come last. `owner` and `reference` filter by exact value,
    ignoring case.
    """
    rows = []
    for facts in library.reviews():
        if reference and facts.reference.casefold() != reference.casefold():
            continue
        for action in library.load(facts.id).actions:
            if action.status in FINAL_STATUSES:
                continue
            if owner and action.owner.casefold() != owner.strip().casefold():
                continue
            late = (today - action.due_date).days if action.due_date else 0
            rows.append(OpenAction(facts.reference, facts.id, action, max(late, 0)))
    rows.sort(key=_order)
    return rows


def _order(row: OpenAction) -> tuple[bool, date, str, str]:
    due = row.action.due_date or date.max
    return (not row.overdue, due, row.reference, row.action.title)


def search(library: ReviewLibrary, query: str, limit: int = 100) -> list[SearchHit]:
    """Find lessons, factors, observations and why-tree answers across reviews.

    Raises ValueError when `query` contains no word to search for.
    """
    return search_text(library.library, query, limit)
