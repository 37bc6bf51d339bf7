"""A canvas that draws the running header and a "Page X of Y" footer.

The total page count is known only after the last page, so the canvas keeps
each finished page's drawing state and draws the header and footer of every
page when the document is saved. Bookmarks are deferred the same way, because
ReportLab ties a bookmark to the page that is open when the canvas emits it.
"""

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import BOLD, REGULAR
from .styles import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MUTED, RULE

HEADER_SIZE = 8
FOOTER_SIZE = 8
ELLIPSIS = "\u2026"


class NumberedCanvas(Canvas):
    """A canvas whose pages carry a classification header and page numbers."""

    def __init__(
        self, *args: Any, header_left: str, header_right: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._header_left = header_left
        self._header_right = header_right
        self._pages: list[dict[str, Any]] = []
        self._page_bookmarks: list[tuple[str, dict[str, Any]]] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802
        """Record a bookmark for the open page, to be emitted with that page."""
        self._page_bookmarks.append((key, kwargs))

    def showPage(self) -> None:  # noqa: N802
        """Keep the finished page's state instead of emitting it."""
        self._pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self._startPage()

    def save(self) -> None:
        """Emit every kept page with its header, footer and bookmarks."""
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            for key, options in self._page_bookmarks:
                super().bookmarkPage(key, **options)
            self._draw_header()
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_header(self) -> None:
        width, height = self._pagesize
        baseline = height - MARGIN_TOP + 10
        self.saveState()
        self.setFillColor(MUTED)
        half = (width - MARGIN_LEFT - MARGIN_RIGHT) / 2 - 6
        self.setFont(BOLD, HEADER_SIZE)
        left = fit_text(self._header_left, BOLD, HEADER_SIZE, half)
        self.drawString(MARGIN_LEFT, baseline, left)
        self.setFont(REGULAR, HEADER_SIZE)
        right = fit_text(self._header_right, REGULAR, HEADER_SIZE, half)
        self.drawRightString(width - MARGIN_RIGHT, baseline, right)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_LEFT, baseline - 4, width - MARGIN_RIGHT, baseline - 4)
        self.restoreState()

    def _draw_footer(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        baseline = MARGIN_BOTTOM - 12
        self.saveState()
        self.setFillColor(MUTED)
        self.setFont(REGULAR, FOOTER_SIZE)
        half = (width - MARGIN_LEFT - MARGIN_RIGHT) / 2 - 6
        left = fit_text(self._header_left, REGULAR, FOOTER_SIZE, half)
        self.drawString(MARGIN_LEFT, baseline, left)
        self.drawRightString(
            width - MARGIN_RIGHT, baseline, f"Page {number} of {total}"
        )
        self.restoreState()


def fit_text(text: str, font: str, size: float, max_width: float) -> str:
    """Shorten a one-line text with a trailing ellipsis until it fits a width."""
    line = " ".join(text.split())
    if stringWidth(line, font, size) <= max_width:
        return line

    # Binary search for the longest prefix that fits beside the ellipsis.
    low, high = 0, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(line[:middle] + ELLIPSIS, font, size) <= max_width:
            low = middle
        else:
            high = middle - 1
    return line[:low] + ELLIPSIS
