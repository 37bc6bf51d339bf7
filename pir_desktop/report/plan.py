"""The "Action plan" section: action items and factor coverage."""

from reportlab.platypus import Flowable

from ..domain.entities import ActionItem
from ..domain.enums import FactorStatus, label
from .context import ReportContext, format_date
from .styles import BODY, CELL, H1, WARNING_TEXT
from .tables import Cell, data_table, value
from .text import cell_with_notes, para

HEADING = "Action plan"


def action_plan_section(context: ReportContext) -> list[Flowable]:
    """Build the action table and the coverage gaps."""
    story: list[Flowable] = [para(HEADING, H1)]
    actions = context.review.actions
    if actions:
        rows = [_action_row(context, action) for action in actions]
        headers = ["Action", "Owner", "Due", "Success criteria", "Status", "Factors"]
        widths = [0.27, 0.13, 0.11, 0.27, 0.12, 0.10]
        story.append(data_table(headers, rows, widths))
    else:
        story.append(para("No action items recorded.", BODY))

    story.extend(_coverage(context))
    return story


def _action_row(context: ReportContext, action: ActionItem) -> list[Cell]:
    return [
        cell_with_notes(action.title, [action.description], CELL),
        value(action.owner),
        value(format_date(action.due_date)),
        value(action.success_criteria or "not recorded"),
        value(label(action.status)),
        value(context.factor_refs(action.factor_ids) or "none"),
    ]


def _coverage(context: ReportContext) -> list[Flowable]:
    """List factors that no action addresses and actions that address none."""
    review = context.review
    addressed = {i for action in review.actions for i in action.factor_ids}
    open_factors = [
        context.factor_labels[f.id]
        for f in review.factors
        if f.id not in addressed and f.status is not FactorStatus.REFUTED
    ]
    unlinked = [a.title for a in review.actions if not a.factor_ids]

    story: list[Flowable] = []
    if open_factors:
        text = "Factors without an action: " + ", ".join(open_factors)
        story.append(para(text, WARNING_TEXT))
    if unlinked:
        text = "Actions that address no factor: " + "; ".join(unlinked)
        story.append(para(text, WARNING_TEXT))
    return story
