"""Two windows on one library file editing the same record."""

from pathlib import Path

import pytest
from conftest import REFERENCE, stored_review
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pir_desktop.domain.entities import Entity, TimelineEvent
from pir_desktop.services import ReviewLibrary
from pir_desktop.store import StaleEditError
from pir_desktop.ui.context import ReviewContext
from pir_desktop.ui.dialogs.stale import StaleChoice, StaleEditDialog, differences


class Chooser:
    """A stand-in for the dialog that records what it was shown."""

    def __init__(self, choice: StaleChoice) -> None:
        self.choice = choice
        self.shown: list[tuple[str, Entity, Entity]] = []

    def __call__(self, _parent: object, what: str, mine: Entity, stored: Entity):
        self.shown.append((what, mine, stored))
        return self.choice


@pytest.fixture
def windows(
    library: ReviewLibrary, library_path: Path, qtbot: QtBot
) -> tuple[ReviewContext, ReviewContext]:
    """Two contexts, each with its own connection, showing the example review."""
    first = ReviewContext(library)
    second = ReviewContext(ReviewLibrary.open(library_path))
    review_id = library.find(REFERENCE)
    first.select(review_id)
    second.select(review_id)
    yield first, second
    second.library.close()


def edit_event(context: ReviewContext, description: str) -> Entity:
    assert context.review is not None
    before = context.review.events[0]
    after = before.model_copy(update={"description": description})
    return context.update_record(before, after, "Edit event")


def test_second_write_raises_stale(windows) -> None:
    first, second = windows
    edit_event(first, "Theirs")
    assert second.review is not None
    stale = second.review.events[0].model_copy(update={"description": "Mine"})
    with pytest.raises(StaleEditError) as caught:
        second.library.update(stale)
    assert isinstance(caught.value.current, TimelineEvent)
    assert caught.value.current.description == "Theirs"


def test_keep_stored_reloads_theirs(windows, library_path: Path) -> None:
    first, second = windows
    edit_event(first, "Theirs")
    chooser = Chooser(StaleChoice.KEEP_STORED)
    second.choose_on_stale = chooser

    result = edit_event(second, "Mine")

    assert len(chooser.shown) == 1
    what, mine, stored = chooser.shown[0]
    assert what == "The timeline event"
    assert mine.description == "Mine"
    assert stored.description == "Theirs"
    assert result.description == "Theirs"
    assert second.review is not None
    assert second.review.events[0].description == "Theirs"
    assert second.undo_stack.count() == 0
    assert stored_review(library_path).events[0].description == "Theirs"


def test_overwrite_writes_mine(windows, library_path: Path) -> None:
    first, second = windows
    edit_event(first, "Theirs")
    second.choose_on_stale = Chooser(StaleChoice.OVERWRITE)

    edit_event(second, "Mine")

    assert stored_review(library_path).events[0].description == "Mine"
    assert second.undo_stack.count() == 1
    second.undo_stack.undo()
    assert stored_review(library_path).events[0].description == "Theirs"


def test_stale_facts_overwrite(windows, library_path: Path) -> None:
    first, second = windows
    assert first.review is not None and second.review is not None
    first.update_facts(first.review.facts.with_changes(title="Theirs"), "Edit title")
    chooser = Chooser(StaleChoice.OVERWRITE)
    second.choose_on_stale = chooser

    second.update_facts(second.review.facts.with_changes(title="Mine"), "Edit title")

    assert chooser.shown[0][0] == f"Review {REFERENCE}"
    assert chooser.shown[0][2].title == "Theirs"
    assert stored_review(library_path).title == "Mine"


def test_dialog_lists_changed_fields(qtbot: QtBot) -> None:
    event = TimelineEvent.model_validate(
        {
            "occurred_at": "2024-05-02T09:15:00+00:00",
            "kind": "detection",
            "description": "Theirs",
        }
    )
    mine = event.model_copy(update={"description": "Mine", "version": 1})
    assert differences(mine, event) == [("description", "Mine", "Theirs")]

    dialog = StaleEditDialog("The timeline event", mine, event, None)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Mine"
    assert dialog.table.item(0, 2).text() == "Theirs"
    QTimer.singleShot(0, dialog.overwrite_button.click)
    dialog.exec()
    assert dialog.choice is StaleChoice.OVERWRITE


def test_dialog_closed_keeps_stored(qtbot: QtBot) -> None:
    event = TimelineEvent.model_validate(
        {
            "occurred_at": "2024-05-02T09:15:00+00:00",
            "kind": "detection",
            "description": "Alert",
        }
    )
    dialog = StaleEditDialog("The timeline event", event, event, None)
    qtbot.addWidget(dialog)
    QTimer.singleShot(0, dialog.reject)
    dialog.exec()
    assert dialog.choice is StaleChoice.KEEP_STORED
    assert QApplication.activeModalWidget() is None
