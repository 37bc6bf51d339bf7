"""Layout of a 5 Whys tree: the problem on the left, each answer right of its parent.

Every box has the same width, chosen so that the deepest chain fits
`max_width` when it can, so that the diagram fills an A4 portrait page without
scaling. A node whose linked factor is a hypothesis is dashed and one whose
factor is refuted is struck through.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from ..entities import ContributingFactor, WhyNode
from ..enums import FactorStatus
from ..review import Review
from .geometry import Box, BoxKind, Diagram, Measure, framed
from .text import TextStyle, text_box
from .tidy import Direction, Spacing, TreeItem, layout_forest

# The text width of an A4 portrait page with 18 mm margins is about 493 pt.
PAGE_WIDTH = 480.0


@dataclass(frozen=True)
class WhyTreeStyle:
    font_size: float = 7.0
    max_width: float = PAGE_WIDTH
    min_box_width: float = 72.0
    max_box_width: float = 170.0
    margin: float = 4.0
    spacing: Spacing = Spacing(level_gap=14.0, sibling_gap=6.0, tree_gap=14.0)


def why_tree_diagram(
    nodes: Sequence[WhyNode],
    factors: Sequence[ContributingFactor],
    measure: Measure,
    style: WhyTreeStyle = WhyTreeStyle(),
) -> Diagram:
    """Lay out the why-tree of a review, with one tree per problem statement.

    Nodes whose parent is missing are drawn as further roots, and nodes caught
    in a parent cycle are drawn once, as roots, so that no node is lost.
    """
    children = _children_by_parent(nodes)
    roots = _roots(nodes, children)
    depth = _max_depth(roots, children)
    box_style = _box_style(depth, style)
    labels: dict[UUID | None, tuple[str, FactorStatus | None]] = {
        f.id: (f"F{i}", f.status) for i, f in enumerate(factors, start=1)
    }

    visited: set[UUID] = set()
    items = []
    for root in roots:
        if root.id not in visited:
            items.append(
                _item(root, children, visited, labels, measure, box_style, root=True)
            )
    boxes, edges = layout_forest(items, Direction.RIGHT, style.spacing)
    return framed(boxes, edges, [], style.margin)


def _children_by_parent(nodes: Sequence[WhyNode]) -> dict[UUID | None, list[WhyNode]]:
    children: dict[UUID | None, list[WhyNode]] = defaultdict(list)
    for node in sorted(nodes, key=lambda n: n.position):
        children[node.parent_id].append(node)
    return children


def _roots(
    nodes: Sequence[WhyNode], children: dict[UUID | None, list[WhyNode]]
) -> list[WhyNode]:
    """Return the problems, then orphans, then one node of each unreachable cycle."""
    known = {node.id for node in nodes}
    ordered = sorted(nodes, key=lambda n: n.position)
    roots = [n for n in ordered if n.parent_id is None]
    roots += [
        n for n in ordered if n.parent_id is not None and n.parent_id not in known
    ]
    reached = _reachable(roots, children)
    for node in ordered:
        if node.id not in reached:
            roots.append(node)
            reached |= _reachable([node], children)
    return roots


def _reachable(
    roots: list[WhyNode], children: dict[UUID | None, list[WhyNode]]
) -> set[UUID]:
    seen: set[UUID] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node.id not in seen:
            seen.add(node.id)
            stack.extend(children.get(node.id, []))
    return seen


def _max_depth(roots: list[WhyNode], children: dict[UUID | None, list[WhyNode]]) -> int:
    """Return the number of levels, counting each node once."""
    deepest = 0
    seen: set[UUID] = set()
    stack = [(root, 1) for root in roots]
    while stack:
        node, level = stack.pop()
        if node.id in seen:
            continue
        seen.add(node.id)
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children.get(node.id, []))
    return deepest


def _box_style(levels: int, style: WhyTreeStyle) -> TextStyle:
    room = style.max_width - 2 * style.margin
    room -= style.spacing.level_gap * max(levels - 1, 0)
    width = room / max(levels, 1)
    width = min(max(width, style.min_box_width), style.max_box_width)
    return TextStyle(font_size=style.font_size, max_width=width, min_width=width)


def _item(
    node: WhyNode,
    children: dict[UUID | None, list[WhyNode]],
    visited: set[UUID],
    labels: dict[UUID | None, tuple[str, FactorStatus | None]],
    measure: Measure,
    style: TextStyle,
    root: bool = False,
) -> TreeItem:
    """Build the tree items under a node depth-first, each node at most once."""
    visited.add(node.id)
    item = TreeItem(_node_box(node, labels, measure, style, root))
    for child in children.get(node.id, []):
        if child.id not in visited:
            item.children.append(
                _item(child, children, visited, labels, measure, style)
            )
    return item


def _node_box(
    node: WhyNode,
    labels: dict[UUID | None, tuple[str, FactorStatus | None]],
    measure: Measure,
    style: TextStyle,
    root: bool,
) -> Box:
    label, status = labels.get(node.factor_id, ("", None))
    extra = (f"Factor {label}",) if label else ()
    return text_box(
        str(node.id),
        BoxKind.PROBLEM if root else BoxKind.ANSWER,
        node.text,
        measure,
        style,
        extra_lines=extra,
        ref=str(node.id),
        dashed=status is FactorStatus.HYPOTHESIS,
        struck=status is FactorStatus.REFUTED,
    )


def problem_statement(review: Review) -> str:
    """Return the why-tree's first problem statement, or the review's title."""
    roots = [node for node in review.why_nodes if node.parent_id is None]
    if not roots:
        return review.title
    return min(roots, key=lambda node: node.position).text
