"""The Discussion, Root cause and Action plan tabs on real widgets and a real file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import UTC, date, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from record_dialogs import Fill, answer_dialogs  # noqa: E402

from pir_desktop.domain.entities import Participant, TimelineEvent  # noqa: E402
from pir_desktop.domain.enums import LessonKind, ObservationKind, Severity  # noqa: E402
from pir_desktop.domain.review import Review  # noqa: E402
from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.ui import errors  # noqa: E402
from pir_desktop.ui.context import ReviewContext  # noqa: E402
from pir_desktop.ui.dialogs.record_dialog import RecordDialog  # noqa: E402
from pir_desktop.ui.tabs.actions import ActionPlanTab  # noqa: E402
from pir_desktop.ui.tabs.discussion import DiscussionTab  # noqa: E402
from pir_desktop.ui.tabs.rootcause import RootCauseTab  # noqa: E402
from pir_desktop.ui.tabs.whychain import read_back  # noqa: E402


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "x.pir"


@pytest.fixture
def context(qtbot, library_path: Path) -> Iterator[ReviewContext]:
    library = ReviewLibrary.create(library_path)
    review = Review(
        reference="PIR-TEST-7",
        title="Leaked deploy token",
        severity=Severity.P2,
        participants=[Participant(name="Dana Ops", role="action_item_owner")],
        events=[
            TimelineEvent(
                occurred_at=datetime(2024, 3, 1, 9, 30, tzinfo=UTC),
                description="Token found in a public repository",
            )
        ],
    )
    stored = library.add_review(review)
    context = ReviewContext(library)
    context.select(stored.id)
    yield context
    library.close()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Capture error messages instead of showing modal boxes."""
    captured: list[str] = []
    monkeypatch.setattr(
        errors, "show_error", lambda parent, title, message: captured.append(message)
    )
    return captured


def fill_action(title: str, owner: str) -> Fill:
    def fill(dialog: RecordDialog) -> None:
        dialog.title.setText(title)
        dialog.owner.setCurrentText(owner)
        dialog.due_date.set_value(date(2024, 4, 30))
        dialog.success_criteria.setPlainText("No deploy token older than 30 days")

    return fill


def fill_text(text: str) -> Fill:
    def fill(dialog: RecordDialog) -> None:
        field = dialog.text
        if hasattr(field, "setPlainText"):
            field.setPlainText(text)
        else:
            field.setText(text)

    return fill


def test_action_added_through_dialog(qtbot, context, library_path) -> None:
    tab = ActionPlanTab(context)
    qtbot.addWidget(tab)
    answer_dialogs(tab, fill_action("Rotate deploy tokens monthly", "Dana Ops"))

    tab.add_action()

    model = tab.actions.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Rotate deploy tokens monthly"
    assert model.index(0, 1).data() == "Dana Ops"
    assert model.index(0, 2).data() == "2024-04-30"
    reopened = ReviewLibrary.open(library_path, read_only=True)
    try:
        actions = reopened.load(context.review_id).actions
    finally:
        reopened.close()
    assert [a.title for a in actions] == ["Rotate deploy tokens monthly"]
    assert actions[0].owner == "Dana Ops"


def test_action_without_owner_rejected(qtbot, context, messages) -> None:
    tab = ActionPlanTab(context)
    qtbot.addWidget(tab)
    dialogs = answer_dialogs(tab, fill_action("Rotate deploy tokens", "   "))

    tab.add_action()

    assert len(messages) == 1
    assert "owner" in messages[0]
    assert dialogs[0].record is None
    assert tab.actions.model.rowCount() == 0
    assert context.library.load(context.review_id).actions == []
    assert context.undo_stack.count() == 0


