"""The cover page: what the report is about and which content it shows."""

from reportlab.platypus import Flowable, PageBreak, Spacer

from ..domain.review import MILESTONES
from .context import ReportContext
from .styles import NOTE, SUBTITLE, TITLE
from .tables import label_table, value
from .text import para

MILESTONE_LABELS = {
    "started_at": "Incident started",
    "detected_at": "Detected",
    "contained_at": "Contained",
    "resolved_at": "Resolved",
    "closed_at": "Closed",
}


def cover_page(context: ReportContext) -> list[Flowable]:
    """Build the cover page, ending with a page break."""
    review = context.review
    procedure = context.procedure
    facts = [
        ("Incident reference", value(review.reference)),
        ("Severity", value(review.severity.value)),
        ("Classification", value(review.classification or "Unclassified")),
        *_milestone_rows(context),
        ("Review meeting", value(context.moment(review.meeting_at))),
        ("Approval state", value(context.approval_state.capitalize())),
        ("Content hash (SHA-256)", value(context.content_hash)),
        ("Procedure", value(f"{procedure.id} version {procedure.version}")),
        ("Generated", value(context.moment(context.generated_at))),
    ]
    return [
        Spacer(1, 40),
        para("Post-incident review", SUBTITLE),
        para(review.title, TITLE),
        Spacer(1, 12),
        label_table(facts, label_fraction=0.3),
        Spacer(1, 18),
        para(
            "The content hash identifies the exact review content this report "
            "shows. An approval applies only to the content with the same hash.",
            NOTE,
        ),
        PageBreak(),
    ]


def _milestone_rows(context: ReportContext) -> list[tuple[str, Flowable]]:
    return [
        (MILESTONE_LABELS[name], value(context.moment(getattr(context.review, name))))
        for name in MILESTONES
    ]
