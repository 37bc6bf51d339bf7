"""Make any string printable with the bundled fonts.

Three steps run on every line of user text before it is escaped:

1. Lines with Arabic letters are reshaped, so the letters take their joined
   presentation forms. A line drawn in one piece (the running header, a chart
   or diagram label) is also put in visual order with the Unicode
   bidirectional algorithm, because ReportLab draws characters left to right
   as they come. Paragraph text stays in logical order until its lines are
   broken (see direction.py).
2. Each character goes to the first font that has a glyph for it: DejaVu Sans,
   then the CJK font.
3. A character that no bundled font has, such as emoji, becomes a visible
   substitute like "[U+1F600]" and is recorded in the active substitution log,
   so the renderer can warn about it.
"""

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from arabic_reshaper import ArabicReshaper
from bidi import get_display

from .fonts import CJK, REGULAR, code_points

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan and the presentation forms.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Invisible joiners and emoji variation selectors, dropped when no font has them.
_INVISIBLE = frozenset({0x200C, 0x200D, 0xFE0E, 0xFE0F})

# Diacritics (harakat) are kept: they are part of the text.
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})

_log: ContextVar[Counter[str] | None] = ContextVar("substitutions", default=None)

Run = tuple[str, str]


@contextmanager
def substitution_log() -> Iterator[Counter[str]]:
    """Count the characters substituted while the block runs, in this context."""
    counter: Counter[str] = Counter()
    token = _log.set(counter)
    try:
        yield counter
    finally:
        _log.reset(token)


def substitute(char: str, record: bool = True) -> str:
    """Return the visible substitute for a character without a glyph.

    With record true, the character is counted in the active substitution log.
    """
    counter = _log.get()
    if record and counter is not None:
        counter[char] += 1
    return f"[U+{ord(char):04X}]"


def has_right_to_left(text: str) -> bool:
    """Return whether text contains a Hebrew, Arabic or other right-to-left letter."""
    return _RIGHT_TO_LEFT.search(text) is not None


def shaped(line: str) -> str:
    """Reshape the Arabic letters of one line, keeping its logical order."""
    return _RESHAPER.reshape(line) if has_right_to_left(line) else line


def visual_order(line: str) -> str:
    """Reshape and reorder one line that contains right-to-left letters."""
    if not has_right_to_left(line):
        return line
    return get_display(_RESHAPER.reshape(line))


def font_runs(line: str, visual: bool = True, record: bool = True) -> list[Run]:
    """Split one line into (font name, text) runs that the fonts can draw.

    The runs are in visual order, or with visual=False in logical order for a
    paragraph that reorders its lines after breaking them. With record false,
    substituted characters are not counted, as when text is only measured.
    """
    if line.isascii():
        return [(REGULAR, line)] if line else []
    base, fallback = _coverage()
    runs: list[Run] = []
    for char in visual_order(line) if visual else shaped(line):
        point = ord(char)
        if point in base or char == " ":
            font, text = REGULAR, char
        elif point in fallback:
            font, text = CJK, char
        elif point in _INVISIBLE:
            continue
        else:
            font, text = REGULAR, substitute(char, record)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + text)
        else:
            runs.append((font, text))
    return runs


@cache
def _coverage() -> tuple[frozenset[int], frozenset[int]]:
    """Return the code points that each font may draw.

    NOTE: characters beyond U+FFFF, such as the emoji that DejaVu Sans has,
    count as missing. ReportLab 5.1 writes their ToUnicode entries as odd-length
    hex strings, so PDF readers cannot extract them and poppler reports errors.
    """
    return _basic_plane(code_points(REGULAR)), _basic_plane(code_points(CJK))


def _basic_plane(points: frozenset[int]) -> frozenset[int]:
    return frozenset(p for p in points if p <= 0xFFFF)
