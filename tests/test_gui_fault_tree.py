"""The Root cause tab's Fault tree page on real widgets and a real library file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from conftest import stored_sample  # noqa: E402
from PySide6.QtCore import QItemSelectionModel  # noqa: E402
from PySide6.QtWidgets import QDialog, QDialogButtonBox  # noqa: E402

from pir_desktop.domain.diagrams import Box  # noqa: E402
from pir_desktop.domain.entities import ContributingFactor  # noqa: E402
from pir_desktop.domain.enums import FactorStatus  # noqa: E402
from pir_desktop.domain.faulttree import (  # noqa: E402
    Event,
    Gate,
    analyse,
    format_cut_set,
    parse_mef,
)
from pir_desktop.ui.context import ReviewContext  # noqa: E402
from pir_desktop.ui.diagrams.fault_tree_panel import FaultTreePanel  # noqa: E402
from pir_desktop.ui.dialogs.fault_tree import (  # noqa: E402
    NodeDialog,
    TreeChoiceDialog,
    TreeDialog,
)
from pir_desktop.ui.tabs.rootcause import RootCauseTab  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
MALFORMED_MEF = """<?xml version="1.0"?>
<opsa-mef>
  <define-fault-tree name="broken">
    <define-gate name="top"><and><basic-event name="a"/></and></define-gate>
    <define-gate name="other"><nand/></define-gate>
  </define-fault-tree>
</opsa-mef>
"""


@pytest.fixture
def tab(qtbot, sample_context: ReviewContext) -> RootCauseTab:
    tab = RootCauseTab(sample_context)
    qtbot.addWidget(tab)
    return tab


def answer(panel: FaultTreePanel, fill: Callable[[QDialog], None]) -> list[QDialog]:
    """Make the panel's next dialogs run `fill` and report OK."""
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        fill(dialog)
        return True

    panel.run_dialog = run
    return seen


def select_factor_rows(tab: RootCauseTab, rows: list[int]) -> None:
    selection = tab.factors.table.selectionModel()
    flags = (
        QItemSelectionModel.SelectionFlag.Select
        | QItemSelectionModel.SelectionFlag.Rows
    )
    for row in rows:
        selection.select(tab.factors.model.index(row, 0), flags)


def test_sample_tree_shown_with_analysis(tab: RootCauseTab) -> None:
    panel = tab.diagrams.fault_tree
    assert tab.diagrams.tabText(tab.diagrams.indexOf(panel)) == "Fault tree"
    assert panel.chooser.currentText() == "Attacker gains root on production hosts"
    assert panel.analysis.heading.text() == "Minimal cut sets (2)"
    assert panel.analysis.completed_rows() == [0, 1]
    assert "(exact, BDD): 0.044" in panel.analysis.probability.text()
    assert "rare-event 0.05" in panel.analysis.probability.text()
    boxes = panel.view.diagram_scene().box_items()
    assert set(boxes) == {node.id for node in panel.current().tree.nodes}


def test_new_tree_from_selected_factors(tab: RootCauseTab, library_path) -> None:
    review = tab.context.review
    panel = tab.diagrams.fault_tree
    select_factor_rows(tab, [0, 2])

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, TreeDialog)
        dialog.title.setText("Initial access paths")
        dialog.top_label.setText("Attacker reaches production")

    answer(panel, fill)
    panel.buttons["New fault tree…"].click()

    trees = stored_sample(library_path).fault_trees
    assert [t.title for t in trees][-1] == "Initial access paths"
    tree = trees[-1].tree
    top = tree.node_map()[tree.top]
    assert isinstance(top, Gate)
    assert top.kind == "or"
    assert top.label == "Attacker reaches production"
    linked = [tree.node_map()[i].factor_id for i in top.inputs]
    assert linked == [review.factors[0].id, review.factors[2].id]
    assert panel.chooser.currentText() == "Initial access paths"


def test_event_added_then_undone(tab: RootCauseTab, library_path) -> None:
    panel = tab.diagrams.fault_tree
    before = panel.current().tree
    panel.select_nodes(["build_agent_to_root"])

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NodeDialog)
        dialog.label.setText("Stolen deploy key")
        dialog.probability.setText("0.05")
        dialog.observed.setChecked(False)

    answer(panel, fill)
    panel.buttons["Add event…"].click()

    tree = stored_sample(library_path).fault_trees[0].tree
    gate = tree.node_map()["build_agent_to_root"]
    assert isinstance(gate, Gate)
    assert gate.inputs[-1] == "stolen_deploy_key"
    event = tree.node_map()["stolen_deploy_key"]
    assert isinstance(event, Event)
    assert event.probability == 0.05
    assert panel.analysis.heading.text() == "Minimal cut sets (3)"
    assert panel.analysis.completed_rows() == [0, 1]

    tab.context.undo_stack.undo()
    assert stored_sample(library_path).fault_trees[0].tree == before
    assert panel.analysis.heading.text() == "Minimal cut sets (2)"


