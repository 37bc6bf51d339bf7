"""Layout of a fishbone (Ishikawa) diagram of causes grouped by category.

The head (the problem) sits on the right end of a horizontal spine. Category
ribs alternate above and below the spine, each slanting away from the head
to its category box, and causes hang left of their rib on short horizontal
branches, with optional sub-causes stacked under them. Each rib owns a
column as wide as its own boxes need and every side's ribs share one length,
the longest stack of that side, so no two boxes overlap for any number or
length of causes.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..enums import FactorStatus
from .fishbone_ribs import RibLayout, lay_out_rib
from .geometry import Box, BoxKind, Diagram, Edge, EdgeKind, Measure, framed
from .text import TextStyle, text_box

# The text width of an A4 portrait page with 18 mm margins is about 493 pt.
PAGE_WIDTH = 480.0


@dataclass(frozen=True)
class Cause:
    """A cause on a rib. `id` is the record it shows, such as a factor's id."""

    id: str
    text: str
    status: FactorStatus = FactorStatus.SUPPORTED
    subcauses: tuple["Cause", ...] = ()


@dataclass(frozen=True)
class Rib:
    category: str
    causes: tuple[Cause, ...] = ()


@dataclass(frozen=True)
class FishboneStyle:
    font_size: float = 7.0
    head_width: float = 96.0
    max_width: float = PAGE_WIDTH
    min_cause_width: float = 70.0
    max_cause_width: float = 130.0
    slope: float = 0.12
    max_slant: float = 28.0
    branch: float = 6.0
    item_gap: float = 5.0
    column_gap: float = 10.0
    spine_pad: float = 8.0
    margin: float = 4.0
    collapsed: frozenset[str] = field(default_factory=frozenset)


def fishbone_diagram(
    head: str,
    ribs: Sequence[Rib],
    measure: Measure,
    style: FishboneStyle = FishboneStyle(),
) -> Diagram:
    """Lay out a fishbone; ribs in `style.collapsed` show only a count of causes."""
    cause_width = _cause_width(len(ribs), style)
    head_box = text_box(
        "head",
        BoxKind.HEAD,
        head,
        measure,
        TextStyle(style.font_size + 1, style.head_width, padding=4, max_lines=16),
    )
    sides = (list(ribs[0::2]), list(ribs[1::2]))
    layouts = [
        [lay_out_rib(rib, top, measure, cause_width, style) for rib in side]
        for top, side in zip((True, False), sides, strict=True)
    ]
    for side in layouts:
        _stretch(side)

    boxes: list[Box] = []
    edges: list[Edge] = []
    right_end = 0.0
    for side in layouts:
        right_end = max(right_end, _place_side(side, boxes, edges))

    head_box = head_box.at(right_end + style.column_gap, -head_box.height / 2)
    spine_start = min((b.x for b in boxes), default=head_box.x - style.column_gap)
    edges.insert(0, Edge(((spine_start, 0.0), (head_box.x, 0.0)), EdgeKind.SPINE))
    return framed([head_box, *boxes], edges, [], style.margin)


def _cause_width(rib_count: int, style: FishboneStyle) -> float:
    """Return a cause box width that lets one side's columns fit `max_width`."""
    columns = max((rib_count + 1) // 2, 1)
    fixed = style.head_width + style.column_gap + 2 * style.margin
    per_column = style.max_slant + style.branch + style.column_gap
    width = (style.max_width - fixed) / columns - per_column
    return min(max(width, style.min_cause_width), style.max_cause_width)


def _stretch(side: list[RibLayout]) -> None:
    """Give every rib of a side the length of the side's longest rib."""
    length = max((rib.length for rib in side), default=0.0)
    for rib in side:
        rib.length = length


def _place_side(side: list[RibLayout], boxes: list[Box], edges: list[Edge]) -> float:
    """Place a side's ribs left to right; return the right end of the last column."""
    cursor = 0.0
    for rib in side:
        rib_boxes, rib_edges, left, right = rib.build()
        join = cursor + left
        boxes.extend(b.moved(join, 0.0) for b in rib_boxes)
        edges.extend(e.moved(join, 0.0) for e in rib_edges)
        cursor = join + right + rib.style.column_gap
    return cursor - (side[-1].style.column_gap if side else 0.0)
