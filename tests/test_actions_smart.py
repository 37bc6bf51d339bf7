"""The SMART check of action items."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from pir_desktop.domain.actions import is_measurable, smart_findings
from pir_desktop.domain.entities import ActionItem, Participant
from pir_desktop.domain.enums import ActionStatus, Severity
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review

TODAY = date(2024, 6, 1)


def review() -> Review:
    return Review(
        reference="PIR-1",
        title="t",
        severity=Severity.P2,
        closed_at=datetime(2024, 5, 20, tzinfo=UTC),
        participants=[Participant(name="Dana Ops", role="action_item_owner")],
    )


def good_action(**changes: object) -> ActionItem:
    values: dict[str, object] = {
        "title": "Rotate deploy tokens",
        "owner": "Dana Ops",
        "due_date": date(2024, 7, 1),
        "success_criteria": "No deploy token is older than 30 days",
        "factor_ids": [uuid4()],
    }
    return ActionItem.model_validate(values | changes)


def codes(action: ActionItem) -> list[str]:
    findings = smart_findings(action, review(), default_procedure(), TODAY)
    return [finding.code for finding in findings]


def test_complete_action_passes() -> None:
    assert codes(good_action()) == []


def test_missing_criterion() -> None:
    assert codes(good_action(success_criteria="")) == ["no_criterion"]


def test_vague_criterion() -> None:
    found = codes(good_action(success_criteria="Tokens are handled better"))
    assert found == ["not_measurable"]


@pytest.mark.parametrize(
    "criterion",
    [
        "Coverage reaches 95%",
        "Alerts fire within fifteen minutes",
        "An audit finds the setting on the servers",
        "Every host runs the agent",
    ],
)
def test_measurable_criteria(criterion: str) -> None:
    assert is_measurable(criterion)


@pytest.mark.parametrize("criterion", ["", "   ", "Better tokens", "Improve hygiene"])
def test_unmeasurable_criteria(criterion: str) -> None:
    assert not is_measurable(criterion)


def test_missing_due_date() -> None:
    assert codes(good_action(due_date=None)) == ["no_due_date"]


def test_due_date_in_past() -> None:
    assert codes(good_action(due_date=date(2024, 5, 31))) == ["due_date_past"]


def test_past_due_date_fine_when_done() -> None:
    action = good_action(due_date=date(2024, 5, 31), status=ActionStatus.DONE)
    assert codes(action) == []


def test_due_date_beyond_policy() -> None:
    # 180 days after the closure on 2024-05-20 is 2024-11-16.
    assert codes(good_action(due_date=date(2024, 11, 16))) == []
    assert codes(good_action(due_date=date(2024, 11, 17))) == ["due_date_beyond_policy"]


def test_policy_counts_from_today_when_open() -> None:
    open_review = review().model_copy(update={"closed_at": None})
    action = good_action(due_date=date(2024, 11, 29))
    findings = smart_findings(action, open_review, default_procedure(), TODAY)
    assert [f.code for f in findings] == ["due_date_beyond_policy"]


def test_missing_link() -> None:
    assert codes(good_action(factor_ids=[])) == ["no_link"]


def test_lesson_link_enough() -> None:
    assert codes(good_action(factor_ids=[], lesson_ids=[uuid4()])) == []


def test_owner_not_participant() -> None:
    found = smart_findings(
        good_action(owner="Lee Ops"), review(), default_procedure(), TODAY
    )
    assert [f.code for f in found] == ["owner_not_participant"]
    assert "Lee Ops" in found[0].message


def test_owner_match_ignores_case() -> None:
    assert codes(good_action(owner="dana ops")) == []


def test_missing_owner() -> None:
    action = good_action().model_copy(update={"owner": ""})
    assert codes(action) == ["no_owner"]


def test_findings_accumulate() -> None:
    action = good_action(success_criteria="", due_date=None, factor_ids=[])
    assert codes(action) == ["no_criterion", "no_due_date", "no_link"]
