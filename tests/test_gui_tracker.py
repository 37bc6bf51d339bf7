"""Controls register, procedure tracker, open actions and search on real widgets."""

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pir_desktop import app
from pir_desktop.domain.entities import ActionItem, Lesson, Participant
from pir_desktop.domain.enums import (
    ActionStatus,
    ControlDecision,
    LessonKind,
    Severity,
    StepStatus,
)
from pir_desktop.domain.review import Review
from pir_desktop.domain.tracker import TrackerStatus
from pir_desktop.services import ReviewLibrary
from pir_desktop.ui.context import ReviewContext
from pir_desktop.ui.dialogs.record_dialog import RecordDialog
from pir_desktop.ui.main_window import MainWindow
from pir_desktop.ui.tabs.actions import ActionPlanTab
from pir_desktop.ui.tabs.controls import ControlsTab
from pir_desktop.ui.tabs.editing import EditingTab
from pir_desktop.ui.tabs.procedure import ProcedureTab

CLOSED = datetime(2024, 5, 6, 16, 0, tzinfo=UTC)
TODAY = date.today()
Fill = Callable[[RecordDialog], None]


def review(reference: str, actions: list[ActionItem], **records: object) -> Review:
    owners = {a.owner for a in actions} | {"Dana Reyes"}
    return Review.model_validate(
        {
            "reference": reference,
            "title": f"Review {reference}",
            "severity": Severity.P2,
            "closed_at": CLOSED,
            "participants": [
                Participant(name=o, role="action_item_owner") for o in sorted(owners)
            ],
            "actions": actions,
            **records,
        }
    )


def action(title: str, owner: str, due: date | None) -> ActionItem:
    return ActionItem(title=title, owner=owner, due_date=due)


@pytest.fixture
def two_reviews(library_path: Path) -> Iterator[ReviewLibrary]:
    """A library with two reviews whose open actions are partly overdue."""
    library = ReviewLibrary.create(library_path)
    library.add_review(
        review(
            "PIR-A",
            [
                action("Rotate keys", "Ana", TODAY + timedelta(days=20)),
                action("Patch VPN", "Ben", TODAY - timedelta(days=3)),
            ],
            lessons=[Lesson(kind=LessonKind.TOOL, text="Alert on agent forwarding")],
        )
    )
    library.add_review(
        review(
            "PIR-B",
            [
                action("Train on phishing", "Ana", TODAY - timedelta(days=9)),
                action("Write runbook", "Ana", None),
            ],
        )
    )
    yield library
    library.close()


@pytest.fixture
def context(qtbot, two_reviews: ReviewLibrary) -> ReviewContext:
    context = ReviewContext(two_reviews)
    context.select(two_reviews.find("PIR-A"))
    return context


@pytest.fixture
def window(qtbot, two_reviews: ReviewLibrary) -> MainWindow:
    window = app.create_main_window(two_reviews)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def answer_dialogs(tab: EditingTab, *fills: Fill) -> None:
    pending = list(fills)

    def exec_dialog(dialog: RecordDialog) -> bool:
        pending.pop(0)(dialog)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    tab.exec_dialog = exec_dialog  # type: ignore[method-assign]


def stored(path: Path, reference: str) -> Review:
    fresh = ReviewLibrary.open(path, read_only=True)
    try:
        return fresh.load(fresh.find(reference))
    finally:
        fresh.close()


def tab_of(window: MainWindow, kind: type) -> EditingTab:
    return next(t for t in window.tabs_shown if isinstance(t, kind))


# Controls register


def test_control_added_edited_undone(qtbot, context, library_path) -> None:
    tab = ControlsTab(context)
    qtbot.addWidget(tab)

    def add(dialog: RecordDialog) -> None:
        dialog.control.setText("Block outbound SSH from CI")
        dialog.owner.setText("Dana Reyes")
        dialog.still_needed.setChecked(True)

    def edit(dialog: RecordDialog) -> None:
        dialog.decision.set_value(ControlDecision.FORMALISE)
        dialog.due_date.set_value(date(2024, 7, 1))

    answer_dialogs(tab, add, edit)
    tab.add_control()
    tab.controls.select_row(0)
    tab.controls.edit_button.click()

    control = stored(library_path, "PIR-A").controls[0]
    assert control.control == "Block outbound SSH from CI"
    assert control.decision is ControlDecision.FORMALISE
    assert control.due_date == date(2024, 7, 1)
    assert control.still_needed
    assert tab.controls.model.index(0, 2).data() == "Formalise"
    shading = tab.controls.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert shading is not None

    context.undo_stack.undo()
    control = stored(library_path, "PIR-A").controls[0]
    assert control.decision is ControlDecision.UNDECIDED
    context.undo_stack.undo()
    assert stored(library_path, "PIR-A").controls == []
    assert tab.controls.model.rowCount() == 0


def test_control_without_name_rejected(qtbot, context, shown_errors) -> None:
    tab = ControlsTab(context)
    qtbot.addWidget(tab)
    answer_dialogs(tab, lambda d: d.control.setText("  "))

    tab.add_control()

    assert "control" in shown_errors[0][1]
    assert context.review.controls == []


# Procedure tracker


