"""Content of each agenda step: rows of text built from a redacted review.

Presenter views receive the review through `redacted_review`, so every text
marked sensitive is already masked when it reaches a row.
"""

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from ...domain.entities import WhyNode
from ...domain.meeting import AgendaItem
from ...domain.review import Review
from ...domain.times import format_moment
from ..dialogs.discussion import LESSON_LABELS


class StepKind(StrEnum):
    OPENING = "opening"
    TIMELINE = "timeline"
    BOARD = "board"
    ROOT_CAUSE = "root cause"
    LESSONS = "lessons"
    ACTIONS = "actions"


# Title words that name a step's content; the first match wins.
TITLE_WORDS = (
    ("timeline", StepKind.TIMELINE),
    ("worked", StepKind.BOARD),
    ("improve", StepKind.BOARD),
    ("board", StepKind.BOARD),
    ("root cause", StepKind.ROOT_CAUSE),
    ("lesson", StepKind.LESSONS),
    ("action", StepKind.ACTIONS),
)
# Procedure step numbers (of RES-PROC-002) and the content they show, for
# agenda items whose titles name none of the words above.
STEP_NUMBERS = {
    5: StepKind.TIMELINE,
    6: StepKind.ROOT_CAUSE,
    7: StepKind.LESSONS,
    8: StepKind.ACTIONS,
}


def step_kind(item: AgendaItem) -> StepKind:
    """Return what an agenda item shows, from its title or its procedure steps."""
    title = item.title.lower()
    for word, kind in TITLE_WORDS:
        if word in title:
            return kind
    for number in item.steps:
        if number in STEP_NUMBERS:
            return STEP_NUMBERS[number]
    return StepKind.OPENING


@dataclass(frozen=True)
class Row:
    """One line of a step's content and the record it shows, if any."""

    text: str
    collection: str = ""
    record_id: UUID | None = None
    indent: int = 0
    emphasis: bool = False


def step_rows(review: Review, kind: StepKind) -> list[Row]:
    """Return the rows a step shows; the board step draws its own cards."""
    if kind is StepKind.TIMELINE:
        return timeline_rows(review)
    if kind is StepKind.ROOT_CAUSE:
        return root_cause_rows(review)
    if kind is StepKind.LESSONS:
        return [
            Row(f"{LESSON_LABELS[lesson.kind]}: {lesson.text}", "lessons", lesson.id)
            for lesson in review.lessons
        ]
    if kind is StepKind.ACTIONS:
        return action_rows(review)
    if kind is StepKind.OPENING:
        return opening_rows(review)
    return []


def timeline_rows(review: Review) -> list[Row]:
    rows = []
    for event in review.sorted_events():
        when = format_moment(
            event.occurred_at, review.display_zone, event.precision, event.zone
        )
        marker = "◆ Decision point · " if event.decision_point else ""
        rows.append(
            Row(
                f"{when}   {marker}{event.description}",
                "events",
                event.id,
                emphasis=event.decision_point,
            )
        )
    return rows


def root_cause_rows(review: Review) -> list[Row]:
    """Return the factors, then the why-tree in depth-first order."""
    rows = [
        Row(f"Factor ({factor.status.value}): {factor.statement}", "factors", factor.id)
        for factor in review.factors
    ]
    children: dict[UUID | None, list[WhyNode]] = {}
    for node in sorted(review.why_nodes, key=lambda n: n.position):
        children.setdefault(node.parent_id, []).append(node)

    def walk(parent: UUID | None, depth: int) -> None:
        for node in children.get(parent, []):
            prefix = "Problem: " if depth == 0 else "Why? "
            rows.append(Row(prefix + node.text, "why_nodes", node.id, indent=depth))
            walk(node.id, depth + 1)

    walk(None, 0)
    return rows


def action_rows(review: Review) -> list[Row]:
    rows = []
    for action in review.actions:
        due = f", due {action.due_date.isoformat()}" if action.due_date else ""
        rows.append(Row(f"{action.title} — {action.owner}{due}", "actions", action.id))
    return rows


def opening_rows(review: Review) -> list[Row]:
    rows = [Row(f"{review.reference} · {review.severity.value} · {review.title}")]
    if review.summary:
        rows.append(Row(f"Summary: {review.summary}"))
    if review.impact:
        rows.append(Row(f"Impact: {review.impact}"))
    rows.append(
        Row("Blameless review: we look at systems and decisions, not at people.")
    )
    return rows
