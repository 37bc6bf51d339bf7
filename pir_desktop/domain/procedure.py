"""The review procedure as data: steps, roles, deadlines and standards mapping.

The bundled definition encodes RES-PROC-002; another organisation can supply
its own file in the same format.
"""

import json
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .enums import Severity

FORMAT_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(_Strict):
    id: str
    name: str
    required_at_meeting: bool = False


class Criterion(_Strict):
    id: str
    name: str


class Step(_Strict):
    number: int = Field(ge=1)
    role: str
    title: str
    description: str
    evidence: str = Field(
        description="Name of the rule that finds evidence in a review"
    )
    after_sign_off: bool = False
    step_deadline_days: int | None = Field(
        default=None,
        ge=0,
        description="Days after the review meeting (or, with no meeting set, after "
        "the review deadline) by which the step is due; None for no deadline",
    )


class StandardReference(_Strict):
    steps: list[int]
    standard: str
    reference: str = Field(description="The reference as the organisation wrote it")
    current_reference: str = Field(description="What an auditor looks for today")
    note: str = ""
    condition: str = Field(
        default="", description="When set, the reference applies only then"
    )


class AgendaTemplate(_Strict):
    """One item of the meeting agenda that a new review starts with."""

    title: str
    steps: list[int] = Field(
        default_factory=list, description="Procedure step numbers the item covers"
    )
    timebox_minutes: int = Field(ge=0)


# The agenda of a procedure file that defines none: the usual order of a
# review meeting, not tied to step numbers because those differ by procedure.
GENERIC_AGENDA = (
    AgendaTemplate(title="Introductions and blameless reminder", timebox_minutes=5),
    AgendaTemplate(title="Timeline walk", timebox_minutes=20),
    AgendaTemplate(title="What worked and what to improve", timebox_minutes=15),
    AgendaTemplate(title="Root cause", timebox_minutes=15),
    AgendaTemplate(title="Lessons learned", timebox_minutes=10),
    AgendaTemplate(title="Action items", timebox_minutes=15),
    AgendaTemplate(title="Wrap-up", timebox_minutes=5),
)


class MeetingSettings(_Strict):
    """Meeting settings: the default agenda and the dot-vote budget."""

    agenda: tuple[AgendaTemplate, ...] = GENERIC_AGENDA
    dot_votes_per_person: int = Field(
        default=3, ge=1, description="Dots each participant may place on the board"
    )


class Procedure(_Strict):
    format_version: int
    id: str
    version: str
    title: str
    roles: list[Role]
    review_deadline_hours: dict[Severity, int]
    p3_criteria: list[Criterion]
    steps: list[Step]
    standards: list[StandardReference]
    action_due_max_days: int = Field(
        default=180,
        ge=1,
        description="Maximum days from the incident's closure (or from today while "
        "it is open) to an action item's due date",
    )
    meeting: MeetingSettings = MeetingSettings()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.format_version != FORMAT_VERSION:
            raise ValueError(
                f"procedure format_version {self.format_version} is not supported: "
                f"this version of PIR Desktop reads format {FORMAT_VERSION}"
            )
        role_ids = {role.id for role in self.roles}
        numbers = [step.number for step in self.steps]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"steps must be numbered 1..n in order, found {numbers}")
        for step in self.steps:
            if step.role not in role_ids:
                raise ValueError(f"step {step.number} names unknown role {step.role!r}")
        for ref in self.standards:
            unknown = [n for n in ref.steps if n not in numbers]
            if unknown:
                raise ValueError(f"{ref.reference} maps to unknown steps {unknown}")
        missing = [s for s in Severity if s not in self.review_deadline_hours]
        if missing:
            raise ValueError(f"review_deadline_hours has no entry for {missing}")
        return self

    @model_validator(mode="after")
    def _agenda_steps_known(self) -> Self:
        numbers = {step.number for step in self.steps}
        for item in self.meeting.agenda:
            unknown = [n for n in item.steps if n not in numbers]
            if unknown:
                raise ValueError(
                    f"agenda item {item.title!r} names unknown steps {unknown}"
                )
        return self

    def role_name(self, role_id: str) -> str:
        """Return a role's display name, or the id itself when it is not defined."""
        return next((r.name for r in self.roles if r.id == role_id), role_id)

    def step(self, number: int) -> Step:
        return self.steps[number - 1]

    def approval_step(self) -> Step | None:
        """Return the step whose evidence is the sign-off approval, if any."""
        return next((s for s in self.steps if s.evidence == "approved"), None)


class ProcedureError(ValueError):
    """A procedure file that cannot be read or is invalid."""


def load_procedure(path: Path) -> Procedure:
    """Read and validate a procedure file; raise ProcedureError naming the file."""
    try:
        return Procedure.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, ValidationError) as exc:
        raise ProcedureError(f"procedure file {path} is invalid: {exc}") from exc


@cache
def default_procedure() -> Procedure:
    """Return the bundled RES-PROC-002 procedure."""
    from ..paths import resources_dir

    return load_procedure(resources_dir() / "procedure" / "res-proc-002.json")
