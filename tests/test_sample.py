"""The bundled sample review loads, is internally consistent and round-trips."""

from uuid import UUID

import pytest

from pir_desktop.domain import interchange
from pir_desktop.domain.enums import EventKind, Severity, TimePrecision
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.readiness import readiness
from pir_desktop.domain.review import MILESTONES, Review
from pir_desktop.services.sample import SAMPLE_PATH, sample_review


@pytest.fixture(scope="module")
def review() -> Review:
    return sample_review()


def test_sample_file_exists() -> None:
    assert SAMPLE_PATH.is_file()


def test_sample_loads(review: Review) -> None:
    assert review.reference == "MATRIX-2019-04"


def test_event_count(review: Review) -> None:
    assert len(review.events) >= 19


def test_severity_p1(review: Review) -> None:
    assert review.severity is Severity.P1


@pytest.mark.parametrize("precision", list(TimePrecision))
def test_precision_used(review: Review, precision: TimePrecision) -> None:
    assert any(event.precision is precision for event in review.events)


def test_exploit_event_exact(review: Review) -> None:
    matches = [e for e in review.events if e.kind is EventKind.INITIAL_ACCESS]
    assert len(matches) == 1
    exploit = matches[0]
    assert exploit.occurred_at.isoformat() == "2019-03-13T18:46:07+00:00"
    assert exploit.precision is TimePrecision.EXACT
    assert exploit.zone == "+00:00"


def test_ranges_end_after_start(review: Review) -> None:
    ranges = [e for e in review.events if e.ends_at is not None]
    assert ranges
    for event in ranges:
        assert event.ends_at is not None
        assert event.ends_at >= event.occurred_at


def test_decision_points_marked(review: Review) -> None:
    assert any(event.decision_point for event in review.events)


def test_why_tree_has_one_root(review: Review) -> None:
    roots = [n for n in review.why_nodes if n.parent_id is None]
    assert len(roots) == 1


def test_why_tree_branches(review: Review) -> None:
    root = next(n for n in review.why_nodes if n.parent_id is None)
    children = [n for n in review.why_nodes if n.parent_id == root.id]
    assert len(children) >= 2


def test_why_parents_exist(review: Review) -> None:
    ids = {n.id for n in review.why_nodes}
    for node in review.why_nodes:
        if node.parent_id is not None:
            assert node.parent_id in ids, node.text


def test_why_leaves_link_factors(review: Review) -> None:
    factor_ids = {f.id for f in review.factors}
    parents = {n.parent_id for n in review.why_nodes}
    leaves = [n for n in review.why_nodes if n.id not in parents]
    assert leaves
    for leaf in leaves:
        assert leaf.factor_id in factor_ids, leaf.text


def test_why_answers_have_evidence(review: Review) -> None:
    for node in review.why_nodes:
        assert node.evidence, node.text


def _depth(review: Review, node_id: UUID | None) -> int:
    parents = {n.id: n.parent_id for n in review.why_nodes}
    depth = 0
    while node_id is not None:
        depth += 1
        node_id = parents[node_id]
    return depth


def test_why_tree_depth(review: Review) -> None:
    deepest = max(_depth(review, n.id) for n in review.why_nodes)
    assert 4 <= deepest <= 5


def test_observation_events_exist(review: Review) -> None:
    event_ids = {e.id for e in review.events}
    for observation in review.observations:
        assert observation.event_ids, observation.text
        for event_id in observation.event_ids:
            assert event_id in event_ids, observation.text


def test_factor_events_exist(review: Review) -> None:
    event_ids = {e.id for e in review.events}
    for factor in review.factors:
        assert factor.event_ids, factor.statement
        for event_id in factor.event_ids:
            assert event_id in event_ids, factor.statement


def test_lesson_factors_exist(review: Review) -> None:
    factor_ids = {f.id for f in review.factors}
    for lesson in review.lessons:
        assert lesson.factor_ids, lesson.text
        for factor_id in lesson.factor_ids:
            assert factor_id in factor_ids, lesson.text


def test_action_factors_exist(review: Review) -> None:
    factor_ids = {f.id for f in review.factors}
    for action in review.actions:
        assert action.factor_ids, action.title
        for factor_id in action.factor_ids:
            assert factor_id in factor_ids, action.title


def test_action_owners_are_participants(review: Review) -> None:
    names = {p.name for p in review.participants}
    for action in review.actions:
        assert action.owner in names, action.title


def test_actions_have_type(review: Review) -> None:
    for action in review.actions:
        assert action.action_type is not None, action.title


def test_action_due_dates_empty(review: Review) -> None:
    for action in review.actions:
        assert action.due_date is None, action.title


def test_ids_unique(review: Review) -> None:
    records = [
        *review.participants,
        *review.events,
        *review.observations,
        *review.factors,
        *review.why_nodes,
        *review.lessons,
        *review.actions,
        *review.controls,
    ]
    ids = [record.id for record in records]
    assert len(ids) == len(set(ids))


def test_milestones_in_order(review: Review) -> None:
    moments = [getattr(review, name) for name in MILESTONES]
    assert None not in moments
    assert moments == sorted(moments)


def test_no_approvals_or_steps(review: Review) -> None:
    assert review.approvals == []
    assert review.steps == []


def test_round_trip(review: Review) -> None:
    text = interchange.dump_document(review)
    assert interchange.load_document(text) == review


def test_file_matches_dump(review: Review) -> None:
    assert SAMPLE_PATH.read_text(encoding="utf-8") == interchange.dump_document(review)


def test_readiness_flags_late_meeting(review: Review) -> None:
    result = readiness(review, default_procedure())
    step_one = next(c for c in result.checks if c.step.number == 1)
    assert not step_one.has_evidence
    assert "after the deadline" in step_one.detail
    assert any(problem.startswith("Step 1 ") for problem in result.problems)
