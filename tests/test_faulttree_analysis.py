"""Fault-tree analysis on small trees whose results are worked out by hand."""

from typing import Any

import pytest

from pir_desktop.domain.faulttree import (
    Event,
    FaultTree,
    Gate,
    analyse,
    format_cut_set,
)


def gate(node_id: str, kind: str, *inputs: str, **fields: Any) -> Gate:
    return Gate(id=node_id, kind=kind, inputs=list(inputs), **fields)


def event(node_id: str, probability: float | None = None, **fields: Any) -> Event:
    return Event(id=node_id, kind="basic", probability=probability, **fields)


def house(node_id: str, state: bool) -> Event:
    return Event(id=node_id, kind="house", state=state)


def tree(*nodes: Gate | Event, top: str = "T") -> FaultTree:
    return FaultTree(top=top, nodes=list(nodes))


def cut_sets(fault_tree: FaultTree) -> list[list[str]]:
    return [format_cut_set(c) for c in analyse(fault_tree).cut_sets]


def test_and_or_mix() -> None:
    result = analyse(
        tree(
            gate("T", "or", "G1", "c"),
            gate("G1", "and", "a", "b"),
            event("a", 0.1),
            event("b", 0.2),
            event("c", 0.3),
        )
    )

    assert result.coherent
    assert [format_cut_set(c) for c in result.cut_sets] == [["c"], ["a", "b"]]
    assert result.probability.exact == pytest.approx(1 - 0.98 * 0.7)
    assert result.probability.rare_event == pytest.approx(0.32)
    assert result.probability.min_cut_upper_bound == pytest.approx(1 - 0.98 * 0.7)


def test_shared_event_across_branches() -> None:
    shared = tree(
        gate("T", "and", "G1", "G2"),
        gate("G1", "or", "a", "b"),
        gate("G2", "or", "a", "c"),
        event("a", 0.1),
        event("b", 0.2),
        event("c", 0.3),
    )

    assert cut_sets(shared) == [["a"], ["b", "c"]]
    assert analyse(shared).probability.exact == pytest.approx(0.1 + 0.9 * 0.06)


def test_approximations_differ_from_exact() -> None:
    # P(a AND (b OR c)) = 0.5 * 0.75; the two cut sets share a.
    result = analyse(
        tree(
            gate("T", "or", "G1", "G2"),
            gate("G1", "and", "a", "b"),
            gate("G2", "and", "a", "c"),
            event("a", 0.5),
            event("b", 0.5),
            event("c", 0.5),
        )
    )

    assert result.probability.exact == pytest.approx(0.375)
    assert result.probability.rare_event == pytest.approx(0.5)
    assert result.probability.min_cut_upper_bound == pytest.approx(1 - 0.75**2)


def test_two_of_three_vote() -> None:
    result = analyse(
        tree(
            gate("T", "vote", "a", "b", "c", k=2),
            event("a", 0.1),
            event("b", 0.2),
            event("c", 0.3),
        )
    )

    assert [format_cut_set(c) for c in result.cut_sets] == [
        ["a", "b"],
        ["a", "c"],
        ["b", "c"],
    ]
    exact = 0.1 * 0.2 * 0.7 + 0.1 * 0.8 * 0.3 + 0.9 * 0.2 * 0.3 + 0.1 * 0.2 * 0.3
    assert result.probability.exact == pytest.approx(exact)
    assert exact == pytest.approx(0.098)
    assert result.probability.rare_event == pytest.approx(0.11)
    assert result.probability.min_cut_upper_bound == pytest.approx(
        1 - 0.98 * 0.97 * 0.94
    )


def test_not_gives_negated_literal() -> None:
    result = analyse(
        tree(
            gate("T", "and", "a", "N"),
            gate("N", "not", "b"),
            event("a", 0.1),
            event("b", 0.2),
        )
    )

    assert not result.coherent
    assert [format_cut_set(c) for c in result.cut_sets] == [["a", "NOT b"]]
    assert result.probability.exact == pytest.approx(0.08)
    assert result.probability.rare_event is None
    assert result.probability.min_cut_upper_bound is None


def test_xor_is_exactly_one() -> None:
    result = analyse(tree(gate("T", "xor", "a", "b"), event("a", 0.1), event("b", 0.2)))

    assert not result.coherent
    assert [format_cut_set(c) for c in result.cut_sets] == [
        ["NOT a", "b"],
        ["a", "NOT b"],
    ]
    assert result.probability.exact == pytest.approx(0.1 * 0.8 + 0.9 * 0.2)


def test_prime_implicants_include_consensus() -> None:
    # a·b + ¬a·c has the consensus term b·c as a third prime implicant.
    result = analyse(
        tree(
            gate("T", "or", "G1", "G2"),
            gate("G1", "and", "a", "b"),
            gate("G2", "and", "N", "c"),
            gate("N", "not", "a"),
            event("a", 0.1),
            event("b", 0.2),
            event("c", 0.3),
        )
    )

    assert [format_cut_set(c) for c in result.cut_sets] == [
        ["NOT a", "c"],
        ["a", "b"],
        ["b", "c"],
    ]
    assert result.probability.exact == pytest.approx(0.02 + 0.27)


