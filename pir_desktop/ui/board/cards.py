"""Card lines of the discussion board: dots, group and anchors in one text."""

from uuid import UUID

from ...domain.entities import Observation
from ...domain.review import Review
from ...domain.voting import vote_totals

DOT = "●"


def card_text(card: Observation, dots: int) -> str:
    """Return a card's line: its group, its dots, its text and its anchors."""
    parts = []
    if card.group_label:
        parts.append(f"[{card.group_label}]")
    if dots:
        parts.append(DOT * dots if dots <= 5 else f"{DOT}×{dots}")
    parts.append(card.text)
    if card.event_ids:
        count = len(card.event_ids)
        parts.append(f"(⚓ {count} event{'s' if count > 1 else ''})")
    return " ".join(parts)


def board_order(review: Review) -> list[tuple[Observation, int]]:
    """Return the cards with their dots, grouped by label, most dots first."""
    totals = vote_totals(review.votes)
    cards = [(card, totals.get(card.id, 0)) for card in review.observations]
    return sorted(
        cards,
        key=lambda pair: (
            pair[0].group_label == "",
            pair[0].group_label.lower(),
            -pair[1],
        ),
    )


def find_card(review: Review, card_id: UUID) -> Observation | None:
    return next((o for o in review.observations if o.id == card_id), None)
