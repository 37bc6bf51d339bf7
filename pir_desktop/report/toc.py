"""The table of contents, laid out in the single build pass.

The contents fill one block of known height on the page after the cover: one
line per section heading. The block's place is fixed when it is laid out, and
its lines are drawn when the document is saved, by which time every heading's
page is known. So one layout pass suffices, where ReportLab's TableOfContents
needs multiBuild and at least two passes.
"""

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from .fonts import REGULAR
from .styles import H1, INK, RULE
from .text import para

HEADING = "Contents"
ENTRY_SIZE = 10
ENTRY_LEADING = 18
# The contents heading, styled like a section heading but not listed itself.
TOC_HEADING = H1.clone("ContentsHeading")


@dataclass(frozen=True)
class TocEntry:
    """A section heading, its bookmark key and its page number."""

    title: str
    key: str
    page: int


@dataclass(frozen=True)
class TocArea:
    """The absolute rectangle reserved for the contents lines, in points."""

    x: float
    y: float
    width: float
    height: float


class TocPlaceholder(Flowable):
    """Reserve room for a number of contents lines and record where it is drawn."""

    def __init__(self, entry_count: int) -> None:
        super().__init__()
        self.entry_count = entry_count

    # NOTE: the block cannot split, so about 38 headings (one A4 frame) is the
    # maximum; the report has 12 sections.
    def wrap(self, available_width: float, available_height: float) -> tuple:
        self.width = available_width
        self.height = self.entry_count * ENTRY_LEADING
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.canv.toc_area = TocArea(x, y, self.width, self.height)


def contents_page(entry_count: int) -> list[Flowable]:
    """Build the contents page for a number of section headings."""
    return [para(HEADING, TOC_HEADING), TocPlaceholder(entry_count), PageBreak()]


def draw_contents(canvas: Canvas, area: TocArea, entries: list[TocEntry]) -> None:
    """Draw one linked line per entry: title, dotted leader and page number."""
    canvas.saveState()
    canvas.setFont(REGULAR, ENTRY_SIZE)
    canvas.setFillColor(INK)
    canvas.setStrokeColor(RULE)
    canvas.setDash(1, 2)
    right = area.x + area.width
    top = area.y + area.height
    for index, entry in enumerate(entries):
        baseline = top - (index + 1) * ENTRY_LEADING + 5
        number = str(entry.page)
        canvas.drawString(area.x, baseline, entry.title)
        canvas.drawRightString(right, baseline, number)
        start = area.x + canvas.stringWidth(entry.title, REGULAR, ENTRY_SIZE) + 4
        end = right - canvas.stringWidth(number, REGULAR, ENTRY_SIZE) - 4
        if end > start:
            canvas.line(start, baseline, end, baseline)
        rectangle = (area.x, baseline - 4, right, baseline + ENTRY_SIZE)
        canvas.linkRect("", entry.key, rectangle, relative=0, thickness=0)
    canvas.restoreState()
