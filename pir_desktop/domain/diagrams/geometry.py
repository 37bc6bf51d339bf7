"""Diagram geometry shared by the screen and the PDF renderers.

Coordinates are in points with the origin at the top left and y growing
downwards, as on screen. The PDF renderer flips y itself. Every text line
keeps the width it was measured at, so renderers place text without measuring.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

# Return the advance width in points of a text set in the diagram font at a size.
Measure = Callable[[str, float], float]

# Line spacing as a multiple of the font size.
LEADING = 1.2
# Vertical metrics of DejaVu Sans as fractions of the font size (hhea table).
ASCENT = 0.928
DESCENT = 0.236


class BoxKind(StrEnum):
    PROBLEM = "problem"
    ANSWER = "answer"
    HEAD = "head"
    CATEGORY = "category"
    CAUSE = "cause"
    SUBCAUSE = "subcause"
    GATE_AND = "gate-and"
    GATE_OR = "gate-or"
    GATE_VOTE = "gate-vote"
    GATE_NOT = "gate-not"
    GATE_XOR = "gate-xor"
    GATE_INHIBIT = "gate-inhibit"
    EVENT_BASIC = "event-basic"
    EVENT_UNDEVELOPED = "event-undeveloped"
    EVENT_HOUSE = "event-house"


class EdgeKind(StrEnum):
    LINK = "link"
    SPINE = "spine"
    RIB = "rib"
    BRANCH = "branch"


@dataclass(frozen=True)
class Box:
    """A labelled box of a diagram.

    `id` is unique within the diagram. `ref` is the id of the record the box
    shows (a why node, a factor, a fault-tree node), or empty. A fault-tree
    box keeps a band of `symbol_height` at its bottom for the gate or event
    symbol, below its text.
    """

    id: str
    kind: BoxKind
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    line_widths: tuple[float, ...]
    font_size: float
    padding: float
    title: str = ""
    ref: str = ""
    dashed: bool = False
    struck: bool = False
    collapsed: bool = False
    transfer: bool = False
    observed: bool = False
    symbol_height: float = 0.0
    note: str = ""

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre_x(self) -> float:
        return self.x + self.width / 2

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2

    @property
    def text_height(self) -> float:
        """The height of the text part, above any symbol band."""
        return self.height - self.symbol_height

    def moved(self, dx: float, dy: float) -> "Box":
        return replace(self, x=self.x + dx, y=self.y + dy)

    def at(self, x: float, y: float) -> "Box":
        return replace(self, x=x, y=y)


@dataclass(frozen=True)
class Edge:
    """A polyline between boxes or along a fishbone's spine and ribs."""

    points: tuple[tuple[float, float], ...]
    kind: EdgeKind = EdgeKind.LINK
    dashed: bool = False

    def moved(self, dx: float, dy: float) -> "Edge":
        return replace(self, points=tuple((x + dx, y + dy) for x, y in self.points))


@dataclass(frozen=True)
class Label:
    """A free text line: `x` is its left end and `baseline` its baseline."""

    text: str
    x: float
    baseline: float
    width: float
    font_size: float

    def moved(self, dx: float, dy: float) -> "Label":
        return replace(self, x=self.x + dx, baseline=self.baseline + dy)


@dataclass(frozen=True)
class Diagram:
    """A laid-out diagram: every box, edge and label lies within its bounds."""

    width: float
    height: float
    boxes: tuple[Box, ...] = ()
    edges: tuple[Edge, ...] = ()
    labels: tuple[Label, ...] = field(default=())

    def box(self, box_id: str) -> Box:
        """Return the box with this id; raise KeyError when there is none."""
        for box in self.boxes:
            if box.id == box_id:
                return box
        raise KeyError(box_id)


@dataclass(frozen=True)
class PlacedLine:
    """A text line of a box at its final place: left end, baseline and width."""

    text: str
    x: float
    baseline: float
    width: float
    font_size: float


def line_height(font_size: float) -> float:
    return font_size * LEADING


def placed_lines(box: Box) -> list[PlacedLine]:
    """Place a box's lines centred horizontally and stacked from its top."""
    leading = line_height(box.font_size)
    block = leading * len(box.lines)
    top = box.y + (box.text_height - block) / 2
    # Centre the glyphs' ascent-to-descent span inside each line's leading.
    offset = (leading - (ASCENT + DESCENT) * box.font_size) / 2
    offset += ASCENT * box.font_size
    return [
        PlacedLine(
            text=text,
            x=box.centre_x - width / 2,
            baseline=top + index * leading + offset,
            width=width,
            font_size=box.font_size,
        )
        for index, (text, width) in enumerate(
            zip(box.lines, box.line_widths, strict=True)
        )
    ]


def strike_y(line: PlacedLine) -> float:
    """Return the height of a strike-through line, near the middle of an "x"."""
    return line.baseline - 0.3 * line.font_size


def boxes_overlap(first: Box, second: Box, gap: float = 0.0) -> bool:
    """Return whether two boxes, each grown by gap / 2, share any area."""
    return (
        first.x < second.right + gap
        and second.x < first.right + gap
        and first.y < second.bottom + gap
        and second.y < first.bottom + gap
    )


def bounds(boxes: tuple[Box, ...] | list[Box]) -> tuple[float, float, float, float]:
    """Return (left, top, right, bottom) around boxes, or zeros when there are none."""
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b.x for b in boxes),
        min(b.y for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )


def framed(
    boxes: list[Box], edges: list[Edge], labels: list[Label], margin: float
) -> Diagram:
    """Move everything so that it starts at `margin` and size the diagram to fit."""
    xs = [b.x for b in boxes] + [b.right for b in boxes]
    ys = [b.y for b in boxes] + [b.bottom for b in boxes]
    for edge in edges:
        xs.extend(x for x, _ in edge.points)
        ys.extend(y for _, y in edge.points)
    for label in labels:
        xs.extend((label.x, label.x + label.width))
        ys.extend((label.baseline - label.font_size, label.baseline + label.font_size))
    if not xs:
        return Diagram(width=2 * margin, height=2 * margin)

    dx, dy = margin - min(xs), margin - min(ys)
    return Diagram(
        width=max(xs) - min(xs) + 2 * margin,
        height=max(ys) - min(ys) + 2 * margin,
        boxes=tuple(b.moved(dx, dy) for b in boxes),
        edges=tuple(e.moved(dx, dy) for e in edges),
        labels=tuple(label.moved(dx, dy) for label in labels),
    )
