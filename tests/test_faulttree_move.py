"""Moving a node between gates of a fault tree with `edit.move_node`."""

import pytest

from pir_desktop.domain.faulttree import FaultTree, Gate
from pir_desktop.domain.faulttree.edit import FaultTreeEditError, move_node


def example_tree() -> FaultTree:
    """Return top = AND(a, left, right, x), left = OR(b, c), right = OR(c, d).

    Event c is an input of both OR gates, and the XOR gate x takes e and f.
    """
    return FaultTree.model_validate(
        {
            "top": "top",
            "nodes": [
                {"id": "top", "kind": "and", "inputs": ["a", "left", "right", "x"]},
                {"id": "left", "kind": "or", "inputs": ["b", "c"]},
                {"id": "right", "kind": "or", "inputs": ["c", "d"]},
                {"id": "x", "kind": "xor", "inputs": ["e", "f"]},
                *(
                    {"id": name, "kind": "basic", "probability": 0.1}
                    for name in "abcdef"
                ),
            ],
        }
    )


def inputs(tree: FaultTree, gate_id: str) -> list[str]:
    gate = tree.node_map()[gate_id]
    assert isinstance(gate, Gate)
    return gate.inputs


def test_move_event_to_other_gate() -> None:
    moved = move_node(example_tree(), "b", "left", "right")
    assert inputs(moved, "left") == ["c"]
    assert inputs(moved, "right") == ["c", "d", "b"]
    assert moved.node_map()["b"] == example_tree().node_map()["b"]


def test_move_gate_with_its_inputs() -> None:
    moved = move_node(example_tree(), "left", "top", "right")
    assert inputs(moved, "top") == ["a", "right", "x"]
    assert inputs(moved, "right") == ["c", "d", "left"]
    assert inputs(moved, "left") == ["b", "c"]


def test_move_shared_node_leaves_one_gate() -> None:
    moved = move_node(example_tree(), "c", "right", "top")
    assert inputs(moved, "left") == ["b", "c"]
    assert inputs(moved, "right") == ["d"]
    assert inputs(moved, "top")[-1] == "c"


def test_move_into_own_subtree_rejected() -> None:
    tree = move_node(example_tree(), "right", "top", "left")
    with pytest.raises(
        FaultTreeEditError, match="cycle: (left -> right|right -> left)"
    ):
        move_node(tree, "left", "top", "right")


def test_move_top_event_rejected() -> None:
    with pytest.raises(FaultTreeEditError, match="top is the top event"):
        move_node(example_tree(), "top", "top", "left")


def test_move_emptying_gate_names_it() -> None:
    tree = move_node(example_tree(), "b", "left", "top")
    with pytest.raises(FaultTreeEditError, match="gate left: or gate has no inputs"):
        move_node(tree, "c", "left", "top")


def test_move_breaking_xor_names_it() -> None:
    with pytest.raises(FaultTreeEditError, match="gate x: xor gate takes exactly 2"):
        move_node(example_tree(), "e", "x", "top")


def test_move_onto_event_rejected() -> None:
    with pytest.raises(FaultTreeEditError, match="node d is an event"):
        move_node(example_tree(), "b", "left", "d")


def test_move_to_current_gate_rejected() -> None:
    with pytest.raises(FaultTreeEditError, match="already an input of gate left"):
        move_node(example_tree(), "b", "left", "left")
    with pytest.raises(FaultTreeEditError, match="c is already an input of gate"):
        move_node(example_tree(), "c", "left", "right")


def test_move_from_wrong_gate_rejected() -> None:
    with pytest.raises(FaultTreeEditError, match="b is not an input of gate right"):
        move_node(example_tree(), "b", "right", "top")
    with pytest.raises(FaultTreeEditError, match="node z is not in the tree"):
        move_node(example_tree(), "z", "left", "top")


def test_move_condition_rejected() -> None:
    tree = FaultTree.model_validate(
        {
            "top": "top",
            "nodes": [
                {"id": "top", "kind": "or", "inputs": ["guard", "b"]},
                {
                    "id": "guard",
                    "kind": "inhibit",
                    "inputs": ["a"],
                    "condition": "cond",
                },
                {"id": "a", "kind": "basic"},
                {"id": "b", "kind": "basic"},
                {"id": "cond", "kind": "basic"},
            ],
        }
    )
    with pytest.raises(FaultTreeEditError, match="cond is the condition of gate"):
        move_node(tree, "cond", "guard", "top")
