"""A layered tree layout in which every subtree owns a band of the cross axis.

Depth runs along the main axis (left to right, or top to bottom), and each
depth gets a column (or row) as wide as its widest box. Siblings' subtrees
take consecutive, disjoint bands across it, and a parent is centred on its
first and last children. Boxes therefore never overlap: two boxes at the same
depth lie in disjoint bands and two at different depths in disjoint columns.
The result is less compact than a Reingold-Tilford layout, which lets
subtrees interleave, but it needs no contour bookkeeping.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from .geometry import Box, Edge, EdgeKind

# Band size of each item along the cross axis, keyed by the item's id().
Bands = dict[int, float]


class Direction(StrEnum):
    RIGHT = "right"
    DOWN = "down"


@dataclass
class TreeItem:
    """A box sized at the origin and the items below it, in display order."""

    box: Box
    children: list["TreeItem"] = field(default_factory=list)
    dashed_link: bool = False


@dataclass(frozen=True)
class Spacing:
    level_gap: float = 24.0
    sibling_gap: float = 8.0
    tree_gap: float = 16.0


def layout_forest(
    roots: list[TreeItem], direction: Direction, spacing: Spacing
) -> tuple[list[Box], list[Edge]]:
    """Place each root's tree in its own band and connect parents to children."""
    right = direction is Direction.RIGHT
    depths: dict[int, float] = {}
    for root in roots:
        _measure_depths(root, 0, depths, right)
    layout = _Layout(
        right=right,
        spacing=spacing,
        starts=_level_starts(depths, spacing.level_gap),
        bands=_band_sizes(roots, right, spacing),
    )

    cursor = 0.0
    for root in roots:
        _place(root, 0, cursor, layout)
        cursor += layout.bands[id(root)] + spacing.tree_gap

    edges: list[Edge] = []
    for root in roots:
        _connect(root, 0, layout, depths, edges)
    return list(layout.placed.values()), edges


@dataclass
class _Layout:
    right: bool
    spacing: Spacing
    starts: dict[int, float]
    bands: "Bands"
    placed: dict[int, Box] = field(default_factory=dict)


def _main(box: Box, right: bool) -> float:
    return box.width if right else box.height


def _cross(box: Box, right: bool) -> float:
    return box.height if right else box.width


def _measure_depths(item: TreeItem, depth: int, depths: dict, right: bool) -> None:
    stack = [(item, depth)]
    while stack:
        current, level = stack.pop()
        depths[level] = max(depths.get(level, 0.0), _main(current.box, right))
        stack.extend((child, level + 1) for child in current.children)


def _level_starts(depths: dict[int, float], gap: float) -> dict[int, float]:
    starts: dict[int, float] = {}
    position = 0.0
    for level in sorted(depths):
        starts[level] = position
        position += depths[level] + gap
    return starts


def _band_sizes(roots: list[TreeItem], right: bool, spacing: Spacing) -> Bands:
    """Return each item's band size, computed bottom-up without recursion."""
    order: list[TreeItem] = []
    stack = list(roots)
    while stack:
        current = stack.pop()
        order.append(current)
        stack.extend(current.children)

    bands: Bands = {}
    for current in reversed(order):
        span = _children_span(current, bands, spacing)
        bands[id(current)] = max(_cross(current.box, right), span)
    return bands


def _children_span(item: TreeItem, bands: Bands, spacing: Spacing) -> float:
    kids = [bands[id(child)] for child in item.children]
    return sum(kids) + spacing.sibling_gap * max(len(kids) - 1, 0)


def _place(
    item: TreeItem,
    depth: int,
    start: float,
    layout: "_Layout",
) -> None:
    """Place a subtree in the band that begins at `start`."""
    right = layout.right
    size = _cross(item.box, right)
    band = layout.bands[id(item)]
    child_span = _children_span(item, layout.bands, layout.spacing)

    child_start = start + (band - child_span) / 2
    first_centre = last_centre = start + band / 2
    for index, child in enumerate(item.children):
        _place(child, depth + 1, child_start, layout)
        centre = _centre(layout.placed[id(child)], right)
        if index == 0:
            first_centre = centre
        last_centre = centre
        child_start += layout.bands[id(child)] + layout.spacing.sibling_gap

    low = (first_centre + last_centre) / 2 - size / 2
    low = min(max(low, start), start + band - size)
    x, y = (layout.starts[depth], low) if right else (low, layout.starts[depth])
    layout.placed[id(item)] = item.box.at(x, y)


def _centre(box: Box, right: bool) -> float:
    return box.centre_y if right else box.centre_x


def _connect(
    item: TreeItem,
    depth: int,
    layout: _Layout,
    depths: dict[int, float],
    edges: list[Edge],
) -> None:
    """Add an elbow edge from every parent to each of its children."""
    gap = layout.spacing.level_gap
    stack = [(item, depth)]
    while stack:
        current, level = stack.pop()
        parent = layout.placed[id(current)]
        turn = layout.starts[level] + depths[level] + gap / 2
        for child in current.children:
            box = layout.placed[id(child)]
            edges.append(_elbow(parent, box, turn, layout.right, child.dashed_link))
            stack.append((child, level + 1))


def _elbow(parent: Box, child: Box, turn: float, right: bool, dashed: bool) -> Edge:
    if right:
        points = (
            (parent.right, parent.centre_y),
            (turn, parent.centre_y),
            (turn, child.centre_y),
            (child.x, child.centre_y),
        )
    else:
        points = (
            (parent.centre_x, parent.bottom),
            (parent.centre_x, turn),
            (child.centre_x, turn),
            (child.centre_x, child.y),
        )
    return Edge(points=points, kind=EdgeKind.LINK, dashed=dashed)
