"""Conversion between domain records and their rows.

Rows use the domain's field names, so one pair of functions serves every
record type. Link fields (`event_ids`, `factor_ids`) map to many-to-many
relationships named without the `_ids` suffix (`events`, `factors`).
"""

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID, SafeUUID

from pydantic import BaseModel
from sqlalchemy import JSON, Boolean, Enum, Uuid
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
from .types import UTCDateTime

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


Trusted = TypeVar("Trusted", bound=Entity)
# Event text fields whose values repeat across rows (zones, channel names,
# roles, file names). Reading keeps one string object per distinct value.
REPEATED_TEXT: dict[type[Entity], tuple[str, ...]] = {
    TimelineEvent: (
        "zone",
        "time_note",
        "alternative_source",
        "source",
        "actor_role",
        "attack_technique",
        "source_file",
    ),
}


def raw_value_reader(column_type: Any) -> Callable[[Any], Any] | None:
    """Return a function from a column's raw DBAPI value to its domain value.

    Returns None when the raw value is already the domain value (text and
    integers). Each reader accepts both what SQLite returns (text for times,
    UUIDs and JSON, integers for booleans) and the native values of
    PostgreSQL's driver.
    """
    if isinstance(column_type, UTCDateTime):
        return _utc_value
    if isinstance(column_type, Uuid):
        return _uuid_value
    if isinstance(column_type, Enum) and column_type.enum_class is not None:
        members: dict[Any, Any] = {m.value: m for m in column_type.enum_class}
        members[None] = None
        return members.__getitem__
    if isinstance(column_type, JSON):
        return _json_value
    if isinstance(column_type, Boolean):
        return _bool_value
    return None


def _utc_value(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        # SQLite keeps naive UTC text. Parsing it with an offset is faster
        # than setting tzinfo afterwards.
        return datetime.fromisoformat(value + "+00:00")
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _uuid_value(value: UUID | str | None) -> UUID | None:
    if value is None or isinstance(value, UUID):
        return value
    # Set the attributes that UUID.__setstate__ sets and skip the checks of
    # UUID.__init__, which cost twice as much. The text is 32 hex digits
    # that the store wrote.
    uuid = _new_object(UUID)
    _set_attribute(uuid, "int", int(value, 16))
    _set_attribute(uuid, "is_safe", SafeUUID.unknown)
    return uuid


_new_object = object.__new__
_set_attribute = object.__setattr__


def _json_value(value: Any) -> Any:
    if value == "[]":
        return []
    return json.loads(value) if isinstance(value, str) else value


def _bool_value(value: Any) -> bool | None:
    return None if value is None else bool(value)


def trusted_entities(
    entity_type: type[Trusted], columns: list[Iterable[Any]]
) -> Iterator[Trusted]:
    """Build records from column-wise raw values without validating them again.

    `columns` contains one sequence of raw DBAPI values per field of
    `entity_type`, in `model_fields` order. Only rows that the store wrote
    from validated records may be read this way, because this skips pydantic's
    validators, which cost more than the database read itself. The attributes
    set are the ones pydantic's `model_construct` sets, and all records share
    one fields-set, which contains every field so it never grows.
    """
    names = list(entity_type.model_fields)
    if len(columns) != len(names):
        raise ValueError(
            f"{len(columns)} columns given for the {len(names)} fields of "
            f"{entity_type.__name__}: pass one column per field"
        )
    if (
        entity_type.__private_attributes__
        or entity_type.model_config.get("extra") == "allow"
    ):
        raise TypeError(
            f"{entity_type.__name__} has private or extra attributes, "
            "so it cannot be built without validation"
        )
    table = ROW_TYPES[entity_type].__table__  # type: ignore[attr-defined]
    converted: list[Iterable[Any]] = []
    repeated = REPEATED_TEXT.get(entity_type, ())
    for name, values in zip(names, columns, strict=True):
        reader = raw_value_reader(table.c[name].type)
        if reader is not None:
            values = map(reader, values)
        elif name in repeated:
            values = list(values)
            values = map({}.setdefault, values, values)
        converted.append(values)

    fields_set = set(names)
    new = entity_type.__new__
    for values in zip(*converted, strict=True):
        entity = new(entity_type)
        entity.__dict__.update(zip(names, values, strict=False))
        _set_attribute(entity, "__pydantic_fields_set__", fields_set)
        _set_attribute(entity, "__pydantic_extra__", None)
        _set_attribute(entity, "__pydantic_private__", None)
        yield entity
