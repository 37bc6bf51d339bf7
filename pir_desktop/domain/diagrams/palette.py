"""Colours and line styles of diagram boxes and edges, as hex RGB strings.

Both renderers read them here, so a box looks the same on screen and on paper.
"""

from .geometry import Box, BoxKind, Edge, EdgeKind

INK = "#1d2733"
MUTED = "#7b8590"
LINE = "#5b6673"
SPINE = "#24476b"
# Dash pattern of a hypothesis box and of a condition link: on, off, in points.
DASH = (3.0, 2.0)

_FILLS = {
    BoxKind.PROBLEM: "#fbe3dc",
    BoxKind.HEAD: "#fbe3dc",
    BoxKind.CATEGORY: "#dbe6f1",
    BoxKind.ANSWER: "#ffffff",
    BoxKind.CAUSE: "#ffffff",
    BoxKind.SUBCAUSE: "#f6f7f9",
}
GATE_FILL = "#eef2f6"
EVENT_FILL = "#ffffff"
OBSERVED_FILL = "#fff1c7"
REFUTED_FILL = "#f1f2f4"


def box_fill(box: Box) -> str:
    if box.struck:
        return REFUTED_FILL
    if box.observed:
        return OBSERVED_FILL
    if box.kind.value.startswith("gate-"):
        return GATE_FILL
    return _FILLS.get(box.kind, EVENT_FILL)


def box_stroke(box: Box) -> str:
    return SPINE if box.kind in (BoxKind.PROBLEM, BoxKind.HEAD) else LINE


def box_stroke_width(box: Box) -> float:
    if box.observed or box.kind in (BoxKind.PROBLEM, BoxKind.HEAD):
        return 1.2
    return 0.6


def text_colour(box: Box) -> str:
    return MUTED if box.struck else INK


def edge_colour(edge: Edge) -> str:
    return SPINE if edge.kind in (EdgeKind.SPINE, EdgeKind.RIB) else LINE


def edge_width(edge: Edge) -> float:
    return {EdgeKind.SPINE: 2.0, EdgeKind.RIB: 1.2}.get(edge.kind, 0.6)
