"""The cover page: classification, what the report is about, version and dates."""

from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from ..domain.review import MILESTONES
from .context import ReportContext
from .styles import CLASSIFICATION, NOTE, SUBTITLE, TITLE, WARNING, WARNING_TEXT
from .tables import BASE_COMMANDS, column_widths, label_table, value
from .text import para

MILESTONE_LABELS = {
    "started_at": "Incident started",
    "detected_at": "Detected",
    "contained_at": "Contained",
    "resolved_at": "Resolved",
    "closed_at": "Closed",
}

REDACTED_NOTE = (
    "REDACTED copy for wider distribution. Text marked sensitive and the names "
    "of participants marked sensitive are masked. The content hash and the "
    "approval state refer to the full review."
)


def cover_page(context: ReportContext) -> list[Flowable]:
    """Build the cover page, ending with a page break."""
    review = context.review
    procedure = context.procedure
    facts = [
        ("Incident reference", value(review.reference)),
        ("Severity", value(review.severity.value)),
        ("Classification", value(review.classification or "Unclassified")),
        ("Report version", value(_version(context))),
        *_milestone_rows(context),
        ("Review meeting", value(context.moment(review.meeting_at))),
        ("Last approval decision", value(_last_decision(context))),
        ("Approval state", value(context.approval_state.capitalize())),
        ("Content hash (SHA-256)", value(context.content_hash)),
        ("Procedure", value(f"{procedure.id} version {procedure.version}")),
        ("Generated", value(context.moment(context.generated_at))),
    ]
    story: list[Flowable] = [
        classification_band(review.classification or "Unclassified"),
        Spacer(1, 28),
        para("Post-incident review", SUBTITLE),
        para(review.title, TITLE),
        Spacer(1, 12),
    ]
    if context.redacted:
        story.append(para(REDACTED_NOTE, WARNING_TEXT))
        story.append(Spacer(1, 8))
    story += [
        label_table(facts, label_fraction=0.3),
        Spacer(1, 18),
        para(
            "The content hash identifies the exact review content this report "
            "shows. An approval applies only to the content with the same hash. "
            "The report version is 1 before the first approval decision and "
            "grows by one with each decision recorded.",
            NOTE,
        ),
        PageBreak(),
    ]
    return story


def classification_band(text: str) -> Flowable:
    """Build a full-width framed band that shows the classification label."""
    return Table(
        [[para(text.upper(), CLASSIFICATION)]],
        colWidths=column_widths([1.0]),
        style=TableStyle(
            [
                *BASE_COMMANDS,
                ("BOX", (0, 0), (-1, -1), 1.5, WARNING),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )


def _version(context: ReportContext) -> str:
    decisions = len(context.review.approvals)
    noun = "decision" if decisions == 1 else "decisions"
    return f"{context.version} ({decisions} approval {noun} recorded)"


def _last_decision(context: ReportContext) -> str:
    approvals = context.review.approvals
    if not approvals:
        return "none yet"
    last = max(approvals, key=lambda a: a.decided_at)
    return (
        f"{last.decision.value.replace('_', ' ')} on {context.moment(last.decided_at)}"
    )


def _milestone_rows(context: ReportContext) -> list[tuple[str, Flowable]]:
    return [
        (MILESTONE_LABELS[name], value(context.moment(getattr(context.review, name))))
        for name in MILESTONES
    ]