def test_action_add_undone(qtbot, context) -> None:
    tab = ActionPlanTab(context)
    qtbot.addWidget(tab)
    answer_dialogs(tab, fill_action("Rotate deploy tokens", "Dana Ops"))
    tab.add_action()

    assert context.undo_stack.undoText() == "Add action item"
    context.undo_stack.undo()

    assert tab.actions.model.rowCount() == 0
    assert context.library.load(context.review_id).actions == []
    context.undo_stack.redo()
    assert tab.actions.model.rowCount() == 1


def test_action_without_factor_listed(qtbot, context) -> None:
    tab = ActionPlanTab(context)
    qtbot.addWidget(tab)
    answer_dialogs(tab, fill_action("Rotate deploy tokens", "Dana Ops"))
    tab.add_action()

    assert "1 action addresses no contributing factor" in tab.unlinked_label.text()
    shading = tab.actions.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert shading is not None


def add_factor(tab: RootCauseTab, statement: str) -> None:
    def fill(dialog: RecordDialog) -> None:
        dialog.statement.setPlainText(statement)
        dialog.category.setCurrentText("Identity and access")

    answer_dialogs(tab, fill)
    tab.add_factor()


def add_why(tab: RootCauseTab, text: str) -> None:
    answer_dialogs(tab.why_tree, fill_text(text))
    tab.why_tree.add_child()


def test_factor_added_and_listed_without_action(qtbot, context) -> None:
    tab = RootCauseTab(context)
    qtbot.addWidget(tab)

    add_factor(tab, "Deploy tokens never expire")

    assert tab.factors.model.rowCount() == 1
    assert tab.factors.model.index(0, 1).data() == "Identity and access"
    assert "1 factor has no action" in tab.unaddressed_label.text()
    assert context.undo_stack.undoText() == "Add factor"


def test_why_subtree_deleted_and_restored(qtbot, context) -> None:
    tab = RootCauseTab(context)
    qtbot.addWidget(tab)
    add_factor(tab, "Deploy tokens never expire")
    add_why(tab, "A deploy token was used by an outsider")
    add_why(tab, "Why? The token was pushed to a public repository")
    add_why(tab, "Why? No secret scanning runs before a push")
    factor = context.review.factors[0]
    tab.why_tree.choose_factor = lambda review, node: factor.id
    tab.why_tree.link_selected()

    nodes = {n.text: n for n in context.review.why_nodes}
    leaf = nodes["Why? No secret scanning runs before a push"]
    assert leaf.factor_id == factor.id
    assert read_back(context.review, leaf) == (
        "No secret scanning runs before a push, therefore the token was pushed to "
        "a public repository, therefore a deploy token was used by an outsider."
    )
    middle = nodes["Why? The token was pushed to a public repository"]
    tab.why_tree.select(middle.id)
    tab.why_tree.delete_selected()

    assert [n.text for n in context.review.why_nodes] == [
        "A deploy token was used by an outsider"
    ]
    assert tab.why_tree.tree.topLevelItem(0).childCount() == 0
    context.undo_stack.undo()

    restored = {n.id: n for n in context.review.why_nodes}
    assert set(restored) == {n.id for n in nodes.values()}
    assert restored[leaf.id].parent_id == middle.id
    assert restored[leaf.id].factor_id == factor.id
    assert tab.why_tree.tree.topLevelItem(0).child(0).childCount() == 1


def test_why_tree_read_back_label(qtbot, context) -> None:
    tab = RootCauseTab(context)
    qtbot.addWidget(tab)
    add_why(tab, "Outsider used a deploy token")
    add_why(tab, "The token was public")

    assert "The token was public, therefore outsider used a deploy token." in (
        tab.why_tree.read_back_label.text()
    )


def test_factor_delete_unlinks_action_and_undo(qtbot, context) -> None:
    tab = RootCauseTab(context)
    qtbot.addWidget(tab)
    add_factor(tab, "Deploy tokens never expire")
    factor = context.review.factors[0]
    plan = ActionPlanTab(context)
    qtbot.addWidget(plan)

    def fill(dialog: RecordDialog) -> None:
        fill_action("Expire tokens", "Dana Ops")(dialog)
        dialog.factors.set_checked(factor.id)

    answer_dialogs(plan, fill)
    plan.add_action()
    assert tab.unaddressed_label.text() == ""

    tab.delete_factor(context.review.factors[0])
    assert context.review.actions[0].factor_ids == []
    context.undo_stack.undo()

    assert context.review.actions[0].factor_ids == [factor.id]


