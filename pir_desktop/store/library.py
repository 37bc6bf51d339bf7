"""Opening, creating and copying review libraries.

A library is an SQLite file (or a PostgreSQL database) with the schema in
schema.py. Opening checks the file before anything can write to it, so a file
that is not a library, is corrupt or comes from a newer version is reported
and left byte-identical.
"""

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from . import migrate
from .failures import describe_write_failure, disk_full_message, is_disk_full
from .schema import LibraryMeta

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
FORMAT_NAME = "pir-desktop-library"
BUSY_TIMEOUT_MS = 5000
# Execution option that makes a SQLite transaction start with BEGIN IMMEDIATE.
WRITE_OPTION = "pir_write"


class LibraryError(Exception):
    """A library that cannot be opened, created or written, with the reason."""


class StaleEditError(LibraryError):
    """A write based on an older version of a record than the stored one.

    `current` is the stored record, so the caller can show both values.
    """

    def __init__(self, message: str, current: object | None) -> None:
        super().__init__(message)
        self.current = current


def _check_sqlite_file(path: Path, read_only: bool) -> str:
    """Raise LibraryError unless the file is a library this version can open.

    Returns the file's schema revision.
    """
    if not path.exists():
        raise LibraryError(f"{path} not found: check the path, or create a new library")
    if not path.is_file():
        raise LibraryError(f"{path} is not a file: choose a .pir library file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise LibraryError(f"{path} is not a PIR library: it is not an SQLite database")
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        with sqlite3.connect(uri, uri=True) as connection:
            revision = _check_contents(path, connection)
    except sqlite3.DatabaseError as exc:
        raise LibraryError(
            f"{path} is corrupt ({exc}): restore it from a copy"
        ) from exc
    if not read_only and not _writable(path):
        raise LibraryError(
            f"{path} is read-only: open it read-only, or copy it to a writable folder"
        )
    return revision


def _writable(path: Path) -> bool:
    """Return whether SQLite can write the file and create its WAL beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_contents(path: Path, connection: sqlite3.Connection) -> str:
    result = connection.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        raise LibraryError(f"{path} is corrupt ({result}): restore it from a copy")
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "library_meta" not in tables or "alembic_version" not in tables:
        raise LibraryError(f"{path} is an SQLite database but not a PIR library")
    row = connection.execute(
        "SELECT value FROM library_meta WHERE key = 'format'"
    ).fetchone()
    if row is None or row[0] != FORMAT_NAME:
        raise LibraryError(f"{path} is an SQLite database but not a PIR library")
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] not in migrate.known_revisions():
        raise LibraryError(
            f"{path} was written by a newer version of PIR Desktop (schema "
            f"{revision[0] if revision else 'unknown'}): install the newer version"
        )
    return str(revision[0])


def _sqlite_engine(path: Path, read_only: bool, foreign_keys: bool = True) -> Engine:
    if read_only:
        uri = f"file:{quote(str(path))}?mode=ro"
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
    else:
        engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # The driver must not start transactions itself, because _begin does.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # A write transaction takes the write lock at BEGIN IMMEDIATE, where
        # SQLite waits up to busy_timeout. A deferred transaction that reads
        # first and writes later gets SQLITE_BUSY at once, without waiting,
        # when another connection has written since its read.
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def backup_path(path: Path, revision: str) -> Path:
    """Return where the copy of a library is kept before its schema is upgraded."""
    return path.with_name(f"{path.name}.schema-{revision}.bak")


def _upgrade_with_backup(path: Path, revision: str) -> None:
    """Copy the file aside, then migrate it to the newest schema in one transaction."""
    backup = backup_path(path, revision)
    if not backup.exists():
        _copy_sqlite_file(path, backup)
    # Alembic rebuilds a SQLite table to alter it. With foreign keys on, dropping
    # the old table would cascade-delete every row that refers to it, so the
    # migration runs with them off and the references are checked afterwards.
    engine = _sqlite_engine(path, read_only=False, foreign_keys=False)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise LibraryError(
                    f"upgrading {path} would leave {len(broken)} broken references "
                    f"(first: {broken[0]}); the file was not changed"
                )
    except DBAPIError as exc:
        message = describe_write_failure(exc, str(path))
        if message is None:
            raise
        raise LibraryError(f"upgrading the schema failed. {message}") from exc
    finally:
        engine.dispose()
    log.info(
        "Upgraded %s from schema %s; the old file is kept as %s", path, revision, backup
    )


class Library:
    """An open review library: its engine and short transactions on it."""

    def __init__(self, engine: Engine, location: str, read_only: bool = False) -> None:
        self.engine = engine
        self.location = location
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @classmethod
    def create(cls, path: Path) -> "Library":
        """Create a new, empty library file readable by its owner only."""
        path = Path(path)
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError as exc:
            raise LibraryError(f"{path} already exists: choose another name") from exc
        except OSError as exc:
            raise LibraryError(f"cannot create {path}: {exc.strerror}") from exc
        os.close(descriptor)
        library = cls(_sqlite_engine(path, read_only=False), str(path))
        try:
            library._initialise()
        except Exception:
            library.close()
            path.unlink(missing_ok=True)
            raise
        log.info("Created library %s", path)
        return library

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> "Library":
        """Open an existing library file; raise LibraryError naming the file and why."""
        path = Path(path)
        revision = _check_sqlite_file(path, read_only)
        if revision != migrate.head_revision():
            if read_only:
                raise LibraryError(
                    f"{path} uses the older schema {revision}: run "
                    f"'pir-desktop upgrade {path}' or open it in the app to upgrade it "
                    "(a backup copy is kept)"
                )
            _upgrade_with_backup(path, revision)
        log.info("Opened library %s%s", path, " read-only" if read_only else "")
        return cls(_sqlite_engine(path, read_only), str(path), read_only)

    @classmethod
    def connect(cls, url: str) -> "Library":
        """Open the library in a PostgreSQL database, creating its schema if empty.

        `url` is an SQLAlchemy URL such as postgresql+psycopg://user:pw@host/db.
        """
        from .server import connect_engine

        engine, location = connect_engine(url)
        return cls(engine, location)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def _initialise(self) -> None:
        with self.engine.begin() as connection:
            migrate.upgrade(connection)
        with self.transaction() as session:
            session.add(LibraryMeta(key="format", value=FORMAT_NAME))

    def is_library(self) -> bool:
        """Return whether the database has the library schema and marker."""
        if not inspect(self.engine).has_table("library_meta"):
            return False
        with self._sessions() as session:
            row = session.scalar(select(LibraryMeta).where(LibraryMeta.key == "format"))
            return row is not None and row.value == FORMAT_NAME

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session whose changes commit together when the block ends."""
        if self.read_only:
            raise LibraryError(
                f"{self.location} is open read-only: changes are not saved"
            )
        try:
            with self._write_sessions() as session, session.begin():
                yield session
        except DBAPIError as exc:
            message = describe_write_failure(exc, self.location)
            if message is None:
                raise
            log.error("Write to %s failed and was rolled back: %s", self.location, exc)
            raise LibraryError(message) from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Yield a session for reading only."""
        with self._sessions() as session:
            yield session

    def save_copy(self, destination: Path) -> None:
        """Write a consistent copy of an SQLite library with SQLite's backup API."""
        destination = Path(destination)
        if not self.is_sqlite:
            raise LibraryError(
                f"{self.location} is not an SQLite file: save a copy through "
                "ReviewLibrary.save_copy, which copies review by review"
            )
        if destination.exists():
            raise LibraryError(f"{destination} already exists: choose another name")
        raw = self.engine.raw_connection()
        try:
            _copy_sqlite_file(raw.driver_connection, destination)
        finally:
            raw.close()
        log.info("Saved a copy of %s to %s", self.location, destination)

    def close(self) -> None:
        self.engine.dispose()


def _open_copy_target(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def _copy_sqlite_file(source: Path | sqlite3.Connection, destination: Path) -> None:
    """Copy a database with SQLite's backup API into a new owner-only file.

    A failed copy leaves no file behind.
    """
    try:
        descriptor = os.open(destination, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(descriptor)
    except OSError as exc:
        if is_disk_full(exc):
            raise LibraryError(disk_full_message(str(destination))) from exc
        raise LibraryError(f"cannot create {destination}: {exc.strerror}") from exc
    reader = sqlite3.connect(source) if isinstance(source, Path) else source
    target = _open_copy_target(destination)
    try:
        reader.backup(target)
    except sqlite3.Error as exc:
        target.close()
        destination.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise LibraryError(disk_full_message(str(destination))) from exc
        raise LibraryError(f"copy to {destination} failed: {exc}") from exc
    finally:
        if reader is not source:
            reader.close()
    target.close()
