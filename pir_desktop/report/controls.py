"""The "Emergency controls" section: emergency changes and what happens to them."""

from reportlab.platypus import Flowable

from ..domain.entities import ControlAssessment
from ..domain.enums import label
from .context import ReportContext, format_date
from .styles import BODY, CELL, CELL_WARNING, H1
from .tables import Cell, data_table, value
from .text import cell_with_notes, para

HEADING = "Emergency controls"


def emergency_controls_section(context: ReportContext) -> list[Flowable]:
    """Build the table of emergency control changes: keep, revert or formalise."""
    controls = context.review.controls
    story: list[Flowable] = [para(HEADING, H1)]
    if not controls:
        return [*story, para("No emergency control changes assessed.", BODY)]

    rows = [_control_row(control) for control in controls]
    headers = ["Control", "Decision", "Still needed", "Owner", "Due"]
    story.append(data_table(headers, rows, [0.42, 0.14, 0.12, 0.18, 0.14]))
    return story


def _control_row(control: ControlAssessment) -> list[Cell]:
    needed = para("yes", CELL_WARNING) if control.still_needed else value("no")
    return [
        cell_with_notes(control.control, [control.description], CELL),
        value(label(control.decision)),
        needed,
        value(control.owner or "not assigned"),
        value(format_date(control.due_date)),
    ]
