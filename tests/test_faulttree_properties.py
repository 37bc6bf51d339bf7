"""Random fault trees checked against truth-table enumeration.

The oracle below evaluates the tree directly, without the BDD, and enumerates
all 2^n assignments of its basic events (n ≤ 8).
"""

import itertools
import math
from functools import cache
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pir_desktop.domain.faulttree import (
    CutSet,
    Event,
    FaultTree,
    Gate,
    analyse,
    format_mef,
    parse_mef,
)
from pir_desktop.domain.faulttree.structure import reachable

LABEL_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")),
    max_size=12,
)
GATE_KINDS = ["and", "or", "vote", "not", "xor", "inhibit"]


@st.composite
def fault_trees(draw: st.DrawFn, full: bool = False) -> FaultTree:
    """Draw a tree of up to 8 basic events, 2 house events and 7 gates.

    Gates take inputs from every node built before them, so events and gates
    are shared between branches. With `full`, labels, factor links, missing
    probabilities and observations are drawn too.
    """
    nodes: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 8))):
        nodes.append(_event_fields(draw, f"e{index}", full))
    for index in range(draw(st.integers(0, 2))):
        nodes.append({"id": f"h{index}", "kind": "house", "state": draw(st.booleans())})

    events = [node["id"] for node in nodes]
    for index in range(draw(st.integers(1, 7))):
        pool = [node["id"] for node in nodes]
        nodes.append(_gate_fields(draw, f"g{index}", pool, events, full))

    top = nodes[-1]["id"]
    graph = {n["id"]: n.get("inputs", []) + _condition(n) for n in nodes}
    kept = reachable(top, graph)
    return FaultTree.model_validate(
        {"top": top, "nodes": [n for n in nodes if n["id"] in kept]}
    )


def _condition(node: dict[str, Any]) -> list[str]:
    return [node["condition"]] if "condition" in node else []


def _event_fields(draw: st.DrawFn, node_id: str, full: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": node_id,
        "kind": draw(st.sampled_from(["basic", "undeveloped"])),
        "probability": draw(st.floats(0, 1)),
    }
    if full:
        fields["probability"] = draw(st.none() | st.floats(0, 1))
        fields["observed"] = draw(st.booleans())
        fields["label"] = draw(LABEL_TEXT)
        fields["factor_id"] = draw(st.none() | st.uuids().map(UUID.__str__))
    return fields


def _gate_fields(
    draw: st.DrawFn, node_id: str, pool: list[str], events: list[str], full: bool
) -> dict[str, Any]:
    kinds = [k for k in GATE_KINDS if k not in ("xor", "inhibit") or len(pool) > 1]
    kind = draw(st.sampled_from(kinds))
    fields: dict[str, Any] = {"id": node_id, "kind": kind}
    if full:
        fields["label"] = draw(LABEL_TEXT)
    if kind == "not":
        fields["inputs"] = [draw(st.sampled_from(pool))]
    elif kind == "xor":
        fields["inputs"] = draw(
            st.lists(st.sampled_from(pool), min_size=2, max_size=2, unique=True)
        )
    elif kind == "inhibit":
        condition = draw(st.sampled_from(events))
        others = [node for node in pool if node != condition]
        fields["inputs"] = [draw(st.sampled_from(others))]
        fields["condition"] = condition
    else:
        fields["inputs"] = draw(
            st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True)
        )
    if kind == "vote":
        fields["k"] = draw(st.integers(1, len(fields["inputs"])))
    return fields


def evaluate(tree: FaultTree, occurred: set[str]) -> bool:
    """Return the top event's value when exactly the `occurred` events occur."""
    nodes = tree.node_map()

    def value(node_id: str) -> bool:
        node = nodes[node_id]
        if isinstance(node, Event):
            return node.state if node.kind == "house" else node_id in occurred
        inputs = [value(operand) for operand in node.inputs]
        match node.kind:
            case "and":
                return all(inputs)
            case "or":
                return any(inputs)
            case "vote":
                return sum(inputs) >= (node.k or 0)
            case "not":
                return not inputs[0]
            case "xor":
                return inputs[0] != inputs[1]
            case "inhibit":
                return inputs[0] and value(node.condition or "")
        raise AssertionError(node.kind)

    return value(tree.top)


def variables(tree: FaultTree) -> list[str]:
    return sorted(e.id for e in tree.events() if e.kind != "house")


