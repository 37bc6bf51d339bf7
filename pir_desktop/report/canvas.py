"""A canvas that draws the running header and a "Page X of Y" footer.

The total page count is known only after the last page, so the canvas keeps
each finished page's drawing state and draws the header, the footer and the
table of contents when the document is saved. Bookmarks are deferred the same
way, because ReportLab ties a bookmark to the page that is open when the canvas
emits it.

NOTE: the kept pages make an export's memory grow with its page count. A
process that built a review of 50,000 events and exported it (about 2,600
pages) peaked at 580 MB, measured with /usr/bin/time on a 2-core VM. Most
reviews print under 100 pages.
"""

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import BOLD, REGULAR
from .glyphs import Run, font_runs
from .styles import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    RULE,
    WARNING,
)
from .toc import TocArea, TocEntry, draw_contents

HEADER_SIZE = 8
FOOTER_SIZE = 8
ELLIPSIS = "\u2026"


class NumberedCanvas(Canvas):
    """A canvas whose pages carry a classification header and page numbers.

    A non-empty marking, such as "REDACTED", is printed in the header and the
    footer of every page.
    """

    def __init__(
        self,
        *args: Any,
        header_left: str,
        header_right: str,
        marking: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._header_left = header_left
        self._header_right = header_right
        self._marking = marking
        self._pages: list[dict[str, Any]] = []
        self._page_bookmarks: list[tuple[str, dict[str, Any]]] = []
        self.toc_area: TocArea | None = None
        self.toc_entries: list[TocEntry] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802
        """Record a bookmark for the open page, to be emitted with that page."""
        self._page_bookmarks.append((key, kwargs))

    def showPage(self) -> None:  # noqa: N802
        """Keep the finished page's state instead of emitting it."""
        self._pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self.toc_area = None
        self._startPage()

    def save(self) -> None:
        """Emit every kept page with its header, footer, contents and bookmarks."""
        total = len(self._pages)
        entries = list(self.toc_entries)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for key, options in self._page_bookmarks:
                super().bookmarkPage(key, **options)
            if self.toc_area is not None:
                draw_contents(self, self.toc_area, entries)
            self._draw_header()
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_header(self) -> None:
        width, height = self._pagesize
        baseline = height - MARGIN_TOP + 10
        half = (width - MARGIN_LEFT - MARGIN_RIGHT) / 2 - 6
        self.saveState()
        self.setFillColor(MUTED)
        left = self._marked(self._header_left)
        draw_runs(self, MARGIN_LEFT, baseline, left, BOLD, HEADER_SIZE, half)
        right = self._header_right
        right_width = min(runs_width(font_runs(right), REGULAR, HEADER_SIZE), half)
        x = width - MARGIN_RIGHT - right_width
        draw_runs(self, x, baseline, right, REGULAR, HEADER_SIZE, half)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_LEFT, baseline - 4, width - MARGIN_RIGHT, baseline - 4)
        self.restoreState()

    def _draw_footer(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        baseline = MARGIN_BOTTOM - 12
        half = (width - MARGIN_LEFT - MARGIN_RIGHT) / 2 - 6
        self.saveState()
        self.setFillColor(MUTED)
        left = self._marked(self._header_left)
        draw_runs(self, MARGIN_LEFT, baseline, left, REGULAR, FOOTER_SIZE, half)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.drawRightString(
            width - MARGIN_RIGHT, baseline, f"Page {number} of {total}"
        )
        if self._marking:
            self.setFillColor(WARNING)
            self.setFont(BOLD, FOOTER_SIZE)
            self.drawCentredString(width / 2, baseline, self._marking)
        self.restoreState()

    def _marked(self, text: str) -> str:
        return f"{self._marking} \u00b7 {text}" if self._marking else text


def runs_width(runs: list[Run], base_font: str, size: float) -> float:
    """Return the width of font runs, drawing REGULAR runs in base_font."""
    return sum(
        stringWidth(text, base_font if font == REGULAR else font, size)
        for font, text in runs
    )


def draw_runs(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    base_font: str,
    size: float,
    max_width: float,
) -> None:
    """Draw one line of user text from x, switching fonts per run.

    The line is shortened with an ellipsis when it is wider than max_width.
    """
    runs = fit_runs(font_runs(" ".join(text.split())), base_font, size, max_width)
    # The text object starts in the canvas font, which must not be Helvetica.
    canvas.setFont(base_font, size)
    line = canvas.beginText(x, y)
    for font, run in runs:
        line.setFont(base_font if font == REGULAR else font, size)
        line.textOut(run)
    canvas.drawText(line)


def fit_runs(
    runs: list[Run], base_font: str, size: float, max_width: float
) -> list[Run]:
    """Shorten font runs with a trailing ellipsis until they fit a width."""
    if runs_width(runs, base_font, size) <= max_width:
        return runs
    chars = [(font, char) for font, text in runs for char in text]

    def prefix(count: int) -> list[Run]:
        kept: list[Run] = []
        for font, char in [*chars[:count], (REGULAR, ELLIPSIS)]:
            if kept and kept[-1][0] == font:
                kept[-1] = (font, kept[-1][1] + char)
            else:
                kept.append((font, char))
        return kept

    # Binary search for the longest prefix that fits beside the ellipsis.
    low, high = 0, len(chars)
    while low < high:
        middle = (low + high + 1) // 2
        if runs_width(prefix(middle), base_font, size) <= max_width:
            low = middle
        else:
            high = middle - 1
    return prefix(low)
