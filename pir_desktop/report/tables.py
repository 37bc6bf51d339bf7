"""Table builders: data tables with a repeated header, and label-value tables."""

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from .fonts import REGULAR
from .styles import (
    CELL,
    CELL_HEAD,
    CELL_LABEL,
    FRAME_WIDTH,
    HEADER_FILL,
    RULE,
    STRIPE_FILL,
)
from .text import para

# A cell is one flowable, or a list of flowables stacked top to bottom.
Cell = Flowable | list[Flowable]
Row = Sequence[Cell]

# The FONT command matters even though every cell is a Paragraph: Table sets
# the cell font on the canvas, which would otherwise add Helvetica to the page.
BASE_COMMANDS: list[tuple[object, ...]] = [
    ("FONT", (0, 0), (-1, -1), REGULAR, 8),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]


class ReportTable(Table):
    """A left-aligned Table whose split parts stay left-aligned.

    ReportLab 5.1 builds the parts of a row split across pages without the
    table's hAlign, so they would be centred, out of line with the rest.
    """

    def __init__(self, *args: Any, hAlign: str = "LEFT", **kwargs: Any) -> None:  # noqa: N803
        super().__init__(*args, hAlign=hAlign, **kwargs)


def column_widths(fractions: Sequence[float]) -> list[float]:
    """Convert fractions of the frame width into points; they must sum to 1."""
    total = sum(fractions)
    if abs(total - 1) > 1e-6:
        raise ValueError(f"column fractions sum to {total}, not 1: {fractions}")
    return [FRAME_WIDTH * f for f in fractions]


def data_table(
    headers: Sequence[str],
    rows: Sequence[Row],
    fractions: Sequence[float],
    extra_style: Sequence[tuple[object, ...]] = (),
) -> Table:
    """Build a striped table whose header row repeats on every page.

    Cells must be Paragraphs or lists of them (see Cell) so that long text
    wraps. Rows taller than a page split inside the row instead of failing the
    build.

    NOTE: before such a row, ReportLab 5.1 ends the table and starts its rest
    with the header row, so the header shows twice on that page.
    """
    header = [para(text, CELL_HEAD) for text in headers]
    commands = [
        *BASE_COMMANDS,
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        *[
            ("BACKGROUND", (0, i), (-1, i), STRIPE_FILL)
            for i in range(2, len(rows) + 1, 2)
        ],
        *extra_style,
    ]
    return ReportTable(
        [header, *rows],
        colWidths=column_widths(fractions),
        repeatRows=1,
        splitInRow=1,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def label_table(pairs: Sequence[tuple[str, Flowable]], label_fraction: float) -> Table:
    """Build a borderless two-column table of bold labels and their values."""
    rows = [[para(label, CELL_LABEL), value] for label, value in pairs]
    return ReportTable(
        rows,
        colWidths=column_widths([label_fraction, 1 - label_fraction]),
        splitInRow=1,
        style=TableStyle([*BASE_COMMANDS, ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)]),
        hAlign="LEFT",
    )


def value(text: str) -> Flowable:
    """Build a table cell of plain text."""
    return para(text, CELL)
