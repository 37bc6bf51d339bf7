"""The "Incident summary" section: facts, impact, deadline, metrics, people."""

from datetime import timedelta

from reportlab.platypus import Flowable

from ..domain.rules import incident_metrics, review_due, review_required
from ..domain.times import format_duration
from .context import NOT_RECORDED, ReportContext
from .styles import BODY, H1, H2, NOTE
from .tables import data_table, label_table, value
from .text import para

HEADING = "Incident summary"


def summary_section(context: ReportContext) -> list[Flowable]:
    """Build the incident summary with its metrics and participants."""
    review = context.review
    story: list[Flowable] = [para(HEADING, H1)]
    story.append(label_table(_fact_rows(context), label_fraction=0.25))

    story.append(para("Summary", H2))
    story.append(para(review.summary or NOT_RECORDED, BODY))
    story.append(para("Impact", H2))
    story.append(para(review.impact or NOT_RECORDED, BODY))

    story.append(para("Metrics", H2))
    story.append(label_table(_metric_rows(context), label_fraction=0.25))
    story.append(
        para(
            "Time to detect runs from the start of the incident; time to contain "
            "and time to resolve run from detection.",
            NOTE,
        )
    )
    story.extend(_participants(context))
    return story


def _fact_rows(context: ReportContext) -> list[tuple[str, Flowable]]:
    review = context.review
    rows = [
        ("Severity", value(review.severity.value)),
        ("Source", value(review.source or NOT_RECORDED)),
        ("Review due", value(_deadline(context))),
    ]
    if review.p3_criteria or not review_required(review.severity, review.p3_criteria):
        rows.insert(1, ("P3 criteria", value(_criteria(context))))
    return rows


def _criteria(context: ReportContext) -> str:
    names = {c.id: c.name for c in context.procedure.p3_criteria}
    chosen = [names.get(c.value, c.value) for c in context.review.p3_criteria]
    return ", ".join(chosen) or "none recorded: a P3 needs a criterion to be reviewed"


def _deadline(context: ReportContext) -> str:
    due = review_due(context.review.facts, context.procedure)
    if due is None:
        return "not set until the incident is closed"
    hours = context.procedure.review_deadline_hours[context.review.severity]
    return f"{context.moment(due)} ({hours} hours after closure)"


def _metric_rows(context: ReportContext) -> list[tuple[str, Flowable]]:
    metrics = incident_metrics(context.review.facts)
    return [
        ("Time to detect", value(_duration(metrics.time_to_detect))),
        ("Time to contain", value(_duration(metrics.time_to_contain))),
        ("Time to resolve", value(_duration(metrics.time_to_resolve))),
        ("Time to close", value(_duration(metrics.time_to_close))),
    ]


def _duration(delta: timedelta | None) -> str:
    return "not known" if delta is None else format_duration(delta)


def _participants(context: ReportContext) -> list[Flowable]:
    people = context.review.participants
    if not people:
        return [para("Participants", H2), para("No participants recorded.", BODY)]
    rows = [
        [
            value(p.name),
            value(context.procedure.role_name(p.role)),
            value("attended" if p.attended else "absent"),
        ]
        for p in people
    ]
    table = data_table(["Name", "Role", "Meeting"], rows, [0.4, 0.4, 0.2])
    return [para("Participants", H2), table]
