"""The card board and lesson links on the Discussion tab, outside presenter mode."""

import pytest
from conftest import stored_sample
from PySide6.QtWidgets import QDialog

from pir_desktop.domain.enums import LessonKind
from pir_desktop.services.meeting import CardTarget
from pir_desktop.ui.dialogs.record_dialog import RecordDialog
from pir_desktop.ui.hints import SENSITIVE_MARK
from pir_desktop.ui.tabs.discussion import DiscussionTab


@pytest.fixture
def tab(qtbot, context) -> DiscussionTab:
    tab = DiscussionTab(context)
    qtbot.addWidget(tab)
    return tab


def test_lesson_links_card(tab, context, sample_path, shown_errors):
    card = context.review.observations[7]

    def exec_dialog(dialog: RecordDialog) -> bool:
        dialog.kind.set_value(LessonKind.TRAINING)
        dialog.text.setPlainText("Keep a current inventory of services")
        dialog.cards.set_checked(card.id)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    tab.exec_dialog = exec_dialog  # type: ignore[method-assign]
    tab.add_lesson()

    lesson = next(
        x
        for x in stored_sample(sample_path).lessons
        if x.text.startswith("Keep a current")
    )
    assert lesson.observation_ids == [card.id]
    assert lesson.kind is LessonKind.TRAINING
    model = tab.lesson_panel.model
    row = next(i for i, x in enumerate(model.records) if x.id == lesson.id)
    assert model.index(row, 3).data() == card.text[:39] + "…"
    assert shown_errors == []


def test_vote_and_turn_into_lesson(tab, context, sample_path, shown_errors):
    card = context.review.observations[6]
    voter = context.review.participants[0]
    board = tab.board
    board.set_voter(voter.id)
    board.select_card(card.id)

    board.add_dot()

    votes = stored_sample(sample_path).votes
    assert [(v.observation_id, v.participant_id) for v in votes] == [
        (card.id, voter.id)
    ]
    assert "●" in board.columns[card.kind].currentItem().text()

    board.select_card(card.id)
    board.turn_card(CardTarget.LESSON)

    lessons = [
        x for x in stored_sample(sample_path).lessons if card.id in x.observation_ids
    ]
    assert len(lessons) == 1
    assert lessons[0].text == card.text
    shown = [x.id for x in tab.lesson_panel.model.records]
    assert lessons[0].id in shown
    context.undo_stack.undo()
    assert not any(
        card.id in x.observation_ids for x in stored_sample(sample_path).lessons
    )
    assert shown_errors == []


def test_board_groups_card(tab, context, sample_path):
    card = context.review.observations[0]
    tab.board.ask_text = lambda *_args: ("Response speed", True)
    tab.board.select_card(card.id)

    tab.board.group_card()

    grouped = next(
        o for o in stored_sample(sample_path).observations if o.id == card.id
    )
    assert grouped.group_label == "Response speed"
    panel = next(iter(tab.observation_panels.values()))
    row = next(i for i, o in enumerate(panel.model.records) if o.id == card.id)
    assert panel.model.index(row, 1).data() == "Response speed"


def test_board_marks_sensitive_card(tab, context):
    card = context.review.observations[1]
    tab.board.select_card(card.id)

    tab.board.toggle_sensitive()

    item = tab.board.columns[card.kind].currentItem()
    assert item.text().startswith(SENSITIVE_MARK)
    assert card.text in item.text()
