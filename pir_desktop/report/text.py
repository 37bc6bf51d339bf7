"""The report boundary for text: every string is escaped here, exactly once.

ReportLab paragraphs parse a small XML dialect, so a raw "<" or "&" in user
text would drop text or break the build. The functions below take plain
strings, escape them, and only then add the report's own markup. Nothing else
in the package builds a Paragraph from a string. On the way, each line is made
printable with the bundled fonts (see glyphs.py).
"""

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from .fonts import REGULAR
from .glyphs import font_runs
from .styles import BULLET, NOTE

# C0 control characters other than tab and line breaks, which a PDF cannot show.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

NOTE_MARKUP = '<font size="{size}" color="{color}">{text}</font>'


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
    return Paragraph(to_markup(text), style)


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
    return Paragraph(_stacked(text, notes, label), style)


def bullet(
    text: str, notes: Iterable[str] = (), style: ParagraphStyle = BULLET
) -> Paragraph:
    """Build a bulleted Paragraph of plain text with optional muted notes."""
    return Paragraph(_stacked(text, notes), style, bulletText="\u2022")
