"""The "Review meeting" section: attendance, and the agenda's time use."""

from datetime import datetime, timedelta

from reportlab.platypus import Flowable

from ..domain.meeting import AgendaItem
from ..domain.times import format_duration
from .context import ReportContext
from .styles import BODY, CELL, CELL_WARNING, H1, H2, NOTE
from .tables import data_table, label_table, value
from .text import para

HEADING = "Review meeting"


def meeting_section(context: ReportContext) -> list[Flowable]:
    """Build the meeting time, who attended, and time spent per agenda item."""
    review = context.review
    people = review.participants
    attended = [p.name for p in people if p.attended]
    absent = [p.name for p in people if not p.attended]
    rows = [
        ("Meeting", value(context.moment(review.meeting_at))),
        ("Attendance", value(f"{len(attended)} of {len(people)} participants")),
        ("Attended", value(", ".join(attended) or "nobody recorded")),
        ("Absent", value(", ".join(absent) or "nobody")),
    ]
    story: list[Flowable] = [para(HEADING, H1), label_table(rows, 0.22)]
    story.append(para("Agenda", H2))
    story.extend(_agenda(context))
    return story


def _agenda(context: ReportContext) -> list[Flowable]:
    items = sorted(context.review.agenda, key=lambda item: item.position)
    if not items:
        return [para("No agenda recorded.", BODY)]

    spent = [_spent(item, context.generated_at) for item in items]
    rows = [_row(item, used) for item, used in zip(items, spent, strict=True)]
    table = data_table(
        ["Agenda item", "Steps", "Timebox", "Spent", "Difference"],
        rows,
        [0.46, 0.1, 0.14, 0.14, 0.16],
    )
    planned = timedelta(minutes=sum(item.timebox_minutes for item in items))
    total = sum(spent, timedelta())
    summary = f"{_minutes(total)} spent of {_minutes(planned)} planned."
    return [table, para(summary, NOTE)]


def _spent(item: AgendaItem, now: datetime) -> timedelta:
    """Return the time spent on an item, counting a run still open at export."""
    running = now - item.started_at if item.started_at is not None else timedelta()
    return timedelta(seconds=item.spent_seconds) + max(running, timedelta())


def _row(item: AgendaItem, spent: timedelta) -> list[Flowable]:
    timebox = timedelta(minutes=item.timebox_minutes)
    over = spent - timebox
    difference = f"{_minutes(over)} over" if over > timedelta() else "within"
    title = item.title + (" (running at export)" if item.started_at else "")
    return [
        value(title),
        value(", ".join(map(str, item.steps))),
        value(_minutes(timebox)),
        value(_minutes(spent)),
        para(difference, CELL_WARNING if over > timedelta() else CELL),
    ]


def _minutes(delta: timedelta) -> str:
    return format_duration(delta)
