"""Every event marker of the timeline chart, drawn by one graphics item.

One item per event would cost a Qt object, a polygon and a pen for each of
50,000 events. This item keeps the layout's marker boxes, indexes them in
vertical strips, and paints only the markers in the exposed rectangle. Markers
of one lane and style often round to the same device pixels, as when a day of
events is zoomed out to a few pixels. Of such a run the item paints only the
first marker, because the others round to the same device x and width. That
changes antialiased edges only, except where many markers fall on each
pixel. There a bar shows the markers' fill instead of the darker mesh that
their overlapping outlines would draw.
"""

from collections.abc import Iterator, Sequence
from itertools import chain
from uuid import UUID

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...domain import timeline_chart as chart

# Vertical strips of the marker index across the chart's width.
STRIPS = 512
# Room around the boxes for the widest outline pen, in points.
PEN_MARGIN = 1.0


class MarkerLayer(QGraphicsItem):
    """Graphics item for the markers of one laid-out chart and the selected one."""

    def __init__(
        self, markers: Sequence[chart.Marker], parent: QGraphicsItem | None = None
    ) -> None:
        super().__init__(parent)
        self.markers = markers
        self.selected_id: UUID | None = None
        # If False, every marker in the exposed rectangle is painted, even one
        # that rounds to the same device pixels as the marker before it.
        self.skip_repaints = True
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._bounds = _bounds(markers)
        left, width = self._bounds.left(), max(self._bounds.width(), 1.0)
        self._left, self._strip_width = left, width / STRIPS
        self._strips: list[list[int]] = [[] for _ in range(STRIPS)]
        for index, marker in enumerate(markers):
            first, last = self._strip(marker.x), self._strip(marker.right)
            for strip in range(first, last + 1):
                self._strips[strip].append(index)
        self._brushes: dict[tuple[str, bool], QBrush] = {}
        self._pens = {
            decision: QPen(QColor(chart.INK), 1.2 if decision else 0.4)
            for decision in (False, True)
        }

    def _strip(self, x: float) -> int:
        strip = int((x - self._left) / self._strip_width)
        return min(max(strip, 0), STRIPS - 1)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        # Hit tests go through marker_at, so items under the layer, such as
        # milestone lines, stay reachable with QGraphicsView.itemAt.
        return QPainterPath()

    def marker_ids(self) -> list[UUID]:
        return [marker.event_id for marker in self.markers]

    def marker_rect(self, event_id: UUID) -> QRectF | None:
        """Return the box of an event's marker in scene points, or None."""
        marker = self._find(event_id)
        if marker is None:
            return None
        return QRectF(marker.x, marker.y, marker.width, marker.height)

    def _find(self, event_id: UUID | None) -> chart.Marker | None:
        return next((m for m in self.markers if m.event_id == event_id), None)

    def marker_at(self, point: QPointF) -> UUID | None:
        """Return the event id of the topmost marker at a scene point, or None."""
        x, y = point.x(), point.y()
        if not self._bounds.contains(point):
            return None
        for index in reversed(self._strips[self._strip(x)]):
            marker = self.markers[index]
            inside_box = (
                marker.x <= x <= marker.right and marker.y <= y <= marker.bottom
            )
            if inside_box and _inside_shape(marker, x, y):
                return marker.event_id
        return None

    def select(self, event_id: UUID | None) -> QRectF | None:
        """Highlight one event's marker, or none, and return its box."""
        self.selected_id = event_id
        self.update()
        return None if event_id is None else self.marker_rect(event_id)

    def indices_in(self, rect: QRectF) -> Iterator[int]:
        """Yield the indices of markers whose strips meet `rect`, in drawing order."""
        if rect.contains(self._bounds):
            yield from range(len(self.markers))
            return
        first, last = self._strip(rect.left()), self._strip(rect.right())
        strips = self._strips[first : last + 1]
        yield from strips[0] if len(strips) == 1 else sorted(set(chain(*strips)))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        exposed = option.exposedRect
        top, bottom = exposed.top(), exposed.bottom()
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        last_painted: dict[int, tuple] = {}
        for index in self.indices_in(exposed):
            marker = self.markers[index]
            if marker.bottom < top or marker.y > bottom:
                continue
            # Key of the rounded device x, width and style. A marker with the
            # same key as the last one painted in its lane is skipped.
            key = (
                round(marker.x * scale),
                round(marker.width * scale),
                marker.shape,
                marker.fill,
                marker.hatched,
                marker.decision,
            )
            if self.skip_repaints and last_painted.get(marker.lane) == key:
                continue
            last_painted[marker.lane] = key
            self._paint_marker(painter, marker)
        self._paint_selection(painter)

    def _paint_marker(self, painter: QPainter, marker: chart.Marker) -> None:
        pen = self._pens[marker.decision]
        if not marker.hatched:
            painter.setPen(pen)
            painter.setBrush(self._brush(marker.fill, False))
            _draw_shape(painter, marker)
            return
        # Draw in the same order as the PDF report: a light fill, hatch lines
        # in the lane colour, then the outline over both.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._brush(marker.fill, True))
        _draw_shape(painter, marker)
        painter.setPen(QPen(QColor(marker.fill), 0.6))
        painter.drawLines([QLineF(*start, *end) for start, end in marker.hatch])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        _draw_shape(painter, marker)

    def _paint_selection(self, painter: QPainter) -> None:
        marker = self._find(self.selected_id) if self.selected_id else None
        if marker is None:
            return
        pen = QPen(QColor(chart.INK), 0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        margin = 1.5
        box = QRectF(marker.x, marker.y, marker.width, marker.height)
        painter.drawRect(box.adjusted(-margin, -margin, margin, margin))

    def _brush(self, fill: str, light: bool) -> QBrush:
        brush = self._brushes.get((fill, light))
        if brush is None:
            colour = QColor(fill)
            brush = QBrush(colour.lighter(170) if light else colour)
            self._brushes[(fill, light)] = brush
        return brush


def _bounds(markers: Sequence[chart.Marker]) -> QRectF:
    if not markers:
        return QRectF()
    left = min(marker.x for marker in markers) - PEN_MARGIN
    top = min(marker.y for marker in markers) - PEN_MARGIN
    right = max(marker.right for marker in markers) + PEN_MARGIN
    bottom = max(marker.bottom for marker in markers) + PEN_MARGIN
    return QRectF(left, top, right - left, bottom - top)


def _draw_shape(painter: QPainter, marker: chart.Marker) -> None:
    if marker.shape is chart.MarkerShape.DIAMOND:
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in marker.outline]))
    else:
        painter.drawRect(QRectF(marker.x, marker.y, marker.width, marker.height))


def _inside_shape(marker: chart.Marker, x: float, y: float) -> bool:
    if marker.shape is not chart.MarkerShape.DIAMOND:
        return True
    half = marker.height / 2
    centre_x, centre_y = marker.x + marker.width / 2, marker.y + half
    return abs(x - centre_x) + abs(y - centre_y) <= half
