"""Why-tree edits computed on plain nodes: subtrees, descendants and sibling order."""

from collections.abc import Sequence
from uuid import UUID

from ...domain.entities import WhyNode


def subtree_ids(nodes: Sequence[WhyNode], root_id: UUID) -> set[UUID]:
    """Return the id of a node and of every node below it, stopping at cycles."""
    found = {root_id}
    frontier = [root_id]
    while frontier:
        children = [n.id for n in nodes if n.parent_id in frontier]
        frontier = [node_id for node_id in children if node_id not in found]
        found.update(frontier)
    return found


def siblings(nodes: Sequence[WhyNode], parent_id: UUID | None) -> list[WhyNode]:
    """Return the nodes under a parent in diagram order: by position, then stored order.

    For a parent of None these are the roots, including nodes whose parent is
    missing, as the diagram draws them.
    """
    known = {node.id for node in nodes}
    if parent_id is None:
        chosen = [n for n in nodes if n.parent_id is None or n.parent_id not in known]
    else:
        chosen = [n for n in nodes if n.parent_id == parent_id]
    return sorted(chosen, key=lambda n: n.position)


def next_position(nodes: Sequence[WhyNode], parent_id: UUID | None) -> int:
    """Return the position that puts a new node last under a parent."""
    return max((n.position for n in siblings(nodes, parent_id)), default=-1) + 1


def inserted_after(
    nodes: Sequence[WhyNode], new: WhyNode, after_id: UUID
) -> list[WhyNode]:
    """Return the siblings of `after_id` with `new` right after it, renumbered 0, 1, …

    Each returned node carries its new position, `new` included. If `after_id`
    is not a sibling, `new` goes last. The caller stores the nodes whose
    position changed.
    """
    order = [n for n in siblings(nodes, new.parent_id) if n.id != new.id]
    index = next((i for i, n in enumerate(order) if n.id == after_id), len(order) - 1)
    order.insert(index + 1, new)
    return [node.model_copy(update={"position": i}) for i, node in enumerate(order)]


def moved_positions(
    nodes: Sequence[WhyNode], renumbered: Sequence[WhyNode]
) -> list[tuple[WhyNode, WhyNode]]:
    """Return (stored, renumbered) pairs of existing nodes whose position changed."""
    stored = {node.id: node for node in nodes}
    return [
        (stored[node.id], node)
        for node in renumbered
        if node.id in stored and stored[node.id].position != node.position
    ]
