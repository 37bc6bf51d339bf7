"""The swimlane chart of a review's timeline, drawn from `domain.timeline_chart`.

Scene units are points, as in the layout and the PDF. One MarkerLayer item
draws every event's marker (see markers.py). Milestone lines, the grid and
text are separate items. Clicking a marker emits `event_activated` with its
event id. The view zooms like the diagram views: Ctrl+wheel, Ctrl++, Ctrl+-
and Ctrl+0 to fit.
"""

import operator
from collections.abc import Sequence
from uuid import UUID

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainterPath,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...domain import timeline_chart as chart
from ...domain.diagrams import Label
from ...domain.entities import TimelineEvent
from ...domain.enums import label
from ..diagrams.fonts import REFERENCE_PIXELS, ascent, diagram_font, measure
from ..diagrams.view import DiagramView
from .markers import MarkerLayer

EVENT_ID_ROLE = 0
# Layout width in points. The view fits it to its own width on first show.
CHART_WIDTH = 1000.0
GRID_Z, MILESTONE_Z, MARKER_Z, TEXT_Z = 0.0, 1.0, 2.0, 3.0


class TimelineChartScene(QGraphicsScene):
    """The items of one laid-out chart. A new layout needs a new scene."""

    def __init__(self, layout: chart.TimelineChart, parent=None) -> None:
        super().__init__(parent)
        self.layout = layout
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setSceneRect(QRectF(0, 0, layout.width, layout.height))
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self._add_lanes()
        self._add_grid()
        self.markers = MarkerLayer(layout.markers)
        self.markers.setZValue(MARKER_Z)
        self.addItem(self.markers)
        for text in layout.labels:
            self._text(text, chart.INK)

    def marker_ids(self) -> list[UUID]:
        """Return the event id of every marker, in drawing order."""
        return self.markers.marker_ids()

    def event_at(self, point: QPointF) -> UUID | None:
        """Return the event of the marker or milestone line at a scene point."""
        event_id = self.markers.marker_at(point)
        if event_id is not None:
            return event_id
        for item in self.items(point):
            if item.data(EVENT_ID_ROLE) is not None:
                return item.data(EVENT_ID_ROLE)
        return None

    def _add_lanes(self) -> None:
        left, right = self.layout.plot_left, self.layout.plot_right
        for lane in self.layout.lanes:
            band = QGraphicsRectItem(0, lane.top, self.layout.width, lane.height)
            band.setPen(QPen(Qt.PenStyle.NoPen))
            band.setBrush(QBrush(QColor(lane.fill)))
            band.setZValue(GRID_Z - 1)
            self.addItem(band)
            for index, text in enumerate(lane.header):
                self._text(text, chart.INK if index == 0 else chart.MUTED)
        if self.layout.lanes:
            top, bottom = self.layout.lanes[0].top, self.layout.lanes[-1].bottom
            for x in (left, right):
                self._line(QLineF(x, top, x, bottom), chart.GRID, 0.6, GRID_Z)

    def _add_grid(self) -> None:
        for tick in self.layout.ticks:
            width = 0.6 if tick.day else 0.3
            self._line(QLineF(tick.x, tick.top, tick.x, tick.bottom), chart.GRID, width)
        for cut in self.layout.breaks:
            width, height = cut.right - cut.left, cut.bottom - cut.top
            band = QGraphicsRectItem(cut.left, cut.top, width, height)
            band.setPen(QPen(Qt.PenStyle.NoPen))
            band.setBrush(QBrush(QColor("#ffffff")))
            band.setZValue(GRID_Z + 0.5)
            self.addItem(band)
            for (x1, y1), (x2, y2) in cut.strokes:
                self._line(QLineF(x1, y1, x2, y2), chart.MUTED, 0.8, GRID_Z + 0.6)
        for mark in self.layout.milestones:
            line = self._line(
                QLineF(mark.x, mark.top, mark.x, mark.bottom),
                chart.MILESTONE,
                0.8,
                MILESTONE_Z,
            )
            line.setData(EVENT_ID_ROLE, mark.event_id)
            if mark.label is not None:
                self._text(mark.label, chart.MILESTONE)

    def _line(
        self, line: QLineF, colour: str, width: float, z: float = GRID_Z
    ) -> QGraphicsPathItem:
        path = QPainterPath(line.p1())
        path.lineTo(line.p2())
        item = QGraphicsPathItem(path)
        item.setPen(QPen(QColor(colour), width))
        item.setZValue(z)
        self.addItem(item)
        return item

    def _text(self, text: Label, colour: str) -> QGraphicsSimpleTextItem:
        item = QGraphicsSimpleTextItem(text.text)
        item.setFont(diagram_font())
        item.setBrush(QBrush(QColor(colour)))
        item.setScale(text.font_size / REFERENCE_PIXELS)
        item.setPos(text.x, text.baseline - ascent(text.font_size))
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setZValue(TEXT_Z)
        self.addItem(item)
        return item


