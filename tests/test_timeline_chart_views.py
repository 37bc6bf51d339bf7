"""The swimlane chart on screen (markers, clicks, painting) and in the PDF."""

import io
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from conftest import example_review
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import EventKind, Milestone
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import render_pdf
from pir_desktop.ui.timeline.chart import TimelineChartView


@pytest.fixture
def review() -> Review:
    return example_review()


@pytest.fixture
def view(qtbot, review: Review) -> TimelineChartView:
    view = TimelineChartView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_events(review.events, review.display_zone)
    view.rebuild()
    return view


def test_one_marker_per_event(view: TimelineChartView, review: Review):
    ids = view.chart_scene().marker_ids()
    assert sorted(ids) == sorted(event.id for event in review.events)


def test_clicking_marker_emits_event_id(qtbot, view: TimelineChartView):
    scene = view.chart_scene()
    clicked = 0
    for event_id in scene.marker_ids():
        box = scene.markers.marker_rect(event_id)
        view.ensureVisible(box)
        point: QPoint = view.mapFromScene(box.center())
        if scene.event_at(view.mapToScene(point)) != event_id:
            continue  # A later marker covers this one.
        with qtbot.waitSignal(view.event_activated) as signal:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert signal.args == [event_id]
        assert isinstance(signal.args[0], UUID)
        clicked += 1
    assert clicked == len(scene.marker_ids())


def test_click_on_empty_lane_emits_nothing(qtbot, view: TimelineChartView):
    layout = view.chart_scene().layout
    empty = QPointF(layout.plot_right - 0.5, layout.lanes[0].bottom - 1)
    assert view.chart_scene().event_at(empty) is None


def test_milestone_line_found_under_layer(qtbot, review: Review):
    events = list(review.events)
    events[1] = events[1].with_changes(milestone=Milestone.DETECTION)
    view = TimelineChartView()
    qtbot.addWidget(view)
    view.show_events(events, review.display_zone)
    view.rebuild()
    mark = view.chart_scene().layout.milestones[0]

    # Lane padding keeps markers off the top pixel of the lanes.
    hit = view.chart_scene().event_at(QPointF(mark.x, mark.top + 1))

    assert hit == events[1].id


def test_select_event_highlights_marker(view: TimelineChartView):
    event_id = view.chart_scene().marker_ids()[0]
    view.select_event(event_id)
    assert view.chart_scene().markers.selected_id == event_id

    view.select_event(None)
    assert view.chart_scene().markers.selected_id is None


def test_markers_painted_in_their_fill(view: TimelineChartView):
    scene = view.chart_scene()
    rect = scene.sceneRect()
    image = QImage(2000, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    stretch = Qt.AspectRatioMode.IgnoreAspectRatio
    scene.render(painter, QRectF(image.rect()), rect, stretch)
    painter.end()
    scale_x, scale_y = image.width() / rect.width(), image.height() / rect.height()

    painted = 0
    markers = scene.layout.markers
    for index, marker in enumerate(markers):
        covered = any(
            other.x <= marker.right and marker.x <= other.right
            for other in markers[index + 1 :]
            if other.lane == marker.lane
        )
        if marker.hatched or covered:
            continue
        centre_x = (marker.x + marker.width / 2) * scale_x
        centre_y = (marker.y + marker.height / 2) * scale_y
        colour = image.pixelColor(int(centre_x), int(centre_y))
        assert colour.name() == QColor(marker.fill).name()
        painted += 1
    assert painted == 2


def test_zoom_keys_change_scale(qtbot, view: TimelineChartView):
    view.setFocus()
    before = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() > before
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() <= view.natural_zoom()


def timeline_page(data: bytes):
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        if "Time (Europe/Berlin)" in page.extract_text():
            return page
    raise AssertionError("no page with the timeline table")


def test_pdf_chart_is_vector_text_before_table():
    review = example_review()
    data = render_pdf(review, default_procedure())
    page = timeline_page(data)
    text = " ".join(page.extract_text().split())
    table = text.index("Time (Europe/Berlin)")
    for lane in ("Initial access", "Detection", "Containment"):
        assert lane in text[:table]
    assert "Europe/Berlin (CEST +02:00)" in text[:table]
    assert list(page.images) == []


def test_hidden_view_fits_width_when_shown(qtbot, review: Review):
    view = TimelineChartView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show_events(review.events, review.display_zone)
    view.rebuild()
    natural = view.transform().m11()

    # A layout gives a hidden view its final size only when it is shown.
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)

    shown_width = view.mapFromScene(view.sceneRect().topRight()).x()
    assert view.transform().m11() < natural
    assert shown_width <= view.viewport().width()
    assert shown_width > view.viewport().width() * 0.8


def shown_chart(qtbot, review: Review) -> TimelineChartView:
    """Return a shown 500-pixel-wide chart view of the review, laid out."""
    view = TimelineChartView()
    qtbot.addWidget(view)
    view.resize(500, 200)
    view.show_events(review.events, review.display_zone)
    view.show()
    qtbot.waitExposed(view)
    view.rebuild()
    return view


def test_resized_view_keeps_width_fit(qtbot, review: Review):
    view = shown_chart(qtbot, review)

    view.resize(1200, 200)
    qtbot.waitUntil(lambda: view.viewport().width() > 1000)

    shown_width = view.mapFromScene(view.sceneRect().topRight()).x()
    assert shown_width > view.viewport().width() * 0.8


def test_zoomed_view_not_refitted(qtbot, review: Review):
    view = shown_chart(qtbot, review)
    view.zoom_in()
    zoom = view.zoom()

    view.resize(1200, 200)
    qtbot.waitUntil(lambda: view.viewport().width() > 1000)

    assert view.zoom() == zoom


def dense_events(count: int) -> list[TimelineEvent]:
    """Return events a few seconds apart, many to a pixel at fit width."""
    start = datetime(2024, 5, 2, 8, 0, tzinfo=UTC)
    kinds = [EventKind.DETECTION, EventKind.CONTAINMENT, EventKind.COMMUNICATION]
    return [
        TimelineEvent(
            occurred_at=start + timedelta(seconds=7 * number),
            kind=kinds[number % len(kinds)],
            decision_point=number % 97 == 0,
            description=f"event {number}",
        )
        for number in range(count)
    ]


def rendered(scene, width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    stretch = Qt.AspectRatioMode.IgnoreAspectRatio
    scene.render(painter, QRectF(image.rect()), scene.sceneRect(), stretch)
    painter.end()
    return image


def test_skipped_repaints_change_only_edges(qtbot):
    view = TimelineChartView()
    qtbot.addWidget(view)
    view.show_events(dense_events(3000), "UTC")
    view.rebuild()
    scene = view.chart_scene()
    rect = scene.sceneRect()
    size = (int(rect.width()), int(rect.height()))

    last_box: dict[int, tuple[int, int]] = {}
    repaints = 0
    for marker in scene.layout.markers:
        box = (round(marker.x), round(marker.width))
        repaints += last_box.get(marker.lane) == box
        last_box[marker.lane] = box
    assert repaints > 100

    skipped = rendered(scene, *size)
    scene.markers.skip_repaints = False
    full = rendered(scene, *size)

    differing = 0
    for x in range(size[0]):
        for y in range(size[1]):
            a, b = skipped.pixelColor(x, y), full.pixelColor(x, y)
            channels = (a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue())
            if max(abs(c) for c in channels) > 64:
                differing += 1
    assert differing <= size[0] * size[1] // 1000
