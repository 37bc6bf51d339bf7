"""Cutting a diagram that is too large for a page into page-sized parts.

A diagram is cut into columns and rows of even size where the gaps between
its boxes allow. A cut in a gap is preferred, but where a gap would leave the
parts much less even, as between the interleaved ribs of a wide fishbone,
the cut may cross boxes. Each crossed box is drawn whole in the part that
contains its centre, so that part reaches a little past the cut. Where an
edge crosses the side of a part, that part gets a marker naming the part the
edge continues on. All lengths are in diagram units (points before scaling),
y pointing down.
"""

import itertools
import math
from dataclasses import dataclass, field
from enum import StrEnum

from ..domain.diagrams import Box, Diagram, Edge

# Room kept clear around each box when looking for a gap to cut in.
CUT_CLEARANCE = 2.0
# A part narrower than this share of the maximum size is avoided when the
# gaps allow a wider one.
MIN_PART_SHARE = 0.25
# Cost of crossing a box with a cut, as a share of the maximum size. A cut
# that crosses no box may lie this much further from an even share.
CROSSING_COST = 0.1
# Room kept around the content of a part when it is trimmed to that content.
TRIM_MARGIN = 10.0
# Markers at one side of a part closer than this are drawn once.
MARKER_SPACING = 8.0

Span = tuple[float, float]
Point = tuple[float, float]
# Left, top, right and bottom of the region whose boxes a tile draws.
Region = tuple[float, float, float, float]
EVERYWHERE: Region = (-math.inf, -math.inf, math.inf, math.inf)


@dataclass(frozen=True)
class Band:
    """Extent of one part along one axis, both the stretch shown and the stretch owned.

    The part draws the boxes whose centres lie in owner_start..owner_end
    (the end excluded). The stretch shown covers those boxes whole.
    """

    start: float
    end: float
    owner_start: float
    owner_end: float


@dataclass(frozen=True)
class Tile:
    """Rectangle of a diagram, with the region whose boxes it draws."""

    x: float
    y: float
    width: float
    height: float
    owner: Region = field(default=EVERYWHERE)

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def owns(self, point: Point) -> bool:
        """Return whether a point lies in the region whose boxes the tile draws."""
        left, top, right, bottom = self.owner
        x, y = point
        return left <= x < right and top <= y < bottom

    def draws(self, box: Box) -> bool:
        return self.owns((box.centre_x, box.centre_y))

    def draws_edge(self, edge: Edge) -> bool:
        """Return whether an edge passes through the region the tile owns.

        An edge that only passes through the margin that the tile shows
        beyond that region, beside a box it draws whole, belongs to the part
        next to it and is left out.
        """
        left, top, right, bottom = self.owner
        owned = Tile(
            max(left, self.x),
            max(top, self.y),
            min(right, self.right) - max(left, self.x),
            min(bottom, self.bottom) - max(top, self.y),
        )
        return any(
            _clipped(start, end, owned) is not None
            for start, end in itertools.pairwise(edge.points)
        )


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    TOP = "top"
    BOTTOM = "bottom"


@dataclass(frozen=True)
class Marker:
    """Marker at a side of a tile for an edge that continues on another part.

    `position` is where the edge meets that side: a y for the left and right
    sides, an x for the top and bottom, in diagram units. `part` is the
    1-based number of the part the edge continues on.
    """

    side: Side
    position: float
    part: int


def split(diagram: Diagram, tile_width: float, tile_height: float) -> list[Tile]:
    """Cut a diagram into tiles row by row, leaving out tiles with nothing in them."""
    columns = bands(diagram.width, tile_width, _spans(diagram, across=True))
    rows = bands(diagram.height, tile_height, _spans(diagram, across=False))
    tiles = [
        Tile(
            column.start,
            row.start,
            column.end - column.start,
            row.end - row.start,
            (column.owner_start, row.owner_start, column.owner_end, row.owner_end),
        )
        for row in rows
        for column in columns
    ]
    nonempty_tiles = [tile for tile in tiles if _has_content(diagram, tile)]
    return nonempty_tiles or tiles[:1]


def _spans(diagram: Diagram, across: bool) -> list[Span]:
    """Return the extent of every box along one axis."""
    if across:
        return [(box.x, box.right) for box in diagram.boxes]
    return [(box.y, box.bottom) for box in diagram.boxes]


def bands(total: float, size: float, spans: list[Span]) -> list[Band]:
    """Cut 0..total into bands at most `size` long, each span whole in one band.

    A span crossed by a cut belongs to the band that contains its centre,
    which is widened to show it. Where every cut within reach would widen a
    band beyond `size`, the cut falls at `size` and the spans it crosses are
    clipped, which needs spans longer than about `size` / 4.
    """
    gaps = free_gaps(total, spans)
    found: list[Band] = []
    start, owner_start = 0.0, -math.inf
    while total - start > size + 0.01:
        cut = _cut(start, size, total, spans, gaps)
        crossed = [(low, high) for low, high in spans if low < cut < high]
        end = max([cut, *(high for low, high in crossed if low + high < 2 * cut)])
        following = min([cut, *(low for low, high in crossed if low + high >= 2 * cut)])
        found.append(Band(start, min(end, start + size), owner_start, cut))
        start = following if following > start else cut
        owner_start = cut
    found.append(Band(start, total, owner_start, math.inf))
    return found


