"""Import of one fault tree from an Open-PSA MEF document.

The supported subset: <define-gate> with <and>, <or>, <atleast min="k">,
<not> or <xor> (nested formulas become gates named "<gate>-<n>"), references
<gate>, <basic-event>, <house-event> and <event>, and <define-basic-event>
with an optional <float value="p"/> and <define-house-event> with
<constant value="true|false"/>, inside the fault tree or in <model-data>.
The attributes written by `format_mef` restore what MEF has no element for:
see that module. Other elements inside the fault tree or <model-data> are
rejected with their line. Other top-level elements, such as event trees, are
skipped.
"""

import logging
import xml.etree.ElementTree as ET

from pydantic import ValidationError

from .mef_gates import GateReader, read_meta
from .mef_xml import MefDocument, MefError, parse_xml
from .model import Event, FaultTree, Gate, NodeKind
from .structure import find_cycle

log = logging.getLogger(__name__)

_EVENT_DEFINITIONS = ("define-basic-event", "define-house-event")


def mef_tree_names(data: str | bytes) -> list[tuple[str, str]]:
    """Return the name and label of each fault tree in MEF text, in document order.

    Raises MefError when the text is not an MEF document.
    """
    document = _mef_document(data)
    return [
        (tree.get("name", ""), read_meta(document, tree)[0])
        for tree in document.root.findall("define-fault-tree")
    ]


def parse_mef(data: str | bytes, tree_name: str | None = None) -> FaultTree:
    """Read the fault tree named `tree_name`, or the only one, from MEF text.

    Raises MefError naming the line, element or node that is wrong.
    """
    document = _mef_document(data)
    element = _select_fault_tree(document, tree_name)
    gate_elements, event_elements = _definitions(document, element)

    names = {e.get("name", "") for e in document.root.iter() if e.get("name")}
    reader = GateReader(document, names)
    gates = [reader.read(name, gate) for name, gate in gate_elements.items()]
    gates = [*gates, *reader.nested]
    events = _events(document, reader.references, gate_elements, event_elements)
    top = _top(document, element, gates, list(gate_elements), reader.references)
    if top in event_elements and top not in reader.references:
        # A tree that is a single event has no gate to refer to it.
        events.append(_event(document, top, [], event_elements[top]))

    label, attributes = read_meta(document, element)
    try:
        tree = FaultTree(
            name=document.required(element, "name"),
            label=label,
            top=top,
            nodes=[*gates, *events],
        )
    except ValidationError as exc:
        raise MefError(_validation_message(exc)) from None
    log.info("read MEF fault tree with %d gates and %d events", len(gates), len(events))
    return tree


def _mef_document(data: str | bytes) -> MefDocument:
    document = parse_xml(data)
    if document.root.tag != "opsa-mef":
        raise MefError(
            f"{document.where(document.root)} is not an MEF document: "
            "the root element must be <opsa-mef>"
        )
    return document


def _select_fault_tree(document: MefDocument, tree_name: str | None) -> ET.Element:
    trees = document.root.findall("define-fault-tree")
    names = [tree.get("name", "") for tree in trees]
    if tree_name is not None:
        if tree_name not in names:
            raise MefError(
                f"fault tree {tree_name!r} not found; the document defines: "
                f"{', '.join(names) or 'none'}"
            )
        return trees[names.index(tree_name)]
    if not trees:
        raise MefError(
            "the document defines no fault tree: add a <define-fault-tree> element"
        )
    if len(trees) != 1:
        raise MefError(
            f"the document defines {len(trees)} fault trees "
            f"({', '.join(names) or 'none'}): name the one to read"
        )
    return trees[0]


def _definitions(
    document: MefDocument, fault_tree: ET.Element
) -> tuple[dict[str, ET.Element], dict[str, ET.Element]]:
    """Return the gate and the event definitions, each keyed by name."""
    gates: dict[str, ET.Element] = {}
    events: dict[str, ET.Element] = {}
    model_data = [child for m in document.root.findall("model-data") for child in m]
    for child in [*fault_tree, *model_data]:
        if child.tag in ("label", "attributes"):
            continue
        if child.tag == "define-gate":
            target = gates
        elif child.tag in _EVENT_DEFINITIONS:
            target = events
        else:
            raise MefError(f"{document.where(child)} is not supported here")
        name = document.required(child, "name")
        if name in gates or name in events:
            raise MefError(f"{document.where(child)}: {name} is defined twice")
        target[name] = child

    for child in document.root:
        if child.tag not in ("define-fault-tree", "model-data", "label", "attributes"):
            log.info("skipped %s: outside the fault-tree subset", document.where(child))
    return gates, events


def _events(
    document: MefDocument,
    references: dict[str, list[ET.Element]],
    gates: dict[str, ET.Element],
    definitions: dict[str, ET.Element],
) -> list[Event]:
    """Build an event for every name referenced that is not a gate."""
    events = []
    for name, elements in references.items():
        for reference in elements:
            _check_reference(document, name, reference, gates, definitions)
        if name not in gates:
            events.append(_event(document, name, elements, definitions.get(name)))
    return events


