"""Action-plan rules in the library service, on a real library file."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import REFERENCE, example_review, stored_review

from pir_desktop.domain.entities import ActionItem, Participant
from pir_desktop.domain.enums import ActionStatus
from pir_desktop.services import ReviewLibrary
from pir_desktop.store import LibraryError


@pytest.fixture
def library(library_path: Path) -> Iterator[ReviewLibrary]:
    review = example_review()
    review.participants.append(Participant(name="Dana Ops", role="action_item_owner"))
    library = ReviewLibrary.create(library_path)
    library.add_review(review)
    yield library
    library.close()


def add_action(library: ReviewLibrary, **changes: object) -> ActionItem:
    values: dict[str, object] = {"title": "Rotate tokens", "owner": "Dana Ops"}
    action = ActionItem.model_validate(values | changes)
    return library.add(library.find(REFERENCE), action)  # type: ignore[return-value]


def move(library: ReviewLibrary, action: ActionItem, *path: ActionStatus) -> ActionItem:
    for status in path:
        action = library.update(action.with_changes(status=status))  # type: ignore[assignment]
    return action


def test_owner_not_participant_rejected(library, library_path) -> None:
    with pytest.raises(ValueError) as caught:
        add_action(library, owner="Lee Ops")
    message = str(caught.value)
    assert "'Lee Ops'" in message
    assert "add them as a participant on the Overview tab" in message
    assert "Dana Ops, Dana Reyes" in message
    assert stored_review(library_path).actions == []


def test_owner_change_rejected(library, library_path) -> None:
    action = add_action(library)
    with pytest.raises(ValueError, match="Lee Ops"):
        library.update(action.with_changes(owner="Lee Ops"))
    assert stored_review(library_path).actions[0].owner == "Dana Ops"


def test_read_only_reported_first(library, library_path) -> None:
    library.close()
    read_only = ReviewLibrary.open(library_path, read_only=True)
    with pytest.raises(LibraryError, match="read-only"):
        add_action(read_only, owner="Lee Ops")


def test_update_checks_stored_status(library, library_path) -> None:
    action = add_action(library)
    with pytest.raises(ValueError, match="Proposed to Done"):
        library.update(action.with_changes(status=ActionStatus.DONE))
    assert stored_review(library_path).actions[0].status is ActionStatus.PROPOSED


def test_allowed_path_stored(library, library_path) -> None:
    action = add_action(library)
    move(library, action, ActionStatus.APPROVED, ActionStatus.IN_PROGRESS)
    assert stored_review(library_path).actions[0].status is ActionStatus.IN_PROGRESS


def test_undo_may_skip_transition(library, library_path) -> None:
    action = move(library, add_action(library), ActionStatus.APPROVED)
    library.update(
        action.with_changes(status=ActionStatus.PROPOSED), check_transition=False
    )
    assert stored_review(library_path).actions[0].status is ActionStatus.PROPOSED


def test_new_action_cannot_start_verified(library, library_path) -> None:
    with pytest.raises(ValueError, match="Verified effective"):
        add_action(library, status=ActionStatus.VERIFIED)
    assert stored_review(library_path).actions == []


def test_progress_stored(library, library_path) -> None:
    action = add_action(library)
    library.add_progress(
        library.find(REFERENCE),
        action.id,
        40,
        "Half the hosts",
        "Dana Ops",
        date(2024, 6, 1),
    )
    progress = stored_review(library_path).progress
    assert len(progress) == 1
    assert progress[0].percent == 40
    assert progress[0].action_id == action.id


def test_progress_on_cancelled_rejected(library, library_path) -> None:
    action = add_action(library)
    library.update(
        action.with_changes(status=ActionStatus.CANCELLED, cancel_reason="Dup")
    )
    with pytest.raises(ValueError, match="final"):
        library.add_progress(
            library.find(REFERENCE), action.id, 10, "", "Dana Ops", date(2024, 6, 1)
        )
    assert stored_review(library_path).progress == []


def done_action(library: ReviewLibrary) -> ActionItem:
    return move(
        library,
        add_action(library),
        ActionStatus.APPROVED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.DONE,
    )


def test_failed_check_reopens(library, library_path) -> None:
    action = done_action(library)
    library.record_effectiveness(
        library.find(REFERENCE),
        action.id,
        "IR manager",
        "Old tokens still work",
        effective=False,
    )
    stored = stored_review(library_path)
    assert stored.actions[0].status is ActionStatus.NOT_EFFECTIVE
    assert [c.effective for c in stored.effectiveness] == [False]


def test_verified_after_effective_check(library, library_path) -> None:
    action = done_action(library)
    with pytest.raises(ValueError, match="Verified effective"):
        library.update(action.with_changes(status=ActionStatus.VERIFIED))
    library.record_effectiveness(
        library.find(REFERENCE), action.id, "IR manager", "Scan clean", effective=True
    )
    assert stored_review(library_path).actions[0].status is ActionStatus.DONE
    library.update(action.with_changes(status=ActionStatus.VERIFIED))
    assert stored_review(library_path).actions[0].status is ActionStatus.VERIFIED


def test_check_needs_done_action(library, library_path) -> None:
    action = add_action(library)
    with pytest.raises(ValueError, match="only a Done action"):
        library.record_effectiveness(
            library.find(REFERENCE), action.id, "IR manager", "x", effective=True
        )
    assert stored_review(library_path).effectiveness == []
