"""Reloading a review reuses its unchanged events and reads every change."""

from collections.abc import Iterator
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from test_postgres_store import Backend, backend, postgres_url  # noqa: F401

from pir_desktop.domain.canonical import canonical_json
from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.review import Review
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review
from pir_desktop.store import records

REVIEW_ID = sample_review().id


@pytest.fixture
def client(backend: Backend) -> Iterator[ReviewLibrary]:  # noqa: F811
    """A library that contains the sample review."""
    library = backend.create()
    library.add_review(sample_review())
    yield library
    library.close()


def edited(event: TimelineEvent, description: str) -> TimelineEvent:
    return event.model_copy(update={"description": description})


def assert_same_as_fresh(client: ReviewLibrary, reloaded: Review) -> None:
    fresh = client.load(REVIEW_ID)
    assert [event.id for event in reloaded.events] == [e.id for e in fresh.events]
    assert canonical_json(reloaded) == canonical_json(fresh)


def test_reload_reuses_unchanged_events(client: ReviewLibrary) -> None:
    first = client.load(REVIEW_ID)
    target = first.events[3]
    client.update(edited(target, "Edited once"))

    second = client.load(REVIEW_ID, known=first)

    for before, after in zip(first.events, second.events, strict=True):
        if before.id == target.id:
            assert after is not before
            assert after.description == "Edited once"
            assert after.version == before.version + 1
        else:
            assert after is before
    assert_same_as_fresh(client, second)


def test_reload_reads_other_client_changes(
    client: ReviewLibrary,
    backend: Backend,  # noqa: F811
) -> None:
    first = client.load(REVIEW_ID)
    other = backend.open()
    try:
        other_review = other.load(REVIEW_ID)
        other.update(edited(other_review.events[0], "Theirs"))
        other.delete(REVIEW_ID, other_review.events[1])
        added = other.add(
            REVIEW_ID,
            TimelineEvent(
                occurred_at=datetime(2024, 5, 3, 8, 0, tzinfo=UTC),
                description="Added elsewhere",
            ),
        )
    finally:
        other.close()

    second = client.load(REVIEW_ID, known=first)

    ids = [event.id for event in second.events]
    assert second.events[0].description == "Theirs"
    assert first.events[1].id not in ids
    assert ids[-1] == added.id
    assert second.events[1] is first.events[2]
    assert_same_as_fresh(client, second)


def test_reload_reads_changes_in_batches(
    client: ReviewLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "ID_BATCH", 2)
    first = client.load(REVIEW_ID)
    changed = first.events[2:7]
    for index, event in enumerate(changed):
        client.update(edited(event, f"Batch edit {index}"))

    second = client.load(REVIEW_ID, known=first)

    descriptions = [event.description for event in second.events[2:7]]
    assert descriptions == [f"Batch edit {index}" for index in range(5)]
    assert second.events[0] is first.events[0]
    assert_same_as_fresh(client, second)


def test_reload_after_most_events_changed(client: ReviewLibrary) -> None:
    first = client.load(REVIEW_ID)
    for event in first.events[:15]:
        client.update(edited(event, f"Rewritten {event.id}"))

    second = client.load(REVIEW_ID, known=first)

    assert all(
        after is not before
        for before, after in zip(first.events, second.events, strict=True)
    )
    assert second.events[0].description == f"Rewritten {first.events[0].id}"
    assert_same_as_fresh(client, second)


def test_known_of_other_review_ignored(client: ReviewLibrary) -> None:
    first = client.load(REVIEW_ID)
    impostor = first.model_copy(
        update={
            "id": uuid4(),
            "events": [edited(event, "Other") for event in first.events],
        }
    )

    loaded = client.load(REVIEW_ID, known=impostor)

    assert all(event.description != "Other" for event in loaded.events)
    assert_same_as_fresh(client, loaded)


def test_restored_event_gets_new_version(
    client: ReviewLibrary,
    backend: Backend,  # noqa: F811
) -> None:
    first = client.load(REVIEW_ID)
    target = first.events[4]
    other = backend.open()
    try:
        stored = other.update(edited(target, "Edited before deletion"))
        deletion = other.delete(REVIEW_ID, stored)
        other.restore(deletion)
    finally:
        other.close()

    second = client.load(REVIEW_ID, known=first)

    restored = next(event for event in second.events if event.id == target.id)
    assert restored.description == "Edited before deletion"
    assert restored.version == stored.version + 1
    assert_same_as_fresh(client, second)
