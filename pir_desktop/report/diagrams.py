"""Vector drawings of diagram geometry for the PDF, split into page-sized tiles.

A diagram is scaled down to the frame width unless that would set its
smallest text below MIN_FONT_SIZE. Then it keeps that scale and is cut into
tiles, each one frame wide and at most one frame high, at gaps between boxes
where there are any. Each tile is clipped to its rectangle.
"""

import itertools
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Line, Path, PolyLine, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether

from ..domain.diagrams import (
    Box,
    Diagram,
    palette,
    placed_lines,
    strike_y,
    symbol_paths,
    why_tree_diagram,
)
from ..domain.diagrams.presets import record_ribs, review_fishbone
from ..domain.diagrams.symbols import Path as SymbolPath
from ..domain.fishbone_record import FishboneRecord
from ..domain.review import Review
from .fonts import REGULAR, register_fonts
from .glyphs import visual_order
from .styles import FRAME_WIDTH, H2, MARGIN_BOTTOM, MARGIN_TOP, NOTE, PAGE_SIZE
from .text import para

MIN_FONT_SIZE = 6.0
# SimpleDocTemplate's frame pads its content by 6 pt on every side.
FRAME_PADDING = 6.0
AVAILABLE_WIDTH = FRAME_WIDTH - 2 * FRAME_PADDING
AVAILABLE_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM - 2 * FRAME_PADDING
# Room kept on a tile's page for the caption above it and a heading.
CAPTION_ROOM = 48.0
FISHBONE_HEADING = "Fishbone"


def why_tree_flowables(review: Review) -> list[Flowable]:
    """Build the drawing of a review's why-tree, or nothing when it has none."""
    if not review.why_nodes:
        return []
    return diagram_flowables(
        why_tree_diagram(review.why_nodes, review.factors, measure)
    )


def fishbone_flowables(review: Review) -> list[Flowable]:
    """Build one subsection per stored fishbone, or one for the derived fishbone.

    The derived fishbone, printed when the review stores none, groups the
    factors under the security categories and needs at least one factor.
    Collapsed categories are printed expanded, because a reader of the PDF
    cannot expand them. Categories without causes are named below the
    drawing instead of drawn, because more than eight ribs are wider than
    the page and the diagram would be cut into parts.
    """
    if review.fishbones:
        return [
            flowable
            for record in review.fishbones
            for flowable in _fishbone_section(review, record)
        ]
    if not review.factors:
        return []
    return _fishbone_section(review, None)


def _fishbone_section(review: Review, record: FishboneRecord | None) -> list[Flowable]:
    heading = (
        FISHBONE_HEADING if record is None else f"{FISHBONE_HEADING}: {record.title}"
    )
    diagram = review_fishbone(review, record, measure, collapsed=(), show_empty=False)
    drawing = diagram_flowables(diagram)
    # The heading moves to the next page with the first part of the diagram.
    story: list[Flowable] = [
        KeepTogether([para(heading, H2), drawing[0]]),
        *drawing[1:],
    ]
    if record is not None:
        empty = [rib.category for rib in record_ribs(review, record) if not rib.causes]
        if empty:
            story.append(
                para("Categories without causes: " + ", ".join(empty) + ".", NOTE)
            )
    return story


def measure(text: str, size: float) -> float:
    """Return the width of text in the report's DejaVu Sans at a size, in points."""
    register_fonts()
    return stringWidth(text, REGULAR, size)


@dataclass(frozen=True)
class Tile:
    x: float
    y: float
    width: float
    height: float


class DiagramFlowable(Flowable):
    """One tile of a diagram, drawn as vector graphics clipped to the tile."""

    def __init__(self, diagram: Diagram, tile: Tile, scale: float) -> None:
        super().__init__()
        self.drawing = tile_drawing(diagram, tile, scale)
        self.width = self.drawing.width
        self.height = self.drawing.height

    def wrap(
        self, available_width: float, available_height: float
    ) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(0, 0, self.width, self.height)
        canvas.clipPath(clip, stroke=0, fill=0)
        renderPDF.draw(self.drawing, canvas, 0, 0)
        canvas.restoreState()


def diagram_flowables(
    diagram: Diagram,
    width: float = AVAILABLE_WIDTH,
    height: float = AVAILABLE_HEIGHT - CAPTION_ROOM,
) -> list[Flowable]:
    """Build the flowables that show a diagram: one drawing, or captioned tiles."""
    scale = fit_scale(diagram, width)
    tiles = split(diagram, width / scale, height / scale)
    if len(tiles) == 1:
        return [DiagramFlowable(diagram, tiles[0], scale)]

    story: list[Flowable] = []
    for number, tile in enumerate(tiles, start=1):
        caption = f"Diagram part {number} of {len(tiles)}"
        story.append(para(caption, NOTE))
        story.append(DiagramFlowable(diagram, tile, scale))
    return story


