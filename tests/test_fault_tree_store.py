"""Fault trees stored in a library file, and the sample review's tree."""

import sqlite3
from pathlib import Path

import pytest

from pir_desktop.domain.canonical import canonical_json
from pir_desktop.domain.fault_tree_record import FaultTreeRecord
from pir_desktop.domain.faulttree import FaultTree, analyse, format_cut_set
from pir_desktop.domain.review import Review
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review


@pytest.fixture(scope="module")
def review() -> Review:
    return sample_review()


def vote_tree() -> FaultTree:
    return FaultTree.model_validate(
        {
            "name": "two_of_three",
            "top": "top",
            "nodes": [
                {"id": "top", "kind": "vote", "k": 2, "inputs": ["a", "b", "c"]},
                {"id": "a", "kind": "basic", "probability": 0.5, "observed": True},
                {"id": "b", "kind": "basic", "label": "B <&> ünïcode"},
                {"id": "c", "kind": "house", "state": True},
            ],
        }
    )


def test_record_round_trips_through_file(review: Review, tmp_path: Path) -> None:
    path = tmp_path / "library.pir"
    extra = FaultTreeRecord(title="Two of three", tree=vote_tree(), notes="k-of-n")
    stored = review.model_copy(update={"fault_trees": [*review.fault_trees, extra]})
    library = ReviewLibrary.create(path)
    library.add_review(stored)
    library.close()

    library = ReviewLibrary.open(path)
    loaded = library.load(review.id)
    library.close()
    assert canonical_json(loaded) == canonical_json(stored)
    assert [t.title for t in loaded.fault_trees] == [
        "Attacker gains root on production hosts",
        "Two of three",
    ]
    assert loaded.fault_trees[1].tree == vote_tree()


def test_update_replaces_whole_tree(review: Review, tmp_path: Path) -> None:
    library = ReviewLibrary.create(tmp_path / "library.pir")
    library.add_review(review)
    record = library.load(review.id).fault_trees[0]
    changed = record.with_changes(tree=vote_tree().model_dump())
    updated = library.update(changed)
    loaded = library.load(review.id).fault_trees[0]
    library.close()
    assert updated.version == record.version + 1
    assert loaded.tree == vote_tree()


def test_deleted_review_drops_trees(review: Review, tmp_path: Path) -> None:
    path = tmp_path / "library.pir"
    library = ReviewLibrary.create(path)
    library.add_review(review)
    library.delete_review(review.id)
    library.close()
    with sqlite3.connect(path) as connection:
        count = connection.execute("SELECT COUNT(*) FROM fault_trees").fetchone()[0]
    connection.close()
    assert count == 0


def test_sample_tree_links_factors(review: Review) -> None:
    tree = review.fault_trees[0].tree
    factor_ids = {f.id for f in review.factors}
    events = tree.events()
    assert len(events) == 3
    assert all(event.factor_id in factor_ids for event in events)
    assert all(event.observed for event in events)


def test_sample_tree_cut_sets(review: Review) -> None:
    analysis = analyse(review.fault_trees[0].tree)
    # top = jenkins AND (forwarding OR keys), so by distribution the minimal
    # cut sets are {jenkins, forwarding} and {jenkins, keys}.
    assert analysis.coherent
    assert [format_cut_set(c) for c in analysis.cut_sets] == [
        ["agent_forwarding", "jenkins_exploited"],
        ["broad_root_keys", "jenkins_exploited"],
    ]


def test_sample_tree_probabilities(review: Review) -> None:
    probability = analyse(review.fault_trees[0].tree).probability
    # Exact: 0.1 * (1 - 0.7 * 0.8). Rare event: 0.1 * 0.3 + 0.1 * 0.2.
    # Min-cut upper bound: 1 - (1 - 0.03) * (1 - 0.02).
    assert probability.exact == pytest.approx(0.044)
    assert probability.rare_event == pytest.approx(0.05)
    assert probability.min_cut_upper_bound == pytest.approx(0.0494)
    assert probability.missing_probabilities == ()


def test_sample_tree_observed_cut_sets(review: Review) -> None:
    observed = analyse(review.fault_trees[0].tree).observed
    assert observed.top_occurred
    assert len(observed.completed) == 2
    assert observed.partial == []