def test_invalid_edit_names_node(tab, library_path, shown_errors) -> None:
    panel = tab.diagrams.fault_tree
    before = stored_sample(library_path).fault_trees[0]
    undo_count = tab.context.undo_stack.count()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NodeDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("vote"))
        dialog.k.setValue(3)

    answer(panel, fill)
    panel.buttons["Edit node…"].click()

    assert len(shown_errors) == 1
    assert "gate root_on_production: k = 3" in shown_errors[0][1]
    assert stored_sample(library_path).fault_trees[0] == before
    assert tab.context.undo_stack.count() == undo_count


def test_bad_probability_rejected(tab, library_path, shown_errors) -> None:
    panel = tab.diagrams.fault_tree
    before = stored_sample(library_path).fault_trees[0]
    panel.select_nodes(["agent_forwarding"])
    answer(panel, lambda dialog: dialog.probability.setText("1.5"))
    panel.buttons["Edit node…"].click()

    assert "probability '1.5' is outside 0 to 1" in shown_errors[0][1]
    assert stored_sample(library_path).fault_trees[0] == before


def test_node_deleted_then_undone(tab: RootCauseTab, library_path) -> None:
    panel = tab.diagrams.fault_tree
    panel.select_nodes(["broad_root_keys"])
    panel.buttons["Delete node"].click()

    tree = stored_sample(library_path).fault_trees[0].tree
    assert "broad_root_keys" not in tree.node_map()
    assert panel.analysis.heading.text() == "Minimal cut sets (1)"
    tab.context.undo_stack.undo()
    tree = stored_sample(library_path).fault_trees[0].tree
    assert "broad_root_keys" in tree.node_map()


def test_mef_import_shows_cut_sets(tab: RootCauseTab, library_path) -> None:
    panel = tab.diagrams.fault_tree
    panel.choose_open_path = lambda _parent: str(FIXTURES / "faulttree_breach.xml")
    panel.buttons["Import MEF…"].click()

    record = stored_sample(library_path).fault_trees[-1]
    assert record.title == "Customer records exfiltrated"
    assert panel.chooser.currentText() == "Customer records exfiltrated"
    shown = [
        panel.analysis.cut_sets.item(row).text()
        for row in range(panel.analysis.cut_sets.count())
    ]
    # MFA is a house event set false, so NOT mfa_enforced always holds: access
    # is phish OR (vpn_unpatched AND exploit_public), and exfiltration is any
    # two of dlp_off, egress_open and alert_missed.
    assert len(shown) == 6
    # Events are named by their labels, or by their ids when they have none.
    phish = "Administrator entered credentials on a phishing page"
    assert any(
        text.startswith(f"dlp_off AND egress_open AND {phish}") for text in shown
    )
    assert any(
        text.startswith(
            "On-call missed the egress alert AND egress_open AND exploit_public "
            "AND vpn_unpatched"
        )
        for text in shown
    )
    assert panel.analysis.completed_rows() == []
    expected = analyse(parse_mef((FIXTURES / "faulttree_breach.xml").read_bytes()))
    assert len(expected.cut_sets) == 6


def test_malformed_mef_rejected(tab, library_path, tmp_path, shown_errors) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(MALFORMED_MEF, encoding="utf-8")
    panel = tab.diagrams.fault_tree
    panel.choose_open_path = lambda _parent: str(path)
    count = len(stored_sample(library_path).fault_trees)
    panel.buttons["Import MEF…"].click()

    assert len(shown_errors) == 1
    assert "broken.xml" in shown_errors[0][0]
    assert "line 5" in shown_errors[0][1]
    assert len(stored_sample(library_path).fault_trees) == count
    assert tab.context.undo_stack.count() == 0


def test_mef_export_reads_back(tab: RootCauseTab, tmp_path: Path) -> None:
    panel = tab.diagrams.fault_tree
    path = tmp_path / "out.xml"
    panel.choose_save_path = lambda _parent: str(path)
    panel.buttons["Export MEF…"].click()
    assert parse_mef(path.read_bytes()) == panel.current().tree


def test_cut_set_selects_boxes(tab: RootCauseTab) -> None:
    panel = tab.diagrams.fault_tree
    panel.analysis.cut_sets.setCurrentRow(0)
    selected = set(panel.view.diagram_scene().selected_ids())
    analysis = analyse(panel.current().tree)
    assert selected == set(format_cut_set(analysis.cut_sets[0]))


