"""A fault tree stored in a review, with its title and notes."""

from .entities import Entity, RequiredText, Text
from .faulttree import FaultTree


class FaultTreeRecord(Entity):
    """One fault tree of a review. A review may hold several.

    The tree is a frozen value, so an edit stores a whole new tree and
    `version` counts those edits like any other record's.
    """

    # NOTE: the redacted report does not mask fault-tree labels or notes yet.
    title: RequiredText
    tree: FaultTree
    notes: Text = ""
