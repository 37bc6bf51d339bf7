"""Action status transitions and the effectiveness checks they need."""

from datetime import UTC, datetime

import pytest

from pir_desktop.domain.entities import ActionItem, EffectivenessCheck
from pir_desktop.domain.enums import ActionStatus as S
from pir_desktop.domain.lifecycle import check_status_evidence, check_transition

ALLOWED = [
    (S.PROPOSED, S.APPROVED),
    (S.APPROVED, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.DONE),
    (S.DONE, S.VERIFIED),
    (S.DONE, S.NOT_EFFECTIVE),
    (S.NOT_EFFECTIVE, S.IN_PROGRESS),
    (S.PROPOSED, S.CANCELLED),
    (S.APPROVED, S.CANCELLED),
    (S.IN_PROGRESS, S.CANCELLED),
    (S.DONE, S.CANCELLED),
    (S.NOT_EFFECTIVE, S.CANCELLED),
    (S.VERIFIED, S.VERIFIED),
    (S.PROPOSED, S.PROPOSED),
]

REJECTED = [
    (S.PROPOSED, S.IN_PROGRESS),
    (S.PROPOSED, S.DONE),
    (S.APPROVED, S.PROPOSED),
    (S.IN_PROGRESS, S.VERIFIED),
    (S.DONE, S.IN_PROGRESS),
    (S.NOT_EFFECTIVE, S.DONE),
    (S.VERIFIED, S.CANCELLED),
    (S.VERIFIED, S.IN_PROGRESS),
    (S.CANCELLED, S.PROPOSED),
    (S.CANCELLED, S.APPROVED),
]


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_transition_allowed(old: S, new: S) -> None:
    check_transition(old, new)


@pytest.mark.parametrize(("old", "new"), REJECTED)
def test_transition_rejected(old: S, new: S) -> None:
    with pytest.raises(ValueError) as caught:
        check_transition(old, new)
    message = str(caught.value)
    assert old.value.replace("_", " ") in message.lower()
    assert new.value.replace("_", " ") in message.lower()
    assert "allowed next statuses" in message


def test_rejection_lists_next_statuses() -> None:
    with pytest.raises(ValueError) as caught:
        check_transition(S.APPROVED, S.DONE)
    assert "In progress, Cancelled" in str(caught.value)


def test_final_status_says_final() -> None:
    with pytest.raises(ValueError) as caught:
        check_transition(S.CANCELLED, S.APPROVED)
    assert "it is final" in str(caught.value)


def _check(action: ActionItem, effective: bool, hour: int) -> EffectivenessCheck:
    return EffectivenessCheck(
        action_id=action.id,
        checked_by="IR manager",
        checked_at=datetime(2024, 6, 1, hour, tzinfo=UTC),
        evidence="Re-ran the scan",
        effective=effective,
    )


def test_verified_needs_effective_check() -> None:
    action = ActionItem(title="a", owner="o", status=S.VERIFIED)
    with pytest.raises(ValueError, match="Verified effective"):
        check_status_evidence(action, [])
    with pytest.raises(ValueError, match="Verified effective"):
        check_status_evidence(action, [_check(action, False, 9)])
    check_status_evidence(action, [_check(action, True, 9)])


def test_latest_check_decides() -> None:
    action = ActionItem(title="a", owner="o", status=S.VERIFIED)
    checks = [_check(action, True, 9), _check(action, False, 10)]
    with pytest.raises(ValueError):
        check_status_evidence(action, checks)


def test_check_on_other_action_ignored() -> None:
    action = ActionItem(title="a", owner="o", status=S.VERIFIED)
    other = ActionItem(title="b", owner="o")
    with pytest.raises(ValueError):
        check_status_evidence(action, [_check(other, True, 9)])


def test_not_effective_needs_failed_check() -> None:
    action = ActionItem(title="a", owner="o", status=S.NOT_EFFECTIVE)
    with pytest.raises(ValueError, match="Not effective"):
        check_status_evidence(action, [_check(action, True, 9)])
    check_status_evidence(action, [_check(action, False, 9)])