def fit_scale(diagram: Diagram, width: float) -> float:
    """Return the scale that fits the width, raised to keep text legible."""
    scale = min(1.0, width / diagram.width) if diagram.width else 1.0
    smallest = min((b.font_size for b in diagram.boxes), default=MIN_FONT_SIZE)
    return min(1.0, max(scale, MIN_FONT_SIZE / smallest))


def split(diagram: Diagram, tile_width: float, tile_height: float) -> list[Tile]:
    """Cut a diagram into tiles row by row, at gaps between boxes where possible."""
    columns = _cuts(diagram.width, tile_width, [(b.x, b.right) for b in diagram.boxes])
    rows = _cuts(diagram.height, tile_height, [(b.y, b.bottom) for b in diagram.boxes])
    return [
        Tile(left, top, right - left, bottom - top)
        for top, bottom in itertools.pairwise(rows)
        for left, right in itertools.pairwise(columns)
    ]


def _cuts(total: float, size: float, spans: list[tuple[float, float]]) -> list[float]:
    """Return cut positions from 0 to total, at most `size` apart."""
    ends = sorted({end + 1.0 for _, end in spans})
    cuts = [0.0]
    while total - cuts[-1] > size + 0.01:
        start = cuts[-1]
        limit = start + size
        free = [
            end
            for end in ends
            if start + size / 3 < end <= limit
            and not any(low < end < high for low, high in spans)
        ]
        cuts.append(max(free) if free else limit)
    return [*cuts, total]


def tile_drawing(diagram: Diagram, tile: Tile, scale: float) -> Drawing:
    """Draw the part of a diagram inside a tile, scaled, with y pointing up."""
    flip = diagram.height
    group = Group(*_shapes(diagram, tile, flip))
    group.transform = (
        scale,
        0,
        0,
        scale,
        -tile.x * scale,
        -(flip - tile.y - tile.height) * scale,
    )
    drawing = Drawing(tile.width * scale, tile.height * scale)
    # Without this, renderPDF starts each drawing by selecting Helvetica.
    drawing.initialFontName = REGULAR
    drawing.add(group)
    return drawing


def _shapes(diagram: Diagram, tile: Tile, flip: float) -> list:
    shapes: list = []
    for edge in diagram.edges:
        points = [coordinate for x, y in edge.points for coordinate in (x, flip - y)]
        shapes.append(
            PolyLine(
                points,
                strokeColor=HexColor(palette.edge_colour(edge)),
                strokeWidth=palette.edge_width(edge),
                strokeDashArray=list(palette.DASH) if edge.dashed else None,
            )
        )
    for box in diagram.boxes:
        if _touches(box, tile):
            shapes.extend(_box_shapes(box, flip))
    for label in diagram.labels:
        shapes.append(
            _string(
                label.text, label.x, flip - label.baseline, label.font_size, palette.INK
            )
        )
    return shapes


def _touches(box: Box, tile: Tile) -> bool:
    return (
        box.x < tile.x + tile.width
        and tile.x < box.right
        and box.y < tile.y + tile.height
        and tile.y < box.bottom
    )


def _box_shapes(box: Box, flip: float) -> list:
    stroke = HexColor(palette.box_stroke(box))
    shapes: list = [
        Rect(
            box.x,
            flip - box.y - box.text_height,
            box.width,
            box.text_height,
            rx=2,
            ry=2,
            fillColor=HexColor(palette.box_fill(box)),
            strokeColor=stroke,
            strokeWidth=palette.box_stroke_width(box),
            strokeDashArray=list(palette.DASH) if box.dashed else None,
        )
    ]
    colour = palette.text_colour(box)
    for line in placed_lines(box):
        baseline = flip - line.baseline
        shapes.append(_string(line.text, line.x, baseline, line.font_size, colour))
        if box.struck:
            y = flip - strike_y(line)
            shapes.append(
                Line(
                    line.x,
                    y,
                    line.x + line.width,
                    y,
                    strokeColor=HexColor(colour),
                    strokeWidth=0.6,
                )
            )
    shapes.extend(_symbol(path, flip, stroke) for path in symbol_paths(box))
    return shapes


def _string(text: str, x: float, y: float, size: float, colour: str) -> String:
    # Layout breaks box text into lines first, so each line is reordered alone.
    return String(
        x,
        y,
        visual_order(text),
        fontName=REGULAR,
        fontSize=size,
        fillColor=HexColor(colour),
    )


def _symbol(path: SymbolPath, flip: float, stroke) -> Path:
    closed = path[-1][0] == "Z"
    fill = HexColor("#ffffff") if closed else None
    shape = Path(strokeColor=stroke, strokeWidth=0.8, fillColor=fill)
    for operation, *values in path:
        numbers = [float(v) for v in values]
        if operation == "M":
            shape.moveTo(numbers[0], flip - numbers[1])
        elif operation == "L":
            shape.lineTo(numbers[0], flip - numbers[1])
        elif operation == "C":
            x1, y1, x2, y2, x, y = numbers
            shape.curveTo(x1, flip - y1, x2, flip - y2, x, flip - y)
        else:
            shape.closePath()
    return shape
