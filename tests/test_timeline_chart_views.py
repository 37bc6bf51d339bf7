"""The swimlane chart on screen (one marker per event, clicks) and in the PDF."""

import io
from uuid import UUID

import pytest
from conftest import example_review
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt

from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import render_pdf
from pir_desktop.ui.timeline.chart import EVENT_ID_ROLE, TimelineChartView


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


def test_one_marker_item_per_event(view: TimelineChartView, review: Review):
    items = view.chart_scene().marker_items()
    assert set(items) == {event.id for event in review.events}
    for event_id, item in items.items():
        assert item.data(EVENT_ID_ROLE) == event_id


def test_clicking_marker_emits_event_id(qtbot, view: TimelineChartView):
    event_id, item = next(iter(view.chart_scene().marker_items().items()))
    centre = item.sceneBoundingRect().center()
    point: QPoint = view.mapFromScene(centre)
    with qtbot.waitSignal(view.event_activated) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [event_id]
    assert isinstance(signal.args[0], UUID)


def test_select_event_selects_marker(view: TimelineChartView):
    event_id, item = next(iter(view.chart_scene().marker_items().items()))
    view.select_event(event_id)
    assert item.isSelected()


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
