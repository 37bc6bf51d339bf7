"""Listing the fault trees of an MEF document before reading one."""

import pytest

from pir_desktop.domain.faulttree import MefError, mef_tree_names, parse_mef

TWO_TREES = (
    "<opsa-mef>"
    '<define-fault-tree name="one"><label>First tree</label>'
    '<define-gate name="A"><or><basic-event name="x"/></or></define-gate>'
    "</define-fault-tree>"
    '<define-fault-tree name="two"><define-gate name="B"><and>'
    '<basic-event name="y"/></and></define-gate></define-fault-tree>'
    "</opsa-mef>"
)


def test_names_and_labels_listed() -> None:
    assert mef_tree_names(TWO_TREES) == [("one", "First tree"), ("two", "")]


def test_each_listed_tree_reads() -> None:
    tops = [parse_mef(TWO_TREES, name).top for name, _ in mef_tree_names(TWO_TREES)]
    assert tops == ["A", "B"]


def test_document_without_fault_tree_rejected() -> None:
    text = '<opsa-mef><define-event-tree name="skipped"/></opsa-mef>'
    assert mef_tree_names(text) == []
    with pytest.raises(MefError, match="defines no fault tree"):
        parse_mef(text)


def test_non_mef_root_rejected() -> None:
    with pytest.raises(MefError, match="is not an MEF document"):
        mef_tree_names("<model/>")
