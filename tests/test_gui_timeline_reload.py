"""An edit reloads only changed events, and the chart redraws only for event edits."""

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication

from pir_desktop.ui.context import ReviewContext
from pir_desktop.ui.tabs.timeline import TimelineTab


@pytest.fixture
def tab(qtbot, sample_context: ReviewContext) -> TimelineTab:
    """The shown Timeline tab on the sample review, with its chart built."""
    widget = TimelineTab(sample_context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    events = len(sample_context.review.events)
    qtbot.waitUntil(lambda: len(widget.chart.view.chart_scene().marker_ids()) == events)
    return widget


def test_factor_edit_keeps_events(sample_context: ReviewContext) -> None:
    before = sample_context.review
    factor = before.factors[0]

    sample_context.update_record(
        factor, factor.with_changes(category="Tooling"), "Edit"
    )

    after = sample_context.review
    assert after is not before
    assert after.factors[0].category == "Tooling"
    pairs = zip(before.events, after.events, strict=True)
    assert all(old is new for old, new in pairs)


def test_event_edit_replaces_one_event(sample_context: ReviewContext) -> None:
    before = sample_context.review
    event = before.events[2]

    stored = sample_context.update_record(
        event, event.with_changes(description="Token revoked"), "Edit"
    )

    after = sample_context.review
    assert after.events[2] is not event
    assert after.events[2].description == "Token revoked"
    assert after.events[2].version == stored.version
    others = [(old, new) for old, new in zip(before.events, after.events, strict=True)]
    del others[2]
    assert all(old is new for old, new in others)


def test_factor_edit_keeps_chart(tab: TimelineTab) -> None:
    context = tab.context
    scene = tab.chart.view.chart_scene()
    factor = context.review.factors[0]

    context.update_record(factor, factor.with_changes(category="Tooling"), "Edit")
    QApplication.processEvents()

    assert tab.chart.view.chart_scene() is scene


def test_event_edit_redraws_chart(qtbot, tab: TimelineTab) -> None:
    context = tab.context
    scene = tab.chart.view.chart_scene()
    event = context.review.events[2]
    old_box = scene.markers.marker_rect(event.id)
    later = event.occurred_at + timedelta(hours=6)

    context.update_record(event, event.with_changes(occurred_at=later), "Edit")
    qtbot.waitUntil(lambda: tab.chart.view.chart_scene() is not scene)

    new_box = tab.chart.view.chart_scene().markers.marker_rect(event.id)
    assert new_box.left() > old_box.left()


def test_undo_of_event_edit_redraws_chart(qtbot, tab: TimelineTab) -> None:
    context = tab.context
    event = context.review.events[2]
    later = event.occurred_at + timedelta(hours=6)
    first = tab.chart.view.chart_scene()
    context.update_record(event, event.with_changes(occurred_at=later), "Edit")
    qtbot.waitUntil(lambda: tab.chart.view.chart_scene() is not first)
    moved = tab.chart.view.chart_scene()

    context.undo_stack.undo()
    qtbot.waitUntil(lambda: tab.chart.view.chart_scene() is not moved)

    assert context.review.events[2].occurred_at == event.occurred_at
    box = tab.chart.view.chart_scene().markers.marker_rect(event.id)
    assert box.left() < moved.markers.marker_rect(event.id).left()
