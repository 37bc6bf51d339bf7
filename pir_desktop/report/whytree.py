"""The "Why-tree" section: the 5 Whys tree as an indented, numbered outline."""

from collections import defaultdict
from uuid import UUID

from reportlab.platypus import Flowable, Spacer

from ..domain.entities import WhyNode
from .context import ReportContext
from .diagrams import why_tree_flowables
from .styles import BODY, H1, H2, outline_style
from .text import para, with_notes

HEADING = "Why-tree"

# A node to draw: the node, its depth below the problem and its outline number.
OutlineLine = tuple[WhyNode, int, str]


def why_tree_section(context: ReportContext) -> list[Flowable]:
    """Build one outline per problem statement, then any unreachable nodes."""
    story: list[Flowable] = [para(HEADING, H1)]
    nodes = context.review.why_nodes
    if not nodes:
        return [*story, para("No 5 Whys analysis recorded.", BODY)]

    story.extend(why_tree_flowables(context.review))
    story.append(Spacer(1, 6))
    children = _children_by_parent(nodes)
    visited: set[UUID] = set()
    for root in children[None]:
        lines = _walk(root, children, visited)
        story.extend(_line(context, *line) for line in lines)
        story.append(Spacer(1, 6))

    orphans = [node for node in _by_position(nodes) if node.id not in visited]
    if orphans:
        story.append(para("Answers not connected to a problem statement", H2))
        story.extend(_line(context, node, 1, "") for node in orphans)
    return story


def _by_position(nodes: list[WhyNode]) -> list[WhyNode]:
    return sorted(nodes, key=lambda node: node.position)


def _children_by_parent(nodes: list[WhyNode]) -> dict[UUID | None, list[WhyNode]]:
    children: dict[UUID | None, list[WhyNode]] = defaultdict(list)
    for node in _by_position(nodes):
        children[node.parent_id].append(node)
    return children


def _walk(
    root: WhyNode,
    children: dict[UUID | None, list[WhyNode]],
    visited: set[UUID],
) -> list[OutlineLine]:
    """List a tree depth-first without recursion, skipping nodes already drawn."""
    lines: list[OutlineLine] = []
    stack: list[OutlineLine] = [(root, 0, "")]
    while stack:
        node, depth, number = stack.pop()
        if node.id in visited:
            continue
        visited.add(node.id)
        lines.append((node, depth, number))

        kids = children.get(node.id, [])
        prefix = f"{number}." if number else ""
        for index in range(len(kids), 0, -1):
            stack.append((kids[index - 1], depth + 1, f"{prefix}{index}"))
    return lines


def _line(context: ReportContext, node: WhyNode, depth: int, number: str) -> Flowable:
    notes = []
    factor = context.review.factor(node.factor_id)
    if factor is not None:
        notes.append(f"Factor {context.factor_labels[factor.id]}: {factor.statement}")
    elif node.factor_id is not None:
        notes.append("Linked factor not found in this review")
    if node.evidence:
        notes.append(f"Evidence: {node.evidence}")

    label = f"Why {number}:" if number else "Why:"
    if depth == 0:
        label = "Problem:"
    return with_notes(node.text, notes, outline_style(depth), label=label)
