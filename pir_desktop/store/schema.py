"""The SQL schema of a review library, in SQLAlchemy 2's typed ORM style.

Each table mirrors one domain record. Every row carries a `version` counter
(SQLAlchemy's version_id_col) so a write based on a stale read is detected.
Child rows keep a `seq` number that preserves the order they were added in.
"""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    JSON,
    Column,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy import event as orm_event
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    declared_attr,
    mapped_column,
    relationship,
)

from ..domain.enums import (
    ActionPriority,
    ActionStatus,
    ActionType,
    Actor,
    ApprovalDecision,
    ControlDecision,
    EventKind,
    FactorStatus,
    LessonKind,
    Milestone,
    ObservationKind,
    Provenance,
    Severity,
    StepStatus,
    TimePrecision,
)
from ..domain.timeline_time import timeline_order
from .types import UTCDateTime, enum_type


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), str: Text()}


class LibraryMeta(Base):
    """Key-value facts about the file itself, such as its format name."""

    __tablename__ = "library_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str]


class Versioned:
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


class ReviewRow(Versioned, Base):
    __tablename__ = "reviews"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str]
    severity: Mapped[Severity] = mapped_column(enum_type(Severity))
    p3_criteria: Mapped[list[str]] = mapped_column(JSON)
    summary: Mapped[str]
    impact: Mapped[str]
    source: Mapped[str]
    classification: Mapped[str]
    display_zone: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime | None]
    detected_at: Mapped[datetime | None]
    contained_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    meeting_at: Mapped[datetime | None]
    sensitive_fields: Mapped[list[str]] = mapped_column(JSON)
    dismissed_wording: Mapped[list[str]] = mapped_column(JSON)


class ChildRow(Versioned):
    """Columns shared by every record that belongs to one review."""

    id: Mapped[UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)


def _review_fk() -> Mapped[UUID]:
    return mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)


