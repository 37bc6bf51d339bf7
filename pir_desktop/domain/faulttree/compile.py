"""Translation of a fault tree into one BDD for its top event."""

from collections.abc import Callable
from dataclasses import dataclass

from .bdd import FALSE, TRUE, Bdd
from .model import Event, FaultTree, Gate, NodeKind


@dataclass(frozen=True)
class CompiledTree:
    """A tree's top event as a BDD node, with the event id of each variable level."""

    bdd: Bdd
    root: int
    order: tuple[str, ...]

    def level_of(self, event_id: str) -> int:
        return self.order.index(event_id)


def variable_order(tree: FaultTree) -> list[str]:
    """Return the basic and undeveloped events in depth-first order from the top.

    The walk visits a gate's inputs in their listed order, then its condition,
    and numbers each event when it is first met. Events that sit close together
    in the tree therefore get neighbouring levels, which keeps BDDs small.
    """
    nodes = tree.node_map()
    order: list[str] = []
    seen: set[str] = set()
    stack = [tree.top]
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        node = nodes[node_id]
        if isinstance(node, Gate):
            stack.extend(reversed(node.operands()))
        elif node.kind is not NodeKind.HOUSE:
            order.append(node_id)
    return order


def compile_tree(tree: FaultTree) -> CompiledTree:
    """Build the BDD of the top event; house events enter as their constant state."""
    order = variable_order(tree)
    bdd = Bdd(len(order))
    levels = {event_id: level for level, event_id in enumerate(order)}
    nodes = tree.node_map()
    built: dict[str, int] = {}

    # NOTE: recursion depth is the depth of the tree, not its size.
    def build(node_id: str) -> int:
        if node_id not in built:
            node = nodes[node_id]
            if isinstance(node, Event):
                built[node_id] = _event_node(bdd, node, levels)
            else:
                operands = [build(operand) for operand in node.operands()]
                built[node_id] = _gate_node(bdd, node, operands)
        return built[node_id]

    return CompiledTree(bdd=bdd, root=build(tree.top), order=tuple(order))


def _event_node(bdd: Bdd, event: Event, levels: dict[str, int]) -> int:
    if event.kind is NodeKind.HOUSE:
        return TRUE if event.state else FALSE
    return bdd.variable(levels[event.id])


def _gate_node(bdd: Bdd, gate: Gate, operands: list[int]) -> int:
    """Combine the operands' BDDs. An INHIBIT gate's operands are [input, condition]."""
    match gate.kind:
        case NodeKind.AND | NodeKind.INHIBIT:
            return _fold(bdd.conjoin, operands, TRUE)
        case NodeKind.OR:
            return _fold(bdd.disjoin, operands, FALSE)
        case NodeKind.VOTE:
            assert gate.k is not None
            return bdd.at_least(gate.k, operands)
        case NodeKind.NOT:
            return bdd.negate(operands[0])
        case NodeKind.XOR:
            return bdd.exclusive_or(operands[0], operands[1])
    raise ValueError(f"gate {gate.id}: unknown gate kind {gate.kind}")


def _fold(combine: Callable[[int, int], int], operands: list[int], start: int) -> int:
    result = start
    for operand in operands:
        result = combine(result, operand)
    return result
