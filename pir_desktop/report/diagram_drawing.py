"""Vector drawing of diagram geometry, one tile at a time, for the PDF."""

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Path, PolyLine, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..domain.diagrams import (
    Box,
    Diagram,
    palette,
    placed_lines,
    strike_y,
    symbol_paths,
)
from ..domain.diagrams.symbols import Path as SymbolPath
from .fonts import REGULAR
from .labels import label_strings
from .styles import MUTED
from .tiles import Marker, Side, Tile

# Font size of the markers at the cut sides of a part, in points, unscaled.
MARKER_SIZE = 6.0
# Places tried on each side of an edge for a marker that covers no box.
MARKER_TRIES = 4
MARKER_TEXT = {
    Side.LEFT: "\u2190 continues on part {part}",
    Side.RIGHT: "continues on part {part} \u2192",
    Side.TOP: "\u2191 continues on part {part}",
    Side.BOTTOM: "\u2193 continues on part {part}",
}

# Left, bottom, right and top in a drawing's coordinates, y pointing up.
Rectangle = tuple[float, float, float, float]


def tile_drawing(
    diagram: Diagram, tile: Tile, scale: float, markers: Sequence[Marker] = ()
) -> Drawing:
    """Draw the part of a diagram inside a tile, scaled, with y pointing up.

    Markers are drawn unscaled, over the diagram, at the sides they name.
    """
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
    boxes = _drawn_boxes(diagram, tile, scale) if markers else []
    placed: list[Rectangle] = []
    for marker in markers:
        for shape in _marker_shapes(marker, tile, scale, drawing, boxes, placed):
            drawing.add(shape)
    return drawing


def _marker_shapes(
    marker: Marker,
    tile: Tile,
    scale: float,
    drawing: Drawing,
    boxes: list[Rectangle],
    placed: list[Rectangle],
) -> list:
    """Return the shapes of a marker's text on a white background by its edge.

    The text goes on the nearest place beside the edge where it covers no box
    and no marker in `placed`, and that place is appended to `placed`. Where
    every place tried covers a box, it goes on the nearest place that covers
    no marker, and failing that on the nearest place.
    """
    text = MARKER_TEXT[marker.side].format(part=marker.part)
    width = stringWidth(text, REGULAR, MARKER_SIZE)
    height = 1.2 * MARKER_SIZE
    if marker.side in (Side.LEFT, Side.RIGHT):
        # The edge is taken as horizontal where it leaves a side.
        y = (tile.bottom - marker.position) * scale
        left = 1.0 if marker.side is Side.LEFT else drawing.width - width - 1
        places = [
            (left, y + shift)
            for step in range(MARKER_TRIES)
            for shift in (2 + step * height, -height - 1 - step * height)
        ]
    else:
        # The edge is taken as vertical where it leaves a side.
        x = (marker.position - tile.x) * scale
        bottom = drawing.height - height - 1 if marker.side is Side.TOP else 1.0
        places = [(x + 2, bottom), (x - width - 2, bottom)]
    places = [
        (
            min(max(x, 1.0), drawing.width - width - 1),
            min(max(y, 1.0), drawing.height - height - 1),
        )
        for x, y in places
    ]
    left, bottom = _free_place(places, width, height, boxes, placed)
    ground = Rect(
        left - 1,
        bottom,
        width + 2,
        height,
        fillColor=HexColor("#ffffff"),
        strokeWidth=0,
        strokeColor=None,
    )
    baseline = bottom + 0.25 * MARKER_SIZE
    label = String(
        left, baseline, text, fontName=REGULAR, fontSize=MARKER_SIZE, fillColor=MUTED
    )
    placed.append((left - 1, bottom, left + width + 1, bottom + height))
    return [ground, label]


def _free_place(
    places: list[tuple[float, float]],
    width: float,
    height: float,
    boxes: list[Rectangle],
    placed: list[Rectangle],
) -> tuple[float, float]:
    """Return the first place clear of boxes and markers, else of markers only."""
    for obstacles in (boxes + placed, placed):
        for x, y in places:
            area = (x, y, x + width, y + height)
            if not any(_overlap(area, other) for other in obstacles):
                return x, y
    return places[0]


def _drawn_boxes(diagram: Diagram, tile: Tile, scale: float) -> list[Rectangle]:
    """Return the boxes a tile draws as (left, bottom, right, top) in the drawing."""
    return [
        (
            (box.x - tile.x) * scale,
            (tile.bottom - box.bottom) * scale,
            (box.right - tile.x) * scale,
            (tile.bottom - box.y) * scale,
        )
        for box in diagram.boxes
        if tile.draws(box)
    ]


def _overlap(first: Rectangle, second: Rectangle) -> bool:
    return (
        first[0] < second[2]
        and second[0] < first[2]
        and first[1] < second[3]
        and second[1] < first[3]
    )


def _shapes(diagram: Diagram, tile: Tile, flip: float) -> list:
    shapes: list = []
    for edge in diagram.edges:
        if not tile.draws_edge(edge):
            continue
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
        if tile.draws(box):
            shapes.extend(_box_shapes(box, flip))
    for label in diagram.labels:
        shapes.extend(
            _string(
                label.text, label.x, flip - label.baseline, label.font_size, palette.INK
            )
        )
    return shapes


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
        shapes.extend(_string(line.text, line.x, baseline, line.font_size, colour))
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


def _string(text: str, x: float, y: float, size: float, colour: str) -> list[String]:
    # Layout breaks box text into lines first, so each line is reordered alone.
    # diagram_flowables records the characters without a glyph once per diagram.
    return label_strings(text, x, y, size, colour, record=False)


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
