"""Layout of a fault tree, top event at the top, inputs below their gate.

A fault tree may share a node between several gates. The layout draws the
shared node in full only under its first parent, in depth-first order of the
inputs. Under every later parent the node is repeated as a single box
without inputs: a repeated gate is marked as a transfer (a triangle in place
of its gate symbol), and a repeated event is simply drawn again, as fault-tree
drawings usually show repeated basic events. A repeated box keeps the node id
as `ref` and gets the id "<node id>#<n>", so boxes never cross edges to reach
a shared node. An inhibit gate's condition event hangs under it on a dashed
link, after its input.

A node linked to a contributing factor shows the factor's current statement,
dashed while the factor is a hypothesis and struck through once it is
refuted, so that the tree follows edits of the factor as the other diagrams
do. A node linked to a factor that no longer exists shows its own label.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from ..entities import ContributingFactor
from ..enums import FactorStatus
from ..faulttree import Event, FaultTree, Gate, NodeKind
from .geometry import Box, BoxKind, Diagram, Label, Measure, framed
from .symbols import SYMBOL_HEIGHT, SYMBOL_WIDTH
from .text import TextStyle, text_box
from .tidy import Direction, Spacing, TreeItem, layout_forest

KINDS = {
    NodeKind.AND: BoxKind.GATE_AND,
    NodeKind.OR: BoxKind.GATE_OR,
    NodeKind.VOTE: BoxKind.GATE_VOTE,
    NodeKind.NOT: BoxKind.GATE_NOT,
    NodeKind.XOR: BoxKind.GATE_XOR,
    NodeKind.INHIBIT: BoxKind.GATE_INHIBIT,
    NodeKind.BASIC: BoxKind.EVENT_BASIC,
    NodeKind.UNDEVELOPED: BoxKind.EVENT_UNDEVELOPED,
    NodeKind.HOUSE: BoxKind.EVENT_HOUSE,
}


@dataclass(frozen=True)
class FaultTreeStyle:
    font_size: float = 7.0
    box_width: float = 84.0
    margin: float = 4.0
    spacing: Spacing = Spacing(level_gap=14.0, sibling_gap=8.0, tree_gap=16.0)


def fault_tree_diagram(
    tree: FaultTree,
    measure: Measure,
    style: FaultTreeStyle = FaultTreeStyle(),
    *,
    factors: Sequence[ContributingFactor] = (),
) -> Diagram:
    """Lay out a fault tree top-down, repeating shared nodes as described above.

    `factors` are the review's factors, whose statements and statuses the
    linked nodes show.
    """
    nodes = tree.node_map()
    text_style = TextStyle(
        style.font_size, style.box_width, min_width=SYMBOL_WIDTH + 40
    )
    counts: dict[str, int] = {}
    linked = {factor.id: factor for factor in factors}
    drawing = (measure, text_style, linked)
    root = _item(tree.top, nodes, counts, drawing, dashed=False)
    boxes, edges = layout_forest([root], Direction.DOWN, style.spacing)
    labels = [_vote_label(box, measure) for box in boxes]
    return framed(boxes, edges, [label for label in labels if label], style.margin)


def linked_factor(
    node: Gate | Event, factors: Mapping[UUID, ContributingFactor]
) -> ContributingFactor | None:
    """Return the factor a node is linked to, or None if unlinked or deleted."""
    return None if node.factor_id is None else factors.get(node.factor_id)


def node_text(node: Gate | Event, factors: Mapping[UUID, ContributingFactor]) -> str:
    """Return a node's box text: its factor's statement, else its label or id."""
    factor = linked_factor(node, factors)
    if factor is not None:
        return factor.statement
    return node.label or node.id


def event_labels(
    tree: FaultTree, factors: Sequence[ContributingFactor] = ()
) -> dict[str, str]:
    """Return the name of each node in lists such as cut sets, keyed by node id.

    The name is the text of the node's box. Where two nodes show the same
    text, each name ends with the node's id in brackets.
    """
    linked = {factor.id: factor for factor in factors}
    texts = {node.id: node_text(node, linked) for node in tree.nodes}
    counts = Counter(texts.values())
    return {
        node_id: text if counts[text] == 1 else f"{text} ({node_id})"
        for node_id, text in texts.items()
    }


# Drawing context: the text measure, box text style and factors by id.
_Drawing = tuple[Measure, TextStyle, Mapping[UUID, ContributingFactor]]


def _item(
    node_id: str,
    nodes: dict[str, Gate | Event],
    counts: dict[str, int],
    drawing: _Drawing,
    dashed: bool,
) -> TreeItem:
    """Build the items under a node; recursion depth is the tree's depth."""
    node = nodes[node_id]
    counts[node_id] = counts.get(node_id, 0) + 1
    repeat = counts[node_id]
    measure, style, factors = drawing
    factor = linked_factor(node, factors)
    status = None if factor is None else factor.status
    box = text_box(
        node_id if repeat == 1 else f"{node_id}#{repeat}",
        KINDS[node.kind],
        node_text(node, factors),
        measure,
        style,
        ref=node_id,
        transfer=repeat > 1 and isinstance(node, Gate),
        observed=isinstance(node, Event) and node.observed,
        dashed=status is FactorStatus.HYPOTHESIS,
        struck=status is FactorStatus.REFUTED,
        symbol_height=SYMBOL_HEIGHT,
        note=_note(node),
    )
    item = TreeItem(box, dashed_link=dashed)
    if repeat > 1 or not isinstance(node, Gate):
        return item

    for operand in node.operands():
        is_condition = operand == node.condition
        item.children.append(_item(operand, nodes, counts, drawing, is_condition))
    return item


def _note(node: Gate | Event) -> str:
    if isinstance(node, Gate) and node.kind is NodeKind.VOTE:
        return f"{node.k}/{len(node.inputs)}"
    if isinstance(node, Event) and node.kind is NodeKind.HOUSE:
        return "true" if node.state else "false"
    return ""


def _vote_label(box: Box, measure: Measure) -> Label | None:
    """Return the "k/n" or house-state text beside a box's symbol, if it has one."""
    if not box.note or box.transfer:
        return None
    size = box.font_size - 1
    baseline = box.bottom - SYMBOL_HEIGHT / 2 + size / 2
    return Label(
        text=box.note,
        x=box.centre_x + SYMBOL_WIDTH / 2 + 3,
        baseline=baseline,
        width=measure(box.note, size),
        font_size=size,
    )
