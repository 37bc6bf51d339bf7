"""One fishbone rib: its category box, its causes and their branches.

A rib is laid out in its own frame, where the rib meets the spine at (0, 0)
and y grows downwards, so a rib above the spine has negative y. Distances
along the rib are measured from the spine. Each cause item (a cause and its
sub-causes) is pushed left until its whole height clears the slanted rib.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..enums import FactorStatus
from .geometry import Box, BoxKind, Edge, EdgeKind, Measure
from .text import TextStyle, text_box

if TYPE_CHECKING:
    from .fishbone import Cause, FishboneStyle, Rib

MIN_LENGTH = 24.0
SUB_INDENT = 8.0


@dataclass
class CauseItem:
    cause: Box
    subcauses: list[Box]
    gap: float

    @property
    def height(self) -> float:
        return self.cause.height + sum(b.height + self.gap for b in self.subcauses)


@dataclass
class RibLayout:
    """A rib's measured boxes; `length` may be raised before `build` places them."""

    category: Box
    items: list[CauseItem]
    top: bool
    style: "FishboneStyle"
    length: float = field(default=0.0)

    def build(self) -> tuple[list[Box], list[Edge], float, float]:
        """Place the rib; return boxes, edges and the extents left and right of 0."""
        length = max(self.length, MIN_LENGTH)
        slant = min(self.style.slope * length, self.style.max_slant)
        ratio = slant / length
        sign = -1.0 if self.top else 1.0

        boxes: list[Box] = []
        edges = [Edge(((0.0, 0.0), (-slant, sign * length)), EdgeKind.RIB)]
        for item, top_y in zip(self.items, self._item_tops(length), strict=True):
            far = max(abs(top_y), abs(top_y + item.height))
            right = -ratio * far - self.style.branch
            _place_item(item, right, top_y, ratio, boxes, edges)

        category = self.category
        y = -length - category.height if self.top else length
        boxes.append(category.at(-slant - category.width / 2, y))

        left = -min(b.x for b in boxes)
        right_extent = max(0.0, max(b.right for b in boxes))
        return boxes, edges, left, right_extent

    def _item_tops(self, length: float) -> list[float]:
        """Spread the items evenly over the rib; return each item's top y."""
        style = self.style
        heights = [item.height for item in self.items]
        used = sum(heights) + style.item_gap * max(len(heights) - 1, 0)
        room = length - style.spine_pad - style.item_gap
        step = max(room - used, 0.0) / (len(heights) + 1)

        tops: list[float] = []
        if self.top:
            distance = length - style.item_gap - step
            for height in heights:
                tops.append(-distance)
                distance -= height + style.item_gap + step
        else:
            distance = style.spine_pad + step
            for height in heights:
                tops.append(distance)
                distance += height + style.item_gap + step
        return tops


def _place_item(
    item: CauseItem,
    right: float,
    top_y: float,
    ratio: float,
    boxes: list[Box],
    edges: list[Edge],
) -> None:
    cause = item.cause.at(right - item.cause.width, top_y)
    boxes.append(cause)
    rib_x = -ratio * abs(cause.centre_y)
    edges.append(
        Edge(((cause.right, cause.centre_y), (rib_x, cause.centre_y)), EdgeKind.BRANCH)
    )
    if not item.subcauses:
        return

    trunk = cause.right - SUB_INDENT / 2
    y = cause.bottom + item.gap
    for sub in item.subcauses:
        placed = sub.at(cause.right - SUB_INDENT - sub.width, y)
        boxes.append(placed)
        edges.append(Edge(((placed.right, placed.centre_y), (trunk, placed.centre_y))))
        y = placed.bottom + item.gap
    edges.append(Edge(((trunk, cause.bottom), (trunk, boxes[-1].centre_y))))


def lay_out_rib(
    rib: "Rib", top: bool, measure: Measure, width: float, style: "FishboneStyle"
) -> RibLayout:
    """Measure a rib's boxes and the rib length their stack needs."""
    collapsed = rib.category in style.collapsed
    count = _cause_count(rib.causes)
    extra = (f"{count} cause{'' if count == 1 else 's'} hidden",) if collapsed else ()
    category = text_box(
        f"category:{rib.category}",
        BoxKind.CATEGORY,
        rib.category or "Uncategorised",
        measure,
        TextStyle(style.font_size + 0.5, width, padding=3, max_lines=4),
        extra_lines=extra,
        collapsed=collapsed,
    )
    items = [] if collapsed else [_item(c, measure, width, style) for c in rib.causes]
    layout = RibLayout(category=category, items=items, top=top, style=style)

    used = sum(item.height + style.item_gap for item in items)
    layout.length = style.spine_pad + used + style.item_gap
    return layout


def _cause_count(causes: "tuple[Cause, ...]") -> int:
    return sum(1 + _cause_count(c.subcauses) for c in causes)


def _item(
    cause: "Cause", measure: Measure, width: float, style: "FishboneStyle"
) -> CauseItem:
    main = _cause_box(cause, BoxKind.CAUSE, measure, TextStyle(style.font_size, width))
    sub_style = TextStyle(style.font_size - 0.5, width - SUB_INDENT)
    subs = [
        _cause_box(sub, BoxKind.SUBCAUSE, measure, sub_style) for sub in cause.subcauses
    ]
    return CauseItem(cause=main, subcauses=subs, gap=style.item_gap / 2)


def _cause_box(
    cause: "Cause", kind: BoxKind, measure: Measure, style: TextStyle
) -> Box:
    return text_box(
        cause.id,
        kind,
        cause.text,
        measure,
        style,
        ref=cause.id,
        dashed=cause.status is FactorStatus.HYPOTHESIS,
        struck=cause.status is FactorStatus.REFUTED,
    )