def test_observation_anchored_to_event(qtbot, context) -> None:
    tab = DiscussionTab(context)
    qtbot.addWidget(tab)
    event = context.review.events[0]

    def fill(dialog: RecordDialog) -> None:
        dialog.text.setPlainText("The token was revoked within ten minutes")
        dialog.events.set_checked(event.id)

    answer_dialogs(tab, fill)
    tab.add_observation(ObservationKind.WENT_WELL)

    stored = context.library.load(context.review_id).observations
    assert len(stored) == 1
    assert stored[0].kind is ObservationKind.WENT_WELL
    assert stored[0].event_ids == [event.id]
    panel = tab.observation_panels[ObservationKind.WENT_WELL]
    assert panel.model.index(0, 0).data() == "The token was revoked within ten minutes"
    assert tab.observation_panels[ObservationKind.LUCKY].model.rowCount() == 0
    assert context.undo_stack.undoText() == "Add observation"


def test_lesson_linked_and_deleted(qtbot, context) -> None:
    causes = RootCauseTab(context)
    qtbot.addWidget(causes)
    add_factor(causes, "Deploy tokens never expire")
    factor = context.review.factors[0]
    tab = DiscussionTab(context)
    qtbot.addWidget(tab)

    def fill(dialog: RecordDialog) -> None:
        dialog.kind.set_value(LessonKind.TOOL)
        dialog.text.setPlainText("Scan pushes for secrets")
        dialog.factors.set_checked(factor.id)

    answer_dialogs(tab, fill)
    tab.add_lesson()

    model = tab.lesson_panel.model
    assert model.index(0, 0).data() == "Tool enhancement"
    assert model.index(0, 2).data() == "Deploy tokens never expire"
    assert context.review.lessons[0].factor_ids == [factor.id]
    tab.delete_lesson(context.review.lessons[0])
    assert context.undo_stack.undoText().startswith("Delete lesson")
    assert model.rowCount() == 0


def test_observation_edit_rejects_empty_text(qtbot, context, messages) -> None:
    tab = DiscussionTab(context)
    qtbot.addWidget(tab)
    answer_dialogs(tab, fill_text("Paging worked"))
    tab.add_observation(ObservationKind.WENT_WELL)
    before = context.review.observations[0]
    answer_dialogs(tab, fill_text(""))

    tab.edit_observation(before)

    assert len(messages) == 1
    assert "text" in messages[0]
    assert context.library.load(context.review_id).observations[0].text == (
        "Paging worked"
    )


def test_tabs_disabled_without_review(qtbot, context) -> None:
    tabs = [DiscussionTab(context), RootCauseTab(context), ActionPlanTab(context)]
    for tab in tabs:
        qtbot.addWidget(tab)

    context.select(None)

    assert [tab.isEnabled() for tab in tabs] == [False, False, False]
    assert tabs[2].actions.model.rowCount() == 0


def test_why_shortcut_adds_child(qtbot, context) -> None:
    tab = RootCauseTab(context)
    qtbot.addWidget(tab)
    add_why(tab, "Outsider used a deploy token")
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    tab.why_tree.tree.setFocus()
    qtbot.waitUntil(lambda: tab.why_tree.tree.hasFocus())
    answer_dialogs(tab.why_tree, fill_text("The token was public"))

    qtbot.keyClick(
        tab.why_tree.tree,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    root = context.review.why_nodes[0]
    children = [n for n in context.review.why_nodes if n.parent_id == root.id]
    assert [n.text for n in children] == ["The token was public"]
