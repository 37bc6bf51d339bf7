"""Walking a 5 Whys tree: the answers under a node and the "therefore" read-back."""

from uuid import UUID

from ...domain.entities import WhyNode
from ...domain.review import Review


def children_of(review: Review, parent_id: UUID | None) -> list[WhyNode]:
    """Return the direct answers under a node (or the roots), in position order."""
    known = {node.id for node in review.why_nodes}
    nodes = [
        n
        for n in review.why_nodes
        if n.parent_id == parent_id or (parent_id is None and n.parent_id not in known)
    ]
    return sorted(nodes, key=lambda n: n.position)


def answer_part(text: str) -> str:
    """Return an answer without its question: "Why X? Because Y." gives "Because Y"."""
    question, mark, answer = text.partition("? ")
    if mark and question.lower().startswith("why") and answer.strip():
        text = answer
    return text.strip().rstrip(".")


def read_back(review: Review, node: WhyNode) -> str:
    """Return the chain from a node up to the problem as "X, therefore Y, …"."""
    by_id = {n.id: n for n in review.why_nodes}
    chain = [answer_part(node.text)]
    seen = {node.id}
    current = by_id.get(node.parent_id) if node.parent_id else None
    while current is not None and current.id not in seen:
        seen.add(current.id)
        chain.append(answer_part(current.text))
        current = by_id.get(current.parent_id) if current.parent_id else None
    return ", therefore ".join([chain[0], *map(_lower_first, chain[1:])]) + "."


def _lower_first(text: str) -> str:
    """Lower-case a leading capital unless it starts an acronym such as "SSH"."""
    first_word = text.split(maxsplit=1)[0] if text.strip() else ""
    if first_word in ("", "I") or (len(first_word) > 1 and first_word[:2].isupper()):
        return text
    return text[0].lower() + text[1:]
