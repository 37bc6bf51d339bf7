"""The Root cause tab's Fishbone page on real widgets and a real library file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable  # noqa: E402
from uuid import UUID, uuid4  # noqa: E402

import pytest  # noqa: E402
from conftest import stored_sample  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox  # noqa: E402
from root_cause_gui import (  # noqa: E402
    box_point,
    click_box,
    drag_box,
    show_root_cause_tab,
    type_into_editor,
)

from pir_desktop.domain.diagrams.presets import SUBCAUSE_MARK  # noqa: E402
from pir_desktop.domain.review import Review  # noqa: E402
from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.ui.context import ReviewContext  # noqa: E402
from pir_desktop.ui.diagrams.fishbone_changes import category_changes  # noqa: E402
from pir_desktop.ui.diagrams.fishbone_panel import (  # noqa: E402
    DERIVED_ENTRY,
    FishbonePanel,
)
from pir_desktop.ui.dialogs.fishbone import (  # noqa: E402
    CategoryDialog,
    DeleteChoice,
    FishboneDialog,
    ask_delete_factor,
)
from pir_desktop.ui.dialogs.stale import StaleChoice  # noqa: E402

IDENTITY = "Identity and access"
DETECTION = "Detection and monitoring"
# Sample factors: SSH reachable from the internet (top cause on Identity and
# access), agent forwarding (its sub-cause), and the missing SSH-key alert.
SSH_OPEN = UUID("475bb87d-fa8b-5f52-8615-3e7406d4cb8f")
AGENT_FORWARDING = UUID("2e3ad2ee-2fde-58a8-9292-04145bbf7bb0")
NO_KEY_ALERT = UUID("2700d5ef-65a0-5713-94ff-b2a8a249584e")


def open_page(qtbot, context: ReviewContext) -> FishbonePanel:
    tab = show_root_cause_tab(qtbot, context, lambda pages: pages.fishbone)
    return tab.diagrams.fishbone


@pytest.fixture
def page(qtbot, sample_context: ReviewContext) -> FishbonePanel:
    return open_page(qtbot, sample_context)


def answer_text(page: FishbonePanel, *texts: str | None) -> list[tuple[str, str]]:
    """Make the page's next prompts return `texts` in turn.

    Return the list that collects each prompt's title and initial text.
    """
    prompts: list[tuple[str, str]] = []
    pending = list(texts)

    def ask(_parent, title: str, _label: str, initial: str) -> str | None:
        prompts.append((title, initial))
        return pending.pop(0)

    page.ask_text = ask
    return prompts


def answer_dialog(page: FishbonePanel, fill: Callable[[QDialog], None]) -> None:
    def run(dialog: QDialog) -> bool:
        fill(dialog)
        return True

    page.run_dialog = run


def box_ids(page: FishbonePanel) -> set[str]:
    return set(page.view.diagram_scene().box_items())


def press_on(qtbot, page: FishbonePanel, box_id: str, key: Qt.Key) -> None:
    """Select a box with a click and press a key on the diagram."""
    view = page.view
    view.ensureVisible(view.diagram_scene().box_item(box_id))
    click_box(qtbot, view, box_id)
    assert view.selected_box() is not None
    assert view.selected_box()[0] == box_id
    qtbot.keyClick(view, key)


def drag(qtbot, page: FishbonePanel, box_id: str, target_id: str) -> None:
    """Fit the whole fishbone into the view, then drag one box onto another."""
    page.view.fit()
    drag_box(qtbot, page.view, box_id, target_id)


def category(name: str) -> str:
    return f"category:{name}"


def factor_category(review: Review, factor_id: UUID) -> str:
    factor = review.factor(factor_id)
    assert factor is not None
    return factor.category


# Choosing and creating


def test_sample_fishbone_shown_editable(page: FishbonePanel) -> None:
    assert page.chooser.currentText() == "How the attacker got in and stayed"
    assert page.view.is_editable()
    ids = box_ids(page)
    assert str(AGENT_FORWARDING) in ids
    assert category("Third parties") in ids
    box = page.view.diagram_scene().diagram.box(str(AGENT_FORWARDING))
    assert box.kind.value == "subcause"
    assert not page.buttons["Save as analysis"].isEnabled()


def test_derived_shown_then_saved(page, library_path) -> None:
    page.buttons["Delete fishbone"].click()
    assert stored_sample(library_path).fishbones == []
    assert page.chooser.currentText() == DERIVED_ENTRY
    assert not page.view.is_editable()
    assert not page.buttons["Edit categories…"].isEnabled()
    assert category("Third parties") not in box_ids(page)

    page.toggle_category(category(IDENTITY))
    page.buttons["Save as analysis"].click()

    (record,) = stored_sample(library_path).fishbones
    assert record.title == "Fishbone 1"
    assert record.preset == "security"
    assert record.collapsed == [IDENTITY]
    assert page.chooser.currentText() == "Fishbone 1"
    assert page.view.is_editable()
    page.context.undo_stack.undo()
    assert stored_sample(library_path).fishbones == []


def test_new_fishbone_from_preset(page, library_path) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, FishboneDialog)
        assert dialog.title.text() == "Fishbone 2"
        dialog.title.setText("Ishikawa 6M")
        dialog.preset.setCurrentIndex(dialog.preset.findData("6m"))
        dialog.problem.setPlainText("Why did root access last four weeks?")

    answer_dialog(page, fill)
    page.buttons["New fishbone…"].click()

    record = stored_sample(library_path).fishbones[-1]
    assert record.title == "Ishikawa 6M"
    assert record.preset == "6m"
    assert record.categories[0] == "Man"
    assert record.parents == {}
    assert page.chooser.currentText() == "Ishikawa 6M"
    assert page.chooser.count() == 2
    assert category("Mother Nature") in box_ids(page)
    # The factors keep their own categories, on ribs after the preset's.
    assert category(IDENTITY) in box_ids(page)
    head = page.view.diagram_scene().diagram.box("head")
    assert head.title == "Why did root access last four weeks?"

    page.context.undo_stack.undo()
    assert len(stored_sample(library_path).fishbones) == 1
    assert page.chooser.count() == 1


def test_rename_then_undo(page, library_path) -> None:
    answer_text(page, "Access and detection")
    page.buttons["Rename…"].click()
    assert stored_sample(library_path).fishbones[0].title == "Access and detection"
    assert page.chooser.currentText() == "Access and detection"
    page.context.undo_stack.undo()
    assert stored_sample(library_path).fishbones[0].title == (
        "How the attacker got in and stayed"
    )


def test_edit_categories_one_undo_step(page, library_path) -> None:
    before = stored_sample(library_path)
    identity_ids = {f.id for f in before.factors if f.category == IDENTITY}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CategoryDialog)
        names = dialog.categories()
        dialog.list.setCurrentRow(names.index(IDENTITY))
        dialog.list.currentItem().setText("Access")
        dialog.move(-1)
        dialog.list.setCurrentRow(names.index("Third parties"))
        dialog.remove()
        dialog.add()
        dialog.list.currentItem().setText("Vendors")

    answer_dialog(page, fill)
    count = page.context.undo_stack.count()
    page.buttons["Edit categories…"].click()

    after = stored_sample(library_path)
    categories = after.fishbones[0].categories
    assert categories[:4] == [
        "People and knowledge",
        "Process and policy",
        "Access",
        "Technology and configuration",
    ]
    assert "Third parties" not in categories
    assert "Vendors" in categories
    assert {f.id for f in after.factors if f.category == "Access"} == identity_ids
    assert page.context.undo_stack.count() == count + 1
    assert category("Access") in box_ids(page)

    page.context.undo_stack.undo()
    undone = stored_sample(library_path)
    assert undone.fishbones[0].categories == before.fishbones[0].categories
    assert {f.id for f in undone.factors if f.category == IDENTITY} == identity_ids

    page.context.undo_stack.redo()
    redone = stored_sample(library_path)
    assert redone.fishbones[0].categories == categories
    assert {f.id for f in redone.factors if f.category == "Access"} == identity_ids


def test_duplicate_category_keeps_dialog(page, shown_errors) -> None:
    record = page.current()
    dialog = CategoryDialog(
        record.categories, {}, lambda names: record.with_changes(categories=names)
    )
    dialog.add()
    dialog.list.currentItem().setText("people AND knowledge")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    message = shown_errors[0][1]
    assert message.startswith("category 'people AND knowledge' is listed twice")
    assert "Value error" not in message
    assert "categories:" not in message


def test_swapped_category_names(page, library_path) -> None:
    review, record = page.context.review, page.current()
    swapped = [
        {IDENTITY: DETECTION, DETECTION: IDENTITY}.get(name, name)
        for name in record.categories
    ]
    renames = {IDENTITY: DETECTION, DETECTION: IDENTITY}
    changes = category_changes(review, record, swapped, renames)
    assert sum(1 for before, _ in changes if before.id == SSH_OPEN) == 1
    page.edits.change_categories(record, swapped, renames)

    after = stored_sample(library_path)
    assert factor_category(after, SSH_OPEN) == DETECTION
    assert factor_category(after, NO_KEY_ALERT) == IDENTITY
    assert after.fishbones[0].categories == swapped


# Collapsing


def test_collapse_saved_across_reopen(
    qtbot, page, sample_context, library_path
) -> None:
    press_on(qtbot, page, category(IDENTITY), Qt.Key.Key_Space)

    assert stored_sample(library_path).fishbones[0].collapsed == [IDENTITY]
    assert str(SSH_OPEN) not in box_ids(page)
    assert page.view.selected_box()[0] == category(IDENTITY)

    library = ReviewLibrary.open(library_path)
    reopened = ReviewContext(library)
    reopened.select(sample_context.review.id)
    again = open_page(qtbot, reopened)
    assert str(SSH_OPEN) not in box_ids(again)
    assert category(IDENTITY) in box_ids(again)
    library.close()

    page.context.undo_stack.undo()
    assert stored_sample(library_path).fishbones[0].collapsed == []
    assert str(SSH_OPEN) in box_ids(page)
    page.context.undo_stack.redo()
    assert stored_sample(library_path).fishbones[0].collapsed == [IDENTITY]


def test_links_to_deleted_factors_dropped(
    qtbot, page, sample_context, library_path
) -> None:
    record = sample_context.review.fishbones[0]
    valid_parents = dict(record.parents)
    dangling = {**valid_parents, uuid4(): SSH_OPEN, NO_KEY_ALERT: uuid4()}
    sample_context.library.update(record.with_changes(parents=dangling))
    sample_context.reload()

    press_on(qtbot, page, category(IDENTITY), Qt.Key.Key_Space)

    stored = stored_sample(library_path).fishbones[0]
    assert stored.collapsed == [IDENTITY]
    assert stored.parents == valid_parents
    page.context.undo_stack.undo()
    assert stored_sample(library_path).fishbones[0].parents == dangling


def test_double_click_expands(qtbot, page, library_path) -> None:
    page.toggle_category(category(DETECTION))
    assert stored_sample(library_path).fishbones[0].collapsed == [DETECTION]
    view = page.view
    view.ensureVisible(view.diagram_scene().box_item(category(DETECTION)))
    qtbot.mouseDClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=box_point(view, category(DETECTION)),
    )
    assert stored_sample(library_path).fishbones[0].collapsed == []


def test_space_on_cause_collapses_its_rib(qtbot, page, library_path) -> None:
    press_on(qtbot, page, str(AGENT_FORWARDING), Qt.Key.Key_Space)
    assert stored_sample(library_path).fishbones[0].collapsed == [IDENTITY]


# Editing on the diagram


def test_enter_on_category_adds_cause(qtbot, page, library_path) -> None:
    press_on(qtbot, page, category("Third parties"), Qt.Key.Key_Return)
    draft = page.edits.draft
    assert draft is not None
    assert str(draft.factor.id) in box_ids(page)
    assert page.edits.editor.text() == ""
    type_into_editor(qtbot, page.edits.editor, "Vendor VPN left open")

    review = stored_sample(library_path)
    added = review.factors[-1]
    assert added.statement == "Vendor VPN left open"
    assert added.category == "Third parties"
    assert page.view.selected_box()[0] == str(added.id)

    page.context.undo_stack.undo()
    assert len(stored_sample(library_path).factors) == len(review.factors) - 1


def test_tab_on_cause_adds_subcause(qtbot, page, library_path) -> None:
    press_on(qtbot, page, str(SSH_OPEN), Qt.Key.Key_Tab)
    type_into_editor(qtbot, page.edits.editor, "Keys were never rotated")

    review = stored_sample(library_path)
    added = review.factors[-1]
    assert added.category == IDENTITY
    assert review.fishbones[0].parents[added.id] == SSH_OPEN
    assert page.view.selected_box()[0] == str(added.id)

    page.context.undo_stack.undo()
    undone = stored_sample(library_path)
    assert added.id not in undone.fishbones[0].parents
    assert undone.factor(added.id) is None

    page.context.undo_stack.redo()
    redone = stored_sample(library_path)
    assert redone.fishbones[0].parents[added.id] == SSH_OPEN
    assert redone.factor(added.id).statement == "Keys were never rotated"


def test_enter_on_subcause_adds_sibling(qtbot, page, library_path) -> None:
    press_on(qtbot, page, str(AGENT_FORWARDING), Qt.Key.Key_Return)
    type_into_editor(qtbot, page.edits.editor, "Old keys stayed valid")
    review = stored_sample(library_path)
    added = review.factors[-1]
    assert review.fishbones[0].parents[added.id] == SSH_OPEN


def test_tab_on_subcause_nests_deeper(qtbot, page, library_path) -> None:
    press_on(qtbot, page, str(AGENT_FORWARDING), Qt.Key.Key_Tab)
    type_into_editor(qtbot, page.edits.editor, "Forwarding was the default")
    added = stored_sample(library_path).factors[-1]
    assert (
        stored_sample(library_path).fishbones[0].parents[added.id] == AGENT_FORWARDING
    )
    box = page.view.diagram_scene().diagram.box(str(added.id))
    assert box.title == SUBCAUSE_MARK + "Forwarding was the default"


def test_empty_statement_adds_nothing(qtbot, page, library_path) -> None:
    count = len(stored_sample(library_path).factors)
    press_on(qtbot, page, category(DETECTION), Qt.Key.Key_Tab)
    type_into_editor(qtbot, page.edits.editor, "   ")
    assert len(stored_sample(library_path).factors) == count
    assert page.status.text().startswith("Nothing added")
    assert page.edits.draft is None
    assert page.view.selected_box()[0] == category(DETECTION)


def test_escape_drops_draft(qtbot, page, library_path) -> None:
    count = len(stored_sample(library_path).factors)
    undo_count = page.context.undo_stack.count()
    press_on(qtbot, page, str(SSH_OPEN), Qt.Key.Key_Tab)
    draft_id = str(page.edits.draft.factor.id)
    qtbot.keyClicks(page.edits.editor, "Not this one")
    qtbot.keyClick(page.edits.editor, Qt.Key.Key_Escape)

    assert page.edits.draft is None
    assert page.edits.editor is None
    assert draft_id not in box_ids(page)
    assert len(stored_sample(library_path).factors) == count
    assert page.context.undo_stack.count() == undo_count
    assert page.view.selected_box()[0] == str(SSH_OPEN)


def test_draft_expands_collapsed_rib(qtbot, page, library_path) -> None:
    page.toggle_category(category(IDENTITY))
    press_on(qtbot, page, category(IDENTITY), Qt.Key.Key_Return)
    assert str(page.edits.draft.factor.id) in box_ids(page)
    type_into_editor(qtbot, page.edits.editor, "Root keys were shared")

    review = stored_sample(library_path)
    assert review.factors[-1].category == IDENTITY
    assert review.fishbones[0].collapsed == [IDENTITY]
    assert str(review.factors[-1].id) not in box_ids(page)


def test_f2_renames_category_and_factors(qtbot, page, library_path) -> None:
    count = page.context.undo_stack.count()
    press_on(qtbot, page, category(IDENTITY), Qt.Key.Key_F2)
    assert page.edits.editor.text() == IDENTITY
    type_into_editor(qtbot, page.edits.editor, "Access control")

    review = stored_sample(library_path)
    assert "Access control" in review.fishbones[0].categories
    assert factor_category(review, SSH_OPEN) == "Access control"
    assert factor_category(review, AGENT_FORWARDING) == "Access control"
    assert page.context.undo_stack.count() == count + 1
    assert page.view.selected_box()[0] == category("Access control")

    page.context.undo_stack.undo()
    undone = stored_sample(library_path)
    assert IDENTITY in undone.fishbones[0].categories
    assert factor_category(undone, SSH_OPEN) == IDENTITY


def test_f2_renames_cause_statement(qtbot, page, library_path) -> None:
    press_on(qtbot, page, str(SSH_OPEN), Qt.Key.Key_F2)
    assert page.edits.editor.text().startswith("SSH was reachable")
    type_into_editor(qtbot, page.edits.editor, "SSH was open to the internet")
    factor = stored_sample(library_path).factor(SSH_OPEN)
    assert factor.statement == "SSH was open to the internet"
    page.context.undo_stack.undo()
    assert (
        stored_sample(library_path)
        .factor(SSH_OPEN)
        .statement.startswith("SSH was reachable")
    )


def test_f2_stores_over_undone_statement(qtbot, page, library_path) -> None:
    stale_prompts: list[str] = []

    def choose(_parent, described, _mine, _theirs) -> StaleChoice:
        stale_prompts.append(described)
        return StaleChoice.KEEP_STORED

    page.context.choose_on_stale = choose
    press_on(qtbot, page, str(SSH_OPEN), Qt.Key.Key_F2)
    type_into_editor(qtbot, page.edits.editor, "First")
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    page.edits.editor.selectAll()
    qtbot.keyClicks(page.edits.editor, "Second")

    page.context.undo_stack.undo()
    qtbot.keyClick(page.edits.editor, Qt.Key.Key_Return)

    assert stale_prompts == []
    assert stored_sample(library_path).factor(SSH_OPEN).statement == "Second"


def test_f2_on_head_sets_problem(qtbot, page, library_path) -> None:
    press_on(qtbot, page, "head", Qt.Key.Key_F2)
    assert page.edits.editor.text().startswith("An attacker gained root")
    type_into_editor(qtbot, page.edits.editor, "Why could the attacker stay?")
    assert (
        stored_sample(library_path).fishbones[0].problem
        == "Why could the attacker stay?"
    )
    assert page.view.diagram_scene().diagram.box("head").title == (
        "Why could the attacker stay?"
    )


def test_unchanged_head_keeps_problem(qtbot, page, library_path) -> None:
    count = page.context.undo_stack.count()
    page.buttons["Edit problem"].click()
    qtbot.keyClick(page.edits.editor, Qt.Key.Key_Return)
    assert stored_sample(library_path).fishbones[0].problem == ""
    assert page.context.undo_stack.count() == count


def test_f2_escape_keeps_name(qtbot, page, library_path) -> None:
    before = stored_sample(library_path)
    press_on(qtbot, page, category(DETECTION), Qt.Key.Key_F2)
    qtbot.keyClicks(page.edits.editor, " and more")
    qtbot.keyClick(page.edits.editor, Qt.Key.Key_Escape)
    assert stored_sample(library_path) == before


def test_delete_keeps_factor_unlinks(qtbot, page, library_path) -> None:
    page.ask_delete_factor = lambda _parent, _text: DeleteChoice.LINKS_ONLY
    press_on(qtbot, page, str(AGENT_FORWARDING), Qt.Key.Key_Delete)

    review = stored_sample(library_path)
    assert AGENT_FORWARDING not in review.fishbones[0].parents
    assert review.factor(AGENT_FORWARDING) is not None
    box = page.view.diagram_scene().diagram.box(str(AGENT_FORWARDING))
    assert box.kind.value == "cause"

    page.context.undo_stack.undo()
    assert (
        stored_sample(library_path).fishbones[0].parents[AGENT_FORWARDING] == SSH_OPEN
    )


def test_delete_factor_lifts_subcauses(qtbot, page, library_path) -> None:
    page.ask_delete_factor = lambda _parent, _text: DeleteChoice.FACTOR
    count = page.context.undo_stack.count()
    press_on(qtbot, page, str(SSH_OPEN), Qt.Key.Key_Delete)

    review = stored_sample(library_path)
    assert review.factor(SSH_OPEN) is None
    assert AGENT_FORWARDING not in review.fishbones[0].parents
    assert page.context.undo_stack.count() == count + 1

    page.context.undo_stack.undo()
    undone = stored_sample(library_path)
    assert undone.factor(SSH_OPEN) is not None
    assert undone.fishbones[0].parents[AGENT_FORWARDING] == SSH_OPEN

    page.context.undo_stack.redo()
    redone = stored_sample(library_path)
    assert redone.factor(SSH_OPEN) is None
    assert AGENT_FORWARDING not in redone.fishbones[0].parents


def test_delete_cancelled_changes_nothing(qtbot, page, library_path) -> None:
    page.ask_delete_factor = lambda _parent, _text: DeleteChoice.CANCEL
    before = stored_sample(library_path)
    press_on(qtbot, page, str(SSH_OPEN), Qt.Key.Key_Delete)
    assert stored_sample(library_path) == before


def test_delete_used_category_rejected(qtbot, page, library_path) -> None:
    press_on(qtbot, page, category(IDENTITY), Qt.Key.Key_Delete)
    assert IDENTITY in stored_sample(library_path).fishbones[0].categories
    assert "2 factors still use it" in page.status.text()

    press_on(qtbot, page, category("Third parties"), Qt.Key.Key_Delete)
    assert "Third parties" not in stored_sample(library_path).fishbones[0].categories
    page.context.undo_stack.undo()
    assert "Third parties" in stored_sample(library_path).fishbones[0].categories


def test_drag_cause_onto_category(qtbot, page, library_path) -> None:
    drag(qtbot, page, str(AGENT_FORWARDING), category(DETECTION))

    review = stored_sample(library_path)
    assert factor_category(review, AGENT_FORWARDING) == DETECTION
    assert AGENT_FORWARDING not in review.fishbones[0].parents

    page.context.undo_stack.undo()
    undone = stored_sample(library_path)
    assert factor_category(undone, AGENT_FORWARDING) == IDENTITY
    assert undone.fishbones[0].parents[AGENT_FORWARDING] == SSH_OPEN


def test_drag_cause_onto_cause(qtbot, page, library_path) -> None:
    drag(qtbot, page, str(NO_KEY_ALERT), str(SSH_OPEN))

    review = stored_sample(library_path)
    assert review.fishbones[0].parents[NO_KEY_ALERT] == SSH_OPEN
    assert factor_category(review, NO_KEY_ALERT) == IDENTITY
    box = page.view.diagram_scene().diagram.box(str(NO_KEY_ALERT))
    assert box.kind.value == "subcause"

    page.context.undo_stack.undo()
    undone = stored_sample(library_path)
    assert NO_KEY_ALERT not in undone.fishbones[0].parents
    assert factor_category(undone, NO_KEY_ALERT) == DETECTION

    page.context.undo_stack.redo()
    redone = stored_sample(library_path)
    assert redone.fishbones[0].parents[NO_KEY_ALERT] == SSH_OPEN
    assert factor_category(redone, NO_KEY_ALERT) == IDENTITY


def test_drag_onto_own_subcause_rejected(page, library_path) -> None:
    before = stored_sample(library_path)
    page.view.move_requested.emit(
        str(SSH_OPEN), str(SSH_OPEN), str(AGENT_FORWARDING), str(AGENT_FORWARDING)
    )
    assert stored_sample(library_path) == before
    assert "one of its own sub-causes" in page.status.text()


def test_drag_category_reorders(page, library_path) -> None:
    page.view.move_requested.emit(
        category(DETECTION), "", category("People and knowledge"), ""
    )
    categories = stored_sample(library_path).fishbones[0].categories
    assert categories[:2] == [DETECTION, "People and knowledge"]
    page.context.undo_stack.undo()
    assert (
        stored_sample(library_path).fishbones[0].categories[0] == "People and knowledge"
    )


def test_derived_space_collapses_in_memory(qtbot, page, library_path) -> None:
    page.buttons["Delete fishbone"].click()
    press_on(qtbot, page, category(IDENTITY), Qt.Key.Key_Space)
    assert page.derived_collapsed == {IDENTITY}
    assert str(SSH_OPEN) not in box_ids(page)
    assert stored_sample(library_path).fishbones == []


def test_delete_question_defaults_to_keep(qtbot) -> None:
    defaults: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press_enter)
            return
        default = box.defaultButton()
        defaults.append("" if default is None else default.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)
        if box.isVisible():
            box.reject()

    QTimer.singleShot(0, press_enter)
    choice = ask_delete_factor(None, "SSH was open")

    assert defaults == ["Keep the factor"]
    assert choice is DeleteChoice.LINKS_ONLY


def test_review_switch_drops_draft(qtbot, page, library_path) -> None:
    from conftest import example_review

    other = page.context.library.add_review(example_review())
    press_on(qtbot, page, category(IDENTITY), Qt.Key.Key_Return)
    assert page.edits.editor is not None
    qtbot.keyClicks(page.edits.editor, "Left unfinished")

    page.context.select(other.id)

    assert page.edits.editor is None
    assert page.edits.draft is None
    assert page.status.text() == ""
    statements = [f.statement for f in stored_sample(library_path).factors]
    assert "Left unfinished" not in statements
