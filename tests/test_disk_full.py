"""A full disk: every write fails with a clear message and changes nothing.

SQLite reports a full disk as SQLITE_FULL, which it also raises when a file
reaches its max_page_count, so capping the page count stands in for a full
disk. Copies and exports that write through the OS get ENOSPC instead.
"""

import errno
import hashlib
import io
import os
import sqlite3
from pathlib import Path

import pytest
from conftest import REFERENCE, stored_review
from sqlalchemy import event

from pir_desktop import fileio
from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.exports import export_json
from pir_desktop.store import LibraryError
from pir_desktop.store import library as library_module

DISK_FULL = "disk is full: free space and try again; nothing was changed"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cap_pages(library: ReviewLibrary) -> None:
    """Stop the file from growing: new connections may not add pages."""
    engine = library.library.engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")


def big_event(description_size: int) -> TimelineEvent:
    return TimelineEvent.model_validate(
        {
            "occurred_at": "2024-05-02T12:00:00+00:00",
            "kind": "context",
            "description": "x" * description_size,
        }
    )


def test_full_disk_add_rolled_back(library: ReviewLibrary, library_path: Path) -> None:
    review_id = library.find(REFERENCE)
    before = stored_review(library_path)
    cap_pages(library)

    with pytest.raises(LibraryError) as caught:
        library.add(review_id, big_event(200_000))

    assert DISK_FULL in str(caught.value)
    assert str(library_path) in str(caught.value)
    assert stored_review(library_path) == before


def test_full_disk_edit_rolled_back(library: ReviewLibrary, library_path: Path) -> None:
    review = library.load(library.find(REFERENCE))
    cap_pages(library)
    facts = review.facts.with_changes(summary="y" * 200_000)

    with pytest.raises(LibraryError, match=DISK_FULL):
        library.update_facts(facts)

    assert stored_review(library_path).summary == review.summary
    smaller = library.update_facts(review.facts.with_changes(summary="fits"))
    assert smaller.summary == "fits"


def test_full_disk_save_copy_removed(
    library: ReviewLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def small_target(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA max_page_count=2")
        return connection

    monkeypatch.setattr(library_module, "_open_copy_target", small_target)
    destination = tmp_path / "copy.pir"

    with pytest.raises(LibraryError, match=DISK_FULL):
        library.save_copy(destination)

    assert not destination.exists()


def test_full_disk_upgrade_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.pir"
    path.write_bytes((Path(__file__).parent / "fixtures/library-0001.pir").read_bytes())
    before = digest(path)

    def no_space(*_args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(library_module.os, "open", no_space)
    with pytest.raises(LibraryError, match=DISK_FULL):
        ReviewLibrary.open(path)

    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.pir"]


def test_full_disk_export_keeps_old_file(
    library: ReviewLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "review.json"
    target.write_text("previous export\n")

    class FullDisk(io.BytesIO):
        def write(self, _data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def open_full(descriptor: int, *_args: object) -> FullDisk:
        os.close(descriptor)
        return FullDisk()

    monkeypatch.setattr(fileio.os, "fdopen", open_full)
    with pytest.raises(OSError) as caught:
        export_json(library, library.find(REFERENCE), target)
    monkeypatch.undo()

    assert caught.value.errno == errno.ENOSPC
    assert str(target) in str(caught.value)
    assert "disk is full" in str(caught.value)
    assert target.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "review" in p.name) == [
        "review.json"
    ]
