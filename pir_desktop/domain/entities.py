"""The records a review is made of, as validated pydantic models.

Every datetime is zone-aware (a naive one is rejected) and is held in UTC;
an event keeps its original zone or offset for display. `version` counts the
stored edits of a record and lets the store detect a stale write.
"""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Self
from uuid import UUID, uuid4

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .enums import (
    ActionPriority,
    ActionStatus,
    ActionType,
    Actor,
    ApprovalDecision,
    ControlDecision,
    EventKind,
    FactorRole,
    FactorStatus,
    LessonKind,
    Milestone,
    ObservationKind,
    Provenance,
    StepStatus,
    TimePrecision,
)
from .times import format_offset, parse_zone, to_utc

Text = Annotated[str, StringConstraints(strip_whitespace=True)]
RequiredText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Links to other records form a set: kept sorted and free of repeats so that
# storage order never changes a record's content.
LinkIds = Annotated[list[UUID], AfterValidator(lambda ids: sorted(set(ids)))]


def sensitive_field() -> Any:
    """Return the field definition of a record's `sensitive` flag."""
    return Field(
        default=False,
        description="Hidden while presenting and masked in the redacted report",
    )


class Entity(BaseModel):
    """Base of every stored record: an id, an edit counter and strict fields."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)

    id: UUID = Field(default_factory=uuid4)
    version: int = Field(default=0, ge=0)

    def with_changes(self, **changes: Any) -> Self:
        """Return a validated copy with the given fields replaced."""
        return type(self).model_validate({**self.model_dump(), **changes})


def utc_field(value: datetime | None) -> datetime | None:
    return None if value is None else to_utc(value)


class Participant(Entity):
    name: RequiredText
    role: RequiredText = Field(
        description="Procedure role id, such as documentation_lead"
    )
    attended: bool = False
    sensitive: bool = sensitive_field()


# A MITRE ATT&CK technique or sub-technique id, such as T1190 or T1059.001.
ATTACK_TECHNIQUE = re.compile(r"T\d{4}(\.\d{3})?")


def check_attack_technique(value: str) -> str:
    """Return a technique id in upper case; raise ValueError unless it is valid."""
    text = value.strip().upper()
    if text and not ATTACK_TECHNIQUE.fullmatch(text):
        raise ValueError(
            f"invalid ATT&CK technique id {value!r}: use the form T1190 or T1059.001"
        )
    return text


AttackTechnique = Annotated[str, AfterValidator(check_attack_technique)]


# The fields that TimelineEvent._normalise rewrites, and so marks as set.
NORMALISED_FIELDS = frozenset({"zone", "occurred_at", "ends_at", "alternative_at"})


class TimelineEvent(Entity):
    occurred_at: AwareDatetime
    ends_at: AwareDatetime | None = None
    precision: TimePrecision = TimePrecision.EXACT
    zone: Text = Field(default="", description="Original zone or offset, for display")
    time_note: Text = ""
    alternative_at: AwareDatetime | None = Field(
        default=None, description="A second, disputed time that another source gives"
    )
    alternative_source: Text = Field(
        default="", description="The source that gives alternative_at"
    )
    kind: EventKind = EventKind.OTHER
    description: RequiredText
    source: Text = ""
    actor: Actor | None = None
    actor_role: Text = Field(
        default="",
        description="Free-text role, such as on-call SRE or hosting provider",
    )
    attack_technique: AttackTechnique = Field(
        default="", description="MITRE ATT&CK technique id, such as T1190 or T1059.001"
    )
    evidence_links: list[Text] = Field(
        default_factory=list, description="URLs or file references"
    )
    milestone: Milestone | None = None
    decision_point: bool = False
    provenance: Provenance = Provenance.TYPED
    source_file: Text = Field(
        default="", description="File the event was imported from"
    )
    source_row: int | None = Field(
        default=None, ge=1, description="Line or row of source_file"
    )
    source_key: Text = Field(
        default="",
        description="Stable id in the source (a Slack channel and ts, a PagerDuty "
        "log entry id) that matches the event when the source is imported again",
    )
    sensitive: bool = sensitive_field()

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value:
            parse_zone(value)
        return value

    @model_validator(mode="after")
    def _normalise(self) -> Self:
        # For this model, pydantic 2.14's BaseModel.__setattr__ writes __dict__
        # and adds the name to the set fields. Doing both here skips its
        # per-call lookup, which counts in imports of tens of thousands of events.
        values = self.__dict__
        occurred_at = values["occurred_at"]
        if not values["zone"]:
            values["zone"] = format_offset(occurred_at)
        # to_utc returns a time whose tzinfo is UTC unchanged, so it is skipped.
        if occurred_at.tzinfo is not UTC:
            values["occurred_at"] = occurred_at = to_utc(occurred_at)
        ends_at = values["ends_at"]
        if ends_at is not None:
            values["ends_at"] = ends_at = to_utc(ends_at)
        alternative_at = values["alternative_at"]
        if alternative_at is not None:
            values["alternative_at"] = alternative_at = to_utc(alternative_at)
        self.__pydantic_fields_set__.update(NORMALISED_FIELDS)
        if ends_at is not None and ends_at < occurred_at:
            raise ValueError(
                "ends_at is before occurred_at: swap them or clear ends_at"
            )
        if alternative_at is not None and not self.alternative_source:
            raise ValueError(
                "alternative_source is missing: name the source of alternative_at"
            )
        return self


class Observation(Entity):
    kind: ObservationKind
    text: RequiredText
    event_ids: LinkIds = Field(default_factory=list)
    group_label: Text = Field(
        default="", description="Name of the card group on the discussion board"
    )
    sensitive: bool = sensitive_field()


class ContributingFactor(Entity):
    statement: RequiredText
    category: Text = ""
    status: FactorStatus = FactorStatus.HYPOTHESIS
    roles: list[FactorRole] = Field(default_factory=list)
    evidence: Text = ""
    event_ids: LinkIds = Field(default_factory=list)
    observation_ids: LinkIds = Field(
        default_factory=list, description="Observations this factor was made from"
    )
    sensitive: bool = sensitive_field()


class WhyNode(Entity):
    """A node of a 5 Whys tree; the node without a parent states the problem."""

    parent_id: UUID | None = None
    text: RequiredText
    evidence: Text = ""
    factor_id: UUID | None = None
    position: int = 0
    sensitive: bool = sensitive_field()


class Lesson(Entity):
    kind: LessonKind
    text: RequiredText
    factor_ids: LinkIds = Field(default_factory=list)
    observation_ids: LinkIds = Field(
        default_factory=list, description="Observations this lesson was made from"
    )
    sensitive: bool = sensitive_field()


class ActionItem(Entity):
    title: RequiredText
    description: Text = ""
    owner: RequiredText
    due_date: date | None = None
    success_criteria: Text = ""
    status: ActionStatus = ActionStatus.PROPOSED
    priority: ActionPriority = ActionPriority.MEDIUM
    action_type: ActionType | None = None
    ticket_url: Text = ""
    cancel_reason: Text = ""
    factor_ids: LinkIds = Field(default_factory=list)
    lesson_ids: LinkIds = Field(default_factory=list)
    observation_ids: LinkIds = Field(
        default_factory=list, description="Observations this action was made from"
    )
    sensitive: bool = sensitive_field()

    @model_validator(mode="after")
    def _cancel_needs_reason(self) -> Self:
        if self.status is ActionStatus.CANCELLED and not self.cancel_reason:
            raise ValueError(
                "cancel_reason is missing: say why the action is cancelled"
            )
        return self


class ProgressUpdate(Entity):
    """An action owner's report of progress on one action."""

    action_id: UUID
    reported_on: date
    percent: int = Field(ge=0, le=100)
    note: Text = ""
    by: Text = ""


class EffectivenessCheck(Entity):
    """A validation that a finished action works, with its evidence."""

    action_id: UUID
    checked_by: RequiredText
    checked_at: AwareDatetime
    evidence: RequiredText
    effective: bool

    @field_validator("checked_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return to_utc(value)


class ControlAssessment(Entity):
    """An emergency control change or patch and what to do with it now."""

    control: RequiredText
    description: Text = ""
    decision: ControlDecision = ControlDecision.UNDECIDED
    owner: Text = ""
    due_date: date | None = None
    still_needed: bool = Field(
        default=False,
        description="Whether an immediate control improvement or emergency patch "
        "is still needed",
    )


class StepRecord(Entity):
    """A person's statement about one procedure step, beside derived evidence."""

    step: int = Field(ge=1)
    status: StepStatus = StepStatus.NOT_STARTED
    by: Text = ""
    recorded_at: AwareDatetime | None = None
    note: Text = ""

    @field_validator("recorded_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return utc_field(value)


class Approval(Entity):
    approver: RequiredText
    role: RequiredText
    decision: ApprovalDecision
    comment: Text = ""
    decided_at: AwareDatetime
    content_hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    override_reason: Text = ""

    @field_validator("decided_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return to_utc(value)