class TimelineChartView(DiagramView):
    """A zoomable swimlane chart. Clicking a marker emits its event id."""

    event_activated = Signal(UUID)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragMode(DiagramView.DragMode.NoDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName("Timeline chart")
        self.lane_by = chart.LaneBy.KIND
        self._events: list[TimelineEvent] = []
        self._zone = "UTC"
        # Whether the chart was fitted to the view's width since it was shown.
        self._width_fitted = False
        # Coalesce refreshes: the table paints first and the chart follows.
        self._rebuild = QTimer(self, singleShot=True, interval=0)
        self._rebuild.timeout.connect(self.rebuild)
        self.setScene(TimelineChartScene(_empty_chart(), self))

    def show_events(self, events: Sequence[TimelineEvent], zone: str) -> None:
        """Show events with times in `zone`, laid out when control returns to Qt.

        The chart is kept when the events are the same objects in the same
        order, as after a reload that reused every event of the review.
        """
        if zone == self._zone and _same_objects(events, self._events):
            return
        self._events = list(events)
        self._zone = zone
        self._rebuild.start()

    def set_lane_by(self, by: chart.LaneBy) -> None:
        self.lane_by = by
        self._rebuild.start()

    def rebuild(self) -> None:
        """Lay out the chart now and replace the scene, keeping the zoom."""
        self._rebuild.stop()
        layout = _empty_chart()
        if self._events:
            style = chart.ChartStyle(width=CHART_WIDTH)
            layout = chart.timeline_chart(
                self._events, self._zone, measure, self.lane_by, style
            )
        old = self.scene()
        self.setScene(TimelineChartScene(layout, self))
        if old is not None:
            old.deleteLater()
        self._fit_once()

    def _fit_once(self) -> None:
        # A hidden view has no final width yet, so the first fit waits for show.
        if self._events and not self._width_fitted and self.isVisible():
            self._width_fitted = True
            self.fit_width()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_once()

    def chart_scene(self) -> TimelineChartScene:
        scene = self.scene()
        assert isinstance(scene, TimelineChartScene)
        return scene

    def fit(self) -> None:
        """Fit the chart's width, not its whole area, to the view.

        A chart is much wider than tall, so fitting the whole of it left most
        of the panel empty. As in DiagramView, the view fits again when it is
        resized, until the user zooms.
        """
        self.fit_width()

    def fit_width(self) -> None:
        """Zoom so that the chart's width fills the view."""
        width = self.scene().sceneRect().width()
        if width:
            self.resetTransform()
            room = self.viewport().width() - self.verticalScrollBar().sizeHint().width()
            factor = max(room, 50) / width
            self.scale(factor, factor)
            self.horizontalScrollBar().setValue(0)
            self.verticalScrollBar().setValue(0)
            self._fitted = True

    def select_event(self, event_id: UUID | None) -> None:
        """Highlight the marker of an event, and no other, and scroll it into view."""
        box = self.chart_scene().markers.select(event_id)
        if box is not None:
            self.ensureVisible(box)

    def event_at(self, position: QPoint) -> UUID | None:
        """Return the id of the event whose marker is at a viewport position."""
        return self.chart_scene().event_at(self.mapToScene(position))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        event_id = self.event_at(event.position().toPoint())
        super().mousePressEvent(event)
        if event_id is not None and event.button() == Qt.MouseButton.LeftButton:
            self.event_activated.emit(event_id)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        # Tooltips are formatted on demand: formatting 50,000 up front is slow.
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            event_id = self.event_at(event.pos())
            shown = next((e for e in self._events if e.id == event_id), None)
            if shown is not None:
                text = chart.marker_title(shown, self._zone)
                QToolTip.showText(event.globalPos(), text, self)
                return True
        return super().viewportEvent(event)


class TimelineChartPanel(QWidget):
    """The chart with a choice of lanes: by event kind or by actor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = TimelineChartView()
        self.event_activated = self.view.event_activated
        self.lanes = QComboBox()
        for by in chart.LaneBy:
            self.lanes.addItem(label(by), by)
        self.lanes.setToolTip("Group the chart's events into lanes by kind or actor")
        caption = QLabel("&Lanes by")
        caption.setBuddy(self.lanes)
        bar = QHBoxLayout()
        bar.addWidget(caption)
        bar.addWidget(self.lanes)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.lanes.currentIndexChanged.connect(
            lambda _index: self.view.set_lane_by(self.lanes.currentData())
        )

    def show_events(self, events: Sequence[TimelineEvent], zone: str) -> None:
        self.view.show_events(events, zone)


def _same_objects(first: Sequence[object], second: Sequence[object]) -> bool:
    """Return whether two sequences contain the same objects in the same order."""
    if len(first) != len(second):
        return False
    return all(map(operator.is_, first, second))


def _empty_chart() -> chart.TimelineChart:
    from datetime import UTC, datetime

    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return chart.TimelineChart(0.0, 0.0, 0.0, 0.0, epoch, epoch, "UTC")