def _check_reference(
    document: MefDocument,
    name: str,
    reference: ET.Element,
    gates: dict[str, ET.Element],
    definitions: dict[str, ET.Element],
) -> None:
    """Raise MefError unless the reference's tag fits what `name` is."""
    where = document.where(reference)
    if name in gates:
        if reference.tag not in ("gate", "event"):
            raise MefError(f"{where}: {name} is a gate")
        return
    if reference.tag == "gate":
        raise MefError(f"{where}: gate {name} is not defined")
    definition = definitions.get(name)
    if definition is None:
        if reference.tag == "event":
            raise MefError(f"{where}: event {name} is not defined")
        return
    expected = definition.tag.removeprefix("define-")
    if reference.tag not in (expected, "event"):
        raise MefError(f"{where}: {name} is defined as a {expected}")


def _event(
    document: MefDocument,
    name: str,
    references: list[ET.Element],
    definition: ET.Element | None,
) -> Event:
    """Build an event from its definition, or from its references alone."""
    if definition is None:
        tags = {reference.tag for reference in references}
        if len(tags) > 1:
            raise MefError(
                f"{document.where(references[-1])}: {name} is referenced both as "
                "a basic event and as a house event"
            )
        kind = NodeKind.HOUSE if "house-event" in tags else NodeKind.BASIC
        return _validated(document, references[0], {"id": name, "kind": kind}, {})
    if definition.tag == "define-house-event":
        return _house_event(document, name, definition)
    return _basic_event(document, name, definition)


def _basic_event(document: MefDocument, name: str, element: ET.Element) -> Event:
    label, attributes = read_meta(document, element)
    expression = _expression(document, element, "float")
    probability = None
    if expression is not None:
        text = document.required(expression, "value")
        try:
            probability = float(text)
        except ValueError:
            raise MefError(
                f"{document.where(expression)}: value {text!r} is not a number"
            ) from None
    undeveloped = attributes.pop("undeveloped", "false")
    fields = {
        "id": name,
        "kind": NodeKind.UNDEVELOPED
        if document.boolean(element, undeveloped, "undeveloped")
        else NodeKind.BASIC,
        "label": label,
        "probability": probability,
        "observed": document.boolean(
            element, attributes.pop("observed", "false"), "observed"
        ),
    }
    return _validated(document, element, fields, attributes)


def _house_event(document: MefDocument, name: str, element: ET.Element) -> Event:
    label, attributes = read_meta(document, element)
    expression = _expression(document, element, "constant")
    state = False
    if expression is not None:
        value = document.required(expression, "value")
        state = document.boolean(expression, value, "value")
    fields = {"id": name, "kind": NodeKind.HOUSE, "label": label, "state": state}
    return _validated(document, element, fields, attributes)


def _validated(
    document: MefDocument,
    element: ET.Element,
    fields: dict[str, object],
    attributes: dict[str, str],
) -> Event:
    factor = attributes.pop("factor-id", None)
    if factor is not None:
        fields["factor_id"] = document.uuid(element, factor)
    try:
        return Event.model_validate(fields)
    except ValidationError as exc:
        raise MefError(
            f"{document.where(element)}: {_validation_message(exc)}"
        ) from None


def _expression(
    document: MefDocument, element: ET.Element, tag: str
) -> ET.Element | None:
    """Return the event's <float> or <constant> child, rejecting other expressions."""
    found = [child for child in element if child.tag not in ("label", "attributes")]
    if not found:
        return None
    if len(found) > 1 or found[0].tag != tag:
        raise MefError(
            f"{document.where(found[0])} is not supported: "
            f"{element.get('name')} takes one <{tag} value=...> element"
        )
    return found[0]


def _top(
    document: MefDocument,
    fault_tree: ET.Element,
    gates: list[Gate],
    gate_names: list[str],
    references: dict[str, list[ET.Element]],
) -> str:
    """Return the top-event attribute, or else the one gate no gate refers to."""
    _, attributes = read_meta(document, fault_tree)
    if "top-event" in attributes:
        return attributes["top-event"]
    roots = [name for name in gate_names if name not in references]
    ids = {gate.id for gate in gates}
    cycle = find_cycle({g.id: [i for i in g.operands() if i in ids] for g in gates})
    if not roots and cycle:
        raise MefError(f"the tree contains a cycle: {' -> '.join(cycle)}")
    if len(roots) != 1:
        raise MefError(
            f"{document.where(fault_tree)}: cannot tell the top event, because "
            f"{len(roots)} gates are used by no other gate "
            f"({', '.join(roots) or 'none'})"
        )
    return roots[0]


def _validation_message(exc: ValidationError) -> str:
    messages = [error["msg"].removeprefix("Value error, ") for error in exc.errors()]
    return "; ".join(messages)
