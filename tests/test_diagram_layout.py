"""Diagram layouts: wrapped text, no overlapping boxes, and styles from status."""

import itertools
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pir_desktop.domain.diagrams import (
    BoxKind,
    Cause,
    Diagram,
    FishboneStyle,
    Rib,
    boxes_overlap,
    default_presets,
    fault_tree_diagram,
    fishbone_diagram,
    ribs_from_factors,
    why_tree_diagram,
    wrap_text,
)
from pir_desktop.domain.entities import ContributingFactor, WhyNode
from pir_desktop.domain.enums import FactorStatus
from pir_desktop.domain.faulttree import Event, FaultTree, Gate, NodeKind
from pir_desktop.report.diagrams import measure

WORDS = st.text(alphabet=string.ascii_letters + "-", min_size=1, max_size=40)
LABELS = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)
STATUSES = st.sampled_from(list(FactorStatus))


def assert_tidy(diagram: Diagram) -> None:
    """Check that no two boxes intersect and that all lie inside the bounds."""
    for first, second in itertools.combinations(diagram.boxes, 2):
        assert not boxes_overlap(first, second), (first.id, second.id)
    for box in diagram.boxes:
        assert box.x >= 0, box.id
        assert box.y >= 0, box.id
        assert box.right <= diagram.width + 1e-6, box.id
        assert box.bottom <= diagram.height + 1e-6, box.id
    for edge in diagram.edges:
        for x, y in edge.points:
            assert 0 <= x <= diagram.width + 1e-6
            assert 0 <= y <= diagram.height + 1e-6


