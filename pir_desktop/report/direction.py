"""Right-to-left paragraphs, line-broken in logical order and drawn in visual order.

The Unicode bidirectional algorithm (UAX #9) reorders text line by line, after
line breaking. Reordering a whole paragraph first and then breaking it puts
its last words on the first line. ReportLab 5.1 reorders lines itself
(ParagraphStyle wordWrap="RTL") only when the optional rlbidi package is
importable, and this project does not depend on it. So ReportParagraph breaks
lines in logical order, and just before drawing, each line goes through
python-bidi's get_display with the paragraph's base direction.
"""

from functools import lru_cache
from typing import Any, Literal

from bidi import get_base_level, get_display
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from .glyphs import has_right_to_left

Direction = Literal["L", "R"]


def paragraph_direction(frags: list[Any]) -> Direction | None:
    """Return a paragraph's base direction, or None when it has no RTL letters.

    The first strong letter decides (UAX #9 rules P2 and P3).
    """
    text = "".join(getattr(frag, "text", "") for frag in frags)
    if not has_right_to_left(text):
        return None
    return "R" if get_base_level(text) == 1 else "L"


def aligned_style(style: ParagraphStyle, direction: Direction | None) -> ParagraphStyle:
    """Return the style right-aligned for a right-to-left paragraph.

    Centred and justified styles are kept.
    """
    if direction != "R" or style.alignment != TA_LEFT:
        return style
    return _right_aligned(style)


@lru_cache(maxsize=256)
def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    return style.clone(f"{style.name}RightToLeft", alignment=TA_RIGHT)


def visual_lines(lines: Any, direction: Direction) -> Any:
    """Return a copy of a paragraph's broken lines with each line in visual order.

    lines is the blPara of a wrapped Paragraph: kind 0 contains (extra space,
    words) pairs of one style, and kind 1 contains FragLines of styled fragments.
    Reordering keeps each line's characters, so its width is unchanged.
    """
    # NOTE: levels are resolved per line, not per paragraph as UAX #9
    # specifies, so a digit or neutral character at the edge of a line may
    # take another direction than it would in the whole paragraph.
    if lines.kind == 0:
        reordered = [
            (extra, _visual_words(words, direction)) for extra, words in lines.lines
        ]
    else:
        reordered = [_visual_fragments(line, direction) for line in lines.lines]
    return lines.clone(lines=reordered)


def _visual_words(words: list[str], direction: Direction) -> list[str]:
    line = " ".join(words)
    if not has_right_to_left(line):
        return words
    return get_display(line, base_dir=direction).split(" ")


def _visual_fragments(line: Any, direction: Direction) -> Any:
    """Reorder the fragments of one line, each a run of text in one style.

    NOTE: runs are placed right to left in a right-to-left paragraph, so two
    neighbouring left-to-right runs in different styles (such as Latin text
    beside a CJK run) swap places.
    """
    fragments = line.words
    if any(not hasattr(f, "text") or hasattr(f, "cbDefn") for f in fragments):
        return line
    if not any(has_right_to_left(f.text) for f in fragments):
        return line
    reordered = [
        f.clone(text=get_display(f.text, base_dir=direction)) for f in fragments
    ]
    if direction == "R":
        reordered.reverse()
    return line.clone(words=reordered)
