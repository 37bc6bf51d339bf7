"""Fault-tree validation: each rejected tree names the node at fault."""

from typing import Any
from uuid import uuid4

import pytest
from pydantic import ValidationError

from pir_desktop.domain.faulttree import Event, FaultTree, Gate


def build(top: str, *nodes: dict[str, Any]) -> FaultTree:
    return FaultTree.model_validate({"top": top, "nodes": list(nodes)})


def basic(node_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": node_id, "kind": "basic", **fields}


def rejection(top: str, *nodes: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        build(top, *nodes)
    return str(caught.value)


def test_cycle_names_its_nodes() -> None:
    message = rejection(
        "T",
        {"id": "T", "kind": "and", "inputs": ["G1", "a"]},
        {"id": "G1", "kind": "or", "inputs": ["G2"]},
        {"id": "G2", "kind": "or", "inputs": ["G1"]},
        basic("a"),
    )

    assert "cycle: G1 -> G2 -> G1" in message


def test_gate_without_inputs() -> None:
    message = rejection("T", {"id": "T", "kind": "or", "inputs": []})

    assert "gate T: or gate has no inputs" in message


@pytest.mark.parametrize("k", [0, 3])
def test_vote_k_out_of_range(k: int) -> None:
    message = rejection(
        "V",
        {"id": "V", "kind": "vote", "k": k, "inputs": ["a", "b"]},
        basic("a"),
        basic("b"),
    )

    assert f"gate V: k = {k} must be between 1 and the number of inputs (2)" in (
        message
    )


def test_vote_without_k() -> None:
    message = rejection("V", {"id": "V", "kind": "vote", "inputs": ["a"]}, basic("a"))

    assert "gate V: vote gate is missing k" in message


@pytest.mark.parametrize("probability", [-0.1, 1.5, float("nan")])
def test_probability_outside_unit_interval(probability: float) -> None:
    message = rejection("a", basic("a", probability=probability))

    assert "event a: probability" in message
    assert "outside [0, 1]" in message


def test_unknown_input() -> None:
    message = rejection("T", {"id": "T", "kind": "or", "inputs": ["ghost"]})

    assert "gate T: input ghost is not a node of the tree" in message


def test_unreachable_node_rejected() -> None:
    message = rejection(
        "T", {"id": "T", "kind": "or", "inputs": ["a"]}, basic("a"), basic("stray")
    )

    assert "node(s) stray cannot be reached from the top event T" in message


def test_not_needs_one_input() -> None:
    message = rejection(
        "N", {"id": "N", "kind": "not", "inputs": ["a", "b"]}, basic("a"), basic("b")
    )

    assert "gate N: not gate takes exactly 1 input(s), not 2" in message


def test_xor_needs_two_inputs() -> None:
    message = rejection(
        "X",
        {"id": "X", "kind": "xor", "inputs": ["a", "b", "c"]},
        basic("a"),
        basic("b"),
        basic("c"),
    )

    assert "gate X: xor gate takes exactly 2 input(s), not 3" in message


def test_inhibit_needs_event_condition() -> None:
    missing = rejection(
        "I", {"id": "I", "kind": "inhibit", "inputs": ["a"]}, basic("a")
    )
    gate_condition = rejection(
        "I",
        {"id": "I", "kind": "inhibit", "inputs": ["a"], "condition": "G"},
        {"id": "G", "kind": "or", "inputs": ["a"]},
        basic("a"),
    )

    assert "gate I: an inhibit gate needs a condition event" in missing
    assert "gate I: condition G is a gate" in gate_condition


def test_duplicate_ids_and_inputs() -> None:
    twice = rejection(
        "T", {"id": "T", "kind": "or", "inputs": ["a"]}, basic("a"), basic("a")
    )
    repeated = rejection(
        "T", {"id": "T", "kind": "or", "inputs": ["a", "a"]}, basic("a")
    )

    assert "node id a is used by more than one node" in twice
    assert "gate T: input a is listed twice" in repeated


def test_unsafe_id_rejected() -> None:
    message = rejection("a b", basic("a b"))

    assert "id 'a b' is invalid" in message


def test_house_event_rules() -> None:
    with_probability = rejection("h", {"id": "h", "kind": "house", "probability": 0.5})
    observed = rejection("h", {"id": "h", "kind": "house", "observed": True})
    basic_state = rejection("a", basic("a", state=True))

    assert "event h: a house event takes a state, not a probability" in (
        with_probability
    )
    assert "event h: a house event is a constant and cannot be observed" in observed
    assert "event a: only a house event has a state" in basic_state


def test_label_with_control_character() -> None:
    message = rejection("a", basic("a", label="bad\x07bell"))

    assert "node a: label contains a control character" in message


def test_missing_top() -> None:
    message = rejection("T", basic("a"))

    assert "top event T is not a node of the tree" in message


def test_nodes_sorted_by_id() -> None:
    first = build(
        "T", {"id": "T", "kind": "or", "inputs": ["b", "a"]}, basic("b"), basic("a")
    )
    second = build(
        "T", basic("a"), basic("b"), {"id": "T", "kind": "or", "inputs": ["b", "a"]}
    )

    assert first == second
    assert [node.id for node in first.nodes] == ["T", "a", "b"]


def test_json_round_trip() -> None:
    tree = FaultTree(
        name="breach",
        label="Customer data exposed",
        top="T",
        nodes=[
            Gate(id="T", kind="vote", k=2, inputs=["a", "b", "I"]),
            Gate(id="I", kind="inhibit", inputs=["u"], condition="h"),
            Event(id="a", kind="basic", probability=0.1, factor_id=uuid4()),
            Event(id="b", kind="basic", observed=True, label="MFA off"),
            Event(id="u", kind="undeveloped", probability=0.5),
            Event(id="h", kind="house", state=True),
        ],
    )

    assert FaultTree.model_validate_json(tree.model_dump_json()) == tree