def test_double_negation_is_coherent() -> None:
    result = analyse(
        tree(
            gate("T", "not", "N"),
            gate("N", "not", "a"),
            event("a", 0.4),
        )
    )

    assert result.coherent
    assert [format_cut_set(c) for c in result.cut_sets] == [["a"]]
    assert result.probability.rare_event == pytest.approx(0.4)


def test_house_events_fix_branches() -> None:
    result = analyse(
        tree(
            gate("T", "or", "G1", "G2"),
            gate("G1", "and", "a", "on"),
            gate("G2", "and", "b", "off"),
            event("a", 0.1),
            event("b"),
            house("on", True),
            house("off", False),
        )
    )

    assert [format_cut_set(c) for c in result.cut_sets] == [["a"]]
    # b has no probability, but the top event does not depend on it.
    assert result.probability.missing_probabilities == ()
    assert result.probability.exact == pytest.approx(0.1)


def test_true_house_event_makes_top_certain() -> None:
    result = analyse(tree(gate("T", "or", "a", "on"), event("a"), house("on", True)))

    assert result.cut_sets == [frozenset()]
    assert result.probability.exact == 1.0
    assert result.probability.min_cut_upper_bound == 1.0


def test_false_house_event_makes_top_impossible() -> None:
    result = analyse(
        tree(gate("T", "and", "a", "off"), event("a", 0.5), house("off", False))
    )

    assert result.cut_sets == []
    assert result.probability.exact == 0.0
    assert result.probability.rare_event == 0.0
    assert result.probability.min_cut_upper_bound == 0.0


def test_missing_probability_gives_none() -> None:
    result = analyse(
        tree(gate("T", "or", "a", "b", "c"), event("a", 0.1), event("b"), event("c"))
    )

    assert result.probability.exact is None
    assert result.probability.rare_event is None
    assert result.probability.min_cut_upper_bound is None
    assert result.probability.missing_probabilities == ("b", "c")


def test_inhibit_is_and_with_condition() -> None:
    result = analyse(
        tree(
            gate("T", "inhibit", "a", condition="c"),
            event("a", 0.1),
            event("c", 0.3),
        )
    )

    assert [format_cut_set(c) for c in result.cut_sets] == [["a", "c"]]
    assert result.probability.exact == pytest.approx(0.03)


def test_undeveloped_event_counts_as_basic() -> None:
    result = analyse(
        tree(
            gate("T", "and", "a", "u"),
            event("a", 0.5),
            Event(id="u", kind="undeveloped", probability=0.5),
        )
    )

    assert [format_cut_set(c) for c in result.cut_sets] == [["a", "u"]]
    assert result.probability.exact == pytest.approx(0.25)


def test_single_event_tree() -> None:
    result = analyse(tree(event("a", 0.2), top="a"))

    assert [format_cut_set(c) for c in result.cut_sets] == [["a"]]
    assert result.probability.exact == pytest.approx(0.2)


def test_observed_events_complete_cut_sets() -> None:
    observed = analyse(
        tree(
            gate("T", "or", "G1", "G2", "e"),
            gate("G1", "and", "a", "b"),
            gate("G2", "and", "c", "d"),
            event("a", observed=True),
            event("b"),
            event("c", observed=True),
            event("d", observed=True),
            event("e"),
        )
    ).observed

    assert [format_cut_set(c) for c in observed.completed] == [["c", "d"]]
    assert len(observed.partial) == 1
    assert format_cut_set(observed.partial[0].cut_set) == ["a", "b"]
    assert observed.partial[0].missing == {"b"}
    assert observed.top_occurred


def test_observed_event_blocks_negated_literal() -> None:
    nodes = [gate("T", "and", "a", "N"), gate("N", "not", "b")]
    only_a = analyse(tree(*nodes, event("a", observed=True), event("b"))).observed
    both = analyse(
        tree(*nodes, event("a", observed=True), event("b", observed=True))
    ).observed

    assert [format_cut_set(c) for c in only_a.completed] == [["a", "NOT b"]]
    assert only_a.top_occurred
    assert both.completed == []
    assert both.partial == []
    assert not both.top_occurred


def test_report_matches_command_format() -> None:
    report = analyse(
        tree(gate("T", "xor", "a", "b"), event("a", 0.1), event("b"))
    ).report()

    assert report == {
        "top": "T",
        "coherent": False,
        "minimal_cut_sets": [["NOT a", "b"], ["a", "NOT b"]],
        "probability": {
            "exact": None,
            "rare_event": None,
            "min_cut_upper_bound": None,
            "missing_probabilities": ["b"],
        },
    }
