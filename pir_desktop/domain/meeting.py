"""Records of the live review meeting: the agenda, the parking lot and dot votes.

An agenda item's timer is stored as the seconds spent in earlier runs plus
the start of the current run, so a running timer survives a restart and two
windows on one library agree on it.
"""

from datetime import datetime
from uuid import UUID

from pydantic import AwareDatetime, Field, field_validator

from .entities import Entity, RequiredText, utc_field
from .procedure import Procedure


class AgendaItem(Entity):
    """One topic of the meeting with its timebox and the time spent on it."""

    title: RequiredText
    steps: list[int] = Field(
        default_factory=list, description="Procedure step numbers the item covers"
    )
    timebox_minutes: int = Field(default=10, ge=0)
    position: int = 0
    spent_seconds: int = Field(
        default=0, ge=0, description="Seconds spent in runs that have ended"
    )
    started_at: AwareDatetime | None = Field(
        default=None, description="Start of the current run, or None when stopped"
    )

    @field_validator("started_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return utc_field(value)

    @field_validator("steps")
    @classmethod
    def _sorted_steps(cls, value: list[int]) -> list[int]:
        return sorted(set(value))

    @property
    def running(self) -> bool:
        return self.started_at is not None


class ParkingLotItem(Entity):
    """A topic raised in the meeting and set aside for later."""

    text: RequiredText
    created_at: AwareDatetime

    @field_validator("created_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return utc_field(value)  # type: ignore[return-value]


class DotVote(Entity):
    """One dot that a participant puts on an observation card.

    A participant may put several dots on one card, up to the procedure's
    per-person budget in total.
    """

    observation_id: UUID
    participant_id: UUID


def default_agenda(procedure: Procedure) -> list[AgendaItem]:
    """Build a new agenda, with fresh ids, from the procedure's agenda template."""
    return [
        AgendaItem(
            title=template.title,
            steps=list(template.steps),
            timebox_minutes=template.timebox_minutes,
            position=position,
        )
        for position, template in enumerate(procedure.meeting.agenda)
    ]


def ordered(agenda: list[AgendaItem]) -> list[AgendaItem]:
    """Return the agenda in position order, keeping list order among ties."""
    return sorted(agenda, key=lambda item: item.position)


def spent_seconds(item: AgendaItem, now: datetime) -> int:
    """Return the seconds spent on an item, including a run still going at `now`."""
    if item.started_at is None:
        return item.spent_seconds
    running = int((now - item.started_at).total_seconds())
    return item.spent_seconds + max(running, 0)


def remaining_seconds(item: AgendaItem, now: datetime) -> int:
    """Return the seconds left in the timebox, negative once it is overrun."""
    return item.timebox_minutes * 60 - spent_seconds(item, now)


def start(item: AgendaItem, now: datetime) -> AgendaItem:
    """Return the item with its timer running from `now`, or a running item as is."""
    if item.running:
        return item
    return item.with_changes(started_at=now)


def stop(item: AgendaItem, now: datetime) -> AgendaItem:
    """Return the item with its timer stopped and the run added to spent_seconds."""
    if not item.running:
        return item
    return item.with_changes(spent_seconds=spent_seconds(item, now), started_at=None)


def running_item(agenda: list[AgendaItem]) -> AgendaItem | None:
    """Return the item whose timer runs, the first by position if several do."""
    return next((item for item in ordered(agenda) if item.running), None)


def switch_to(
    agenda: list[AgendaItem], item_id: UUID, now: datetime
) -> list[AgendaItem]:
    """Stop every running item and start the one with `item_id`.

    Returns only the items that changed, ready to be stored. Raises KeyError
    when no item has that id.
    """
    if all(item.id != item_id for item in agenda):
        raise KeyError(f"agenda item {item_id} not found in this agenda")
    changed = []
    for item in agenda:
        updated = start(item, now) if item.id == item_id else stop(item, now)
        if updated is not item:
            changed.append(updated)
    return changed
