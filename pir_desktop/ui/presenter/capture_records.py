"""Records made from a line typed in the capture bar."""

from datetime import datetime
from uuid import UUID

from ...domain.entities import (
    ActionItem,
    ContributingFactor,
    Entity,
    Observation,
    Participant,
    TimelineEvent,
    WhyNode,
)
from ...domain.enums import ObservationKind, TimePrecision
from ...domain.meeting import ParkingLotItem
from ...domain.review import Review
from ...services.meeting import TITLE_LIMIT
from .capture import CaptureKind

CARD_KINDS = {
    CaptureKind.WENT_WELL: ObservationKind.WENT_WELL,
    CaptureKind.TO_IMPROVE: ObservationKind.TO_IMPROVE,
    CaptureKind.LUCKY: ObservationKind.LUCKY,
}


def captured_record(
    kind: CaptureKind,
    text: str,
    review: Review,
    now: datetime,
    anchor: UUID | None = None,
    owner: Participant | None = None,
) -> Entity:
    """Build the record for a captured line.

    `anchor` is the record selected on screen: a timeline event anchors a new
    card and dates a new event, and a why-tree node becomes a new why's
    parent. An action is owned by `owner`. Raises ValueError (or a pydantic
    ValidationError) when the record cannot be built.
    """
    events = {event.id: event for event in review.events}
    if kind in CARD_KINDS:
        event_ids = [anchor] if anchor in events else []
        return Observation(kind=CARD_KINDS[kind], text=text, event_ids=event_ids)
    if kind is CaptureKind.EVENT:
        after = events.get(anchor) if anchor is not None else None
        return TimelineEvent(
            occurred_at=after.occurred_at if after else now,
            precision=TimePrecision.APPROXIMATE,
            description=text,
            time_note="Added in the review meeting: check the time",
        )
    if kind is CaptureKind.WHY:
        parents = {node.id for node in review.why_nodes}
        parent = anchor if anchor in parents else None
        return WhyNode(text=text, parent_id=parent, position=len(review.why_nodes))
    if kind is CaptureKind.FACTOR:
        return ContributingFactor(statement=text)
    if kind is CaptureKind.ACTION:
        if owner is None:
            raise ValueError(
                "an action item needs an owner: choose a voter on the board first"
            )
        title = text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1] + "…"
        return ActionItem(title=title, description=text, owner=owner.name)
    return ParkingLotItem(text=text, created_at=now)
