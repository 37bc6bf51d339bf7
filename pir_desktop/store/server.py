"""Libraries in a PostgreSQL database, shared by a team.

Connecting checks the database as opening checks a file: an empty database
gets the schema and the library marker, a PIR library of an older schema is
upgraded in one transaction, and anything else is rejected unchanged.
"""

import logging

from sqlalchemy import Connection, Engine, create_engine, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from . import migrate
from .library import FORMAT_NAME, LibraryError
from .schema import LibraryMeta

log = logging.getLogger(__name__)

# Key of the transaction-level advisory lock that serialises schema checks,
# so two clients connecting to an empty database do not both create tables.
SCHEMA_LOCK_KEY = 0x50495244  # "PIRD"
CONNECT_TIMEOUT_S = 10


def parse_url(url: str) -> URL:
    """Parse a PostgreSQL URL; raise LibraryError for anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise LibraryError(
            f"invalid database URL: {exc}. Expected postgresql+psycopg://"
            "USER:PASSWORD@HOST:PORT/DATABASE"
        ) from exc
    if parsed.get_backend_name() != "postgresql":
        raise LibraryError(
            f"unsupported database {parsed.get_backend_name()!r}: a team library "
            "URL starts with postgresql+psycopg://"
        )
    return parsed


def shown_url(url: URL) -> str:
    """Return the URL with its password masked, for titles and logs."""
    return url.render_as_string(hide_password=True)


def connect_engine(url: str) -> tuple[Engine, str]:
    """Create an engine on a PostgreSQL library; return it and its masked URL."""
    parsed = parse_url(url)
    location = shown_url(parsed)
    try:
        engine = create_engine(
            parsed,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        )
    except NoSuchModuleError as exc:
        raise LibraryError(
            f"{location}: the PostgreSQL driver is not installed: "
            "install pir-desktop[postgres]"
        ) from exc
    except ImportError as exc:
        raise LibraryError(
            f"{location}: the PostgreSQL driver is not installed ({exc}): "
            "install pir-desktop[postgres]"
        ) from exc
    try:
        with engine.begin() as connection:
            _prepare(connection, location)
    except DBAPIError as exc:
        engine.dispose()
        raise LibraryError(f"cannot use {location}: {_first_line(exc)}") from exc
    except LibraryError:
        engine.dispose()
        raise
    log.info("Connected to library %s", location)
    return engine, location


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


def _prepare(connection: Connection, location: str) -> None:
    """Create, check or upgrade the schema in the connection's transaction."""
    connection.execute(
        text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY}
    )
    tables = set(inspect(connection).get_table_names())
    if not tables:
        migrate.upgrade(connection)
        connection.execute(
            LibraryMeta.__table__.insert().values(key="format", value=FORMAT_NAME)
        )
        log.info("Created the library schema in %s", location)
        return
    if "library_meta" not in tables or "alembic_version" not in tables:
        raise LibraryError(
            f"{location} contains other tables and is not a PIR library: "
            "use an empty database"
        )
    marker = connection.scalar(
        select(LibraryMeta.value).where(LibraryMeta.key == "format")
    )
    if marker != FORMAT_NAME:
        raise LibraryError(f"{location} is a database but not a PIR library")
    revision = migrate.current_revision(connection)
    if revision not in migrate.known_revisions():
        raise LibraryError(
            f"{location} was written by a newer version of PIR Desktop (schema "
            f"{revision or 'unknown'}): install the newer version"
        )
    if revision != migrate.head_revision():
        migrate.upgrade(connection)
        log.info("Upgraded %s from schema %s", location, revision)
