"""Errors of atomic file writes name the file the user chose."""

from pathlib import Path

import pytest

from pir_desktop.fileio import write_atomic


def test_missing_folder_names_target(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "tree.xml"
    with pytest.raises(FileNotFoundError) as caught:
        write_atomic(target, b"<opsa-mef/>")
    message = str(caught.value)
    assert f"writing {target} failed" in message
    assert ".tree.xml." not in message


def test_failed_rename_names_target(tmp_path: Path) -> None:
    target = tmp_path / "tree.xml"
    target.mkdir()
    with pytest.raises(OSError) as caught:
        write_atomic(target, b"<opsa-mef/>")
    message = str(caught.value)
    assert f"writing {target} failed" in message
    assert ".tree.xml." not in message
    assert [p.name for p in tmp_path.iterdir()] == ["tree.xml"]
