"""Store and service use cases on both backends: an SQLite file and PostgreSQL.

The PostgreSQL cases need a server: PIR_TEST_POSTGRES_URL is an SQLAlchemy
URL (postgresql+psycopg://USER:PASSWORD@127.0.0.1:PORT/postgres) of a role
that may create databases. Each test gets a new database, dropped afterwards.
Without the variable these cases are skipped; .ci/run starts a throwaway
server and sets it.
"""

import os
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pir_desktop import cli
from pir_desktop.domain.canonical import canonical_json
from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review
from pir_desktop.store import Library, LibraryError, StaleEditError
from pir_desktop.store.search import search_text
from pir_desktop.ui.dialogs.connect import ConnectDialog
from pir_desktop.ui.main_window import MainWindow

URL_VARIABLE = "PIR_TEST_POSTGRES_URL"


def postgres_admin_url() -> str:
    url = os.environ.get(URL_VARIABLE)
    if not url:
        reason = (
            f"{URL_VARIABLE} is not set, so the PostgreSQL cases are skipped: "
            "set it to a server URL, or run bash .ci/run"
        )
        warnings.warn(reason, stacklevel=2)
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a new, empty database on the test server."""
    admin_url = postgres_admin_url()
    name = f"pir_test_{uuid4().hex[:16]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@dataclass
class Backend:
    """Where a library lives, and how a client opens it."""

    name: str
    target: str

    def create(self) -> ReviewLibrary:
        if self.name == "sqlite":
            return ReviewLibrary.create(Path(self.target))
        return ReviewLibrary.connect(self.target)

    def open(self) -> ReviewLibrary:
        if self.name == "sqlite":
            return ReviewLibrary.open(Path(self.target))
        return ReviewLibrary.connect(self.target)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", str(tmp_path / "team.pir"))
    return Backend("postgres", request.getfixturevalue("postgres_url"))


@pytest.fixture
def client(backend: Backend) -> Iterator[ReviewLibrary]:
    """A library holding the sample review."""
    library = backend.create()
    library.add_review(sample_review())
    yield library
    library.close()


def test_sample_round_trip(client: ReviewLibrary) -> None:
    original = sample_review()
    loaded = client.load(original.id)
    assert canonical_json(loaded) == canonical_json(original)
    assert [e.id for e in loaded.events] == [e.id for e in original.events]


def test_edit_seen_by_other_client(client: ReviewLibrary, backend: Backend) -> None:
    event = client.load(sample_review().id).events[0]
    client.update(event.model_copy(update={"description": "Edited"}))
    other = backend.open()
    try:
        assert other.load(sample_review().id).events[0].description == "Edited"
    finally:
        other.close()


def test_two_clients_stale_edit(client: ReviewLibrary, backend: Backend) -> None:
    other = backend.open()
    try:
        review_id = sample_review().id
        mine = client.load(review_id).events[0]
        theirs = other.load(review_id).events[0]
        other.update(theirs.model_copy(update={"description": "Theirs"}))
        with pytest.raises(StaleEditError) as caught:
            client.update(mine.model_copy(update={"description": "Mine"}))
        assert isinstance(caught.value.current, TimelineEvent)
        assert caught.value.current.description == "Theirs"
        current = caught.value.current
        overwrite = mine.model_copy(
            update={"description": "Mine", "version": current.version}
        )
        client.update(overwrite)
        assert other.load(review_id).events[0].description == "Mine"
    finally:
        other.close()


def test_two_clients_stale_facts(client: ReviewLibrary, backend: Backend) -> None:
    other = backend.open()
    try:
        facts = client.load(sample_review().id).facts
        other.update_facts(facts.with_changes(title="Theirs"))
        with pytest.raises(StaleEditError) as caught:
            client.update_facts(facts.with_changes(title="Mine"))
        assert caught.value.current.title == "Theirs"
    finally:
        other.close()


def test_delete_and_restore(client: ReviewLibrary) -> None:
    review = client.load(sample_review().id)
    factor = next(
        f for f in review.factors if any(a.factor_ids for a in review.actions)
    )
    deletion = client.delete(review.id, factor)
    assert factor.id not in {f.id for f in client.load(review.id).factors}
    client.restore(deletion)
    restored = client.load(review.id)
    assert canonical_json(restored) == canonical_json(review)


def test_save_copy_is_sqlite(client: ReviewLibrary, tmp_path: Path) -> None:
    copy_path = tmp_path / "copy.pir"
    client.save_copy(copy_path)
    copy = ReviewLibrary.open(copy_path)
    try:
        copied = copy.load(sample_review().id)
    finally:
        copy.close()
    assert canonical_json(copied) == canonical_json(sample_review())
    assert copy_path.read_bytes().startswith(b"SQLite format 3\x00")


def test_search_finds_words(client: ReviewLibrary) -> None:
    factor = sample_review().factors[0]
    assert "Jenkins" in factor.statement
    hits = search_text(client.library, "jenkins unpatched")
    assert factor.id in {hit.record_id for hit in hits}


def test_two_writer_threads(client: ReviewLibrary, backend: Backend) -> None:
    review_id = sample_review().id
    template = client.load(review_id).events[0]
    failures: list[BaseException] = []

    def write(library: ReviewLibrary, label: str) -> None:
        try:
            for number in range(40):
                event = template.model_copy(
                    update={"id": uuid4(), "version": 0, "description": f"{label}"}
                )
                stored = library.add(review_id, event)
                library.update(stored.model_copy(update={"description": f"{number}"}))
        except BaseException as exc:  # noqa: BLE001 - reported by the assert below
            failures.append(exc)

    other = backend.open()
    threads = [
        threading.Thread(target=write, args=(client, "a")),
        threading.Thread(target=write, args=(other, "b")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert failures == []
    count = len(client.load(review_id).events)
    assert count == len(sample_review().events) + 80


def test_connect_creates_schema_once(postgres_url: str) -> None:
    first = Library.connect(postgres_url)
    second = Library.connect(postgres_url)
    try:
        assert first.is_library()
        assert second.is_library()
    finally:
        first.close()
        second.close()


def test_connect_rejects_newer_schema(postgres_url: str) -> None:
    Library.connect(postgres_url).close()
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(LibraryError, match="newer version"):
        Library.connect(postgres_url)
    with engine.connect() as connection:
        revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    engine.dispose()
    assert revision == "9999"


def test_connect_rejects_foreign_database(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (body TEXT)"))
    with pytest.raises(LibraryError, match="not a PIR library"):
        Library.connect(postgres_url)
    with engine.connect() as connection:
        tables = connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ).all()
    engine.dispose()
    assert tables == ["notes"]


def test_wrong_password_hidden(postgres_url: str) -> None:
    url = make_url(postgres_url).set(password="not-the-password-42")
    with pytest.raises(LibraryError) as caught:
        Library.connect(url.render_as_string(hide_password=False))
    assert "not-the-password-42" not in str(caught.value)
    assert "***" in str(caught.value)


def test_connect_rejects_other_urls() -> None:
    with pytest.raises(LibraryError, match="postgresql"):
        Library.connect("mysql://user@127.0.0.1/pir")
    with pytest.raises(LibraryError, match="invalid database URL"):
        Library.connect("not a url")


def test_cli_database_option(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ReviewLibrary.connect(postgres_url)
    library.add_review(sample_review())
    library.close()
    password = make_url(postgres_url).password

    document = tmp_path / "review.json"
    copy = tmp_path / "copy.pir"

    assert cli.main(["list", "--database", postgres_url]) == 0
    assert (
        cli.main(["export-json", f"--database={postgres_url}", "-o", str(document)])
        == 0
    )
    assert cli.main(["import-json", str(copy), str(document)]) == 0

    output = capsys.readouterr().out
    assert sample_review().reference in output
    assert not password or str(password) not in output
    assert ReviewLibrary.open(copy).reviews()[0].reference == sample_review().reference


def test_connect_dialog_builds_url(qtbot: QtBot) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(6543)
    dialog.database.setText("team")
    dialog.user.setText("dana")
    dialog.password.setText("p@ss:word/1")

    url = make_url(dialog.url())

    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database) == ("127.0.0.1", 6543, "team")
    assert url.username == "dana"
    assert url.password == "p@ss:word/1"


def test_window_shows_team_library(qtbot: QtBot, postgres_url: str) -> None:
    library = ReviewLibrary.connect(postgres_url)
    library.add_review(sample_review())
    library.close()
    window = MainWindow(None)
    qtbot.addWidget(window)

    assert window.connect_database(postgres_url)

    assert window.context is not None
    assert "***" in window.context.library.location
    assert window.context.review is not None
    assert window.context.review.reference == sample_review().reference
    window.close()
