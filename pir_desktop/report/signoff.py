"""The "Sign-off" section: readiness, approval history and the CISO signature."""

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.entities import Approval
from ..domain.enums import ApprovalDecision, label
from ..domain.readiness import readiness
from .context import ReportContext
from .styles import BODY, CELL, CELL_LABEL, CELL_WARNING, H1, H2, INK
from .tables import BASE_COMMANDS, Cell, column_widths, data_table, label_table, value
from .text import bullet, cell_with_notes, para

HEADING = "Sign-off"
SUPERSEDED = "SUPERSEDED"


def sign_off_section(context: ReportContext) -> list[Flowable]:
    """Build the approval page: state, readiness, history and signature blocks.

    The section starts on a new page so that it can be printed and signed alone.
    """
    story: list[Flowable] = [PageBreak(), para(HEADING, H1)]
    approved = context.approval_state == "approved"
    state_style = CELL if approved else CELL_WARNING
    state = [
        ("Approval state", para(context.approval_state.capitalize(), state_style)),
        ("Current content hash", value(context.content_hash)),
    ]
    story.append(label_table(state, label_fraction=0.25))
    story.extend(_readiness(context))
    story.extend(_approvals(context))
    story.append(
        _signature_block(
            "CISO approval",
            "Signed to approve the action plan and its resource allocation for "
            f"the content with hash {context.content_hash}.",
        )
    )
    story.append(
        _signature_block(
            "Prepared by (documentation lead)",
            "Signed to confirm that this report is complete and accurate.",
        )
    )
    return story


def _readiness(context: ReportContext) -> list[Flowable]:
    problems = readiness(context.review, context.procedure).problems
    story: list[Flowable] = [para("Readiness", H2)]
    if not problems:
        return [*story, para("Every step before sign-off has evidence.", BODY)]
    story.append(para(f"Open problems before sign-off ({len(problems)}):", BODY))
    story.extend(bullet(problem) for problem in problems)
    return story


def is_superseded(approval: Approval, current_hash: str) -> bool:
    """Return whether an approval was given to content that has changed since."""
    return (
        approval.decision is ApprovalDecision.APPROVED
        and approval.content_hash != current_hash
    )


def _approvals(context: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [para("Approval history", H2)]
    history = sorted(context.review.approvals, key=lambda a: a.decided_at)
    if not history:
        return [*story, para("No approval decisions recorded.", BODY)]

    rows = [_approval_row(context, approval) for approval in history]
    headers = ["Approver", "Role", "Decision", "Time", "Content hash", "Validity"]
    widths = [0.15, 0.12, 0.14, 0.17, 0.25, 0.17]
    story.append(data_table(headers, rows, widths))
    return story


def _approval_row(context: ReportContext, approval: Approval) -> list[Cell]:
    notes = [approval.comment, _override(approval)]
    superseded = is_superseded(approval, context.content_hash)
    matches = approval.content_hash == context.content_hash
    validity = "current" if matches else "earlier content"
    if superseded:
        validity = SUPERSEDED
    return [
        value(approval.approver),
        value(context.procedure.role_name(approval.role)),
        cell_with_notes(label(approval.decision), notes, CELL),
        value(context.moment(approval.decided_at)),
        value(approval.content_hash),
        para(validity, CELL_WARNING if superseded else CELL),
    ]


def _override(approval: Approval) -> str:
    if not approval.override_reason:
        return ""
    return f"Approved despite open problems: {approval.override_reason}"


def _signature_block(title: str, statement: str) -> Flowable:
    """Build an empty block for a signer's name, signature and date."""
    lines = [
        [para(text, CELL_LABEL), value(""), value("")]
        for text in ("Name", "Signature", "Date")
    ]
    table = Table(
        lines,
        colWidths=column_widths([0.2, 0.5, 0.3]),
        rowHeights=[12 * mm] * len(lines),
        style=TableStyle(
            [
                *BASE_COMMANDS,
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.75, INK),
            ]
        ),
        hAlign="LEFT",
    )
    heading = para(title, H2)
    intro = para(statement, BODY)
    return KeepTogether([heading, intro, table, Spacer(1, 6)])
