"""Page geometry, colours and paragraph styles of the PDF report."""

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import BOLD, REGULAR

PAGE_SIZE = A4
MARGIN_LEFT = MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
ACCENT = colors.HexColor("#24476b")
RULE = colors.HexColor("#c5ccd4")
HEADER_FILL = colors.HexColor("#24476b")
STRIPE_FILL = colors.HexColor("#f2f4f7")
DECISION_FILL = colors.HexColor("#fff4d6")
WARNING = colors.HexColor("#a3300b")

# Deepest why-tree level that still indents further, so text keeps a usable width.
MAX_INDENT_LEVEL = 8
INDENT_STEP = 5 * mm


def _style(name: str, **options: object) -> ParagraphStyle:
    defaults: dict[str, object] = {
        "fontName": REGULAR,
        "fontSize": 9,
        "leading": 12,
        "textColor": INK,
    }
    return ParagraphStyle(name, **{**defaults, **options})


BODY = _style("Body", spaceAfter=4)
TITLE = _style("Title", fontName=BOLD, fontSize=22, leading=28, spaceAfter=6)
CLASSIFICATION = _style(
    "Classification",
    fontName=BOLD,
    fontSize=13,
    leading=16,
    alignment=1,
    textColor=WARNING,
)
SUBTITLE = _style("Subtitle", fontSize=12, leading=16, textColor=MUTED, spaceAfter=18)
H1 = _style(
    "Heading1",
    fontName=BOLD,
    fontSize=15,
    leading=19,
    textColor=ACCENT,
    spaceBefore=14,
    spaceAfter=6,
    keepWithNext=1,
)
H2 = _style(
    "Heading2",
    fontName=BOLD,
    fontSize=11,
    leading=14,
    spaceBefore=8,
    spaceAfter=4,
    keepWithNext=1,
)
CELL = _style("Cell", fontSize=8, leading=10)
CELL_HEAD = _style(
    "CellHead", fontName=BOLD, fontSize=8, leading=10, textColor=colors.white
)
CELL_LABEL = _style("CellLabel", fontName=BOLD, fontSize=8, leading=10)
BULLET = _style(
    "Bullet", leftIndent=12, bulletIndent=2, bulletFontName=REGULAR, spaceAfter=3
)
NOTE = _style(
    "Note", fontSize=8, leading=10, textColor=MUTED, spaceBefore=3, spaceAfter=4
)
# A muted line below a table cell's main text.
CELL_NOTE = _style("CellNote", fontSize=8, leading=10, textColor=MUTED)
# A note that introduces the table below it and moves to the next page with it.
NOTE_LEAD = ParagraphStyle("NoteLead", parent=NOTE, keepWithNext=1)
WARNING_TEXT = _style(
    "Warning", fontName=BOLD, textColor=WARNING, spaceBefore=4, spaceAfter=2
)
CELL_WARNING = _style(
    "CellWarning", fontName=BOLD, fontSize=8, leading=10, textColor=WARNING
)


def outline_style(level: int) -> ParagraphStyle:
    """Return the style of a why-tree line at a depth, indented per level."""
    indent = min(level, MAX_INDENT_LEVEL) * INDENT_STEP
    return ParagraphStyle(
        f"Outline{level}", parent=BODY, leftIndent=indent, spaceAfter=2
    )
