"""Word wrapping by measured width, and text boxes sized to their wrapped text."""

import re
from dataclasses import dataclass
from typing import Any

from .geometry import Box, BoxKind, Measure, line_height


@dataclass(frozen=True)
class TextStyle:
    """Text settings of a kind of box: font size, wrap width and padding."""

    font_size: float
    max_width: float
    padding: float = 3.0
    min_width: float = 0.0
    max_lines: int = 12


ELLIPSIS = "\u2026"
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_]-)(?=\w)")


def wrap_text(text: str, measure: Measure, size: float, max_width: float) -> list[str]:
    """Break text into lines no wider than max_width, at spaces where possible.

    A word wider than max_width on its own is broken between characters.
    Line breaks in the text are kept. Empty text gives one empty line.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_paragraph(paragraph.split(), measure, size, max_width))
    return lines or [""]


def _wrap_paragraph(
    words: list[str], measure: Measure, size: float, max_width: float
) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        # A hyphenated word may break after any of its hyphens.
        for index, piece in enumerate(_HYPHEN_BREAK.split(word)):
            joiner = " " if index == 0 and current else ""
            candidate = current + joiner + piece
            if measure(candidate, size) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            pieces = _break_word(piece, measure, size, max_width)
            lines.extend(pieces[:-1])
            current = pieces[-1]
    return [*lines, current] if current or not lines else lines


def _break_word(
    word: str, measure: Measure, size: float, max_width: float
) -> list[str]:
    """Split one word into pieces that fit; a piece holds at least one character."""
    pieces: list[str] = []
    current = ""
    for character in word:
        if current and measure(current + character, size) > max_width:
            pieces.append(current)
            current = ""
        current += character
    return [*pieces, current]


def limit_lines(
    lines: list[str], measure: Measure, size: float, max_width: float, max_lines: int
) -> list[str]:
    """Keep at most max_lines lines, ending the last kept one with an ellipsis."""
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and measure(last + ELLIPSIS, size) > max_width:
        last = last[:-1]
    return [*lines[: max_lines - 1], last.rstrip() + ELLIPSIS]


def text_box(
    box_id: str,
    kind: BoxKind,
    text: str,
    measure: Measure,
    style: TextStyle,
    *,
    extra_lines: tuple[str, ...] = (),
    **flags: Any,
) -> Box:
    """Build a box at the origin, sized to fit its wrapped text and padding.

    Text beyond `style.max_lines` lines is cut with an ellipsis; the box's
    `title` keeps the full text. `extra_lines` are appended after wrapping.
    """
    size = style.font_size
    inner = style.max_width - 2 * style.padding
    lines = wrap_text(text, measure, size, inner)
    lines = limit_lines(lines, measure, size, inner, style.max_lines)
    lines += [
        piece
        for extra in extra_lines
        for piece in wrap_text(extra, measure, size, inner)
    ]
    widths = tuple(measure(line, size) for line in lines)

    symbol_height = flags.get("symbol_height", 0.0)
    width = max(max(widths, default=0.0) + 2 * style.padding, style.min_width)
    height = len(lines) * line_height(size) + 2 * style.padding + symbol_height
    return Box(
        id=box_id,
        kind=kind,
        x=0.0,
        y=0.0,
        width=width,
        height=height,
        lines=tuple(lines),
        line_widths=widths,
        font_size=size,
        padding=style.padding,
        title=text,
        **flags,
    )