def truth_table(tree: FaultTree) -> dict[tuple[bool, ...], bool]:
    names = variables(tree)
    return {
        row: evaluate(tree, {name for name, on in zip(names, row, strict=True) if on})
        for row in itertools.product([False, True], repeat=len(names))
    }


def brute_probability(tree: FaultTree) -> float:
    names = variables(tree)
    p = {e.id: e.probability for e in tree.events()}
    return math.fsum(
        math.prod(p[n] if on else 1 - p[n] for n, on in zip(names, row, strict=True))
        for row, value in truth_table(tree).items()
        if value
    )


def brute_prime_implicants(tree: FaultTree) -> set[CutSet]:
    """Return every cube that implies the top event and has no shorter such cube."""
    names = variables(tree)
    table = truth_table(tree)

    @cache
    def implies_top(cube: tuple[bool | None, ...]) -> bool:
        if None not in cube:
            return table[cube]  # type: ignore[index]
        free = cube.index(None)
        return all(
            implies_top(cube[:free] + (value,) + cube[free + 1 :])
            for value in (False, True)
        )

    primes = set()
    for cube in itertools.product([None, False, True], repeat=len(names)):
        if not implies_top(cube):
            continue
        fixed = [i for i, value in enumerate(cube) if value is not None]
        if any(implies_top(cube[:i] + (None,) + cube[i + 1 :]) for i in fixed):
            continue
        primes.add(frozenset((names[i], cube[i]) for i in fixed))
    return primes  # type: ignore[return-value]


def brute_minimal_true_sets(tree: FaultTree) -> set[CutSet]:
    names = variables(tree)
    true_sets = [
        frozenset(n for n, on in zip(names, row, strict=True) if on)
        for row, value in truth_table(tree).items()
        if value
    ]
    minimal = {s for s in true_sets if not any(t < s for t in true_sets)}
    return {frozenset((name, True) for name in s) for s in minimal}


def brute_monotone(tree: FaultTree) -> bool:
    table = truth_table(tree)
    for row, value in table.items():
        for i, on in enumerate(row):
            if value and not on and not table[row[:i] + (True,) + row[i + 1 :]]:
                return False
    return True


def check_against_truth_table(tree: FaultTree) -> None:
    result = analyse(tree)

    assert result.probability.exact == pytest.approx(brute_probability(tree), abs=1e-9)
    assert set(result.cut_sets) == brute_prime_implicants(tree)
    assert result.coherent == brute_monotone(tree)
    if result.coherent:
        assert set(result.cut_sets) == brute_minimal_true_sets(tree)
        assert result.probability.min_cut_upper_bound >= result.probability.exact - 1e-9


@settings(max_examples=150, deadline=None)
@given(fault_trees())
def test_analysis_matches_truth_table(tree: FaultTree) -> None:
    check_against_truth_table(tree)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(fault_trees())
def test_analysis_matches_truth_table_long(tree: FaultTree) -> None:
    check_against_truth_table(tree)


@settings(max_examples=150, deadline=None)
@given(fault_trees(full=True))
def test_mef_round_trip_random(tree: FaultTree) -> None:
    assert parse_mef(format_mef(tree)) == tree


@settings(max_examples=100, deadline=None)
@given(fault_trees(full=True))
def test_json_round_trip_random(tree: FaultTree) -> None:
    assert FaultTree.model_validate_json(tree.model_dump_json()) == tree


@settings(max_examples=100, deadline=None)
@given(fault_trees(full=True))
def test_observed_matches_closed_world(tree: FaultTree) -> None:
    result = analyse(tree)
    occurred = {event.id for event in tree.events() if event.observed}

    assert result.observed.top_occurred == evaluate(tree, occurred)
    for cut_set in result.observed.completed:
        assert all((event in occurred) == polarity for event, polarity in cut_set)
    if result.observed.top_occurred:
        assert result.observed.completed


def test_gate_kinds_all_drawn() -> None:
    """Guard against a strategy change that stops drawing some gate kind."""
    seen: set[str] = set()

    @settings(max_examples=200, deadline=None)
    @given(fault_trees())
    def collect(tree: FaultTree) -> None:
        seen.update(node.kind.value for node in tree.nodes if isinstance(node, Gate))

    collect()
    assert seen == set(GATE_KINDS)
