"""The procedure tracker, open actions across reviews and full-text search."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pir_desktop.domain.entities import ActionItem, Lesson, Participant, StepRecord
from pir_desktop.domain.enums import (
    ActionStatus,
    LessonKind,
    Severity,
    StepStatus,
)
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.domain.tracker import TrackerStatus, step_deadline, track_steps
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review
from pir_desktop.services.tracker import open_actions, search

CLOSED = datetime(2024, 5, 6, 16, 0, tzinfo=UTC)
TODAY = date(2024, 6, 10)


def review(reference: str, actions: list[ActionItem], **facts: object) -> Review:
    owners = {a.owner for a in actions}
    return Review.model_validate(
        {
            "reference": reference,
            "title": f"Review {reference}",
            "severity": Severity.P2,
            "closed_at": CLOSED,
            "participants": [
                Participant(name=o, role="action_item_owner") for o in owners
            ],
            "actions": actions,
            **facts,
        }
    )


def step(rows: list, number: int):
    return rows[number - 1]


def test_step_one_overdue_after_deadline() -> None:
    rows = track_steps(review("A", []), default_procedure(), CLOSED + timedelta(days=4))
    assert step(rows, 1).status is TrackerStatus.OVERDUE
    assert step(rows, 1).deadline == CLOSED + timedelta(hours=72)
    assert step(rows, 1).role == "Incident Response Manager"


def test_step_one_not_started_before() -> None:
    rows = track_steps(review("A", []), default_procedure(), CLOSED + timedelta(days=1))
    assert step(rows, 1).status is TrackerStatus.NOT_STARTED


def test_meeting_makes_step_one_done() -> None:
    meeting = CLOSED + timedelta(days=2)
    rows = track_steps(review("A", [], meeting_at=meeting), default_procedure(), CLOSED)
    assert step(rows, 1).status is TrackerStatus.DONE
    assert step(rows, 1).when == meeting
    assert step(rows, 1).evidence == "meeting scheduled"


def test_approval_deadline_after_meeting() -> None:
    meeting = CLOSED + timedelta(days=2)
    subject = review("A", [], meeting_at=meeting)
    approval_step = default_procedure().step(11)
    expected = meeting + timedelta(days=14)
    assert step_deadline(subject, default_procedure(), approval_step) == expected
    late = track_steps(subject, default_procedure(), expected + timedelta(hours=1))
    assert step(late, 11).status is TrackerStatus.OVERDUE


def test_step_record_by_and_when() -> None:
    at = datetime(2024, 6, 1, 9, tzinfo=UTC)
    subject = review(
        "A",
        [],
        steps=[StepRecord(step=14, status=StepStatus.DONE, by="KM", recorded_at=at)],
    )
    row = step(track_steps(subject, default_procedure(), at), 14)
    assert row.status is TrackerStatus.DONE
    assert row.by == "KM"
    assert row.when == at


def test_step_in_progress_and_not_applicable() -> None:
    subject = review(
        "A",
        [],
        steps=[
            StepRecord(step=9, status=StepStatus.NOT_APPLICABLE, by="Sec"),
            StepRecord(step=14, status=StepStatus.IN_PROGRESS),
        ],
    )
    rows = track_steps(subject, default_procedure(), CLOSED)
    assert step(rows, 9).status is TrackerStatus.NOT_APPLICABLE
    assert step(rows, 14).status is TrackerStatus.IN_PROGRESS
    assert len(rows) == 14


@pytest.fixture
def two_reviews(tmp_path: Path) -> Iterator[ReviewLibrary]:
    library = ReviewLibrary.create(tmp_path / "two.pir")
    library.add_review(
        review(
            "PIR-A",
            [
                ActionItem(title="Late one", owner="Dana", due_date=date(2024, 6, 1)),
                ActionItem(title="Later", owner="Lee", due_date=date(2024, 7, 1)),
                ActionItem(
                    title="Closed",
                    owner="Dana",
                    status=ActionStatus.CANCELLED,
                    cancel_reason="Duplicate",
                ),
            ],
        )
    )
    library.add_review(
        review(
            "PIR-B",
            [
                ActionItem(title="Very late", owner="Dana", due_date=date(2024, 5, 20)),
                ActionItem(title="No date", owner="Lee"),
            ],
        )
    )
    yield library
    library.close()


def test_open_actions_overdue_first(two_reviews) -> None:
    rows = open_actions(two_reviews, TODAY)
    assert [r.action.title for r in rows] == [
        "Very late",
        "Late one",
        "Later",
        "No date",
    ]
    assert [r.days_overdue for r in rows] == [21, 9, 0, 0]
    assert [r.reference for r in rows] == ["PIR-B", "PIR-A", "PIR-A", "PIR-B"]


def test_open_actions_filter_owner(two_reviews) -> None:
    rows = open_actions(two_reviews, TODAY, owner="dana")
    assert [r.action.title for r in rows] == ["Very late", "Late one"]


def test_open_actions_filter_review(two_reviews) -> None:
    rows = open_actions(two_reviews, TODAY, reference="PIR-B")
    assert [r.action.title for r in rows] == ["Very late", "No date"]


@pytest.fixture
def searchable(tmp_path: Path) -> Iterator[ReviewLibrary]:
    library = ReviewLibrary.create(tmp_path / "search.pir")
    library.add_review(sample_review())
    library.add_review(
        review(
            "PIR-C",
            [],
            lessons=[
                Lesson(kind=LessonKind.TOOL, text="Rotate the deploy tokens monthly")
            ],
        )
    )
    yield library
    library.close()


def test_search_finds_lesson(searchable) -> None:
    hits = search(searchable, "tokens")
    lesson = [h for h in hits if h.kind == "lesson" and h.reference == "PIR-C"]
    assert len(lesson) == 1
    assert "deploy tokens" in lesson[0].snippet


def test_search_matches_prefix(searchable) -> None:
    hits = search(searchable, "rotat deploy")
    assert [h.reference for h in hits] == ["PIR-C"]


def test_search_across_kinds(searchable) -> None:
    kinds = {h.kind for h in search(searchable, "Jenkins")}
    assert {"factor", "why_answer"} <= kinds
    assert all(h.reference == "MATRIX-2019-04" for h in search(searchable, "Jenkins"))


def test_search_tolerates_fts_syntax(searchable) -> None:
    hits = search(searchable, '"deploy AND (')
    assert "PIR-C" in [h.reference for h in hits]
    for hit in hits:
        assert "deploy" in hit.snippet.lower()


def test_search_without_words_rejected(searchable) -> None:
    with pytest.raises(ValueError, match="contains no words"):
        search(searchable, '"( *')


def test_search_read_only_leaves_file(searchable) -> None:
    path = Path(searchable.location)
    searchable.close()
    before = path.read_bytes()
    read_only = ReviewLibrary.open(path, read_only=True)
    try:
        assert search(read_only, "tokens")
    finally:
        read_only.close()
    assert path.read_bytes() == before


def test_like_fallback_finds_lesson(searchable) -> None:
    from pir_desktop.store import search as store_search

    with searchable.library.reading() as session:
        hits = store_search._like_search(session, ["DEPLOY", "tokens"], 10)
    assert [(h.reference, h.kind) for h in hits] == [("PIR-C", "lesson")]
    assert "deploy tokens" in hits[0].snippet
