"""Presenter mode driven through a whole meeting on the sample review."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from pir_desktop.domain.enums import ObservationKind
from pir_desktop.domain.review import Review
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.meeting import CardTarget
from pir_desktop.services.sample import sample_review
from pir_desktop.ui.main_window import MainWindow
from pir_desktop.ui.presenter import window as presenter_window
from pir_desktop.ui.presenter.window import PresenterWindow

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    """A clock that moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(presenter_window, "utc_now", clock)
    return clock


@pytest.fixture
def sample_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sample.pir"
    library = ReviewLibrary.create(path)
    library.add_review(sample_review())
    library.close()
    yield path


@pytest.fixture
def window(qtbot, sample_path: Path) -> MainWindow:
    window = MainWindow(ReviewLibrary.open(sample_path))
    qtbot.addWidget(window)
    window.presenter_mode.full_screen = False
    window.show()
    qtbot.waitExposed(window)
    return window


def stored(path: Path) -> Review:
    library = ReviewLibrary.open(path)
    try:
        return library.load(library.reviews()[0].id)
    finally:
        library.close()


def enter(qtbot, window: MainWindow) -> PresenterWindow:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    presenter = window.presenter_mode.presenter
    assert presenter is not None
    qtbot.waitExposed(presenter)
    activate(qtbot, presenter)
    return presenter


def activate(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def press(
    qtbot,
    presenter: PresenterWindow,
    key: Qt.Key,
    modifier=Qt.KeyboardModifier.NoModifier,
) -> None:
    activate(qtbot, presenter)
    qtbot.keyClick(presenter, key, modifier)


def current_title(presenter: PresenterWindow) -> str:
    item = presenter.current_item()
    assert item is not None
    return item.title


def test_whole_meeting(qtbot, window, sample_path, clock, shown_errors) -> None:
    presenter = enter(qtbot, window)
    assert not window.isVisible()
    assert len(presenter.context.review.agenda) == 7
    assert current_title(presenter).startswith("Introductions")

    clock.advance(90)
    press(qtbot, presenter, Qt.Key.Key_PageDown)
    assert current_title(presenter) == "Timeline walk"
    press(qtbot, presenter, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert current_title(presenter) == "What worked and what to improve"
    assert presenter.pages.currentWidget() is presenter.board

    press(qtbot, presenter, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert presenter.capture.isVisible()
    qtbot.waitUntil(presenter.capture.line.hasFocus)
    qtbot.keyClicks(presenter.capture.line, "i: Paging gap during the rebuild")
    qtbot.keyClick(presenter.capture.line, Qt.Key.Key_Return)
    review = presenter.context.review
    card = next(
        o for o in review.observations if o.text == "Paging gap during the rebuild"
    )
    assert card.kind is ObservationKind.TO_IMPROVE

    board = presenter.board
    voter = review.participants[0]
    board.set_voter(voter.id)
    board.select_card(card.id)
    board.add_dot()
    assert [v.observation_id for v in presenter.context.review.votes] == [card.id]

    board.select_card(card.id)
    board.turn_card(CardTarget.ACTION)
    action = next(
        a for a in presenter.context.review.actions if card.id in a.observation_ids
    )
    assert action.owner == voter.name

    press(qtbot, presenter, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    review = presenter.context.review
    assert all(card.id not in a.observation_ids for a in review.actions)
    assert any(o.id == card.id for o in review.observations)

    press(qtbot, presenter, Qt.Key.Key_Escape)
    assert presenter.capture.isHidden()
    press(qtbot, presenter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presenter_mode.presenter is None)
    assert window.isVisible()
    assert shown_errors == []
    assert all(not item.running for item in stored(sample_path).agenda)


def test_spent_time_persists(qtbot, window, sample_path, clock) -> None:
    presenter = enter(qtbot, window)
    clock.advance(125)
    presenter.next_step()
    clock.advance(40)
    presenter.update_timer()
    assert presenter.header.timer.text().startswith("0:40 / 20:00")
    presenter.close()

    agenda = sorted(stored(sample_path).agenda, key=lambda item: item.position)
    assert agenda[0].spent_seconds == 125
    assert agenda[1].spent_seconds == 40
    assert agenda[1].started_at is None


def test_over_time_shown(qtbot, window, clock) -> None:
    presenter = enter(qtbot, window)
    clock.advance(5 * 60 + 30)
    presenter.update_timer()
    assert presenter.header.remaining.text() == "0:30 over time"
    assert presenter.header.remaining.property("over") is True


def test_vote_over_budget_rejected(qtbot, window, clock, shown_errors) -> None:
    presenter = enter(qtbot, window)
    review = presenter.context.review
    voter = review.participants[1]
    card = review.observations[0]
    presenter.board.set_voter(voter.id)
    for _ in range(4):
        presenter.board.select_card(card.id)
        presenter.board.add_dot()

    votes = presenter.context.review.votes
    assert len(votes) == 3
    assert len(shown_errors) == 1
    message = shown_errors[0][1]
    assert voter.name in message
    assert "3 votes" in message


def test_absent_role_warned(qtbot, window, clock) -> None:
    presenter = enter(qtbot, window)
    warning = presenter.attendance.warning
    assert warning.isHidden()

    analyst = next(
        p
        for p in presenter.context.review.participants
        if p.role == "root_cause_analyst"
    )
    row = next(
        presenter.attendance.list.item(i)
        for i in range(presenter.attendance.list.count())
        if presenter.attendance.list.item(i).data(Qt.ItemDataRole.UserRole)
        == str(analyst.id)
    )
    row.setCheckState(Qt.CheckState.Unchecked)

    assert warning.isVisible()
    assert "Root Cause Analyst" in warning.text()
    assert not next(
        p for p in presenter.context.review.participants if p.id == analyst.id
    ).attended


def shown_texts(root: QWidget, visible_only: bool) -> list[str]:
    """Return the text of every label, line, text box and item-view cell."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if visible_only and not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts.extend(model_texts(widget.model()))
    return texts


def model_texts(model) -> list[str]:  # noqa: ANN001
    texts = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # list models such as a completer's hide columnCount
        columns = 1
    for row in range(model.rowCount(QModelIndex())):
        for column in range(columns):
            value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if value is not None:
                texts.append(str(value))
    return texts


def sensitive_strings(review: Review) -> list[str]:
    strings = [e.description for e in review.events if e.sensitive]
    strings += [getattr(review, field) for field in review.sensitive_fields]
    strings += [o.text for o in review.observations if o.sensitive]
    return strings


def test_presenter_masks_sensitive_text(qtbot, window, clock) -> None:
    review = window.context.review
    card = review.observations[0]
    window.context.update_record(card, card.with_changes(sensitive=True), "Mark")
    secrets = sensitive_strings(window.context.review)
    assert len(secrets) == 5

    everything = "\n".join(shown_texts(window, visible_only=False))
    for secret in secrets:
        assert secret in everything

    presenter = enter(qtbot, window)
    for _ in presenter.agenda():
        shown = "\n".join(shown_texts(presenter, visible_only=True))
        for secret in secrets:
            assert secret not in shown, (
                f"{secret!r} shown at {current_title(presenter)}"
            )
        presenter.next_step()
