"""The report boundary for text: every string is escaped here, exactly once.

ReportLab paragraphs parse a small XML dialect, so a raw "<" or "&" in user
text would drop text or break the build. The functions below take plain
strings, escape them, and only then add the report's own markup. Nothing else
in the package builds a Paragraph from a string. On the way, each line is made
printable with the bundled fonts (see glyphs.py).
"""

import re
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from .fonts import REGULAR
from .glyphs import font_runs
from .styles import BULLET, CELL_NOTE, NOTE

# C0 control characters other than tab and line breaks, which a PDF cannot show.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

NOTE_MARKUP = '<font size="{size}" color="{color}">{text}</font>'


class ReportParagraph(Paragraph):
    """A Paragraph that keeps its line breaks for the width it was last wrapped to.

    ReportLab's Table wraps every cell of the remaining rows again each time
    it splits at a page end, so without this a table of n pages breaks the
    lines of its last rows n times. Line breaking depends only on the width.
    """

    _wrapped: tuple[float, Any] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            self.width, self.height, self.blPara, self._wrapWidths = self._wrapped[1]
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            state = (self.width, self.height, self.blPara, self._wrapWidths)
            self._wrapped = (availWidth, state)
        return size


def to_markup(text: str) -> str:
    """Escape plain text for a Paragraph and keep its line breaks.

    Runs of characters that only the CJK font has are wrapped in a font tag.
    """
    cleaned = _CONTROL.sub("", text).replace("\t", " ")
    lines = cleaned.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(_line_markup(line) for line in lines)


def _line_markup(line: str) -> str:
    return "".join(
        escape(run) if font == REGULAR else f'<font name="{font}">{escape(run)}</font>'
        for font, run in font_runs(line)
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """Build a Paragraph that shows plain text literally."""
    return ReportParagraph(to_markup(text), style)


def _note_markup(text: str) -> str:
    size = NOTE.fontSize
    color = NOTE.textColor.hexval().replace("0x", "#")
    return NOTE_MARKUP.format(size=size, color=color, text=to_markup(text))


def _stacked(text: str, notes: Iterable[str], label: str = "") -> str:
    main = to_markup(text)
    if label:
        main = f"<b>{to_markup(label)}</b> {main}"
    return "<br/>".join([main] + [_note_markup(n) for n in notes if n])


def with_notes(
    text: str, notes: Iterable[str], style: ParagraphStyle, label: str = ""
) -> Paragraph:
    """Build a Paragraph of plain text with smaller, muted lines below it.

    A label is printed in bold before the text. Empty notes are left out.
    """
    return ReportParagraph(_stacked(text, notes, label), style)


def cell_with_notes(
    text: str, notes: Iterable[str], style: ParagraphStyle
) -> list[Flowable]:
    """Build a table cell of plain text with muted note paragraphs below it.

    With ReportLab 5.1, a timeline cell built this way wraps about three times
    faster than one paragraph that mixes the two styles, which long tables need.
    """
    main: list[Flowable] = [ReportParagraph(to_markup(text), style)]
    return main + [ReportParagraph(to_markup(n), CELL_NOTE) for n in notes if n]


def bullet(
    text: str, notes: Iterable[str] = (), style: ParagraphStyle = BULLET
) -> Paragraph:
    """Build a bulleted Paragraph of plain text with optional muted notes."""
    return ReportParagraph(_stacked(text, notes), style, bulletText="\u2022")