def _link_table(name: str, left: str, right: str) -> Table:
    return Table(
        name,
        Base.metadata,
        Column(
            f"{left}_id",
            ForeignKey(f"{left}s.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(
            f"{right}_id",
            ForeignKey(f"{right}s.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )


observation_events = _link_table("observation_events", "observation", "event")
factor_events = _link_table("factor_events", "factor", "event")
lesson_factors = _link_table("lesson_factors", "lesson", "factor")
action_factors = _link_table("action_factors", "action", "factor")
action_lessons = _link_table("action_lessons", "action", "lesson")
factor_observations = _link_table("factor_observations", "factor", "observation")
lesson_observations = _link_table("lesson_observations", "lesson", "observation")
action_observations = _link_table("action_observations", "action", "observation")


class ParticipantRow(ChildRow, Base):
    __tablename__ = "participants"

    review_id: Mapped[UUID] = _review_fk()
    name: Mapped[str]
    role: Mapped[str] = mapped_column(String(64))
    attended: Mapped[bool]
    sensitive: Mapped[bool]


class EventRow(ChildRow, Base):
    __tablename__ = "events"
    # The first rows of a review's timeline are one index range scan. The
    # index also serves every other query by review id.
    __table_args__ = (
        Index("ix_events_timeline_order", "review_id", "sort_at", "sort_rank", "seq"),
    )

    # No index of its own: ix_events_timeline_order starts with the review id.
    review_id: Mapped[UUID] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE")
    )
    occurred_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    precision: Mapped[TimePrecision] = mapped_column(enum_type(TimePrecision))
    zone: Mapped[str] = mapped_column(String(64))
    time_note: Mapped[str]
    alternative_at: Mapped[datetime | None]
    alternative_source: Mapped[str]
    kind: Mapped[EventKind] = mapped_column(enum_type(EventKind))
    description: Mapped[str]
    source: Mapped[str]
    actor: Mapped[Actor | None] = mapped_column(enum_type(Actor))
    actor_role: Mapped[str]
    attack_technique: Mapped[str] = mapped_column(String(16))
    evidence_links: Mapped[list[str]] = mapped_column(JSON)
    milestone: Mapped[Milestone | None] = mapped_column(enum_type(Milestone))
    decision_point: Mapped[bool]
    provenance: Mapped[Provenance] = mapped_column(enum_type(Provenance))
    source_file: Mapped[str]
    source_row: Mapped[int | None]
    source_key: Mapped[str] = mapped_column(String(255), index=True)
    sensitive: Mapped[bool]
    # The timeline order key, derived from the time fields by the domain's
    # `timeline_order` whenever a row is written (see `_set_timeline_order`
    # and `bulk.py`). Events sort by (sort_at, sort_rank, seq).
    sort_at: Mapped[datetime]
    sort_rank: Mapped[int] = mapped_column(Integer)
    # The version that the last import of the row's source wrote, or 0 when no
    # import wrote it. A higher version means an edit in the review since then,
    # which a re-import does not overwrite unless the user chooses to.
    import_version: Mapped[int] = mapped_column(Integer, default=0)


@orm_event.listens_for(EventRow, "before_insert")
@orm_event.listens_for(EventRow, "before_update")
def _set_timeline_order(_mapper: Any, _connection: Any, row: EventRow) -> None:
    """Derive the row's timeline order key from its time fields before it is written."""
    row.sort_at, row.sort_rank = timeline_order(
        row.occurred_at, row.zone, row.precision, row.alternative_at
    )


class ObservationRow(ChildRow, Base):
    __tablename__ = "observations"

    review_id: Mapped[UUID] = _review_fk()
    kind: Mapped[ObservationKind] = mapped_column(enum_type(ObservationKind))
    text: Mapped[str]
    events: Mapped[list[EventRow]] = relationship(secondary=observation_events)
    group_label: Mapped[str]
    sensitive: Mapped[bool]


class FactorRow(ChildRow, Base):
    __tablename__ = "factors"

    review_id: Mapped[UUID] = _review_fk()
    statement: Mapped[str]
    category: Mapped[str]
    status: Mapped[FactorStatus] = mapped_column(enum_type(FactorStatus))
    roles: Mapped[list[str]] = mapped_column(JSON)
    evidence: Mapped[str]
    events: Mapped[list[EventRow]] = relationship(secondary=factor_events)
    observations: Mapped[list[ObservationRow]] = relationship(
        secondary=factor_observations
    )
    sensitive: Mapped[bool]


class WhyNodeRow(ChildRow, Base):
    __tablename__ = "why_nodes"

    review_id: Mapped[UUID] = _review_fk()
    parent_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("why_nodes.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str]
    evidence: Mapped[str]
    factor_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("factors.id", ondelete="SET NULL")
    )
    position: Mapped[int]
    sensitive: Mapped[bool]


class LessonRow(ChildRow, Base):
    __tablename__ = "lessons"

    review_id: Mapped[UUID] = _review_fk()
    kind: Mapped[LessonKind] = mapped_column(enum_type(LessonKind))
    text: Mapped[str]
    factors: Mapped[list[FactorRow]] = relationship(secondary=lesson_factors)
    observations: Mapped[list[ObservationRow]] = relationship(
        secondary=lesson_observations
    )
    sensitive: Mapped[bool]


class ActionRow(ChildRow, Base):
    __tablename__ = "actions"

    review_id: Mapped[UUID] = _review_fk()
    title: Mapped[str]
    description: Mapped[str]
    owner: Mapped[str]
    due_date: Mapped[date | None]
    success_criteria: Mapped[str]
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus))
    priority: Mapped[ActionPriority] = mapped_column(enum_type(ActionPriority))
    action_type: Mapped[ActionType | None] = mapped_column(enum_type(ActionType))
    ticket_url: Mapped[str]
    cancel_reason: Mapped[str]
    factors: Mapped[list[FactorRow]] = relationship(secondary=action_factors)
    lessons: Mapped[list[LessonRow]] = relationship(secondary=action_lessons)
    observations: Mapped[list[ObservationRow]] = relationship(
        secondary=action_observations
    )
    sensitive: Mapped[bool]


def _action_fk() -> Mapped[UUID]:
    return mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)


class ProgressRow(ChildRow, Base):
    __tablename__ = "progress_updates"

    review_id: Mapped[UUID] = _review_fk()
    action_id: Mapped[UUID] = _action_fk()
    reported_on: Mapped[date]
    percent: Mapped[int]
    note: Mapped[str]
    by: Mapped[str]


