"""A review with many events shows its first timeline rows before the rest load."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import QEvent, QObject

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import Severity, TimePrecision
from pir_desktop.domain.review import Review
from pir_desktop.domain.timeline_time import sort_timeline
from pir_desktop.services import ReviewLibrary
from pir_desktop.store import LibraryError, bulk
from pir_desktop.ui.context import PREVIEW_MIN_EVENTS, PREVIEW_ROWS, ReviewContext
from pir_desktop.ui.tabs.timeline import TimelineTab
from pir_desktop.ui.timeline.model import DESCRIPTION

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
EVENT_COUNT = PREVIEW_MIN_EVENTS + 300


def many_events(count: int) -> list[TimelineEvent]:
    """Return events stored newest first, so stored order is not timeline order."""
    return [
        TimelineEvent(
            occurred_at=START + timedelta(minutes=count - index),
            precision=TimePrecision.HOUR if index % 7 == 0 else TimePrecision.EXACT,
            zone="Europe/London",
            description=f"Event {count - index:05d}",
        )
        for index in range(count)
    ]


def large_library(path: Path) -> tuple[ReviewLibrary, UUID, UUID]:
    """Return a library with a large review and a small one, and their ids."""
    library = ReviewLibrary.create(path)
    large = library.add_review(
        Review(reference="BIG-1", title="Large", severity=Severity.P1)
    )
    small = library.add_review(
        Review(
            reference="SMALL-1",
            title="Small",
            severity=Severity.P3,
            events=many_events(3),
        )
    )
    with library.library.transaction() as session:
        bulk.insert_events(session.connection(), large.id, many_events(EVENT_COUNT), 0)
    return library, large.id, small.id


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@dataclass
class PreviewState:
    """What the Timeline tab showed when the preview signal had been handled."""

    rows: list[str] = field(default_factory=list)
    count_text: str = ""
    count_fits: bool = False
    paints: int = 0
    add_enabled: bool = True
    loaded: bool = True


@pytest.fixture
def setup(qtbot, tmp_path: Path):
    library, large_id, small_id = large_library(tmp_path / "large.pir")
    context = ReviewContext(library)
    tab = TimelineTab(context)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    qtbot.waitExposed(tab)
    yield context, tab, large_id, small_id
    library.close()


def watch_preview(context: ReviewContext, tab: TimelineTab) -> list[PreviewState]:
    """Record the tab's state each time it has handled a preview."""
    counter = PaintCounter()
    tab.view.viewport().installEventFilter(counter)
    states: list[PreviewState] = []

    def record(_head: object) -> None:
        model = tab.proxy
        states.append(
            PreviewState(
                rows=[
                    model.index(row, DESCRIPTION).data()
                    for row in range(model.rowCount())
                ],
                count_text=tab.count.text(),
                count_fits=tab.count.width() >= tab.count.sizeHint().width(),
                paints=counter.count,
                add_enabled=tab.add_action.isEnabled(),
                loaded=context.review is not None
                and len(context.review.events) == EVENT_COUNT,
            )
        )

    # Connected after the tab's own slot, so it runs once the tab has repainted.
    context.timeline_preview.connect(record)
    tab._paint_counter = counter  # kept alive with the tab
    return states


def test_preview_painted_before_load(setup) -> None:
    context, tab, large_id, _small_id = setup
    states = watch_preview(context, tab)

    context.select(large_id)

    assert len(states) == 1
    preview = states[0]
    assert not preview.loaded
    assert preview.paints > 0
    assert len(preview.rows) == PREVIEW_ROWS
    assert preview.count_text == f"Loading {EVENT_COUNT:,} events…"
    assert preview.count_fits
    assert not preview.add_enabled
    expected = sort_timeline(context.review.events)[:PREVIEW_ROWS]
    assert preview.rows == [event.description for event in expected]


def test_load_replaces_preview(setup) -> None:
    context, tab, large_id, _small_id = setup

    context.select(large_id)

    assert len(tab.model.timeline) == EVENT_COUNT
    assert tab.count.text() == f"{EVENT_COUNT:,} events"
    assert tab.add_action.isEnabled()
    first = tab.proxy.index(0, DESCRIPTION).data()
    assert first == sort_timeline(context.review.events)[0].description


def test_small_review_not_previewed(setup) -> None:
    context, tab, _large_id, small_id = setup
    states = watch_preview(context, tab)

    context.select(small_id)

    assert states == []
    assert tab.proxy.rowCount() == 3


def test_failed_load_restores_view(setup, monkeypatch: pytest.MonkeyPatch) -> None:
    context, tab, large_id, small_id = setup
    context.select(small_id)
    states = watch_preview(context, tab)

    def fail(_review_id: UUID, known: Review | None = None) -> Review:
        raise LibraryError("disk I/O error")

    monkeypatch.setattr(context.library, "load", fail)
    with pytest.raises(LibraryError):
        context.select(large_id)

    assert len(states) == 1
    assert context.review is not None
    assert context.review.reference == "SMALL-1"
    assert tab.proxy.rowCount() == 3
    assert tab.count.text() == "3 events"
