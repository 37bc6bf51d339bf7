"""Domain rules: deadlines, P3 eligibility, metrics, validation and hashing."""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from pir_desktop.domain.canonical import content_hash
from pir_desktop.domain.entities import ActionItem, TimelineEvent
from pir_desktop.domain.enums import P3Criterion, Severity, TimePrecision
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review, ReviewFacts
from pir_desktop.domain.rules import incident_metrics, review_due, review_required
from pir_desktop.domain.times import format_moment

LONDON = ZoneInfo("Europe/London")


def facts(**values: object) -> ReviewFacts:
    base: dict[str, object] = {
        "reference": "INC-1",
        "title": "t",
        "severity": Severity.P1,
    }
    return ReviewFacts.model_validate(base | values)


def test_deadline_p1_is_72_hours() -> None:
    closed = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    due = review_due(facts(closed_at=closed), default_procedure())
    assert due == closed + timedelta(hours=72)


def test_deadline_p3_is_one_week() -> None:
    closed = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    review = facts(
        severity=Severity.P3, closed_at=closed, p3_criteria=["novel_attack_vector"]
    )
    assert review_due(review, default_procedure()) == closed + timedelta(days=7)


def test_deadline_across_dst_change() -> None:
    # Clocks in London go forward on 29 March 2026, so 72 elapsed hours end
    # one wall-clock hour later than the closure time of day.
    closed = datetime(2026, 3, 27, 10, 0, tzinfo=LONDON)
    due = review_due(facts(closed_at=closed), default_procedure())
    assert due is not None
    assert due - closed.astimezone(UTC) == timedelta(hours=72)
    assert due.astimezone(LONDON).hour == 11
    assert format_moment(due, "Europe/London") == "2026-03-30 11:00 +01:00"


def test_deadline_none_before_closure() -> None:
    assert review_due(facts(), default_procedure()) is None


def test_p3_needs_a_criterion() -> None:
    assert review_required(Severity.P3, []) is False
    assert review_required(Severity.P3, [P3Criterion.REGULATORY_IMPLICATIONS]) is True
    assert review_required(Severity.P2, []) is True


def test_metrics_from_milestones() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    metrics = incident_metrics(
        facts(
            started_at=start,
            detected_at=start + timedelta(days=2),
            contained_at=start + timedelta(days=2, hours=5),
            resolved_at=start + timedelta(days=3),
        )
    )
    assert metrics.time_to_detect == timedelta(days=2)
    assert metrics.time_to_contain == timedelta(hours=5)
    assert metrics.time_to_resolve == timedelta(days=1)
    assert metrics.time_to_close is None


def test_naive_datetime_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        facts(detected_at=datetime(2026, 1, 1, 12, 0))
    assert "detected_at" in str(caught.value)


def test_closure_before_detection_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        facts(
            detected_at=datetime(2026, 1, 2, tzinfo=UTC),
            closed_at=datetime(2026, 1, 1, tzinfo=UTC),
        )
    assert "closed_at" in str(caught.value)
    assert "detected_at" in str(caught.value)


def test_empty_action_owner_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        ActionItem(title="Patch Jenkins", owner="   ")
    assert "owner" in str(caught.value)


def test_unknown_zone_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        facts(display_zone="Mars/Olympus")
    assert "Mars/Olympus" in str(caught.value)


def test_event_keeps_original_offset() -> None:
    bst = timezone(timedelta(hours=1))
    event = TimelineEvent(
        occurred_at=datetime(2019, 4, 11, 2, 0, tzinfo=bst), description="x"
    )
    assert event.occurred_at == datetime(2019, 4, 11, 1, 0, tzinfo=UTC)
    assert event.zone == "+01:00"


def test_approximate_time_marked() -> None:
    moment = datetime(2019, 4, 12, 5, 0, tzinfo=UTC)
    assert format_moment(moment, "UTC", TimePrecision.APPROXIMATE).startswith("~")
    assert format_moment(moment, "UTC", TimePrecision.DAY) == "2019-04-12"
    assert format_moment(moment, "UTC", TimePrecision.MONTH) == "2019-04"


def test_content_hash_ignores_versions() -> None:
    review = Review(reference="INC-1", title="t", severity=Severity.P1)
    bumped = review.model_copy(update={"version": 7})
    assert content_hash(review) == content_hash(bumped)


def test_content_hash_changes_with_content() -> None:
    review = Review(reference="INC-1", title="t", severity=Severity.P1)
    action = ActionItem(title="a", owner="ops", due_date=date(2026, 1, 1))
    changed = review.model_copy(update={"actions": [action]})
    assert content_hash(review) != content_hash(changed)


def test_procedure_has_fourteen_steps() -> None:
    procedure = default_procedure()
    assert [s.number for s in procedure.steps] == list(range(1, 15))
    assert procedure.review_deadline_hours[Severity.P2] == 72
    assert {ref.reference for ref in procedure.standards} >= {
        "A.16.1.6",
        "RS.IM-1",
        "CC7.5",
    }


def test_content_hash_ignores_added_defaults() -> None:
    # A review as an older schema stored it has no value for newer fields;
    # filling them with their defaults must not invalidate an approval.
    review = Review(reference="INC-1", title="t", severity=Severity.P1)
    data = review.model_dump(mode="json")
    data.pop("classification")
    older = Review.model_validate(data)
    assert content_hash(older) == content_hash(review)


def test_content_hash_ignores_dismissals() -> None:
    review = Review(reference="INC-1", title="t", severity=Severity.P1)
    dismissed = review.model_copy(update={"dismissed_wording": ["x"]})
    assert content_hash(dismissed) == content_hash(review)
