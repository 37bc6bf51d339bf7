"""The report boundary for text: every string is escaped here, exactly once.

ReportLab paragraphs parse a small XML dialect, so a raw "<" or "&" in user
text would drop text or break the build. The functions below take plain
strings, escape them, and only then add the report's own markup. Nothing else
in the package builds a Paragraph from a string. On the way, each line is made
printable with the bundled fonts (see glyphs.py).
"""

import copy
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from .direction import Direction, aligned_style, paragraph_direction, visual_lines
from .fonts import REGULAR
from .glyphs import font_runs, has_right_to_left
from .styles import BULLET, CELL_NOTE, NOTE

# C0 control characters other than tab and line breaks, which a PDF cannot show.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Markup up to this many characters is parsed once and shared (see _parsed).
SHARED_MARKUP_LENGTH = 200

NOTE_MARKUP = '<font size="{size}" color="{color}">{text}</font>'


class ReportParagraph(Paragraph):
    """Paragraph that shares parsed markup and caches its line breaks per width.

    Short markup is parsed once per style (see _parsed). ReportLab's Table
    wraps every cell of the remaining rows again each time it splits at a page
    end, so without the kept line breaks a table of n pages breaks the lines
    of its last rows n times. Line breaking depends only on the width.
    """

    _wrapped: tuple[float, Any] | None = None
    # "R" or "L" when the text has right-to-left letters, else None.
    direction: Direction | None = None

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        bulletText: str | None = None,  # noqa: N803
        frags: list[Any] | None = None,
    ) -> None:
        # Paragraph.split passes the fragments of each part and no text. The
        # parts take the direction and the style of the paragraph they split.
        if frags is None and text is not None:
            parse = _parsed if len(text) <= SHARED_MARKUP_LENGTH else _parse
            text, frags = parse(text, style)
            if has_right_to_left(text):
                self.direction = paragraph_direction(frags)
                style = aligned_style(style, self.direction)
        super().__init__(text, style, bulletText, frags=frags)

    def split(self, availWidth: float, availHeight: float) -> list[Paragraph]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.direction = self.direction
        return parts

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802
        """Draw the lines, each in visual order when the text is right-to-left."""
        if self.direction is None:
            super().drawPara(debug)
            return
        logical = self.blPara
        self.blPara = visual_lines(logical, self.direction)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = logical

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            self.width, self.height, self.blPara, self._wrapWidths = self._wrapped[1]
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            state = (self.width, self.height, self.blPara, self._wrapWidths)
            self._wrapped = (availWidth, state)
        return size


def _parse(markup: str, style: ParagraphStyle) -> tuple[str, list[Any]]:
    """Parse paragraph markup as Paragraph does and return the text and fragments.

    Text without tags or entities parses to one fragment of the style, so it
    is a copy of that fragment with the text set, as ParaParser makes it.
    """
    cleaned = cleanBlockQuotedText(markup)
    if cleaned and "<" not in cleaned and "&" not in cleaned:
        fragment = copy.copy(_plain_fragment(style))
        fragment.text = cleaned
        fragments = [fragment]
        textTransformFrags(fragments, style)
        return cleaned, fragments
    return cleaned, _parse_markup(cleaned, style)


@lru_cache(maxsize=256)
def _plain_fragment(style: ParagraphStyle) -> Any:
    return _parse_markup("x", style)[0]


def _parse_markup(markup: str, style: ParagraphStyle) -> list[Any]:
    parser = ParaParser()
    parser.caseSensitive = 1
    _, frags, _ = parser.parse(markup, style)
    if frags is None:
        error = parser.errors[0] if parser.errors else "unknown error"
        raise ValueError(f"invalid paragraph markup ({error}): {markup[:30]!r}")
    textTransformFrags(frags, style)
    return frags


# Parsing takes most of the time of building a Paragraph, and a report repeats
# many short cell texts (event kinds, sources, empty cells). ReportLab 5.1
# breaks and draws lines from a Paragraph's fragments without changing their
# text or style, so paragraphs of the same markup and style (compared by
# identity) can share them. Long texts are rarely repeated and are parsed each
# time, which bounds the cache's memory.
_parsed = lru_cache(maxsize=2048)(_parse)


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
        for font, run in font_runs(line, visual=False)
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
