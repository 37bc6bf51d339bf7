"""Schema migrations with Alembic, run on an open connection.

Alembic (about 17 MB of RSS with Mako) is imported only to upgrade a schema.
Checking a library reads the revision from its `alembic_version` table with
plain SQL and the known revisions from the migration files' source, so opening
a library that is already at the newest schema does not import it.
"""

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSIONS = MIGRATIONS / "versions"


def alembic_config(connection: Connection | None = None) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def revision_parents() -> dict[str, tuple[str, ...]]:
    """Map each revision in the migrations folder to the revisions it revises.

    The values come from the `revision` and `down_revision` assignments at the
    top of each migration file, read with `ast` so that nothing is executed.
    """
    parents: dict[str, tuple[str, ...]] = {}
    for path in sorted(VERSIONS.glob("*.py")):
        values = _module_constants(path, {"revision", "down_revision"})
        revision = values.get("revision")
        if not isinstance(revision, str):
            raise RuntimeError(f"migration {path.name} assigns no revision string")
        down = values.get("down_revision")
        if down is None:
            parents[revision] = ()
        elif isinstance(down, str):
            parents[revision] = (down,)
        else:
            parents[revision] = tuple(down)
    return parents


def _module_constants(path: Path, names: set[str]) -> dict[str, object]:
    """Return the literal values assigned to `names` at a module's top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and target.id in names:
                values[target.id] = ast.literal_eval(value)
    return values


def known_revisions() -> set[str]:
    """Return every revision this version of the app can migrate from."""
    return set(revision_parents())


def head_revision() -> str:
    """Return the head revision, which no other revision revises."""
    parents = revision_parents()
    revised = {parent for values in parents.values() for parent in values}
    heads = sorted(set(parents) - revised)
    if len(heads) != 1:
        raise RuntimeError(
            f"the migrations folder has {len(heads)} heads {heads}, expected one: "
            "merge them with `alembic merge`"
        )
    return heads[0]


def current_revision(connection: Connection) -> str | None:
    """Return the schema revision stored on this connection, or None if unset.

    Raises RuntimeError when the table contains more than one revision. Only a
    branched migration history writes that, and this app never creates one.
    """
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(rows) > 1:
        found = sorted(row[0] for row in rows)
        raise RuntimeError(
            f"the library schema has more than one revision {found}, "
            "but this app expects exactly one"
        )
    return rows[0][0] if rows else None


def upgrade(connection: Connection) -> None:
    """Bring the schema on this connection to the newest revision."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
