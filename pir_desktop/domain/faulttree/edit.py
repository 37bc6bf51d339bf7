"""Edits of a fault tree, each returning a new validated tree.

Every function builds the changed node list and validates a whole new
`FaultTree`, so an edit that would leave the tree invalid raises
`FaultTreeEditError` with the model's message, which names the node at fault.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from .model import IDENTIFIER, Event, FaultTree, Gate, NodeKind
from .structure import reachable

# Inputs a new gate of each kind gets, so that the tree stays valid.
_NEW_GATE_INPUTS = {NodeKind.XOR: 2}
_MAX_ID_LENGTH = 40


class FaultTreeEditError(ValueError):
    """An edit that would make the tree invalid. The message names the node at fault."""


def validated_tree(data: Mapping[str, Any]) -> FaultTree:
    """Validate a tree dump, turning validation errors into FaultTreeEditError."""
    try:
        return FaultTree.model_validate(data)
    except ValidationError as exc:
        messages = [e["msg"].removeprefix("Value error, ") for e in exc.errors()]
        raise FaultTreeEditError("; ".join(messages)) from None


def tree_from_factors(top_label: str, factors: Iterable[tuple[UUID, str]]) -> FaultTree:
    """Build an OR gate over one basic event per (factor id, statement)."""
    taken: set[str] = {"top"}
    events = []
    for factor_id, statement in factors:
        node_id = unique_id(statement, taken, "factor")
        taken.add(node_id)
        events.append(
            {"id": node_id, "kind": "basic", "label": statement, "factor_id": factor_id}
        )
    if not events:
        raise FaultTreeEditError("select at least one contributing factor")
    top = {
        "id": "top",
        "kind": "or",
        "label": top_label,
        "inputs": [e["id"] for e in events],
    }
    return validated_tree({"name": "fault_tree", "top": "top", "nodes": [top, *events]})


def unique_id(label: str, taken: Iterable[str], fallback: str) -> str:
    """Return an MEF identifier made from a label, not in `taken`."""
    words = re.findall(r"[A-Za-z0-9]+", label.lower())
    base = "_".join(words)[:_MAX_ID_LENGTH].strip("_") or fallback
    if not IDENTIFIER.fullmatch(base):
        base = f"{fallback}_{base}"
    used = set(taken)
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


def add_event(tree: FaultTree, parent_id: str, fields: Mapping[str, Any]) -> FaultTree:
    """Add a new event as the last input of the gate `parent_id`."""
    parent = _gate(tree, parent_id)
    node_id = unique_id(fields.get("label", ""), tree.node_map(), "event")
    event = {**fields, "id": node_id}
    return _with_nodes(tree, [*_replaced(tree, _appended(parent, [node_id])), event])


def add_gate(tree: FaultTree, parent_id: str, fields: Mapping[str, Any]) -> FaultTree:
    """Add a new gate under `parent_id`, with new basic events as its inputs.

    A gate cannot be stored without inputs, so it starts with the fewest
    placeholder events its kind allows, for the user to edit or replace.
    """
    parent = _gate(tree, parent_id)
    taken = set(tree.node_map())
    gate_id = unique_id(fields.get("label", ""), taken, "gate")
    taken.add(gate_id)
    kind = NodeKind(fields.get("kind", NodeKind.OR))
    placeholders = []
    for number in range(1, _NEW_GATE_INPUTS.get(kind, 1) + 1):
        event_id = unique_id(f"{gate_id} cause {number}", taken, "event")
        taken.add(event_id)
        placeholders.append({"id": event_id, "kind": "basic", "label": "New event"})
    gate = {**fields, "id": gate_id, "inputs": [p["id"] for p in placeholders]}
    nodes = [*_replaced(tree, _appended(parent, [gate_id])), gate, *placeholders]
    return _with_nodes(tree, nodes)


def update_node(tree: FaultTree, node_id: str, changes: Mapping[str, Any]) -> FaultTree:
    """Replace fields of one node, keeping its id and inputs."""
    node = _node(tree, node_id)
    data = {**node.model_dump(), **changes, "id": node_id}
    if isinstance(node, Gate):
        data["inputs"] = node.inputs
    nodes = [data if n.id == node_id else n.model_dump() for n in tree.nodes]
    return _with_nodes(tree, nodes)


def delete_node(tree: FaultTree, node_id: str) -> FaultTree:
    """Remove a node from every gate that reads it, with the nodes left unreachable."""
    _node(tree, node_id)
    if node_id == tree.top:
        raise FaultTreeEditError(
            f"node {node_id} is the top event and cannot be deleted: "
            "delete the whole fault tree instead"
        )
    nodes = []
    for node in tree.nodes:
        if node.id == node_id:
            continue
        data = node.model_dump()
        if isinstance(node, Gate):
            data["inputs"] = [i for i in node.inputs if i != node_id]
            if node.condition == node_id:
                data["condition"] = None
        nodes.append(data)
    graph = {n["id"]: [*n.get("inputs", []), *_condition(n)] for n in nodes}
    reachable_ids = reachable(tree.top, graph)
    return _with_nodes(tree, [n for n in nodes if n["id"] in reachable_ids])


def move_node(tree: FaultTree, node_id: str, from_gate: str, to_gate: str) -> FaultTree:
    """Move a node from the inputs of `from_gate` to the end of `to_gate`'s inputs.

    A node shared by several gates leaves only `from_gate`. A move that leaves
    a gate with too few inputs or closes a cycle raises FaultTreeEditError
    with the model's message, which names the gate or the cycle.
    """
    _node(tree, node_id)
    if node_id == tree.top:
        raise FaultTreeEditError(
            f"node {node_id} is the top event and has no gate to move it from"
        )
    source, target = _gate(tree, from_gate), _gate(tree, to_gate)
    if node_id not in source.inputs:
        if source.condition == node_id:
            raise FaultTreeEditError(
                f"node {node_id} is the condition of gate {from_gate} and cannot "
                "be moved: edit the gate to change its condition"
            )
        raise FaultTreeEditError(f"node {node_id} is not an input of gate {from_gate}")
    if node_id in target.operands():
        raise FaultTreeEditError(
            f"node {node_id} is already an input of gate {to_gate}"
        )
    removed = {
        **source.model_dump(),
        "inputs": [i for i in source.inputs if i != node_id],
    }
    nodes = _replaced(tree, removed)
    added = _appended(target, [node_id])
    return _with_nodes(tree, [added if n["id"] == to_gate else n for n in nodes])


def _condition(node: Mapping[str, Any]) -> list[str]:
    condition = node.get("condition")
    return [condition] if condition else []


def _node(tree: FaultTree, node_id: str) -> Gate | Event:
    node = tree.node_map().get(node_id)
    if node is None:
        raise FaultTreeEditError(f"node {node_id} is not in the tree")
    return node


def _gate(tree: FaultTree, node_id: str) -> Gate:
    node = _node(tree, node_id)
    if not isinstance(node, Gate):
        raise FaultTreeEditError(
            f"node {node_id} is an event and takes no inputs: select a gate"
        )
    return node


def _appended(gate: Gate, inputs: list[str]) -> dict[str, Any]:
    return {**gate.model_dump(), "inputs": [*gate.inputs, *inputs]}


def _replaced(tree: FaultTree, changed: Mapping[str, Any]) -> list[Any]:
    return [changed if n.id == changed["id"] else n.model_dump() for n in tree.nodes]


def _with_nodes(tree: FaultTree, nodes: list[Any]) -> FaultTree:
    data = tree.model_dump()
    data["nodes"] = [n.model_dump() if hasattr(n, "model_dump") else n for n in nodes]
    return validated_tree(data)
