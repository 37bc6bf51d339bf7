"""A fault tree stored in a review, with its title and notes."""

from .entities import Entity, RequiredText, Text
from .faulttree import FaultTree


class FaultTreeRecord(Entity):
    """One fault tree of a review. A review may hold several.

    The tree is a frozen value, so an edit stores a whole new tree and
    `version` counts those edits like any other record's.

    A fault tree has no sensitive mark of its own. A node linked (by
    `factor_id`) to a contributing factor marked sensitive is sensitive, and
    the redacted report masks its label, its id and the tree's notes (see
    `redaction.redacted_review`).
    """

    title: RequiredText
    tree: FaultTree
    notes: Text = ""