def _cut(
    start: float, size: float, total: float, spans: list[Span], gaps: list[Span]
) -> float:
    """Return where the band from `start` ends.

    The cut is the position, in reach, nearest to the one that would share
    the rest evenly among the fewest bands, where each box it crosses counts
    as CROSSING_COST of `size` further away. Boxes crossed with their centres
    before the cut must end within reach.
    """
    remaining = total - start
    target = start + remaining / math.ceil(remaining / size)
    lowest = start + MIN_PART_SHARE * size
    limit = start + size

    candidates = [target]
    candidates += [min(max(target, low), high) for low, high in gaps]
    candidates += [
        position
        for low, high in spans
        for position in (low - CUT_CLEARANCE, high + CUT_CLEARANCE)
    ]
    best: tuple[float, float] | None = None
    for cut in candidates:
        if not lowest <= cut <= limit:
            continue
        crossed = [(low, high) for low, high in spans if low < cut < high]
        if any(high > limit for low, high in crossed if low + high < 2 * cut):
            continue
        cost = abs(cut - target) + CROSSING_COST * size * len(crossed)
        if best is None or cost < best[0]:
            best = (cost, cut)
    return limit if best is None else best[1]


def free_gaps(total: float, spans: list[Span]) -> list[Span]:
    """Return the stretches of 0..total that no span, grown by CUT_CLEARANCE, covers."""
    grown = sorted((low - CUT_CLEARANCE, high + CUT_CLEARANCE) for low, high in spans)
    gaps: list[Span] = []
    cursor = 0.0
    for low, high in grown:
        if low > cursor:
            gaps.append((cursor, low))
        cursor = max(cursor, high)
    if cursor < total:
        gaps.append((cursor, total))
    return gaps


def trimmed(diagram: Diagram, tile: Tile, margin: float = TRIM_MARGIN) -> Tile:
    """Shrink a tile to the boxes it draws and the edges inside it, plus a margin."""
    points = [
        point
        for start, end in _segments(diagram, tile)
        for point in _clipped(start, end, tile) or ()
    ]
    for box in diagram.boxes:
        if tile.draws(box):
            points += [(box.x, box.y), (box.right, box.bottom)]
    if not points:
        return tile
    left = max(tile.x, min(x for x, _ in points) - margin)
    top = max(tile.y, min(y for _, y in points) - margin)
    right = min(tile.right, max(x for x, _ in points) + margin)
    bottom = min(tile.bottom, max(y for _, y in points) + margin)
    return Tile(left, top, right - left, bottom - top, tile.owner)


def _segments(diagram: Diagram, tile: Tile) -> list[tuple[Point, Point]]:
    """Return the segments of the edges that a tile draws."""
    return [
        segment
        for edge in diagram.edges
        if tile.draws_edge(edge)
        for segment in itertools.pairwise(edge.points)
    ]


def _has_content(diagram: Diagram, tile: Tile) -> bool:
    if any(tile.draws(box) for box in diagram.boxes):
        return True
    return any(
        _clipped(start, end, tile) is not None
        for start, end in _segments(diagram, tile)
    )


def markers(diagram: Diagram, tiles: list[Tile], index: int) -> list[Marker]:
    """Return the markers of the tile at `index` for edges that cross its sides."""
    tile = tiles[index]
    found: list[Marker] = []
    for start, end in _segments(diagram, tile):
        for side, point, beyond in _crossings(start, end, tile):
            part = _part_at(tiles, beyond)
            if part is None or part == index:
                continue
            position = point[1] if side in (Side.LEFT, Side.RIGHT) else point[0]
            found.append(Marker(side, position, part + 1))
    return _spread(found)


def _crossings(start: Point, end: Point, tile: Tile) -> list[tuple[Side, Point, Point]]:
    """Return where a segment leaves a tile: the side, the point and a point beyond."""
    clipped = _clipped(start, end, tile)
    if clipped is None:
        return []
    found = []
    for inside, outside in ((clipped[0], start), (clipped[1], end)):
        if inside == outside:
            continue
        side = _side(inside, tile)
        if side is not None:
            found.append((side, inside, _step_beyond(inside, side)))
    return found


def _side(point: Point, tile: Tile) -> Side | None:
    x, y = point
    closeness = {
        Side.LEFT: abs(x - tile.x),
        Side.RIGHT: abs(x - tile.right),
        Side.TOP: abs(y - tile.y),
        Side.BOTTOM: abs(y - tile.bottom),
    }
    side = min(closeness, key=closeness.__getitem__)
    return side if closeness[side] < 1e-6 else None


def _step_beyond(point: Point, side: Side) -> Point:
    x, y = point
    step = 0.5
    offsets = {
        Side.LEFT: (-step, 0.0),
        Side.RIGHT: (step, 0.0),
        Side.TOP: (0.0, -step),
        Side.BOTTOM: (0.0, step),
    }
    dx, dy = offsets[side]
    return x + dx, y + dy


def _part_at(tiles: list[Tile], point: Point) -> int | None:
    for index, tile in enumerate(tiles):
        if tile.owns(point):
            return index
    return None


def _spread(found: list[Marker]) -> list[Marker]:
    """Keep one marker of each group that points to one part from nearby places."""
    spread: list[Marker] = []
    for marker in sorted(found, key=lambda m: (m.side, m.part, m.position)):
        previous = spread[-1] if spread else None
        if (
            previous is not None
            and previous.side == marker.side
            and previous.part == marker.part
            and marker.position - previous.position < MARKER_SPACING
        ):
            continue
        spread.append(marker)
    return spread


def _clipped(start: Point, end: Point, tile: Tile) -> tuple[Point, Point] | None:
    """Clip a segment to a tile with Liang-Barsky, or return None if it misses."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x0 - tile.x),
        (dx, tile.right - x0),
        (-dy, y0 - tile.y),
        (dy, tile.bottom - y0),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        ratio = q / p
        if p < 0:
            low = max(low, ratio)
        else:
            high = min(high, ratio)
        if low > high:
            return None
    return (
        (x0 + low * dx, y0 + low * dy),
        (x0 + high * dx, y0 + high * dy),
    )
