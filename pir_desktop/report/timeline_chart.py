"""The swimlane chart of the timeline as a vector drawing, laid out to the frame width.

The geometry comes from `domain.timeline_chart`, the same layout the Qt view
draws. Text is set in the embedded fonts, DejaVu Sans with WenQuanYi Micro Hei for
CJK characters, so it stays selectable and searchable in the PDF.
"""

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import Flowable

from ..domain import timeline_chart as chart
from ..domain.diagrams import Label
from ..domain.review import Review
from .diagrams import AVAILABLE_WIDTH, measure
from .fonts import REGULAR
from .labels import label_strings


class ChartFlowable(Flowable):
    """A drawing placed as a flowable, drawn between saveState and restoreState."""

    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing
        self.width = drawing.width
        self.height = drawing.height

    def wrap(
        self, available_width: float, available_height: float
    ) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()


def timeline_chart_drawing(
    review: Review,
    width: float = AVAILABLE_WIDTH,
    by: chart.LaneBy = chart.LaneBy.KIND,
) -> ChartFlowable | None:
    """Build the chart of a review's events, or None when it has no events."""
    if not review.events:
        return None
    style = chart.ChartStyle(width=width)
    layout = chart.timeline_chart(
        review.events, review.display_zone, measure, by, style
    )
    return ChartFlowable(chart_drawing(layout))


def chart_drawing(layout: chart.TimelineChart) -> Drawing:
    """Draw a laid-out chart with y pointing up, as ReportLab expects."""
    flip = layout.height
    shapes: list = []
    for lane in layout.lanes:
        shapes.append(
            _rect(0, flip - lane.bottom, layout.width, lane.height, lane.fill)
        )
    if layout.lanes:
        top, bottom = flip - layout.lanes[0].top, flip - layout.lanes[-1].bottom
        for x in (layout.plot_left, layout.plot_right):
            shapes.append(_line(x, top, x, bottom, 0.6))
    for tick in layout.ticks:
        width = 0.6 if tick.day else 0.3
        shapes.append(_line(tick.x, flip - tick.top, tick.x, flip - tick.bottom, width))
    for mark in layout.milestones:
        shapes.append(
            _line(
                mark.x,
                flip - mark.top,
                mark.x,
                flip - mark.bottom,
                0.8,
                chart.MILESTONE,
            )
        )
    for cut in layout.breaks:
        height = cut.bottom - cut.top
        shapes.append(_rect(cut.left, flip - cut.bottom, cut.right - cut.left, height))
        for (x1, y1), (x2, y2) in cut.strokes:
            shapes.append(_line(x1, flip - y1, x2, flip - y2, 0.8, chart.MUTED))
    for marker in layout.markers:
        shapes.extend(_marker(marker, flip))
    texts = [*(t for lane in layout.lanes for t in lane.header), *layout.labels]
    texts += [m.label for m in layout.milestones if m.label is not None]
    for text in texts:
        shapes.extend(_string(text, flip, _colour(text, layout)))

    # The renderer sets each drawing's initial font, Helvetica by default, on
    # the canvas. DejaVu Sans keeps built-in fonts out of the PDF.
    drawing = Drawing(layout.width, layout.height, initialFontName=REGULAR)
    drawing.add(Group(*shapes))
    return drawing


def _colour(text: Label, layout: chart.TimelineChart) -> str:
    if any(m.label is text for m in layout.milestones):
        return chart.MILESTONE
    if any(text in lane.header[1:] for lane in layout.lanes):
        return chart.MUTED
    return chart.INK


def _marker(marker: chart.Marker, flip: float) -> list:
    points = [value for x, y in marker.outline for value in (x, flip - y)]
    fill = HexColor(marker.fill)
    stroke = HexColor(chart.INK)
    width = 1.2 if marker.decision else 0.4
    if not marker.hatch:
        return [Polygon(points, fillColor=fill, strokeColor=stroke, strokeWidth=width)]
    shapes: list = [Polygon(points, fillColor=_lighter(fill), strokeWidth=0)]
    for (x1, y1), (x2, y2) in marker.hatch:
        shapes.append(_line(x1, flip - y1, x2, flip - y2, 0.6, marker.fill))
    shapes.append(
        Polygon(points, fillColor=None, strokeColor=stroke, strokeWidth=width)
    )
    return shapes


def _lighter(colour: Color) -> Color:
    """Blend a colour two thirds of the way to white."""
    red, green, blue = (c + (1 - c) * 2 / 3 for c in colour.rgb())
    return Color(red, green, blue)


def _rect(
    x: float, y: float, width: float, height: float, fill: str = "#ffffff"
) -> Rect:
    return Rect(x, y, width, height, fillColor=HexColor(fill), strokeWidth=0)


def _line(
    x1: float, y1: float, x2: float, y2: float, width: float, colour: str = chart.GRID
) -> Line:
    return Line(x1, y1, x2, y2, strokeColor=HexColor(colour), strokeWidth=width)


def _string(text: Label, flip: float, colour: str) -> list[String]:
    # A label is one line, so it can be reordered as a whole.
    return label_strings(
        text.text, text.x, flip - text.baseline, text.font_size, colour
    )
