"""Schema migrations: one head, old files upgraded with every row kept."""

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from pir_desktop.domain.canonical import canonical_json
from pir_desktop.domain.meeting import DotVote, ParkingLotItem, default_agenda
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.timeline_time import timeline_sort_key
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review
from pir_desktop.store.migrate import alembic_config, head_revision
from pir_desktop.store.schema import Base

FIXTURES = Path(__file__).parent / "fixtures"
# Every released schema has a library file here, written by that release.
OLD_FILES = sorted(path.name for path in FIXTURES.glob("library-*.pir"))


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        counts = {
            name: connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in names
        }
    connection.close()
    return counts


def copy_fixture(name: str, tmp_path: Path) -> Path:
    path = tmp_path / name
    path.write_bytes((FIXTURES / name).read_bytes())
    return path


def test_single_alembic_head() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, heads


@pytest.mark.parametrize("name", OLD_FILES)
def test_old_file_keeps_every_row(name: str, tmp_path: Path) -> None:
    path = copy_fixture(name, tmp_path)
    before = table_counts(path)
    ReviewLibrary.open(path).close()
    after = table_counts(path)
    for table, count in before.items():
        assert after[table] == count, table
    assert all(after[table] == 0 for table in set(after) - set(before))


@pytest.mark.parametrize("name", OLD_FILES)
def test_old_file_backup_written(name: str, tmp_path: Path) -> None:
    path = copy_fixture(name, tmp_path)
    before = table_counts(path)
    revision = fixture_revision(name)
    ReviewLibrary.open(path).close()
    backup = tmp_path / f"{name}.schema-{revision}.bak"
    assert table_counts(backup) == before
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def fixture_revision(name: str) -> str:
    return name.removeprefix("library-").removesuffix(".pir")


@pytest.mark.parametrize(
    "name", [name for name in OLD_FILES if fixture_revision(name) < "0004"]
)
def test_old_file_gets_timeline_defaults(name: str, tmp_path: Path) -> None:
    library = ReviewLibrary.open(copy_fixture(name, tmp_path))
    review = library.load(library.reviews()[0].id)
    library.close()
    assert review.events
    for event in review.events:
        assert event.provenance == "typed"
        assert event.source_key == ""
        assert event.source_row is None
        assert event.evidence_links == []
        assert event.milestone is None
        assert event.actor is None
        assert event.attack_technique == ""
        assert event.alternative_at is None


@pytest.mark.parametrize(
    "name", [name for name in OLD_FILES if fixture_revision(name) < "0005"]
)
def test_old_file_gets_no_fault_trees(name: str, tmp_path: Path) -> None:
    path = copy_fixture(name, tmp_path)
    library = ReviewLibrary.open(path)
    reviews = [library.load(facts.id) for facts in library.reviews()]
    library.close()
    assert reviews
    assert all(review.fault_trees == [] for review in reviews)
    assert table_counts(path)["fault_trees"] == 0


@pytest.mark.parametrize(
    "name", [name for name in OLD_FILES if fixture_revision(name) < "0006"]
)
def test_old_file_gets_no_fishbones(name: str, tmp_path: Path) -> None:
    path = copy_fixture(name, tmp_path)
    library = ReviewLibrary.open(path)
    reviews = [library.load(facts.id) for facts in library.reviews()]
    library.close()
    assert reviews
    assert all(review.fishbones == [] for review in reviews)
    assert table_counts(path)["fishbones"] == 0


def test_file_from_0005_keeps_fault_trees(tmp_path: Path) -> None:
    path = copy_fixture("library-0005.pir", tmp_path)
    library = ReviewLibrary.open(path)
    review = library.load(library.reviews()[0].id)
    library.close()
    assert [tree.title for tree in review.fault_trees] == [
        "Attacker gains root on production hosts"
    ]
    assert len(review.factors) == 10


def test_upgraded_file_stores_fishbones(tmp_path: Path) -> None:
    path = copy_fixture("library-0005.pir", tmp_path)
    library = ReviewLibrary.open(path)
    review = library.load(library.reviews()[0].id)
    added = library.add(review.id, sample_review().fishbones[0])
    reopened = library.load(review.id)
    library.close()
    assert [f.id for f in reopened.fishbones] == [added.id]
    assert reopened.fishbones[0].parents == sample_review().fishbones[0].parents


