"""Atomic file writes: a failed write never leaves a half-written file."""

import errno
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to a temporary file beside `path`, then rename it into place.

    The data is flushed to disk before the rename and the folder after it, so
    the new file survives a crash. An existing file at `path` stays untouched
    if anything fails, and the temporary file is removed. A full disk raises
    OSError(ENOSPC) with a message that names the file and the fix. Other
    OSErrors name `path`, not the temporary file.
    """
    path = Path(path)
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}."
        )
    except OSError as exc:
        raise _failed_write(path, exc) from exc
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        log.warning("Writing %s failed (%s); removed the temporary file", path, exc)
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            raise OSError(
                errno.ENOSPC,
                f"writing {path} failed because the disk is full: free space and "
                "try again; any earlier file there is unchanged",
            ) from exc
        if isinstance(exc, OSError):
            raise _failed_write(path, exc) from exc
        raise
    _fsync_folder(path.parent)


def _failed_write(path: Path, exc: OSError) -> OSError:
    """Return an error like `exc` whose message names `path` and the reason."""
    message = f"writing {path} failed: {exc.strerror or exc}"
    return OSError(message) if exc.errno is None else OSError(exc.errno, message)


def _fsync_folder(folder: Path) -> None:
    """Flush a folder entry to disk so that a rename survives a crash."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
