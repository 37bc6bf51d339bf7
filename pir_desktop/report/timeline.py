"""The "Timeline" and "Discussion" sections."""

from uuid import UUID

from reportlab.platypus import Flowable, Spacer

from ..domain.entities import TimelineEvent
from ..domain.enums import ObservationKind, TimePrecision, label
from .context import ReportContext
from .styles import BODY, CELL, DECISION_FILL, H1, H2
from .tables import Cell, data_table, value
from .text import bullet, cell_with_notes, para
from .timeline_chart import timeline_chart_drawing

TIMELINE_HEADING = "Timeline"
DISCUSSION_HEADING = "Discussion"
DECISION_MARK = "\u25c6 Decision"
# The Kind column fits "Communication", the longest word of a kind's label,
# at the table's 8-point text and 3-point cell padding.
EVENT_COLUMNS = (0.25, 0.15, 0.47, 0.13)
# Events per table. Each page break of a ReportLab 5.1 table builds a new
# table of the rows left and measures them again, so one table of 50,000
# events took time in proportion to rows times pages (over 6 minutes).
# Parts keep that linear, and each part starts with the header row.
PART_ROWS = 1000

OBSERVATION_HEADINGS = {
    ObservationKind.WENT_WELL: "What went well",
    ObservationKind.TO_IMPROVE: "What to improve",
    ObservationKind.LUCKY: "Where we got lucky",
}


def timeline_section(context: ReportContext) -> list[Flowable]:
    """Build the timeline table in time order, with decision points marked."""
    story: list[Flowable] = [para(TIMELINE_HEADING, H1)]
    events = context.review.sorted_events()
    if not events:
        return [*story, para("No timeline events recorded.", BODY)]

    chart = timeline_chart_drawing(context.review)
    if chart is not None:
        story.extend([chart, Spacer(0, 6)])
    headers = [
        f"Time ({context.review.display_zone})",
        "Kind",
        "Description",
        "Decision point",
    ]
    for start in range(0, len(events), PART_ROWS):
        part = events[start : start + PART_ROWS]
        rows = [_event_row(context, event) for event in part]
        highlights = [
            ("BACKGROUND", (0, row), (-1, row), DECISION_FILL)
            for row, event in enumerate(part, start=1)
            if event.decision_point
        ]
        story.append(data_table(headers, rows, EVENT_COLUMNS, highlights))
    return story


def _event_row(context: ReportContext, event: TimelineEvent) -> list[Cell]:
    return [
        cell_with_notes(_event_time(context, event), _time_notes(context, event), CELL),
        value(label(event.kind)),
        cell_with_notes(event.description, [_source(event)], CELL),
        value(DECISION_MARK if event.decision_point else ""),
    ]


def _event_time(context: ReportContext, event: TimelineEvent) -> str:
    start = context.moment(event.occurred_at, event.precision, event.zone)
    if event.ends_at is None:
        return start
    return f"{start} to {context.moment(event.ends_at, event.precision, event.zone)}"


def _time_notes(context: ReportContext, event: TimelineEvent) -> list[str]:
    notes = []
    if event.precision is not TimePrecision.EXACT:
        notes.append(f"precision: {event.precision.value}")
    if event.zone and event.zone != context.review.display_zone:
        notes.append(f"recorded in {event.zone}")
    notes.append(event.time_note)
    return notes


def _source(event: TimelineEvent) -> str:
    return f"Source: {event.source}" if event.source else ""


def discussion_section(context: ReportContext) -> list[Flowable]:
    """Build the observations, grouped by kind, with their anchored events."""
    story: list[Flowable] = [para(DISCUSSION_HEADING, H1)]
    for kind, heading in OBSERVATION_HEADINGS.items():
        story.append(para(heading, H2))
        items = [o for o in context.review.observations if o.kind is kind]
        if not items:
            story.append(para("None recorded.", BODY))
        for observation in items:
            notes = [_anchors(context, observation.event_ids)]
            story.append(bullet(observation.text, notes))
    return story


def _anchors(context: ReportContext, event_ids: list[UUID]) -> str:
    events = {e.id: e for e in context.review.events}
    times = [
        context.moment(events[i].occurred_at, events[i].precision, events[i].zone)
        for i in event_ids
        if i in events
    ]
    return "Timeline: " + "; ".join(times) if times else ""
