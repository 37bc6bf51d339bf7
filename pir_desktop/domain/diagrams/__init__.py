"""Diagram layouts computed once and drawn by both the Qt scene and the PDF.

Each layout takes the records to draw and a `Measure` (the width of a text at
a font size in the bundled DejaVu Sans, with WenQuanYi Micro Hei for CJK
characters), and returns a `Diagram` of boxes, edges and labels in points,
origin top left, y down. Layouts import no toolkit, so the screen and the PDF
draw the same geometry.
"""

from .faulttree import FaultTreeStyle, fault_tree_diagram
from .fishbone import Cause, FishboneStyle, Rib, fishbone_diagram
from .geometry import (
    Box,
    BoxKind,
    Diagram,
    Edge,
    EdgeKind,
    Label,
    Measure,
    PlacedLine,
    boxes_overlap,
    placed_lines,
    strike_y,
)
from .presets import (
    FishbonePreset,
    FishbonePresets,
    PresetError,
    default_presets,
    load_presets,
    ribs_from_factors,
)
from .symbols import Path, PathOp, symbol_paths
from .text import TextStyle, wrap_text
from .whytree import WhyTreeStyle, problem_statement, why_tree_diagram

__all__ = [
    "Box",
    "BoxKind",
    "Cause",
    "Diagram",
    "Edge",
    "EdgeKind",
    "FaultTreeStyle",
    "FishbonePreset",
    "FishbonePresets",
    "FishboneStyle",
    "Label",
    "Measure",
    "Path",
    "PathOp",
    "PlacedLine",
    "PresetError",
    "Rib",
    "TextStyle",
    "WhyTreeStyle",
    "boxes_overlap",
    "default_presets",
    "fault_tree_diagram",
    "fishbone_diagram",
    "load_presets",
    "placed_lines",
    "problem_statement",
    "ribs_from_factors",
    "strike_y",
    "symbol_paths",
    "why_tree_diagram",
    "wrap_text",
]
