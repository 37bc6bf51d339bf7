"""Blameless-wording hints in the record dialogs, tables, why tree and sign-off."""

from conftest import stored_sample
from PySide6.QtCore import Qt

from pir_desktop.domain.entities import ContributingFactor, Observation, WhyNode
from pir_desktop.domain.enums import ObservationKind
from pir_desktop.ui.context import ReviewContext
from pir_desktop.ui.dialogs.discussion import ObservationDialog
from pir_desktop.ui.tabs.discussion import DiscussionTab
from pir_desktop.ui.tabs.rootcause import RootCauseTab
from pir_desktop.ui.tabs.signoff import SignOffTab

BLAMING = "The on-call engineer failed to notice the alert"
NEUTRAL = "The alert failed to fire"


def new_dialog(qtbot, context: ReviewContext) -> ObservationDialog:
    initial = Observation.model_construct(kind=ObservationKind.TO_IMPROVE, text="")
    dialog = ObservationDialog(
        "Add observation", Observation.model_validate, context.review, initial
    )
    qtbot.addWidget(dialog)
    return dialog


def add_blaming_card(context: ReviewContext) -> Observation:
    card = Observation(kind=ObservationKind.TO_IMPROVE, text=BLAMING)
    return context.add_record(card, "Add observation")


def test_live_hint_for_person(qtbot, context):
    dialog = new_dialog(qtbot, context)
    hint = dialog.hints[0]
    assert hint.hits == []

    dialog.text.setPlainText(BLAMING)
    qtbot.waitUntil(lambda: bool(hint.hits))

    assert hint.hits[0].text == "failed to"
    assert not hint.isHidden()
    assert "engineer" in hint.text()


def test_no_hint_for_system(qtbot, context):
    dialog = new_dialog(qtbot, context)
    hint = dialog.hints[0]

    with qtbot.waitSignal(hint.timer.timeout):
        dialog.text.setPlainText(NEUTRAL)

    assert hint.hits == []
    assert hint.isHidden()


def test_hint_never_blocks_saving(qtbot, context, sample_path):
    dialog = new_dialog(qtbot, context)
    dialog.text.setPlainText(BLAMING)
    dialog.sensitive.setChecked(True)

    dialog.accept()

    assert dialog.record is not None
    assert dialog.record.sensitive
    context.add_record(dialog.record, "Add observation")
    assert any(o.text == BLAMING for o in stored_sample(sample_path).observations)


def test_dismiss_hides_hint(qtbot, context, sample_path):
    card = add_blaming_card(context)
    tab = DiscussionTab(context)
    qtbot.addWidget(tab)
    panel = tab.observation_panels[ObservationKind.TO_IMPROVE]
    bar = tab.hint_bars[panel]
    row = next(i for i, o in enumerate(panel.model.records) if o.id == card.id)
    icon_role = Qt.ItemDataRole.DecorationRole
    assert panel.model.index(row, 0).data(icon_role) is not None

    panel.select_row(row)
    assert not bar.isHidden()
    assert "engineer" in bar.label.text()
    bar.dismiss_button.click()

    key = f"{card.id}:"
    dismissed = stored_sample(sample_path).dismissed_wording
    assert [k for k in dismissed if k.startswith(key)] != []
    assert bar.isHidden()
    assert panel.model.index(row, 0).data(icon_role) is None

    context.undo_stack.undo()
    assert stored_sample(sample_path).dismissed_wording == []
    assert panel.model.index(row, 0).data(icon_role) is not None


def test_dismissed_hint_left_out_of_dialog(qtbot, context):
    card = add_blaming_card(context)
    tab = DiscussionTab(context)
    qtbot.addWidget(tab)
    panel = tab.observation_panels[ObservationKind.TO_IMPROVE]
    panel.select_row(next(i for i, o in enumerate(panel.model.records) if o == card))
    tab.hint_bars[panel].dismiss()
    stored_card = next(o for o in context.review.observations if o.id == card.id)

    dialog = ObservationDialog(
        "Edit observation",
        lambda v: stored_card.with_changes(**v),
        context.review,
        stored_card,
    )
    qtbot.addWidget(dialog)

    assert dialog.hints[0].hits == []


def test_factor_and_why_hints(qtbot, context):
    factor = context.add_record(
        ContributingFactor(statement="The admin forgot to rotate the key"),
        "Add factor",
    )
    root = next(n for n in context.review.why_nodes if n.parent_id is None)
    context.add_record(
        WhyNode(parent_id=root.id, text="The engineer should have checked"),
        "Add why",
    )
    tab = RootCauseTab(context)
    qtbot.addWidget(tab)

    model = tab.factors.model
    row = next(i for i, f in enumerate(model.records) if f.id == factor.id)
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Wording hints" in tooltip
    items = tab.why_tree._items()
    hinted = [i for i in items if "Wording hints" in (i.toolTip(0) or "")]
    assert len(hinted) == 1


def test_signoff_lists_wording_warning(qtbot, context):
    add_blaming_card(context)
    tab = SignOffTab(context)
    qtbot.addWidget(tab)

    items = [tab.problems.list.item(i).text() for i in range(tab.problems.list.count())]

    assert any("blameless-wording" in text for text in items)
