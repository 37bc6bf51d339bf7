"""Names of fault-tree events in cut sets and probability lines."""

from uuid import uuid4

from pir_desktop.domain.diagrams.faulttree import event_labels
from pir_desktop.domain.entities import ContributingFactor
from pir_desktop.domain.faulttree import FaultTree, analyse
from pir_desktop.domain.faulttree.summary import cut_set_text, probability_lines


def tree(*events: dict) -> FaultTree:
    top = {"id": "top", "kind": "and", "inputs": [e["id"] for e in events]}
    return FaultTree.model_validate(
        {"name": "t", "top": "top", "nodes": [top, *events]}
    )


def test_labels_name_events() -> None:
    labels = event_labels(
        tree(
            {"id": "a", "kind": "basic", "label": "Disk full"},
            {"id": "b", "kind": "basic"},
        )
    )
    assert labels["a"] == "Disk full"
    assert labels["b"] == "b"


def test_equal_labels_get_ids() -> None:
    labels = event_labels(
        tree(
            {"id": "a", "kind": "basic", "label": "Disk full"},
            {"id": "b", "kind": "basic", "label": "Disk full"},
            {"id": "c", "kind": "basic", "label": "Power cut"},
        )
    )
    assert labels["a"] == "Disk full (a)"
    assert labels["b"] == "Disk full (b)"
    assert labels["c"] == "Power cut"


def test_linked_event_named_by_factor() -> None:
    factor = ContributingFactor(statement="Backups were never restored")
    missing = uuid4()
    labels = event_labels(
        tree(
            {"id": "a", "kind": "basic", "label": "Old text", "factor_id": factor.id},
            {"id": "b", "kind": "basic", "label": "Own label", "factor_id": missing},
        ),
        [factor],
    )
    assert labels["a"] == "Backups were never restored"
    assert labels["b"] == "Own label"


def test_labels_in_cut_sets_and_probability() -> None:
    fault_tree = tree(
        {"id": "a", "kind": "basic", "label": "Disk full", "probability": 0.1},
        {"id": "b", "kind": "basic", "label": "Alert muted"},
    )
    analysis = analyse(fault_tree)
    labels = event_labels(fault_tree)

    assert cut_set_text(analysis.cut_sets[0], labels) == "Disk full AND Alert muted"
    assert cut_set_text(analysis.cut_sets[0]) == "a AND b"
    assert probability_lines(analysis, labels) == [
        "Top-event probability not computed: no probability for Alert muted."
    ]
    assert probability_lines(analysis) == [
        "Top-event probability not computed: no probability for b."
    ]


def test_negated_event_named() -> None:
    fault_tree = FaultTree.model_validate(
        {
            "name": "t",
            "top": "top",
            "nodes": [
                {"id": "top", "kind": "and", "inputs": ["a", "n"]},
                {"id": "n", "kind": "not", "inputs": ["b"]},
                {"id": "a", "kind": "basic", "label": "Disk full"},
                {"id": "b", "kind": "basic", "label": "Alert muted"},
            ],
        }
    )
    labels = event_labels(fault_tree)
    texts = [cut_set_text(c, labels) for c in analyse(fault_tree).cut_sets]
    assert texts == ["Disk full AND NOT Alert muted"]
