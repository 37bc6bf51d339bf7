"""Shared fixtures: offscreen Qt, a real library file and captured error dialogs."""

import os

# Qt reads the platform when the first QGuiApplication starts; without a
# display and without this, it aborts the process instead of failing a test.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone  # noqa: E402

from pir_desktop.app import create_main_window  # noqa: E402
from pir_desktop.domain.entities import Participant, TimelineEvent  # noqa: E402
from pir_desktop.domain.enums import EventKind, Severity, TimePrecision  # noqa: E402
from pir_desktop.domain.review import Review  # noqa: E402
from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.services.sample import sample_review  # noqa: E402
from pir_desktop.settings import CONFIG_DIR_VARIABLE  # noqa: E402
from pir_desktop.ui import errors  # noqa: E402
from pir_desktop.ui.context import ReviewContext  # noqa: E402
from pir_desktop.ui.main_window import MainWindow  # noqa: E402
from pir_desktop.ui.tabs.timeline import TimelineTab  # noqa: E402
from pir_desktop.ui.windows import REGISTRY  # noqa: E402

REFERENCE = "PIR-2024-031"


def example_review() -> Review:
    """Return a P2 review with four milestones, three events and one participant."""
    return Review(
        reference=REFERENCE,
        title="Phished administrator session",
        severity=Severity.P2,
        display_zone="Europe/Berlin",
        started_at=datetime(2024, 5, 2, 7, 40, tzinfo=UTC),
        detected_at=datetime(2024, 5, 2, 9, 15, tzinfo=UTC),
        contained_at=datetime(2024, 5, 2, 11, 0, tzinfo=UTC),
        closed_at=datetime(2024, 5, 6, 16, 0, tzinfo=UTC),
        participants=[Participant(name="Dana Reyes", role="documentation_lead")],
        events=[
            TimelineEvent(
                occurred_at=datetime(2024, 5, 2, 7, 40, tzinfo=UTC),
                precision=TimePrecision.APPROXIMATE,
                kind=EventKind.INITIAL_ACCESS,
                description="Phishing mail opened",
            ),
            TimelineEvent(
                occurred_at=datetime(2024, 5, 2, 9, 15, tzinfo=UTC),
                kind=EventKind.DETECTION,
                description="Impossible-travel alert",
            ),
            TimelineEvent(
                occurred_at=datetime(2024, 5, 2, 11, 0, tzinfo=UTC),
                kind=EventKind.CONTAINMENT,
                description="Sessions revoked",
                decision_point=True,
            ),
        ],
    )


@pytest.fixture(autouse=True)
def fresh_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Give each test an empty settings folder and no windows from earlier tests."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(folder))
    REGISTRY.reset()
    yield folder
    REGISTRY.reset()


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "x.pir"


@pytest.fixture
def library(library_path: Path) -> Iterator[ReviewLibrary]:
    """A new library file holding the example review."""
    library = ReviewLibrary.create(library_path)
    library.add_review(example_review())
    yield library
    library.close()


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    """A closed library file holding the example review."""
    path = tmp_path / "cli.pir"
    library = ReviewLibrary.create(path)
    library.add_review(example_review())
    library.close()
    return path


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Capture (title, message) of every error dialog instead of showing it."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        errors, "show_error", lambda _parent, title, text: shown.append((title, text))
    )
    return shown


def stored_sample(path: Path) -> Review:
    """Load the library's first review, the sample, with a fresh connection."""
    fresh = ReviewLibrary.open(path)
    try:
        return fresh.load(fresh.reviews()[0].id)
    finally:
        fresh.close()


def stored_review(path: Path) -> Review:
    """Load the example review from the file with a fresh connection."""
    fresh = ReviewLibrary.open(path)
    try:
        return fresh.load(fresh.find(REFERENCE))
    finally:
        fresh.close()


@pytest.fixture
def sample_context(qtbot, library_path: Path) -> Iterator[ReviewContext]:
    """A ReviewContext showing the bundled sample review from a new library file."""
    library = ReviewLibrary.create(library_path)
    stored = library.add_review(sample_review())
    context = ReviewContext(library)
    context.select(stored.id)
    yield context
    library.close()


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """A closed library file containing only the bundled sample review."""
    path = tmp_path / "sample.pir"
    library = ReviewLibrary.create(path)
    library.add_review(sample_review())
    library.close()
    return path


@pytest.fixture
def context(qtbot, sample_path: Path) -> Iterator[ReviewContext]:
    """A ReviewContext on the sample review, opened from `sample_path`.

    A test module that defines its own `context` fixture overrides this one.
    """
    library = ReviewLibrary.open(sample_path)
    context = ReviewContext(library)
    context.select(library.reviews()[0].id)
    yield context
    library.close()


@pytest.fixture
def window(qtbot, library: ReviewLibrary) -> MainWindow:
    """The shown main window on `library`, which contains the example review.

    A test module that defines its own `window` fixture overrides this one.
    """
    window = create_main_window(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def timeline(window: MainWindow) -> TimelineTab:
    """The Timeline tab of `window`, made the current tab."""
    window.tabs.setCurrentIndex(1)
    tab = window.tabs_shown[1]
    assert isinstance(tab, TimelineTab)
    return tab


def wall_clock(*parts: int) -> QDateTime:
    """Return a date-time editor value from year, month, day, hour and minute.

    The event dialog reads the value as wall-clock time in its display zone.
    """
    year, month, day, hour, minute = parts
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone.utc())