def test_tracker_lists_fourteen_steps(qtbot, context) -> None:
    tab = ProcedureTab(context, now=lambda: CLOSED + timedelta(days=5))
    qtbot.addWidget(tab)

    assert tab.model.rowCount() == 14
    first = tab.model.record(0)
    assert first.status is TrackerStatus.OVERDUE
    assert tab.model.index(0, 3).data() == "overdue"
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "overdue" in tab.summary.text()


def test_step_recorded_then_updated(qtbot, context, library_path, shown_errors) -> None:
    tab = ProcedureTab(context, now=lambda: CLOSED + timedelta(days=5))
    qtbot.addWidget(tab)
    tab.select_row(13)

    def in_progress(dialog: RecordDialog) -> None:
        dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
        dialog.by.setCurrentText("Kim Knowledge")

    def done(dialog: RecordDialog) -> None:
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        dialog.note.setPlainText("Runbook updated in the wiki")

    answer_dialogs(tab, in_progress, done)
    assert tab.record_button.isEnabled()
    tab.record_button.click()
    assert shown_errors == []
    assert tab.model.record(13).status is TrackerStatus.IN_PROGRESS
    assert tab.model.index(13, 4).data() == "Kim Knowledge"

    tab.record_button.click()
    steps = stored(library_path, "PIR-A").steps
    assert [(s.step, s.status, s.by) for s in steps] == [
        (14, StepStatus.DONE, "Kim Knowledge")
    ]
    assert tab.model.record(13).status is TrackerStatus.DONE
    assert tab.model.index(13, 5).data() != ""

    context.undo_stack.undo()
    assert tab.model.record(13).status is TrackerStatus.IN_PROGRESS
    context.undo_stack.undo()
    assert stored(library_path, "PIR-A").steps == []
    assert tab.model.record(13).status is TrackerStatus.NOT_STARTED


# Open actions across reviews


def test_open_actions_overdue_first(qtbot, window) -> None:
    tracker = window.action_plan.show_open_actions()
    qtbot.waitUntil(tracker.isVisible)

    titles = [r.action.title for r in tracker.model.records]
    assert titles == ["Train on phishing", "Patch VPN", "Rotate keys", "Write runbook"]
    assert tracker.model.index(0, 6).data() == "9 days"
    assert tracker.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert tracker.model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "2 overdue" in tracker.summary.text()


def test_open_actions_filtered(qtbot, window) -> None:
    tracker = window.action_plan.show_open_actions()

    tracker.set_filters("Ana", None)
    assert [r.action.title for r in tracker.model.records] == [
        "Train on phishing",
        "Rotate keys",
        "Write runbook",
    ]
    tracker.set_filters("Ana", "PIR-A")
    assert [r.action.title for r in tracker.model.records] == ["Rotate keys"]
    tracker.set_filters(None, None)
    assert tracker.model.rowCount() == 4


def test_open_action_chosen_in_window(qtbot, window) -> None:
    tracker = window.action_plan.show_open_actions()

    tracker.table.activated.emit(tracker.model.index(0, 1))

    plan = tab_of(window, ActionPlanTab)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is plan)
    assert window.context.review.reference == "PIR-B"
    assert plan.selected_action().title == "Train on phishing"


def test_open_actions_shortcut(qtbot, window) -> None:
    assert window.action_plan.open_actions.shortcut().toString() == "Ctrl+Shift+A"
    assert window.action_plan.search_reviews.shortcut().toString() == "Ctrl+Shift+F"
    qtbot.waitUntil(window.action_plan.open_actions.isEnabled)
    window.action_plan.open_actions.trigger()
    qtbot.waitUntil(lambda: window.action_plan.tracker is not None)
    assert window.action_plan.tracker.isVisible()
    assert not window.action_plan.tracker.isModal()


def test_closed_action_leaves_tracker(qtbot, window, two_reviews) -> None:
    plan = tab_of(window, ActionPlanTab)
    window.reviews.choose(two_reviews.find("PIR-A"))
    plan.select_action(window.context.review.actions[1].id)
    answer_dialogs(plan, lambda d: d.reason.setPlainText("Vendor patched it"))
    plan.lifecycle.buttons[ActionStatus.CANCELLED].click()

    tracker = window.action_plan.show_open_actions()

    assert "Patch VPN" not in [r.action.title for r in tracker.model.records]


# Search


def test_search_finds_lesson_and_selects(qtbot, window) -> None:
    dialog = window.action_plan.show_search()
    window.reviews.choose(window.context.library.find("PIR-B"))
    dialog.query.setText("forwarding")

    dialog.search_button.click()

    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 0).data() == "PIR-A"
    assert dialog.model.index(0, 1).data() == "Lesson learned"
    assert "forwarding" in dialog.model.index(0, 2).data()

    dialog.table.activated.emit(dialog.model.index(0, 2))
    qtbot.waitUntil(lambda: window.context.review.reference == "PIR-A")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Discussion"
    lessons = window.tabs.currentWidget().lesson_panel
    assert lessons.selected().text == "Alert on agent forwarding"


def test_search_without_words_reported(qtbot, window, shown_errors) -> None:
    dialog = window.action_plan.show_search()
    dialog.query.setText("((")

    dialog.search_button.click()

    assert "contains no words" in shown_errors[0][1]
    assert dialog.model.rowCount() == 0
