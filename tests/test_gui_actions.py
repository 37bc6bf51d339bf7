"""The Action plan tab's life cycle, progress and effectiveness on a real file."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from record_dialogs import Fill, answer_dialogs

from pir_desktop.domain.entities import (
    ActionItem,
    ContributingFactor,
    Lesson,
    Participant,
)
from pir_desktop.domain.enums import (
    ActionPriority,
    ActionStatus,
    ActionType,
    LessonKind,
    Severity,
    label,
)
from pir_desktop.domain.review import Review
from pir_desktop.services import ReviewLibrary
from pir_desktop.ui.context import ReviewContext
from pir_desktop.ui.dialogs.record_dialog import RecordDialog
from pir_desktop.ui.tabs.actions import ActionPlanTab

TODAY = date(2024, 4, 2)


@pytest.fixture
def context(qtbot, library_path: Path) -> Iterator[ReviewContext]:
    review = Review(
        reference="PIR-ACT-1",
        title="Leaked deploy token",
        severity=Severity.P2,
        closed_at=datetime(2024, 3, 4, 12, 0, tzinfo=UTC),
        participants=[Participant(name="Dana Ops", role="action_item_owner")],
        factors=[ContributingFactor(statement="Tokens never expire")],
        lessons=[Lesson(kind=LessonKind.PROCESS, text="Rotate secrets on a schedule")],
        actions=[
            ActionItem(
                title="Expire deploy tokens",
                owner="Dana Ops",
                due_date=date(2024, 5, 30),
                success_criteria="No token older than 30 days",
            )
        ],
    )
    library = ReviewLibrary.create(library_path)
    stored = library.add_review(review)
    context = ReviewContext(library)
    context.select(stored.id)
    yield context
    library.close()


@pytest.fixture
def tab(qtbot, context: ReviewContext) -> ActionPlanTab:
    tab = ActionPlanTab(context, today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.select_action(context.review.actions[0].id)
    return tab


def stored_action(path: Path) -> ActionItem:
    fresh = ReviewLibrary.open(path, read_only=True)
    try:
        return fresh.load(fresh.find("PIR-ACT-1")).actions[0]
    finally:
        fresh.close()


def stored_review(path: Path) -> Review:
    fresh = ReviewLibrary.open(path, read_only=True)
    try:
        return fresh.load(fresh.find("PIR-ACT-1"))
    finally:
        fresh.close()


def click(tab: ActionPlanTab, status: ActionStatus) -> None:
    button = tab.lifecycle.buttons[status]
    assert not button.isHidden()
    button.click()


def move(tab: ActionPlanTab, *path: ActionStatus) -> None:
    for status in path:
        click(tab, status)


def check(effective: bool, evidence: str = "Token scan found none older") -> Fill:
    def fill(dialog: RecordDialog) -> None:
        dialog.checked_by.setText("Ira Manager")
        dialog.evidence.setPlainText(evidence)
        (dialog.effective if effective else dialog.not_effective).setChecked(True)

    return fill


def test_proposed_offers_approve_and_cancel(tab) -> None:
    assert tab.lifecycle.allowed() == [ActionStatus.APPROVED, ActionStatus.CANCELLED]
    assert tab.lifecycle.check_button.isHidden()


def test_done_offers_verify_not_effective_cancel(tab) -> None:
    move(tab, ActionStatus.APPROVED, ActionStatus.IN_PROGRESS, ActionStatus.DONE)

    assert tab.lifecycle.allowed() == [
        ActionStatus.VERIFIED,
        ActionStatus.NOT_EFFECTIVE,
        ActionStatus.CANCELLED,
    ]
    assert not tab.lifecycle.check_button.isHidden()


def test_transitions_stored_and_undone(tab, context, library_path) -> None:
    move(tab, ActionStatus.APPROVED, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
    assert stored_action(library_path).status is ActionStatus.DONE
    assert context.undo_stack.count() == 3

    for expected in (
        ActionStatus.IN_PROGRESS,
        ActionStatus.APPROVED,
        ActionStatus.PROPOSED,
    ):
        context.undo_stack.undo()
        assert stored_action(library_path).status is expected
        assert tab.lifecycle.status_label.text() == f"<b>Status: {label(expected)}</b>"

    context.undo_stack.redo()
    assert stored_action(library_path).status is ActionStatus.APPROVED
    assert tab.lifecycle.allowed() == [
        ActionStatus.IN_PROGRESS,
        ActionStatus.CANCELLED,
    ]


def test_undo_text_names_status(tab, context) -> None:
    click(tab, ActionStatus.APPROVED)
    assert context.undo_stack.undoText() == "Mark “Expire deploy tokens” Approved"


def test_cancel_without_reason_rejected(tab, library_path, shown_errors) -> None:
    dialogs = answer_dialogs(tab, lambda d: d.reason.setPlainText("   "))

    click(tab, ActionStatus.CANCELLED)

    assert dialogs[0].result() != QDialog.DialogCode.Accepted
    assert "cancel reason is missing" in shown_errors[0][1]
    assert stored_action(library_path).status is ActionStatus.PROPOSED


def test_cancel_stores_reason_and_undoes(tab, context, library_path) -> None:
    answer_dialogs(tab, lambda d: d.reason.setPlainText("Replaced by SSO tokens"))

    click(tab, ActionStatus.CANCELLED)

    action = stored_action(library_path)
    assert action.status is ActionStatus.CANCELLED
    assert action.cancel_reason == "Replaced by SSO tokens"
    assert tab.lifecycle.allowed() == []
    context.undo_stack.undo()
    assert stored_action(library_path).status is ActionStatus.PROPOSED


def test_progress_added_listed_and_undone(tab, context, library_path) -> None:
    click(tab, ActionStatus.APPROVED)

    def fill(dialog: RecordDialog) -> None:
        dialog.percent.setValue(40)
        dialog.note.setPlainText("Half the pipelines use short-lived tokens")

    answer_dialogs(tab, fill)
    tab.progress.add_button.click()

    progress = stored_review(library_path).progress
    assert [(p.percent, p.by, p.reported_on) for p in progress] == [
        (40, "Dana Ops", TODAY)
    ]
    assert tab.progress.model.rowCount() == 1
    assert tab.progress.model.index(0, 1).data() == "40 %"
    assert context.undo_stack.undoText() == "Add progress update"
    context.undo_stack.undo()
    assert stored_review(library_path).progress == []
    assert tab.progress.model.rowCount() == 0


def test_progress_on_final_action_rejected(tab, library_path, shown_errors) -> None:
    answer_dialogs(
        tab,
        lambda d: d.reason.setPlainText("Out of scope"),
        lambda d: d.percent.setValue(10),
    )
    click(tab, ActionStatus.CANCELLED)

    tab.progress.add_button.click()

    assert "final" in shown_errors[0][1]
    assert stored_review(library_path).progress == []


def test_verify_needs_positive_check(tab, context, library_path) -> None:
    move(tab, ActionStatus.APPROVED, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
    verify = tab.lifecycle.buttons[ActionStatus.VERIFIED]
    assert not verify.isEnabled()

    answer_dialogs(tab, check(True))
    tab.lifecycle.check_button.click()

    assert verify.isEnabled()
    assert tab.checks.rowCount() == 1
    assert tab.checks.index(0, 2).data() == "effective"
    verify.click()
    assert stored_action(library_path).status is ActionStatus.VERIFIED
    context.undo_stack.undo()
    assert stored_action(library_path).status is ActionStatus.DONE


def test_failed_check_reopens_and_undoes(tab, context, library_path) -> None:
    move(tab, ActionStatus.APPROVED, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
    answer_dialogs(tab, check(False, "Scan found a 90-day token"))

    click(tab, ActionStatus.NOT_EFFECTIVE)

    review = stored_review(library_path)
    assert review.actions[0].status is ActionStatus.NOT_EFFECTIVE
    assert [c.effective for c in review.effectiveness] == [False]
    assert tab.lifecycle.buttons[ActionStatus.IN_PROGRESS].text() == "Reopen"
    assert context.undo_stack.undoText() == "Record effectiveness check"

    context.undo_stack.undo()
    review = stored_review(library_path)
    assert review.actions[0].status is ActionStatus.DONE
    assert review.effectiveness == []
    context.undo_stack.redo()
    review = stored_review(library_path)
    assert review.actions[0].status is ActionStatus.NOT_EFFECTIVE
    assert len(review.effectiveness) == 1


def test_check_without_result_rejected(tab, library_path, shown_errors) -> None:
    move(tab, ActionStatus.APPROVED, ActionStatus.IN_PROGRESS, ActionStatus.DONE)

    def fill(dialog: RecordDialog) -> None:
        dialog.checked_by.setText("Ira Manager")
        dialog.evidence.setPlainText("Scan")

    answer_dialogs(tab, fill)
    tab.lifecycle.check_button.click()

    assert "result is missing" in shown_errors[0][1]
    assert stored_review(library_path).effectiveness == []


def test_dialog_stores_plan_fields(tab, context, library_path) -> None:
    lesson = context.review.lessons[0]

    def fill(dialog: RecordDialog) -> None:
        dialog.priority.set_value(ActionPriority.HIGH)
        dialog.action_type.set_value(ActionType.PREVENT)
        dialog.ticket_url.setText("https://tracker.example/SEC-12")
        dialog.lessons.set_checked(lesson.id)

    answer_dialogs(tab, fill)
    tab.actions.edit_button.click()

    action = stored_action(library_path)
    assert action.priority is ActionPriority.HIGH
    assert action.action_type is ActionType.PREVENT
    assert action.ticket_url == "https://tracker.example/SEC-12"
    assert action.lesson_ids == [lesson.id]
    assert tab.actions.model.index(0, 5).data() == "High"
    assert tab.actions.model.index(0, 6).data() == "Prevent"


def test_smart_panel_names_gaps(tab) -> None:
    assert "1 gap" in tab.smart.heading.text()
    assert tab.smart.list.item(0).text() == (
        "not linked to a contributing factor or lesson learned"
    )


def test_smart_panel_passes_linked_action(tab, context) -> None:
    factor = context.review.factors[0]
    answer_dialogs(tab, lambda d: d.factors.set_checked(factor.id))

    tab.actions.edit_button.click()

    assert "Specific and measurable" in tab.smart.heading.text()
    assert tab.smart.list.count() == 0


def test_selection_kept_after_edit(tab) -> None:
    click(tab, ActionStatus.APPROVED)
    assert tab.selected_action() is not None
    assert tab.selected_action().status is ActionStatus.APPROVED