def test_wrap_keeps_lines_within_width() -> None:
    text = "Attacker reused a token from an incident-management tool " + "x" * 80
    lines = wrap_text(text, measure, 7, 60)
    assert all(measure(line, 7) <= 60 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert "incident-" in lines


def test_wrap_empty_text_gives_one_line() -> None:
    assert wrap_text("", measure, 7, 60) == [""]


@st.composite
def why_trees(draw: st.DrawFn) -> list[WhyNode]:
    count = draw(st.integers(min_value=1, max_value=40))
    nodes: list[WhyNode] = []
    for index in range(count):
        parent = draw(st.sampled_from([None, *nodes])) if index else None
        nodes.append(
            WhyNode(
                parent_id=None if parent is None else parent.id,
                text=draw(LABELS),
                position=draw(st.integers(min_value=0, max_value=5)),
            )
        )
    return nodes


@settings(max_examples=60, deadline=None)
@given(why_trees())
def test_why_tree_never_overlaps(nodes: list[WhyNode]) -> None:
    diagram = why_tree_diagram(nodes, [], measure)
    assert_tidy(diagram)
    assert {box.id for box in diagram.boxes} == {str(node.id) for node in nodes}
    assert len(diagram.edges) == sum(1 for node in nodes if node.parent_id)


def test_why_tree_root_left_children_in_position_order() -> None:
    root = WhyNode(text="Problem")
    second = WhyNode(parent_id=root.id, text="Second", position=2)
    first = WhyNode(parent_id=root.id, text="First", position=1)
    diagram = why_tree_diagram([root, second, first], [], measure)
    problem = diagram.box(str(root.id))
    assert problem.kind is BoxKind.PROBLEM
    assert problem.right < diagram.box(str(first.id)).x
    assert diagram.box(str(first.id)).y < diagram.box(str(second.id)).y


def test_why_tree_styles_follow_linked_factor() -> None:
    guess = ContributingFactor(statement="Guess", status=FactorStatus.HYPOTHESIS)
    wrong = ContributingFactor(statement="Wrong", status=FactorStatus.REFUTED)
    root = WhyNode(text="Problem")
    dashed = WhyNode(parent_id=root.id, text="A", factor_id=guess.id)
    struck = WhyNode(parent_id=root.id, text="B", factor_id=wrong.id, position=1)
    diagram = why_tree_diagram([root, dashed, struck], [guess, wrong], measure)
    assert diagram.box(str(dashed.id)).dashed
    assert not diagram.box(str(dashed.id)).struck
    assert diagram.box(str(struck.id)).struck
    assert "Factor F2" in diagram.box(str(struck.id)).lines


def test_why_tree_keeps_nodes_of_a_parent_cycle() -> None:
    first, second = WhyNode(text="A"), WhyNode(text="B")
    first = first.model_copy(update={"parent_id": second.id})
    second = second.model_copy(update={"parent_id": first.id})
    diagram = why_tree_diagram([first, second], [], measure)
    assert len(diagram.boxes) == 2


@st.composite
def factor_sets(draw: st.DrawFn, max_size: int = 80) -> list[ContributingFactor]:
    categories = draw(st.lists(LABELS, min_size=1, max_size=9, unique=True))
    count = draw(st.integers(min_value=0, max_value=max_size))
    return [
        ContributingFactor(
            statement=draw(LABELS),
            category=draw(st.sampled_from([*categories, ""])),
            status=draw(STATUSES),
        )
        for _ in range(count)
    ]


def check_fishbone(factors: list[ContributingFactor], head: str) -> None:
    ribs = ribs_from_factors(factors)
    diagram = fishbone_diagram(head, ribs, measure)
    assert_tidy(diagram)
    causes = [b for b in diagram.boxes if b.kind is BoxKind.CAUSE]
    assert len(causes) == len(factors)
    head_box = diagram.box("head")
    assert all(head_box.x > box.right for box in diagram.boxes if box is not head_box)
    for factor in factors:
        box = diagram.box(str(factor.id))
        assert box.dashed == (factor.status is FactorStatus.HYPOTHESIS)
        assert box.struck == (factor.status is FactorStatus.REFUTED)


@settings(max_examples=40, deadline=None)
@given(factor_sets(), LABELS)
def test_fishbone_never_overlaps(factors: list[ContributingFactor], head: str) -> None:
    check_fishbone(factors, head)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(factor_sets(max_size=150), LABELS)
def test_fishbone_never_overlaps_long(
    factors: list[ContributingFactor], head: str
) -> None:
    check_fishbone(factors, head)


def test_fishbone_ribs_alternate_above_and_below() -> None:
    ribs = [Rib(f"Category {i}", (Cause(str(i), f"Cause {i}"),)) for i in range(5)]
    diagram = fishbone_diagram("Outage", ribs, measure)
    spine = diagram.edges[0].points[0][1]
    for index in range(5):
        category = diagram.box(f"category:Category {index}")
        cause = diagram.box(str(index))
        above = index % 2 == 0
        assert (category.bottom <= spine) == above
        assert (cause.bottom <= spine) == above


def test_fishbone_collapsed_rib_shows_count() -> None:
    causes = tuple(Cause(str(i), f"Cause {i}") for i in range(3))
    style = FishboneStyle(collapsed=frozenset({"People"}))
    diagram = fishbone_diagram("Outage", [Rib("People", causes)], measure, style)
    category = diagram.box("category:People")
    assert category.collapsed
    assert "3 causes hidden" in category.lines
    assert [b.kind for b in diagram.boxes].count(BoxKind.CAUSE) == 0


def test_fishbone_subcauses_hang_under_their_cause() -> None:
    sub = Cause("s", "Sub-cause")
    rib = Rib("Process", (Cause("c", "Cause", subcauses=(sub,)),))
    for ribs in ([rib], [Rib("Other"), rib]):
        diagram = fishbone_diagram("Outage", ribs, measure)
        assert_tidy(diagram)
        assert diagram.box("s").y > diagram.box("c").bottom


def test_ribs_follow_preset_order_case_blind() -> None:
    preset = default_presets().preset("security")
    factors = [
        ContributingFactor(statement="A", category="detection and monitoring "),
        ContributingFactor(statement="B", category=""),
        ContributingFactor(statement="C", category="Custom"),
        ContributingFactor(statement="D", category="People and knowledge"),
    ]
    ribs = ribs_from_factors(factors, preset.categories)
    names = [rib.category for rib in ribs]
    assert names == [
        "People and knowledge",
        "Detection and monitoring",
        "Custom",
        "Uncategorised",
    ]


def test_presets_bundle_the_standard_sets() -> None:
    presets = default_presets()
    assert {p.id for p in presets.presets} == {"security", "6m", "8m", "4s", "8p"}
    assert len(presets.preset("8m").categories) == 8
    assert "Third parties" in presets.preset("security").categories


def gate(node_id: str, kind: NodeKind, inputs: list[str], **extra) -> Gate:
    return Gate(id=node_id, kind=kind, inputs=inputs, **extra)


@st.composite
def fault_trees(draw: st.DrawFn) -> FaultTree:
    events = [
        Event(
            id=f"E{i}",
            kind=draw(st.sampled_from(["basic", "undeveloped"])),
            label=draw(LABELS),
        )
        for i in range(draw(st.integers(min_value=2, max_value=12)))
    ]
    gates: list[Gate] = []
    pool = [e.id for e in events]
    for index in range(draw(st.integers(min_value=1, max_value=10))):
        inputs = draw(
            st.lists(st.sampled_from(pool), min_size=2, max_size=4, unique=True)
        )
        kind = draw(st.sampled_from([NodeKind.AND, NodeKind.OR, NodeKind.VOTE]))
        k = 2 if kind is NodeKind.VOTE else None
        gates.append(gate(f"G{index}", kind, inputs, k=k, label=draw(LABELS)))
        pool.append(f"G{index}")
    top = gate("TOP", NodeKind.OR, [g.id for g in gates])
    used = {i for g in [*gates, top] for i in g.inputs}
    nodes = [*gates, top, *[e for e in events if e.id in used]]
    return FaultTree(top="TOP", nodes=nodes)


@settings(max_examples=60, deadline=None)
@given(fault_trees())
def test_fault_tree_never_overlaps(tree: FaultTree) -> None:
    diagram = fault_tree_diagram(tree, measure)
    assert_tidy(diagram)
    assert {box.ref for box in diagram.boxes} == {node.id for node in tree.nodes}
    top = diagram.box("TOP")
    assert all(top.y <= box.y for box in diagram.boxes)


def test_fault_tree_repeats_shared_gate_as_transfer() -> None:
    shared = gate("G1", NodeKind.AND, ["A", "B"])
    tree = FaultTree(
        top="TOP",
        nodes=[
            gate("TOP", NodeKind.OR, ["G1", "G2"]),
            gate("G2", NodeKind.INHIBIT, ["G1"], condition="C"),
            shared,
            Event(id="A", kind="basic", observed=True),
            Event(id="B", kind="house", state=True),
            Event(id="C", kind="undeveloped"),
        ],
    )
    diagram = fault_tree_diagram(tree, measure)
    assert_tidy(diagram)
    assert not diagram.box("G1").transfer
    assert diagram.box("G1#2").transfer
    assert diagram.box("G1#2").ref == "G1"
    assert diagram.box("A").observed
    assert diagram.box("G2").kind is BoxKind.GATE_INHIBIT
    assert [label.text for label in diagram.labels] == ["true"]
    assert sum(edge.dashed for edge in diagram.edges) == 1


def test_layout_is_deterministic() -> None:
    factors = [
        ContributingFactor(statement=f"Cause {i}", category=str(i % 3))
        for i in range(7)
    ]
    first = fishbone_diagram("X", ribs_from_factors(factors), measure)
    second = fishbone_diagram("X", ribs_from_factors(factors), measure)
    assert first == second