def test_tree_deleted_then_undone(tab: RootCauseTab, library_path) -> None:
    panel = tab.diagrams.fault_tree
    panel.buttons["Delete tree"].click()
    assert stored_sample(library_path).fault_trees == []
    assert not panel.buttons["Add event…"].isEnabled()
    tab.context.undo_stack.undo()
    assert len(stored_sample(library_path).fault_trees) == 1
    assert panel.chooser.count() == 1


def test_actions_without_factor_counted(tab: RootCauseTab) -> None:
    assert tab.unlinked_label.text() == ""
    action = tab.context.review.actions[0]
    tab.context.update_record(
        action, action.with_changes(factor_ids=[]), "Unlink action"
    )
    assert tab.unlinked_label.text().startswith("1 action addresses no factor")
    assert tab.unlinked_label.toolTip() == action.title


# Events linked to factors


def jenkins_factor(tab: RootCauseTab) -> ContributingFactor:
    """Return the factor that the sample's jenkins_exploited event is linked to."""
    node = tab.diagrams.fault_tree.current().tree.node_map()["jenkins_exploited"]
    factor = tab.context.review.factor(node.factor_id)
    assert factor is not None
    return factor


def jenkins_box(tab: RootCauseTab) -> Box:
    return tab.diagrams.fault_tree.view.diagram_scene().diagram.box("jenkins_exploited")


def test_event_follows_factor_edits(tab: RootCauseTab) -> None:
    factor = jenkins_factor(tab)
    hypothesis = factor.with_changes(
        statement="Jenkins stayed unpatched for a year",
        status=FactorStatus.HYPOTHESIS,
    )
    tab.context.update_record(factor, hypothesis, "Edit factor")

    box = jenkins_box(tab)
    assert box.title == "Jenkins stayed unpatched for a year"
    assert box.dashed
    assert not box.struck

    refuted = jenkins_factor(tab).with_changes(status=FactorStatus.REFUTED)
    tab.context.update_record(jenkins_factor(tab), refuted, "Edit factor")
    box = jenkins_box(tab)
    assert box.struck
    assert not box.dashed


def test_deleted_factor_keeps_event_label(tab, library_path) -> None:
    panel = tab.diagrams.fault_tree
    node = panel.current().tree.node_map()["jenkins_exploited"]
    tab.context.delete_record(jenkins_factor(tab), "Delete factor")

    assert jenkins_box(tab).title == node.label
    assert not jenkins_box(tab).dashed

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NodeDialog)
        assert dialog.factor.currentText() == "(deleted factor)"
        assert "has been deleted" in dialog.factor_note.text()

    seen = answer(panel, fill)
    panel.open_node_dialog("jenkins_exploited")

    assert len(seen) == 1
    stored = stored_sample(library_path).fault_trees[0].tree
    assert stored.node_map()["jenkins_exploited"].factor_id == node.factor_id


def test_cut_sets_named_by_labels(tab: RootCauseTab) -> None:
    panel = tab.diagrams.fault_tree
    factors = tab.context.review.factors[:2]
    select_factor_rows(tab, [0, 1])
    answer(panel, lambda _dialog: None)
    panel.buttons["New fault tree…"].click()

    texts = [panel.analysis.cut_sets.item(row).text() for row in range(2)]
    assert sorted(texts) == sorted(f.statement for f in factors)
    tree = panel.current().tree
    ids = sorted(node.id for node in tree.nodes if node.id != tree.top)
    tips = [panel.analysis.cut_sets.item(row).toolTip() for row in range(2)]
    assert sorted(tips) == [f"Events: {node_id}" for node_id in ids]
    probability = panel.analysis.probability.text()
    assert probability.startswith("Top-event probability not computed")
    for factor in factors:
        assert factor.statement in probability
    for node_id in ids:
        assert node_id not in probability


TWO_TREES_MEF = """<?xml version="1.0"?>
<opsa-mef>
  <define-fault-tree name="vpn">
    <label>VPN breached</label>
    <define-gate name="t"><or><basic-event name="x"/><basic-event name="y"/></or>
    </define-gate>
  </define-fault-tree>
  <define-fault-tree name="mail">
    <define-gate name="t2"><and><basic-event name="x2"/><basic-event name="y2"/>
    </and></define-gate>
  </define-fault-tree>
</opsa-mef>
"""


@pytest.fixture
def two_trees(tab: RootCauseTab, tmp_path: Path) -> FaultTreePanel:
    """The Fault tree page, whose next Import MEF reads a file with two trees."""
    path = tmp_path / "two.xml"
    path.write_text(TWO_TREES_MEF, encoding="utf-8")
    panel = tab.diagrams.fault_tree
    panel.choose_open_path = lambda _parent: str(path)
    return panel


