"""The library file: round trips, file safety and bad files left untouched."""

import hashlib
import os
import sqlite3
import stat
import threading
from pathlib import Path
from uuid import uuid4

import pytest
from conftest import example_review

from pir_desktop.domain.canonical import canonical_json
from pir_desktop.domain.entities import ActionItem, TimelineEvent
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review
from pir_desktop.store import Library, LibraryError, StaleEditError, migrate


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.pir"
    library = ReviewLibrary.create(path)
    library.add_review(sample_review())
    library.close()
    return path


def test_sample_round_trip(sample_file: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    original = sample_review()
    loaded = library.load(original.id)
    assert canonical_json(loaded) == canonical_json(original)
    assert [e.id for e in loaded.events] == [e.id for e in original.events]
    assert [n.id for n in loaded.why_nodes] == [n.id for n in original.why_nodes]


def test_new_file_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new.pir"
    ReviewLibrary.create(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_wal_and_foreign_keys_on(sample_file: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    with library.library.engine.connect() as connection:
        journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        foreign_keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert journal == "wal"
    assert foreign_keys == 1


def test_edit_committed_immediately(sample_file: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    review_id = sample_review().id
    added = library.add(review_id, ActionItem(title="Rotate keys", owner="Operations"))
    other = ReviewLibrary.open(sample_file)
    titles = [a.title for a in other.load(review_id).actions]
    assert "Rotate keys" in titles
    assert added.version == 1


def test_stale_edit_detected(sample_file: Path) -> None:
    first = ReviewLibrary.open(sample_file)
    second = ReviewLibrary.open(sample_file)
    review_id = sample_review().id
    action = first.load(review_id).actions[0]
    first.update(action.with_changes(owner="Security"))
    with pytest.raises(StaleEditError) as caught:
        second.update(action.with_changes(owner="Release engineering"))
    assert caught.value.current.owner == "Security"
    stored = ReviewLibrary.open(sample_file).load(review_id).actions[0]
    assert stored.owner == "Security"


def test_delete_and_restore_links(sample_file: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    review = library.load(sample_review().id)
    factor = next(
        f for f in review.factors if any(f.id in a.factor_ids for a in review.actions)
    )
    deletion = library.delete(review.id, factor)
    after = library.load(review.id)
    assert all(factor.id not in a.factor_ids for a in after.actions)
    library.restore(deletion)
    restored = library.load(review.id)
    linked = [a.id for a in restored.actions if factor.id in a.factor_ids]
    assert linked == [a.id for a in review.actions if factor.id in a.factor_ids]


def test_save_copy_is_complete(sample_file: Path, tmp_path: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    copy = tmp_path / "copy.pir"
    library.save_copy(copy)
    assert [r.reference for r in ReviewLibrary.open(copy).reviews()] == [
        "MATRIX-2019-04"
    ]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_random_binary_rejected_untouched(tmp_path: Path) -> None:
    path = tmp_path / "random.pir"
    path.write_bytes(os.urandom(8192))
    before = digest(path)
    with pytest.raises(LibraryError, match="not a PIR library"):
        ReviewLibrary.open(path)
    assert digest(path) == before


def test_foreign_sqlite_rejected_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    connection.close()
    before = digest(path)
    with pytest.raises(LibraryError, match="not a PIR library"):
        ReviewLibrary.open(path)
    assert digest(path) == before


def test_newer_schema_rejected_untouched(sample_file: Path) -> None:
    with sqlite3.connect(sample_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = digest(sample_file)
    with pytest.raises(LibraryError, match="newer version"):
        ReviewLibrary.open(sample_file)
    assert digest(sample_file) == before


def test_corrupt_file_rejected_untouched(sample_file: Path) -> None:
    data = bytearray(sample_file.read_bytes())
    data[4096:12288] = os.urandom(8192)
    sample_file.write_bytes(bytes(data))
    before = digest(sample_file)
    with pytest.raises(LibraryError) as caught:
        ReviewLibrary.open(sample_file)
    assert str(sample_file) in str(caught.value)
    assert digest(sample_file) == before


def test_read_only_file_rejected(
    sample_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root may write to a file without write permission, so the permission
    # check itself is made to report a read-only file.
    sample_file.chmod(0o400)
    monkeypatch.setattr("pir_desktop.store.library._writable", lambda _: False)
    before = digest(sample_file)
    with pytest.raises(LibraryError, match="read-only"):
        ReviewLibrary.open(sample_file)
    assert digest(sample_file) == before
    assert ReviewLibrary.open(sample_file, read_only=True).reviews()


def test_read_only_open_refuses_writes(sample_file: Path) -> None:
    before = digest(sample_file)
    library = ReviewLibrary.open(sample_file, read_only=True)
    review = library.load(sample_review().id)
    with pytest.raises(LibraryError, match="read-only"):
        library.add(review.id, ActionItem(title="x", owner="y"))
    library.close()
    assert digest(sample_file) == before


def test_missing_file_named(tmp_path: Path) -> None:
    path = tmp_path / "absent.pir"
    with pytest.raises(LibraryError, match="absent.pir not found"):
        ReviewLibrary.open(path)
    assert not path.exists()


def test_duplicate_review_rejected(sample_file: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    with pytest.raises(LibraryError, match="already in"):
        library.add_review(sample_review())
    assert len(library.reviews()) == 1


def test_copied_records_clash_named(sample_file: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    copy = sample_review().model_copy(
        update={"id": uuid4(), "reference": "MATRIX-COPY"}
    )

    with pytest.raises(LibraryError, match="has a record whose id is already used"):
        library.add_review(copy)
    assert len(library.reviews()) == 1


def test_event_zone_survives_storage(sample_file: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    events = library.load(sample_review().id).events
    original = {e.id: (e.occurred_at, e.zone) for e in sample_review().events}
    assert all(original[e.id] == (e.occurred_at, e.zone) for e in events)
    assert all(isinstance(e, TimelineEvent) and e.occurred_at.tzinfo for e in events)


FIXTURES = Path(__file__).parent / "fixtures"
TABLES = ("reviews", "events", "factors", "why_nodes", "actions", "lessons", "controls")


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        counts = {
            t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in TABLES
        }
    connection.close()
    return counts


def test_schema_0001_file_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.pir"
    path.write_bytes((FIXTURES / "library-0001.pir").read_bytes())
    before = row_counts(path)
    library = ReviewLibrary.open(path)
    review = library.load(library.reviews()[0].id)
    library.close()
    assert row_counts(path) == before
    assert all(action.priority == "medium" for action in review.actions)
    backup = tmp_path / "old.pir.schema-0001.bak"
    assert row_counts(backup) == before
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_schema_0001_read_only_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.pir"
    path.write_bytes((FIXTURES / "library-0001.pir").read_bytes())
    before = digest(path)
    with pytest.raises(LibraryError, match="pir-desktop upgrade"):
        ReviewLibrary.open(path, read_only=True)
    assert digest(path) == before


RELEASED = sorted(FIXTURES.glob("library-*.pir"))


def test_every_released_schema_has_fixture() -> None:
    revisions = {path.stem.removeprefix("library-") for path in RELEASED}
    assert revisions >= {"0001", "0002"}
    assert revisions <= migrate.known_revisions()


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda path: path.stem)
def test_released_library_opens(tmp_path: Path, fixture: Path) -> None:
    revision = fixture.stem.removeprefix("library-")
    path = tmp_path / "old.pir"
    path.write_bytes(fixture.read_bytes())
    before = row_counts(path)

    library = ReviewLibrary.open(path)
    reviews = [library.load(facts.id) for facts in library.reviews()]
    library.close()

    assert reviews
    assert row_counts(path) == before
    backup = tmp_path / f"old.pir.schema-{revision}.bak"
    if revision == migrate.head_revision():
        assert not backup.exists()
    else:
        assert row_counts(backup) == before
        assert digest(backup) != digest(path)


@pytest.mark.parametrize("shared", [True, False], ids=["one-library", "two-libraries"])
def test_writer_threads_never_locked(sample_file: Path, shared: bool) -> None:
    # A background import and interactive edits write at the same time, each
    # in many short transactions; BEGIN IMMEDIATE makes each one wait its turn.
    first = Library.open(sample_file)
    second = first if shared else Library.open(sample_file)
    review_id = sample_review().id
    failures: list[BaseException] = []

    def import_reviews() -> None:
        try:
            library = ReviewLibrary(first)
            for number in range(30):
                review = example_review().model_copy(
                    update={"reference": f"IMPORT-{number}"}
                )
                library.add_review(review)
        except BaseException as exc:  # noqa: BLE001 - reported by the assert below
            failures.append(exc)

    def edit_facts() -> None:
        try:
            library = ReviewLibrary(second)
            facts = library.load(review_id).facts
            for number in range(150):
                facts = library.update_facts(facts.with_changes(summary=f"{number}"))
        except BaseException as exc:  # noqa: BLE001 - reported by the assert below
            failures.append(exc)

    threads = [
        threading.Thread(target=import_reviews),
        threading.Thread(target=edit_facts),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    check = ReviewLibrary(first)
    assert len(check.reviews()) == 31
    assert check.load(review_id).summary == "149"
    first.close()
    second.close()


def test_event_semantics_round_trip(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from pir_desktop.domain.enums import Actor, Milestone, Provenance, TimePrecision

    library = ReviewLibrary.create(tmp_path / "events.pir")
    review = library.add_review(example_review())
    event = TimelineEvent(
        occurred_at=datetime(2024, 5, 2, 9, 40, tzinfo=UTC),
        precision=TimePrecision.HOUR,
        alternative_at=datetime(2024, 5, 2, 8, 55, tzinfo=UTC),
        alternative_source="Proxy log",
        description="Web shell written",
        actor=Actor.ATTACKER,
        actor_role="Initial access broker",
        attack_technique="T1505.003",
        evidence_links=["https://tickets.example/INC-7", "evidence/proxy.log"],
        milestone=Milestone.FIRST_MALICIOUS_ACTIVITY,
        provenance=Provenance.IMPORTED,
        source_file="proxy.csv",
        source_row=12,
        source_key="csv:P12",
    )
    stored = library.add(review.id, event)
    loaded = next(e for e in library.load(review.id).events if e.id == event.id)
    library.close()
    assert stored.version == 1
    assert loaded.model_dump(exclude={"version"}) == event.model_dump(
        exclude={"version"}
    )


def test_loaded_events_equal_validated(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from pir_desktop.domain.enums import EventKind, TimePrecision

    library = ReviewLibrary.create(tmp_path / "trusted.pir")
    review = library.add_review(example_review())
    event = TimelineEvent(
        occurred_at=datetime(2024, 5, 2, 9, 40, 12, 345000, tzinfo=UTC),
        ends_at=datetime(2024, 5, 2, 11, 0, tzinfo=UTC),
        precision=TimePrecision.MINUTE,
        zone="Europe/Berlin",
        time_note="From the proxy's clock",
        kind=EventKind.CONTAINMENT,
        description="Host isolated",
        decision_point=True,
        sensitive=True,
    )
    library.add(review.id, event)
    loaded = library.load(review.id)
    library.close()

    for stored in loaded.events:
        validated = TimelineEvent.model_validate(stored.model_dump())
        assert stored == validated
        assert stored.model_fields_set == validated.model_fields_set
    mine = next(e for e in loaded.events if e.id == event.id)
    assert str(mine.id) == str(event.id)
    assert hash(mine.id) == hash(event.id)
    assert mine.occurred_at == event.occurred_at
    assert mine.occurred_at.utcoffset().total_seconds() == 0
    assert mine.zone == "Europe/Berlin"
    assert mine.ends_at == event.ends_at
    assert mine.kind is EventKind.CONTAINMENT
    assert mine.decision_point is True
    assert mine.sensitive is True
    assert mine.evidence_links == []
    assert mine.with_changes(description="Host cut off").description == "Host cut off"
    assert canonical_json(loaded) == canonical_json(
        type(loaded).model_validate(loaded.model_dump())
    )


def test_events_load_in_seq_order(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    path = tmp_path / "order.pir"
    library = ReviewLibrary.create(path)
    review = library.add_review(example_review())
    for number in range(3):
        event = TimelineEvent(
            occurred_at=datetime(2024, 5, 2, 9, number, tzinfo=UTC),
            description=f"added {number}",
        )
        library.add(review.id, event)
    library.close()
    # Reverse the stored order of the added events without moving their rows.
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE events SET seq = 1000 - seq WHERE description LIKE 'added %'"
        )
    connection.close()

    library = ReviewLibrary.open(path)
    loaded = [e.description for e in library.load(review.id).events]
    library.close()

    assert loaded[-3:] == ["added 2", "added 1", "added 0"]
