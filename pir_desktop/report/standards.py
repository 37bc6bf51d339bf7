"""The "Standards mapping" section: each control reference and its evidence."""

from reportlab.platypus import Flowable

from ..domain.readiness import ComplianceRow, compliance
from .context import ReportContext
from .styles import BODY, CELL, H1, NOTE_LEAD
from .tables import Cell, data_table, value
from .text import cell_with_notes, para

HEADING = "Standards mapping"


def standards_section(context: ReportContext) -> list[Flowable]:
    """Build the compliance table from the procedure's standards mapping."""
    story: list[Flowable] = [para(HEADING, H1)]
    rows = compliance(context.review, context.procedure)
    if not rows:
        return [*story, para("The procedure maps no standards.", BODY)]

    story.append(
        para(
            "References are listed as the procedure states them, beside the "
            "reference in the standard's current edition.",
            NOTE_LEAD,
        )
    )
    headers = ["Steps", "Standard", "Reference as written", "Current", "Status"]
    table_rows = [_row(row) for row in rows]
    story.append(data_table(headers, table_rows, [0.07, 0.18, 0.13, 0.32, 0.30]))
    return story


def _row(row: ComplianceRow) -> list[Cell]:
    ref = row.reference
    return [
        value(_step_range(ref.steps)),
        value(ref.standard),
        value(ref.reference),
        cell_with_notes(ref.current_reference, [ref.note], CELL),
        cell_with_notes(row.status.capitalize(), [row.detail], CELL),
    ]


def _step_range(steps: list[int]) -> str:
    """Write consecutive step numbers as a range: [4, 5, 6, 7] becomes "4–7"."""
    if len(steps) > 1 and steps == list(range(steps[0], steps[-1] + 1)):
        return f"{steps[0]}\u2013{steps[-1]}"
    return ", ".join(map(str, steps))
