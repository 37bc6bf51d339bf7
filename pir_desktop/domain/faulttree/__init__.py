"""Fault-tree analysis over a review's contributing factors.

Build a `FaultTree` of gates and events, then `analyse` it for minimal cut
sets (or prime implicants when the tree is non-coherent), the exact
top-event probability from a BDD, labelled approximations, and the cut sets
that the observed events complete. `parse_mef` and `format_mef` read and
write the fault-tree subset of the Open-PSA Model Exchange Format.
"""

from .analysis import FaultTreeAnalysis, ProbabilityResult, analyse
from .cutsets import CutSet, EventLiteral, format_cut_set, format_literal
from .mef_read import MefError, mef_tree_names, parse_mef
from .mef_write import format_mef
from .model import Event, FaultTree, Gate, Node, NodeKind
from .observed import ObservedCutSets, PartialCutSet

__all__ = [
    "CutSet",
    "Event",
    "EventLiteral",
    "FaultTree",
    "FaultTreeAnalysis",
    "Gate",
    "MefError",
    "Node",
    "NodeKind",
    "ObservedCutSets",
    "PartialCutSet",
    "ProbabilityResult",
    "analyse",
    "format_cut_set",
    "format_literal",
    "format_mef",
    "mef_tree_names",
    "parse_mef",
]
