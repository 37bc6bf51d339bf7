"""Database and file-system failures turned into messages a user can act on."""

import errno
import sqlite3

from sqlalchemy.exc import DBAPIError

# SQLSTATE of PostgreSQL's disk_full error (class 53, insufficient resources).
POSTGRES_DISK_FULL = "53100"


def disk_full_message(location: str) -> str:
    return (
        f"Saving to {location} failed because the disk is full: free space and "
        "try again; nothing was changed"
    )


def is_disk_full(error: BaseException) -> bool:
    """Return whether an error from SQLite, PostgreSQL or the OS means a full disk.

    SQLite reports the operating system's ENOSPC, and a file that reached its
    max_page_count, as SQLITE_FULL.
    """
    if isinstance(error, DBAPIError):
        error = error.orig
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return True
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == sqlite3.SQLITE_FULL:
        return True
    return getattr(error, "sqlstate", None) == POSTGRES_DISK_FULL


def describe_write_failure(error: DBAPIError, location: str) -> str | None:
    """Return a message for a write that the database rejected, or None.

    None means the failure is not one a user can fix, so the caller re-raises it.
    """
    if is_disk_full(error):
        return disk_full_message(location)
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == sqlite3.SQLITE_BUSY:
        return (
            f"{location} is busy: another program kept it locked for too long. "
            "Close other programs that use it and try again; nothing was changed"
        )
    if code is not None and code & 0xFF == sqlite3.SQLITE_READONLY:
        return (
            f"{location} cannot be written: check the file's permissions; "
            "nothing was changed"
        )
    if error.connection_invalidated:
        return (
            f"the connection to {location} was lost: check the network and "
            "try again; nothing was changed"
        )
    return None
