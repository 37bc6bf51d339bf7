"""A review's meeting and action due dates as an iCalendar (.ics) file.

The meeting is a one-hour event at the review's meeting time, or at the
procedure's review deadline while no meeting is set. Each action with a due
date, except a cancelled one, is an all-day event on that date.
"""

from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from ..domain.entities import ActionItem
from ..domain.enums import ActionStatus, label
from ..domain.procedure import Procedure
from ..domain.review import Review
from ..domain.rules import review_due

PRODUCT_ID = "-//PIR Desktop//Post-incident review//EN"
MEETING_LENGTH = timedelta(hours=1)


def _meeting(review: Review, procedure: Procedure, now: datetime) -> Event | None:
    start = review.meeting_at
    summary = f"Post-incident review meeting: {review.reference}"
    if start is None:
        start = review_due(review.facts, procedure)
        summary = f"Post-incident review due: {review.reference}"
    if start is None:
        return None
    event = Event()
    event.add("uid", f"meeting-{review.id}@pir-desktop")
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + MEETING_LENGTH)
    event.add("summary", summary)
    event.add("description", review.title)
    return event


def _action_event(
    action: ActionItem, due: date, review: Review, now: datetime
) -> Event:
    event = Event()
    event.add("uid", f"action-{action.id}@pir-desktop")
    event.add("dtstamp", now)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("summary", f"Due: {action.title} ({review.reference})")
    event.add(
        "description",
        f"Owner: {action.owner}\nStatus: {label(action.status)}\n"
        f"Success criteria: {action.success_criteria or 'none stated'}",
    )
    return event


def review_calendar(review: Review, procedure: Procedure, now: datetime) -> bytes:
    """Return the review's calendar as iCalendar bytes; `now` is the DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    meeting = _meeting(review, procedure, now)
    if meeting is not None:
        calendar.add_component(meeting)
    for action in review.actions:
        due = action.due_date
        if due is not None and action.status is not ActionStatus.CANCELLED:
            calendar.add_component(_action_event(action, due, review, now))
    return calendar.to_ical()
