"""The review aggregate: the incident's facts and every record that belongs to it."""

from datetime import datetime
from typing import Self
from uuid import UUID

from pydantic import AwareDatetime, Field, field_validator, model_validator

from .entities import (
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
    RequiredText,
    StepRecord,
    Text,
    TimelineEvent,
    WhyNode,
)
from .enums import P3Criterion, Severity
from .fault_tree_record import FaultTreeRecord
from .fishbone_record import FishboneRecord
from .meeting import AgendaItem, DotVote, ParkingLotItem
from .timeline_time import sort_timeline
from .times import parse_zone, to_utc

# The incident's milestones in the order they must happen.
MILESTONES = ("started_at", "detected_at", "contained_at", "resolved_at", "closed_at")
# Free-text facts that may be marked sensitive and are then masked when redacted.
SENSITIVE_FACT_FIELDS = ("title", "summary", "impact", "source")


class ReviewFacts(Entity):
    """The incident's own facts, without the review's records."""

    reference: RequiredText
    title: RequiredText
    severity: Severity
    p3_criteria: list[P3Criterion] = Field(default_factory=list)
    summary: Text = ""
    impact: Text = ""
    source: Text = ""
    classification: Text = "Confidential"
    display_zone: Text = "UTC"
    started_at: AwareDatetime | None = None
    detected_at: AwareDatetime | None = None
    contained_at: AwareDatetime | None = None
    resolved_at: AwareDatetime | None = None
    closed_at: AwareDatetime | None = None
    meeting_at: AwareDatetime | None = None
    sensitive_fields: list[str] = Field(
        default_factory=list,
        description="Names of fact fields hidden while presenting and masked in "
        "the redacted report: " + ", ".join(SENSITIVE_FACT_FIELDS),
    )
    dismissed_wording: list[str] = Field(
        default_factory=list,
        description="Keys of blameless-wording hits that a reviewer dismissed",
    )

    @field_validator("sensitive_fields")
    @classmethod
    def _known_fact_fields(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(SENSITIVE_FACT_FIELDS))
        if unknown:
            raise ValueError(
                f"sensitive_fields names {unknown}, which cannot be marked "
                f"sensitive: use any of {', '.join(SENSITIVE_FACT_FIELDS)}"
            )
        return sorted(set(value))

    @field_validator("dismissed_wording")
    @classmethod
    def _unique_keys(cls, value: list[str]) -> list[str]:
        return sorted(set(value))

    @field_validator("display_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        parse_zone(value)
        return value

    @field_validator(*MILESTONES, "meeting_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else to_utc(value)

    @field_validator("p3_criteria")
    @classmethod
    def _unique(cls, value: list[P3Criterion]) -> list[P3Criterion]:
        return sorted(set(value))

    @model_validator(mode="after")
    def _milestones_in_order(self) -> Self:
        known = [(name, getattr(self, name)) for name in MILESTONES]
        known = [(name, value) for name, value in known if value is not None]
        for (early, early_at), (late, late_at) in zip(known, known[1:], strict=False):
            if late_at < early_at:
                raise ValueError(
                    f"{late} ({late_at.isoformat()}) is before {early} "
                    f"({early_at.isoformat()}): correct one of the two times"
                )
        return self


class Review(ReviewFacts):
    """A review with all its records, as exported to JSON and to the PDF."""

    participants: list[Participant] = Field(default_factory=list)
    events: list[TimelineEvent] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    factors: list[ContributingFactor] = Field(default_factory=list)
    why_nodes: list[WhyNode] = Field(default_factory=list)
    lessons: list[Lesson] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    progress: list[ProgressUpdate] = Field(default_factory=list)
    effectiveness: list[EffectivenessCheck] = Field(default_factory=list)
    controls: list[ControlAssessment] = Field(default_factory=list)
    steps: list[StepRecord] = Field(default_factory=list)
    approvals: list[Approval] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    parking_lot: list[ParkingLotItem] = Field(default_factory=list)
    votes: list[DotVote] = Field(default_factory=list)
    fault_trees: list[FaultTreeRecord] = Field(default_factory=list)
    fishbones: list[FishboneRecord] = Field(default_factory=list)

    @property
    def facts(self) -> ReviewFacts:
        """Return the incident facts without the child records."""
        return ReviewFacts.model_validate(self.model_dump(include=FACT_FIELDS))

    def sorted_events(self) -> list[TimelineEvent]:
        """Return the timeline in time order, as `timeline_time.sort_timeline` does.

        Events sort by the start of their precision window, then sharpest
        precision first, then stored order, so the order is stable.
        """
        return sort_timeline(self.events)

    def factor(self, factor_id: UUID | None) -> ContributingFactor | None:
        """Return the factor with this id, or None."""
        return next((f for f in self.factors if f.id == factor_id), None)


FACT_FIELDS = set(ReviewFacts.model_fields)

# Child collections of a review, keyed by field name, with their record type.
CHILD_TYPES: dict[str, type[Entity]] = {
    "participants": Participant,
    "events": TimelineEvent,
    "observations": Observation,
    "factors": ContributingFactor,
    "why_nodes": WhyNode,
    "lessons": Lesson,
    "actions": ActionItem,
    "progress": ProgressUpdate,
    "effectiveness": EffectivenessCheck,
    "controls": ControlAssessment,
    "steps": StepRecord,
    "approvals": Approval,
    "agenda": AgendaItem,
    "parking_lot": ParkingLotItem,
    "votes": DotVote,
    "fault_trees": FaultTreeRecord,
    "fishbones": FishboneRecord,
}
