"""Editing the why-tree diagram with keys and drags on the real Root cause tab."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402
from uuid import UUID  # noqa: E402

import pytest  # noqa: E402
from conftest import stored_sample  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from root_cause_gui import (  # noqa: E402
    box_point,
    click_box,
    drag_box,
    show_root_cause_tab,
    type_into_editor,
)

from pir_desktop.domain.entities import WhyNode  # noqa: E402
from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.services.sample import sample_review  # noqa: E402
from pir_desktop.ui.context import ReviewContext  # noqa: E402
from pir_desktop.ui.diagrams.why_editor import WhyTreePage  # noqa: E402
from pir_desktop.ui.dialogs.stale import StaleChoice  # noqa: E402
from pir_desktop.ui.tabs.rootcause import RootCauseTab  # noqa: E402

# Nodes of the sample review's why-tree.
PROBLEM = "a38d4be1-5e4f-5170-a437-e8d481afb863"
ROOT_ON_HOSTS = "481ad999-f4cc-52f1-a689-44e241ccc8e9"
ENGINEER_AGENT = "f4af6722-2e00-5df6-945d-4a8adaf193a6"
ONE_AGENT_MANY_HOSTS = "988940dd-bcbf-5e92-b21e-d87c84e29162"
KEY_UNNOTICED = "3a106206-414a-577b-b47e-2f157f1305a5"
SECRETS_EXPOSED = "d3f31f91-6d47-536e-a628-ebc6785d8012"
DNS_CHANGED = "95b6ae64-9d01-5661-a0de-6ae7cb88e479"


@pytest.fixture
def tab(qtbot, sample_context: ReviewContext) -> RootCauseTab:
    tab = show_root_cause_tab(
        qtbot, sample_context, lambda pages: pages.why_page, active=True
    )
    tab.diagrams.why_view.fit()
    return tab


@pytest.fixture
def page(tab: RootCauseTab) -> WhyTreePage:
    return tab.diagrams.why_page


def stored_nodes(path: Path) -> dict[str, WhyNode]:
    return {str(node.id): node for node in stored_sample(path).why_nodes}


def children(path: Path, parent_id: str) -> list[str]:
    nodes = [n for n in stored_sample(path).why_nodes if str(n.parent_id) == parent_id]
    return [n.text for n in sorted(nodes, key=lambda n: n.position)]


def test_enter_adds_sibling_after(qtbot, tab, page, library_path) -> None:
    view = page.view
    before = children(library_path, PROBLEM)
    click_box(qtbot, view, ROOT_ON_HOSTS)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_into_editor(qtbot, page.editor, "Why was MFA missing? Nobody enforced it")

    after = children(library_path, PROBLEM)
    assert after == [before[0], "Why was MFA missing? Nobody enforced it", *before[1:]]
    added = next(n for n in stored_sample(library_path).why_nodes if n.text == after[1])
    assert view.selected_box() == (str(added.id), str(added.id))
    assert view.hasFocus()
    assert str(added.id) in view.diagram_scene().box_items()
    assert tab.why_tree.selected().id == added.id
    assert tab.context.undo_stack.count() == 1
    assert tab.context.undo_stack.undoText() == "Add why"

    tab.context.undo_stack.undo()
    assert children(library_path, PROBLEM) == before
    positions = [n.position for n in stored_sample(library_path).why_nodes]
    assert str(added.id) not in view.diagram_scene().box_items()
    tab.context.undo_stack.redo()
    assert children(library_path, PROBLEM) == after
    tab.context.undo_stack.undo()
    assert [n.position for n in stored_sample(library_path).why_nodes] == positions


def test_tab_adds_child_why(qtbot, tab, page, library_path) -> None:
    view = page.view
    count = tab.context.undo_stack.count()
    click_box(qtbot, view, KEY_UNNOTICED)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    type_into_editor(qtbot, page.editor, "Why no alert? Key changes were not logged")

    assert children(library_path, KEY_UNNOTICED) == [
        "Why no alert? Key changes were not logged"
    ]
    assert tab.context.undo_stack.count() == count + 1
    assert view.hasFocus()
    tab.context.undo_stack.undo()
    assert children(library_path, KEY_UNNOTICED) == []
    tab.context.undo_stack.redo()
    assert len(children(library_path, KEY_UNNOTICED)) == 1


def test_escape_drops_draft(qtbot, tab, page, library_path) -> None:
    view = page.view
    nodes = stored_nodes(library_path)
    click_box(qtbot, view, KEY_UNNOTICED)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert len(view.diagram_scene().box_items()) == len(nodes) + 1
    qtbot.keyClicks(page.editor, "Not this one")
    qtbot.keyClick(page.editor, Qt.Key.Key_Escape)

    assert stored_nodes(library_path) == nodes
    assert tab.context.undo_stack.count() == 0
    assert len(view.diagram_scene().box_items()) == len(nodes)
    assert view.selected_box() == (KEY_UNNOTICED, KEY_UNNOTICED)
    assert page.editor is None


def test_empty_draft_adds_nothing(qtbot, tab, page, library_path) -> None:
    nodes = stored_nodes(library_path)
    click_box(qtbot, page.view, KEY_UNNOTICED)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.keyClick(page.editor, Qt.Key.Key_Return)

    assert stored_nodes(library_path) == nodes
    assert tab.context.undo_stack.count() == 0
    assert "Nothing added" in page.status.text()


def test_f2_renames_in_place(qtbot, tab, page, library_path) -> None:
    view = page.view
    old_text = stored_nodes(library_path)[DNS_CHANGED].text
    click_box(qtbot, view, DNS_CHANGED)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert page.editor.text() == old_text
    type_into_editor(qtbot, page.editor, "Why could the DNS change? A key stayed valid")

    node = stored_nodes(library_path)[DNS_CHANGED]
    assert node.text == "Why could the DNS change? A key stayed valid"
    assert view.selected_box() == (DNS_CHANGED, DNS_CHANGED)
    assert tab.why_tree.selected().text == node.text
    tab.context.undo_stack.undo()
    assert stored_nodes(library_path)[DNS_CHANGED].text == old_text
    tab.context.undo_stack.redo()
    assert stored_nodes(library_path)[DNS_CHANGED].text == node.text


def test_f2_stores_over_undone_text(qtbot, tab, page, library_path) -> None:
    stale_prompts: list[str] = []

    def choose(_parent, described, _mine, _theirs) -> StaleChoice:
        stale_prompts.append(described)
        return StaleChoice.KEEP_STORED

    tab.context.choose_on_stale = choose
    old_text = stored_nodes(library_path)[DNS_CHANGED].text
    click_box(qtbot, page.view, DNS_CHANGED)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    type_into_editor(qtbot, page.editor, "First")
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    page.editor.selectAll()
    qtbot.keyClicks(page.editor, "Second")

    tab.context.undo_stack.undo()
    assert stored_nodes(library_path)[DNS_CHANGED].text == old_text
    qtbot.keyClick(page.editor, Qt.Key.Key_Return)

    assert stale_prompts == []
    assert stored_nodes(library_path)[DNS_CHANGED].text == "Second"
    tab.context.undo_stack.undo()
    assert stored_nodes(library_path)[DNS_CHANGED].text == old_text


def test_f2_escape_keeps_text(qtbot, tab, page, library_path) -> None:
    nodes = stored_nodes(library_path)
    click_box(qtbot, page.view, DNS_CHANGED)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    qtbot.keyClicks(page.editor, " and more")
    qtbot.keyClick(page.editor, Qt.Key.Key_Escape)
    assert stored_nodes(library_path) == nodes
    assert tab.context.undo_stack.count() == 0


def test_f2_rejects_empty_text(qtbot, tab, page, library_path) -> None:
    nodes = stored_nodes(library_path)
    click_box(qtbot, page.view, DNS_CHANGED)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    page.editor.clear()
    qtbot.keyClick(page.editor, Qt.Key.Key_Return)
    assert stored_nodes(library_path) == nodes
    assert "Text not changed" in page.status.text()


def test_delete_removes_subtree(qtbot, tab, page, library_path) -> None:
    view = page.view
    nodes = stored_nodes(library_path)
    click_box(qtbot, view, ROOT_ON_HOSTS)
    qtbot.keyClick(view, Qt.Key.Key_Delete)

    left = stored_nodes(library_path)
    assert len(left) == len(nodes) - 8
    assert ROOT_ON_HOSTS not in left
    assert KEY_UNNOTICED not in left
    assert ROOT_ON_HOSTS not in view.diagram_scene().box_items()
    assert view.selected_box() == (PROBLEM, PROBLEM)
    assert tab.context.undo_stack.count() == 1

    tab.context.undo_stack.undo()
    assert stored_nodes(library_path).keys() == nodes.keys()
    assert tab.why_tree.tree.topLevelItem(0).child(0).text(0) == (
        nodes[ROOT_ON_HOSTS].text
    )
    tab.context.undo_stack.redo()
    assert len(stored_nodes(library_path)) == len(nodes) - 8


def test_drag_moves_under_target(qtbot, tab, page, library_path) -> None:
    view = page.view
    drag_box(qtbot, view, KEY_UNNOTICED, SECRETS_EXPOSED)

    node = stored_nodes(library_path)[KEY_UNNOTICED]
    assert str(node.parent_id) == SECRETS_EXPOSED
    assert node.position == 2
    assert children(library_path, ONE_AGENT_MANY_HOSTS) == []
    assert view.selected_box() == (KEY_UNNOTICED, KEY_UNNOTICED)

    tab.context.undo_stack.undo()
    assert str(stored_nodes(library_path)[KEY_UNNOTICED].parent_id) == (
        ONE_AGENT_MANY_HOSTS
    )
    tab.context.undo_stack.redo()
    assert str(stored_nodes(library_path)[KEY_UNNOTICED].parent_id) == (SECRETS_EXPOSED)


def test_drop_on_own_answer_rejected(qtbot, tab, page, library_path) -> None:
    nodes = stored_nodes(library_path)
    drag_box(qtbot, page.view, ROOT_ON_HOSTS, ENGINEER_AGENT)

    assert stored_nodes(library_path) == nodes
    assert tab.context.undo_stack.count() == 0
    assert "one of its own answers" in page.status.text()
    assert "Nothing changed" in page.status.text()


def test_drop_on_parent_changes_nothing(qtbot, tab, page, library_path) -> None:
    nodes = stored_nodes(library_path)
    drag_box(qtbot, page.view, KEY_UNNOTICED, ONE_AGENT_MANY_HOSTS)
    assert stored_nodes(library_path) == nodes
    assert "already an answer" in page.status.text()


def test_new_tree_and_chooser(qtbot, tab, page, library_path) -> None:
    assert page.chooser.count() == 2
    assert page.chooser.itemText(0) == "All why-trees"
    page.new_button.click()
    type_into_editor(qtbot, page.editor, "Customer data left the EU")

    roots = [n for n in stored_sample(library_path).why_nodes if n.parent_id is None]
    assert [r.text for r in sorted(roots, key=lambda n: n.position)][-1] == (
        "Customer data left the EU"
    )
    assert page.chooser.count() == 3
    new_root = next(r for r in roots if r.text == "Customer data left the EU")
    all_boxes = set(page.view.diagram_scene().box_items())
    assert str(new_root.id) in all_boxes

    page.chooser.setCurrentIndex(page.chooser.findData(PROBLEM))
    page.chooser.activated.emit(page.chooser.currentIndex())
    visible_boxes = set(page.view.diagram_scene().box_items())
    assert visible_boxes == all_boxes - {str(new_root.id)}

    tab.context.undo_stack.undo()
    assert page.chooser.count() == 2
    nodes = stored_sample(library_path).why_nodes
    assert len([n for n in nodes if n.parent_id is None]) == 1
    tab.context.undo_stack.redo()
    assert page.chooser.count() == 3
    assert str(new_root.id) in stored_nodes(library_path)


def test_new_tree_from_one_tree(qtbot, tab, page, library_path) -> None:
    page.choose_tree(UUID(PROBLEM))
    page.new_button.click()
    type_into_editor(qtbot, page.editor, "Backups were not tested")

    new_root = next(
        n
        for n in stored_sample(library_path).why_nodes
        if n.text == "Backups were not tested"
    )
    assert page.chooser.currentData() == str(new_root.id)
    assert set(page.view.diagram_scene().box_items()) == {str(new_root.id)}
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    type_into_editor(qtbot, page.editor, "Why? Nobody owned restore drills")
    assert children(library_path, str(new_root.id)) == [
        "Why? Nobody owned restore drills"
    ]


def test_outline_selection_follows_diagram(qtbot, tab, page) -> None:
    click_box(qtbot, page.view, SECRETS_EXPOSED)
    assert str(tab.why_tree.selected().id) == SECRETS_EXPOSED
    tab.why_tree.select(UUID(DNS_CHANGED))
    assert page.view.selected_box() == (DNS_CHANGED, DNS_CHANGED)


def test_review_switch_drops_draft(qtbot, tab, page, library_path) -> None:
    from conftest import example_review

    other = tab.context.library.add_review(example_review())
    click_box(qtbot, page.view, KEY_UNNOTICED)
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    assert page.editor is not None
    qtbot.keyClicks(page.editor, "Left unfinished")

    tab.context.select(other.id)
    assert page.editor is None
    assert page.draft is None
    assert page.view.diagram_scene().box_items() == {}
    library = ReviewLibrary.open(library_path)
    try:
        sample = library.load(sample_review().id)
        texts = [n.text for n in sample.why_nodes]
        assert "Left unfinished" not in texts
        assert len(texts) == len(sample_review().why_nodes)
        assert library.load(other.id).why_nodes == []
    finally:
        library.close()


def test_double_click_renames(qtbot, tab, page, library_path) -> None:
    old_text = stored_nodes(library_path)[DNS_CHANGED].text
    qtbot.mouseDClick(
        page.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=box_point(page.view, DNS_CHANGED),
    )
    assert page.editor is not None
    assert page.editor.text() == old_text
    type_into_editor(qtbot, page.editor, "Why did the DNS change?")
    assert stored_nodes(library_path)[DNS_CHANGED].text == "Why did the DNS change?"
