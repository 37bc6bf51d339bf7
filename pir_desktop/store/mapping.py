"""Conversion between domain records and their rows.

Rows use the domain's field names, so one pair of functions serves every
record type. Link fields (`event_ids`, `factor_ids`) map to many-to-many
relationships named without the `_ids` suffix (`events`, `factors`).
"""

from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from ..domain.entities import (
    ActionItem,
    Approval,
    ContributingFactor,
    ControlAssessment,
    EffectivenessCheck,
    Entity,
    Lesson,
    Observation,
    Participant,
    ProgressUpdate,
    StepRecord,
    TimelineEvent,
    WhyNode,
)
from ..domain.fault_tree_record import FaultTreeRecord
from ..domain.fishbone_record import FishboneRecord
from ..domain.meeting import AgendaItem, DotVote, ParkingLotItem
from ..domain.review import FACT_FIELDS, ReviewFacts
from .schema import (
    ActionRow,
    AgendaItemRow,
    ApprovalRow,
    Base,
    ControlRow,
    DotVoteRow,
    EffectivenessRow,
    EventRow,
    FactorRow,
    FaultTreeRow,
    FishboneRow,
    LessonRow,
    ObservationRow,
    ParkingLotRow,
    ParticipantRow,
    ProgressRow,
    ReviewRow,
    StepRow,
    WhyNodeRow,
)

ROW_TYPES: dict[type[Entity], type[Base]] = {
    Participant: ParticipantRow,
    TimelineEvent: EventRow,
    Observation: ObservationRow,
    ContributingFactor: FactorRow,
    WhyNode: WhyNodeRow,
    Lesson: LessonRow,
    ActionItem: ActionRow,
    ProgressUpdate: ProgressRow,
    EffectivenessCheck: EffectivenessRow,
    ControlAssessment: ControlRow,
    StepRecord: StepRow,
    Approval: ApprovalRow,
    AgendaItem: AgendaItemRow,
    ParkingLotItem: ParkingLotRow,
    DotVote: DotVoteRow,
    FaultTreeRecord: FaultTreeRow,
    FishboneRecord: FishboneRow,
}

# Link field name -> row type of the linked records.
LINK_TARGETS: dict[str, type[Base]] = {
    "event_ids": EventRow,
    "factor_ids": FactorRow,
    "lesson_ids": LessonRow,
    "observation_ids": ObservationRow,
}


def _relationship_name(link_field: str) -> str:
    return link_field.removesuffix("_ids") + "s"


def to_entity(row: Base, entity_type: type[Entity]) -> Entity:
    """Build a domain record from its row."""
    data: dict[str, Any] = {}
    for name in entity_type.model_fields:
        if name in LINK_TARGETS:
            data[name] = [
                linked.id for linked in getattr(row, _relationship_name(name))
            ]
        else:
            data[name] = getattr(row, name)
    return entity_type.model_validate(data)


def fill_row(session: Session, row: Base, entity: Entity) -> None:
    """Copy a domain record's fields, except id and version, onto its row."""
    for name in type(entity).model_fields:
        if name in ("id", "version"):
            continue
        value = getattr(entity, name)
        if name in LINK_TARGETS:
            target = LINK_TARGETS[name]
            linked = [session.get(target, linked_id) for linked_id in value]
            value = [item for item in linked if item is not None]
            name = _relationship_name(name)
        elif isinstance(value, BaseModel):
            # Nested models, such as a fault tree, are stored as JSON objects.
            value = value.model_dump(mode="json")
        elif isinstance(value, list):
            # JSON columns keep numbers as numbers and enums as their values.
            value = [item if isinstance(item, int) else str(item) for item in value]
        setattr(row, name, value)


def to_facts(row: ReviewRow) -> ReviewFacts:
    """Build the incident facts from a review row."""
    return ReviewFacts.model_validate(
        {name: getattr(row, name) for name in FACT_FIELDS}
    )


def fill_review_row(row: ReviewRow, facts: ReviewFacts) -> None:
    """Copy the incident facts, except id and version, onto a review row."""
    for name in FACT_FIELDS - {"id", "version"}:
        value = getattr(facts, name)
        if name == "p3_criteria":
            value = [str(item) for item in value]
        setattr(row, name, value)