def choose_trees(rows: list[int]) -> Callable[[QDialog], None]:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, TreeChoiceDialog)
        assert dialog.trees.item(0).text() == "VPN breached (vpn)"
        assert dialog.trees.item(1).text() == "mail"
        assert dialog.chosen() == ["vpn"]
        dialog.trees.clearSelection()
        for row in rows:
            dialog.trees.item(row).setSelected(True)

    return fill


def test_mef_import_asks_which_tree(two_trees, library_path, shown_errors) -> None:
    before = len(stored_sample(library_path).fault_trees)
    seen = answer(two_trees, choose_trees([1]))
    two_trees.buttons["Import MEF…"].click()

    assert len(seen) == 1
    assert shown_errors == []
    trees = stored_sample(library_path).fault_trees
    assert len(trees) == before + 1
    assert trees[-1].tree.name == "mail"
    assert trees[-1].title == "mail"
    assert two_trees.chooser.currentText() == "mail"


def test_mef_import_both_trees(two_trees, tab, library_path, shown_errors) -> None:
    before = len(stored_sample(library_path).fault_trees)
    answer(two_trees, choose_trees([0, 1]))
    two_trees.buttons["Import MEF…"].click()

    assert shown_errors == []
    trees = stored_sample(library_path).fault_trees
    assert [t.tree.name for t in trees[before:]] == ["vpn", "mail"]
    assert two_trees.chooser.currentText() == "VPN breached"
    assert tab.context.undo_stack.undoText() == "Import fault trees"
    tab.context.undo_stack.undo()
    assert len(stored_sample(library_path).fault_trees) == before


def test_mef_import_choice_cancelled(two_trees, library_path, shown_errors) -> None:
    before = stored_sample(library_path).fault_trees
    two_trees.run_dialog = lambda _dialog: False
    two_trees.buttons["Import MEF…"].click()

    assert shown_errors == []
    assert stored_sample(library_path).fault_trees == before


# Invalid node input


def click_ok(dialog: QDialog) -> bool:
    """Click the dialog's OK button and return whether the dialog was accepted."""
    buttons = dialog.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.5", "probability '1.5' is outside 0 to 1: enter a number from 0 to 1"),
        ("-0.1", "probability '-0.1' is outside 0 to 1: enter a number from 0 to 1"),
        ("abc", "probability 'abc' is not a number: enter a number from 0 to 1"),
        ("inf", "probability 'inf' is not a finite number: enter a number from 0"),
        ("0,05", "probability '0,05' is not a number: write the decimals after a"),
    ],
)
def test_bad_probability_keeps_dialog(
    tab, library_path, shown_errors, typed, message
) -> None:
    panel = tab.diagrams.fault_tree
    panel.select_nodes(["agent_forwarding"])
    outcomes: list[tuple[bool, str]] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, NodeDialog)
        dialog.probability.setText(typed)
        outcomes.append((click_ok(dialog), dialog.probability.text()))
        dialog.probability.setText("0.2")
        return click_ok(dialog)

    panel.run_dialog = run
    panel.buttons["Edit node…"].click()

    assert outcomes == [(False, typed)]
    assert len(shown_errors) == 1
    assert shown_errors[0][0] == "Edit node agent_forwarding: invalid value"
    assert message in shown_errors[0][1]
    event = stored_sample(library_path).fault_trees[0].tree.node_map()
    assert event["agent_forwarding"].probability == 0.2


def test_bad_vote_keeps_dialog(tab, library_path, shown_errors) -> None:
    panel = tab.diagrams.fault_tree
    panel.select_nodes(["root_on_production"])
    outcomes: list[bool] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, NodeDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("vote"))
        dialog.k.setValue(7)
        outcomes.append(click_ok(dialog))
        assert dialog.k.value() == 7
        dialog.k.setValue(2)
        return click_ok(dialog)

    panel.run_dialog = run
    panel.buttons["Edit node…"].click()

    assert outcomes == [False]
    assert len(shown_errors) == 1
    assert (
        "k = 7 must be between 1 and the number of inputs (2)" in (shown_errors[0][1])
    )
    gate = stored_sample(library_path).fault_trees[0].tree.node_map()
    assert gate["root_on_production"].k == 2


def test_mef_export_error_names_target(tab, tmp_path, shown_errors) -> None:
    panel = tab.diagrams.fault_tree
    target = tmp_path / "missing" / "tree.xml"
    panel.choose_save_path = lambda _parent: str(target)
    panel.buttons["Export MEF…"].click()

    assert len(shown_errors) == 1
    title, message = shown_errors[0]
    assert title == "Export to tree.xml failed"
    assert str(target) in message
    assert ".tree.xml." not in message
