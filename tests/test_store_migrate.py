"""Schema revisions read without Alembic agree with Alembic's own reading."""

import sqlite3
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from pir_desktop.store import migrate

FIXTURES = Path(__file__).parent / "fixtures"


def test_revision_graph_matches_alembic() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    expected = {
        revision.revision: tuple(revision._normalized_down_revisions)
        for revision in script.walk_revisions()
    }
    assert migrate.revision_parents() == expected


def test_head_matches_alembic() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()


def test_constants_read_in_any_quoting(tmp_path: Path) -> None:
    path = tmp_path / "0099_example.py"
    path.write_text(
        "from alembic import op\n"
        "revision: str = '0099'\n"
        "down_revision = ('0097', \"0098\")\n"
        "def upgrade() -> None:\n"
        "    revision = 'inner'\n"
    )
    values = migrate._module_constants(path, {"revision", "down_revision"})
    assert values == {"revision": "0099", "down_revision": ("0097", "0098")}


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("library-*.pir")))
def test_current_revision_matches_alembic(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / "copy.pir"
    path.write_bytes(fixture.read_bytes())
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        ours = migrate.current_revision(connection)
        theirs = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    assert ours == fixture.stem.removeprefix("library-")
    assert ours == theirs


def test_current_revision_without_table(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with engine.connect() as connection:
        assert migrate.current_revision(connection) is None
    engine.dispose()


def test_current_revision_rejects_two_rows(tmp_path: Path) -> None:
    path = tmp_path / "branched.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('0005'), ('0006')")
    connection.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection, pytest.raises(RuntimeError, match="0005"):
        migrate.current_revision(connection)
    engine.dispose()