@pytest.mark.parametrize(
    "name", [name for name in OLD_FILES if fixture_revision(name) < "0003"]
)
def test_old_file_gets_defaults(name: str, tmp_path: Path) -> None:
    library = ReviewLibrary.open(copy_fixture(name, tmp_path))
    review = library.load(library.reviews()[0].id)
    library.close()
    assert review.sensitive_fields == []
    assert review.dismissed_wording == []
    assert not any(e.sensitive for e in review.events)
    assert all(o.group_label == "" for o in review.observations)
    assert all(f.observation_ids == [] for f in review.factors)
    assert review.agenda == []
    assert review.votes == []


@pytest.mark.parametrize("name", OLD_FILES)
def test_upgraded_schema_matches_models(name: str, tmp_path: Path) -> None:
    library = ReviewLibrary.open(copy_fixture(name, tmp_path))
    with library.library.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)
        revision = context.get_current_revision()
    library.close()
    assert differences == []
    assert revision == head_revision()


def meeting_review():
    """Return the sample with meeting records and a card turned into a lesson."""
    review = sample_review()
    card = review.observations[0]
    lesson = review.lessons[0].with_changes(observation_ids=[card.id])
    factor = review.factors[0].with_changes(observation_ids=[card.id])
    action = review.actions[0].with_changes(observation_ids=[card.id])
    voter = review.participants[0]
    return review.model_copy(
        update={
            "lessons": [lesson, *review.lessons[1:]],
            "factors": [factor, *review.factors[1:]],
            "actions": [action, *review.actions[1:]],
            "observations": [card.with_changes(group_label="Detection")]
            + review.observations[1:],
            "agenda": default_agenda(default_procedure()),
            "parking_lot": [
                ParkingLotItem(
                    text="Budget for a service inventory",
                    created_at=datetime(2019, 5, 8, 10, tzinfo=UTC),
                )
            ],
            "votes": [DotVote(observation_id=card.id, participant_id=voter.id)],
        }
    )


def test_meeting_records_round_trip(tmp_path: Path) -> None:
    review = meeting_review()
    library = ReviewLibrary.create(tmp_path / "meeting.pir")
    library.add_review(review)
    loaded = library.load(review.id)
    library.close()
    assert canonical_json(loaded) == canonical_json(review)
    assert [a.title for a in loaded.agenda] == [a.title for a in review.agenda]
    assert loaded.agenda[5].steps == [8, 9]
    assert loaded.sensitive_fields == ["impact"]


def test_deleted_card_drops_votes_and_links(tmp_path: Path) -> None:
    review = meeting_review()
    card = review.observations[0]
    library = ReviewLibrary.create(tmp_path / "meeting.pir")
    library.add_review(review)
    library.delete(review.id, card)
    loaded = library.load(review.id)
    library.close()
    assert loaded.votes == []
    assert loaded.lessons[0].observation_ids == []
    assert loaded.factors[0].observation_ids == []


@pytest.mark.parametrize("name", OLD_FILES)
def test_old_file_gets_timeline_order_keys(name: str, tmp_path: Path) -> None:
    path = copy_fixture(name, tmp_path)
    library = ReviewLibrary.open(path)
    review = library.load(library.reviews()[0].id)
    library.close()
    expected = {event.id.hex: timeline_sort_key(event) for event in review.events}
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT id, sort_at, sort_rank FROM events"
        ).fetchall()
    connection.close()
    assert len(rows) == len(expected)
    for event_id, sort_at, sort_rank in rows:
        instant, rank = expected[event_id]
        assert sort_at == instant.strftime("%Y-%m-%d %H:%M:%S.%f"), event_id
        assert sort_rank == rank, event_id


def test_file_from_0006_keeps_fishbones(tmp_path: Path) -> None:
    path = copy_fixture("library-0006.pir", tmp_path)
    library = ReviewLibrary.open(path)
    review = library.load(library.reviews()[0].id)
    library.close()
    assert [f.title for f in review.fishbones] == [
        f.title for f in sample_review().fishbones
    ]
