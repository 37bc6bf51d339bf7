"""A QGraphicsScene that draws a laid-out diagram, one selectable item per box.

Scene units are points, as in the layout and the PDF. Each box is one
top-level item whose children are its text, strike-through lines and symbol.
The box item stores the box id and the id of the record it shows. Two outline
items above the boxes mark the focused box and the target of a drag.
"""

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from ...domain.diagrams import (
    Box,
    Diagram,
    Edge,
    palette,
    placed_lines,
    strike_y,
    symbol_paths,
)
from ...domain.diagrams.symbols import Path
from .fonts import REFERENCE_PIXELS, ascent, diagram_font

BOX_ID_ROLE = 0
RECORD_ID_ROLE = 1
KIND_ROLE = 2
EDGE_Z = 0.0
BOX_Z = 1.0
OUTLINE_Z = 2.0
# Outlines are drawn with cosmetic pens, in pixels, so they stay visible at
# every zoom level. The gap between box and outline is in points.
FOCUS_COLOUR = "#1a73e8"
DROP_COLOUR = "#2e7d32"
OUTLINE_PIXELS = 3.0
OUTLINE_GAP = 2.5


class DiagramScene(QGraphicsScene):
    """The items of one diagram; rebuild the scene to show a new layout."""

    def __init__(self, diagram: Diagram, parent=None) -> None:
        super().__init__(parent)
        self.diagram = diagram
        self.setSceneRect(QRectF(0, 0, diagram.width, diagram.height))
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        for edge in diagram.edges:
            self.addItem(_edge_item(edge))
        for label in diagram.labels:
            self.addItem(
                _text_item(
                    label.text, label.x, label.baseline, label.font_size, palette.INK
                )
            )
        self._boxes = {box.id: _box_item(box) for box in diagram.boxes}
        for item in self._boxes.values():
            self.addItem(item)
        self.focus_outline = _outline_item(FOCUS_COLOUR, dashed=False)
        self.drop_outline = _outline_item(DROP_COLOUR, dashed=True)
        self.addItem(self.focus_outline)
        self.addItem(self.drop_outline)

    def box_items(self) -> dict[str, QGraphicsItem]:
        """Return the top-level item of every box, keyed by box id."""
        return dict(self._boxes)

    def box_item(self, box_id: str) -> QGraphicsItem | None:
        return self._boxes.get(box_id)

    def box_at(self, point: QPointF, skip: str = "") -> QGraphicsItem | None:
        """Return the topmost box item under a scene point, other than `skip`."""
        for item in self.items(point):
            while item is not None and not item.data(BOX_ID_ROLE):
                item = item.parentItem()
            if item is not None and item.data(BOX_ID_ROLE) != skip:
                return item
        return None

    def show_focus(self, box_id: str | None) -> None:
        """Draw the focus outline around a box, or hide it for None."""
        _place_outline(self.focus_outline, self._box_rect(box_id))

    def show_drop_target(self, box_id: str | None) -> None:
        """Draw the drop outline around a box, or hide it for None."""
        _place_outline(self.drop_outline, self._box_rect(box_id))

    def _box_rect(self, box_id: str | None) -> QRectF | None:
        if box_id is None or box_id not in self._boxes:
            return None
        box = self.diagram.box(box_id)
        return QRectF(box.x, box.y, box.width, box.height)

    def selected_ids(self) -> list[str]:
        """Return the record ids of the selected boxes, in scene order."""
        return [
            item.data(RECORD_ID_ROLE)
            for item in self.selectedItems()
            if item.data(RECORD_ID_ROLE)
        ]


def _pen(colour: str, width: float, dashed: bool = False) -> QPen:
    pen = QPen(QColor(colour), width)
    if dashed:
        # Qt counts dash lengths in pen widths; the palette gives points.
        pen.setDashPattern([length / width for length in palette.DASH])
    return pen


def _outline_item(colour: str, dashed: bool) -> QGraphicsPathItem:
    item = QGraphicsPathItem()
    pen = QPen(QColor(colour), OUTLINE_PIXELS)
    pen.setCosmetic(True)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    item.setPen(pen)
    if dashed:
        fill = QColor(colour)
        fill.setAlpha(40)
        item.setBrush(QBrush(fill))
    item.setZValue(OUTLINE_Z)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setVisible(False)
    return item


def _place_outline(item: QGraphicsPathItem, rect: QRectF | None) -> None:
    if rect is None:
        item.setVisible(False)
        return
    gap = OUTLINE_GAP
    path = QPainterPath()
    path.addRoundedRect(rect.adjusted(-gap, -gap, gap, gap), 3, 3)
    item.setPath(path)
    item.setVisible(True)


def _edge_item(edge: Edge) -> QGraphicsPathItem:
    path = QPainterPath(QPointF(*edge.points[0]))
    for point in edge.points[1:]:
        path.lineTo(QPointF(*point))
    item = QGraphicsPathItem(path)
    item.setPen(_pen(palette.edge_colour(edge), palette.edge_width(edge), edge.dashed))
    item.setZValue(EDGE_Z)
    return item


def _box_item(box: Box) -> QGraphicsPathItem:
    outline = QPainterPath()
    outline.addRoundedRect(QRectF(box.x, box.y, box.width, box.text_height), 2, 2)
    item = QGraphicsPathItem(outline)
    item.setPen(
        _pen(palette.box_stroke(box), palette.box_stroke_width(box), box.dashed)
    )
    item.setBrush(QBrush(QColor(palette.box_fill(box))))
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
    item.setZValue(BOX_Z)
    item.setData(BOX_ID_ROLE, box.id)
    item.setData(RECORD_ID_ROLE, box.ref)
    item.setData(KIND_ROLE, box.kind.value)
    item.setToolTip(box.title)

    colour = palette.text_colour(box)
    for line in placed_lines(box):
        text = _text_item(line.text, line.x, line.baseline, line.font_size, colour)
        text.setParentItem(item)
        if box.struck:
            y = strike_y(line)
            strike = QGraphicsLineItem(line.x, y, line.x + line.width, y, item)
            strike.setPen(_pen(colour, 0.6))
    for path in symbol_paths(box):
        symbol = QGraphicsPathItem(_painter_path(path), item)
        symbol.setPen(_pen(palette.box_stroke(box), 0.8))
        if path[-1][0] == "Z":
            symbol.setBrush(QBrush(QColor("#ffffff")))
    return item


def _text_item(
    text: str, x: float, baseline: float, size: float, colour: str
) -> QGraphicsSimpleTextItem:
    item = QGraphicsSimpleTextItem(text)
    item.setFont(diagram_font())
    item.setBrush(QBrush(QColor(colour)))
    item.setScale(size / REFERENCE_PIXELS)
    item.setPos(x, baseline - ascent(size))
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item


def _painter_path(path: Path) -> QPainterPath:
    result = QPainterPath()
    for operation, *values in path:
        numbers = [float(v) for v in values]
        if operation == "M":
            result.moveTo(numbers[0], numbers[1])
        elif operation == "L":
            result.lineTo(numbers[0], numbers[1])
        elif operation == "C":
            result.cubicTo(*numbers)
        else:
            result.closeSubpath()
    return result
