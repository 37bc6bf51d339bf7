"""Use cases of the live review meeting: agenda timer, dot votes and card turns.

Every function edits through a `RecordEditor`. The GUI's review context is
one: it saves each change at once and pushes an undo command, so the
changes made here are saved and undoable like any other edit.
"""

from datetime import datetime
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from ..domain.entities import (
    ActionItem,
    ContributingFactor,
    Entity,
    Lesson,
    Observation,
    Participant,
)
from ..domain.enums import LessonKind
from ..domain.meeting import AgendaItem, DotVote, default_agenda, ordered, stop
from ..domain.meeting import switch_to as switch_timer
from ..domain.procedure import Procedure
from ..domain.review import Review
from ..domain.voting import check_vote

# Longest action title made from a card; the whole card text goes to the
# description.
TITLE_LIMIT = 80


class RecordEditor(Protocol):
    """Saves record edits of the selected review, each as one undoable step."""

    def add_record(self, entity: Entity, text: str) -> Entity: ...

    def update_record(self, before: Entity, after: Entity, text: str) -> Entity: ...

    def delete_record(self, entity: Entity, text: str) -> None: ...


class CardTarget(StrEnum):
    """The kind of record a discussion card can be turned into."""

    LESSON = "lesson"
    FACTOR = "contributing factor"
    ACTION = "action item"


def ensure_agenda(
    editor: RecordEditor, review: Review, procedure: Procedure
) -> list[AgendaItem]:
    """Store the procedure's default agenda when the review has none.

    Returns the agenda in position order.
    """
    if review.agenda:
        return ordered(review.agenda)
    items = default_agenda(procedure)
    for item in items:
        editor.add_record(item, f"Add agenda item “{item.title}”")
    return items


def switch_agenda(
    editor: RecordEditor, review: Review, item_id: UUID, now: datetime
) -> None:
    """Stop the running agenda item and start the one with `item_id`.

    Raises KeyError when the agenda has no item with that id.
    """
    shown = {item.id: item for item in review.agenda}
    for changed in switch_timer(review.agenda, item_id, now):
        verb = "Start" if changed.running else "Stop"
        editor.update_record(shown[changed.id], changed, f"{verb} “{changed.title}”")


def stop_agenda(editor: RecordEditor, review: Review, now: datetime) -> None:
    """Stop every running agenda item, adding its run to the time spent."""
    for item in review.agenda:
        stopped = stop(item, now)
        if stopped is not item:
            editor.update_record(item, stopped, f"Stop “{item.title}”")


def set_timebox(
    editor: RecordEditor, item: AgendaItem, minutes: int
) -> AgendaItem | Entity:
    """Store a new timebox for an agenda item; ValidationError when negative."""
    changed = item.with_changes(timebox_minutes=minutes)
    if changed.timebox_minutes == item.timebox_minutes:
        return item
    return editor.update_record(item, changed, f"Set timebox of “{item.title}”")


def cast_vote(
    editor: RecordEditor,
    review: Review,
    observation_id: UUID,
    participant_id: UUID,
    budget: int,
) -> Entity:
    """Add one dot to a card; raise VoteError when a voting rule forbids it."""
    vote = DotVote(observation_id=observation_id, participant_id=participant_id)
    check_vote(review, vote, budget)
    return editor.add_record(vote, "Add dot")


def remove_vote(
    editor: RecordEditor, review: Review, observation_id: UUID, participant_id: UUID
) -> bool:
    """Remove one of the participant's dots from a card; False when there is none."""
    mine = [
        vote
        for vote in review.votes
        if vote.observation_id == observation_id
        and vote.participant_id == participant_id
    ]
    if not mine:
        return False
    editor.delete_record(mine[-1], "Remove dot")
    return True


def card_record(
    review: Review,
    card: Observation,
    target: CardTarget,
    owner: Participant | None = None,
) -> Entity:
    """Build the lesson, factor or action made from a card, linked back to it.

    A new lesson or action also links the factors already made from the card.
    An action needs an owner, who must be a participant of the review.
    """
    factor_ids = [f.id for f in review.factors if card.id in f.observation_ids]
    if target is CardTarget.LESSON:
        return Lesson(
            kind=LessonKind.PROCESS,
            text=card.text,
            factor_ids=factor_ids,
            observation_ids=[card.id],
            sensitive=card.sensitive,
        )
    if target is CardTarget.FACTOR:
        return ContributingFactor(
            statement=card.text,
            event_ids=card.event_ids,
            observation_ids=[card.id],
            sensitive=card.sensitive,
        )
    if owner is None:
        raise ValueError(
            "an action item needs an owner: choose a participant before turning "
            "the card into an action"
        )
    return ActionItem(
        title=_title(card.text),
        description=card.text,
        owner=owner.name,
        factor_ids=factor_ids,
        observation_ids=[card.id],
        sensitive=card.sensitive,
    )


def convert_card(
    editor: RecordEditor,
    review: Review,
    card: Observation,
    target: CardTarget,
    owner: Participant | None = None,
) -> Entity:
    """Store the record made from a card; see `card_record` for its links."""
    record = card_record(review, card, target, owner)
    return editor.add_record(record, f"Turn card into {target.value}")


def _title(text: str) -> str:
    first_line = text.strip().splitlines()[0]
    if len(first_line) <= TITLE_LIMIT:
        return first_line
    return first_line[: TITLE_LIMIT - 1].rstrip() + "…"


def absent_roles(review: Review, procedure: Procedure) -> list[str]:
    """Return the names of required meeting roles with no attending participant."""
    present = {p.role for p in review.participants if p.attended}
    return [
        role.name
        for role in procedure.roles
        if role.required_at_meeting and role.id not in present
    ]
