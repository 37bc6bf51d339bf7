"""One-line labels of the chart and diagrams, measured and drawn with font fallback.

A label is split into runs of the bundled fonts as paragraphs are (see
glyphs.py), so CJK characters are set in WenQuanYi Micro Hei and characters
that no bundled font has print as "[U+XXXX]". Layouts measure labels with
`measure`, so their boxes fit the runs that `label_strings` draws.
"""

from collections.abc import Iterable

from reportlab.graphics.shapes import String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import REGULAR, register_fonts
from .glyphs import font_runs


def measure(text: str, size: float) -> float:
    """Return the width of one line as label_strings draws it, in points."""
    if text.isascii():
        register_fonts()
        return stringWidth(text, REGULAR, size)
    return sum(
        stringWidth(run, font, size)
        for font, run in font_runs(text, visual=False, record=False)
    )


def label_strings(
    text: str, x: float, y: float, size: float, colour: str, record: bool = True
) -> list[String]:
    """Return one String per font run to draw a line from x on baseline y.

    With record false, characters without a glyph are not counted in the
    substitution log, for a caller that records them once with `record_lines`.
    """
    strings = []
    for font, run in font_runs(text, record=record):
        strings.append(
            String(x, y, run, fontName=font, fontSize=size, fillColor=HexColor(colour))
        )
        x += stringWidth(run, font, size)
    return strings


def record_lines(lines: Iterable[str]) -> None:
    """Count the characters of lines that no bundled font has, once per line."""
    for line in lines:
        if not line.isascii():
            font_runs(line)