class EffectivenessRow(ChildRow, Base):
    __tablename__ = "effectiveness_checks"

    review_id: Mapped[UUID] = _review_fk()
    action_id: Mapped[UUID] = _action_fk()
    checked_by: Mapped[str]
    checked_at: Mapped[datetime]
    evidence: Mapped[str]
    effective: Mapped[bool]


class ControlRow(ChildRow, Base):
    __tablename__ = "controls"

    review_id: Mapped[UUID] = _review_fk()
    control: Mapped[str]
    description: Mapped[str]
    decision: Mapped[ControlDecision] = mapped_column(enum_type(ControlDecision))
    owner: Mapped[str]
    due_date: Mapped[date | None]
    still_needed: Mapped[bool]


class StepRow(ChildRow, Base):
    __tablename__ = "steps"

    review_id: Mapped[UUID] = _review_fk()
    step: Mapped[int]
    status: Mapped[StepStatus] = mapped_column(enum_type(StepStatus))
    by: Mapped[str]
    recorded_at: Mapped[datetime | None]
    note: Mapped[str]


class ApprovalRow(ChildRow, Base):
    __tablename__ = "approvals"

    review_id: Mapped[UUID] = _review_fk()
    approver: Mapped[str]
    role: Mapped[str]
    decision: Mapped[ApprovalDecision] = mapped_column(enum_type(ApprovalDecision))
    comment: Mapped[str]
    decided_at: Mapped[datetime]
    content_hash: Mapped[str] = mapped_column(String(64))
    override_reason: Mapped[str]


class AgendaItemRow(ChildRow, Base):
    __tablename__ = "agenda_items"

    review_id: Mapped[UUID] = _review_fk()
    title: Mapped[str]
    steps: Mapped[list[int]] = mapped_column(JSON)
    timebox_minutes: Mapped[int]
    position: Mapped[int]
    spent_seconds: Mapped[int]
    started_at: Mapped[datetime | None]


class ParkingLotRow(ChildRow, Base):
    __tablename__ = "parking_lot_items"

    review_id: Mapped[UUID] = _review_fk()
    text: Mapped[str]
    created_at: Mapped[datetime]


class DotVoteRow(ChildRow, Base):
    __tablename__ = "dot_votes"

    review_id: Mapped[UUID] = _review_fk()
    observation_id: Mapped[UUID] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[UUID] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )


class FaultTreeRow(ChildRow, Base):
    """A stored fault tree. `tree` is the JSON dump of the FaultTree model."""

    __tablename__ = "fault_trees"

    review_id: Mapped[UUID] = _review_fk()
    title: Mapped[str]
    notes: Mapped[str]
    tree: Mapped[dict[str, Any]] = mapped_column(JSON)


class UUIDMap(TypeDecorator[dict[UUID, UUID]]):
    """Column type of a UUID-to-UUID mapping, stored as a JSON object of strings."""

    impl = JSON
    cache_ok = True

    def process_bind_param(
        self, value: dict[UUID, UUID] | None, dialect: Dialect
    ) -> dict[str, str] | None:
        if value is None:
            return None
        return {str(key): str(item) for key, item in value.items()}


class FishboneRow(ChildRow, Base):
    """Stored fishbone. `parents` maps a sub-cause's factor id to its parent's."""

    __tablename__ = "fishbones"

    review_id: Mapped[UUID] = _review_fk()
    title: Mapped[str]
    problem: Mapped[str]
    preset: Mapped[str]
    categories: Mapped[list[str]] = mapped_column(JSON)
    collapsed: Mapped[list[str]] = mapped_column(JSON)
    parents: Mapped[dict[UUID, UUID]] = mapped_column(UUIDMap)


class DeletedImportRow(Base):
    """Source key of an imported event that a reviewer deleted from the review.

    A re-import of the same source leaves that row out unless the user
    accepts it again. Undoing the deletion removes the key. The domain never
    reads these rows, because only imports use them.
    """

    __tablename__ = "deleted_imports"

    review_id: Mapped[UUID] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True
    )
    source_key: Mapped[str] = mapped_column(String(255), primary_key=True)
