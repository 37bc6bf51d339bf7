"""Export of a fault tree as an Open-PSA MEF document.

Gates go in <define-fault-tree>, top first, and events in <model-data>. MEF
has no element for some of the model, so `<attributes>` carry it, and
`parse_mef` reads them back:

- on <define-fault-tree>: top-event, the id of the top event;
- on an undeveloped event: undeveloped="true" (MEF sees a basic event);
- on an observed event: observed="true";
- on an INHIBIT gate: inhibit-condition, the id of the condition, with the
  gate written as <and> of its input and that condition;
- on any node linked to a contributing factor: factor-id, the factor's UUID.
"""

import xml.etree.ElementTree as ET

from .compile import variable_order
from .model import Event, FaultTree, Gate, NodeKind

_FORMULA_TAGS = {
    NodeKind.AND: "and",
    NodeKind.OR: "or",
    NodeKind.VOTE: "atleast",
    NodeKind.NOT: "not",
    NodeKind.XOR: "xor",
    NodeKind.INHIBIT: "and",
}


def format_mef(tree: FaultTree) -> str:
    """Return the tree as an MEF XML document, indented, with an XML declaration."""
    root = ET.Element("opsa-mef")
    fault_tree = ET.SubElement(root, "define-fault-tree", name=tree.name)
    _add_meta(fault_tree, tree.label, {"top-event": tree.top})

    nodes = tree.node_map()
    for gate in _gates_from_top(tree):
        _add_gate(fault_tree, gate, nodes)
    model_data = ET.SubElement(root, "model-data")
    for event in _events_from_top(tree):
        _add_event(model_data, event)

    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _gates_from_top(tree: FaultTree) -> list[Gate]:
    """Return the gates in depth-first order from the top, each once."""
    nodes = tree.node_map()
    ordered: list[Gate] = []
    seen: set[str] = set()
    stack = [tree.top]
    while stack:
        node = nodes[stack.pop()]
        if node.id in seen or not isinstance(node, Gate):
            continue
        seen.add(node.id)
        ordered.append(node)
        stack.extend(reversed(node.operands()))
    return ordered


def _events_from_top(tree: FaultTree) -> list[Event]:
    """Return the events, basic and undeveloped ones in analysis order first."""
    nodes = tree.node_map()
    first = [nodes[event_id] for event_id in variable_order(tree)]
    houses = [event for event in tree.events() if event.kind is NodeKind.HOUSE]
    return [event for event in [*first, *houses] if isinstance(event, Event)]


def _add_meta(element: ET.Element, label: str, attributes: dict[str, str]) -> None:
    if label:
        ET.SubElement(element, "label").text = label
    if attributes:
        container = ET.SubElement(element, "attributes")
        for name, value in attributes.items():
            ET.SubElement(container, "attribute", name=name, value=value)


def _node_attributes(node: Gate | Event) -> dict[str, str]:
    attributes: dict[str, str] = {}
    if isinstance(node, Gate) and node.condition is not None:
        attributes["inhibit-condition"] = node.condition
    if isinstance(node, Event):
        if node.kind is NodeKind.UNDEVELOPED:
            attributes["undeveloped"] = "true"
        if node.observed:
            attributes["observed"] = "true"
    if node.factor_id is not None:
        attributes["factor-id"] = str(node.factor_id)
    return attributes


def _add_gate(parent: ET.Element, gate: Gate, nodes: dict[str, Gate | Event]) -> None:
    element = ET.SubElement(parent, "define-gate", name=gate.id)
    _add_meta(element, gate.label, _node_attributes(gate))
    formula = ET.SubElement(element, _FORMULA_TAGS[gate.kind])
    if gate.k is not None:
        formula.set("min", str(gate.k))
    for operand in gate.operands():
        ET.SubElement(formula, _reference_tag(nodes[operand]), name=operand)


def _reference_tag(node: Gate | Event) -> str:
    if isinstance(node, Gate):
        return "gate"
    return "house-event" if node.kind is NodeKind.HOUSE else "basic-event"


def _add_event(parent: ET.Element, event: Event) -> None:
    if event.kind is NodeKind.HOUSE:
        element = ET.SubElement(parent, "define-house-event", name=event.id)
        _add_meta(element, event.label, _node_attributes(event))
        state = "true" if event.state else "false"
        ET.SubElement(element, "constant", value=state)
        return
    element = ET.SubElement(parent, "define-basic-event", name=event.id)
    _add_meta(element, event.label, _node_attributes(event))
    if event.probability is not None:
        ET.SubElement(element, "float", value=repr(event.probability))
