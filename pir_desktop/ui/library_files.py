"""Choosing, opening and creating library files from the GUI.

The questions to the user go through `confirm` and `choose_path`, so tests
can answer them without a modal dialog.
"""

import logging
import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..services import ReviewLibrary
from ..store import LibraryError

log = logging.getLogger(__name__)

FILE_FILTER = "PIR libraries (*.pir);;All files (*)"
SUFFIX = ".pir"


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes-or-no question; return True for yes."""
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


def choose_path(parent: QWidget | None, title: str, save: bool) -> Path | None:
    """Ask for a library file to open, or a new one to write; None if cancelled."""
    if save:
        name, _ = QFileDialog.getSaveFileName(
            parent,
            title,
            "",
            FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
    else:
        name, _ = QFileDialog.getOpenFileName(parent, title, "", FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if not save or path.suffix else path.with_suffix(SUFFIX)


def is_read_only_file(path: Path) -> bool:
    """Return whether a library file exists but cannot be written here.

    SQLite writes a journal beside the file, so a read-only folder counts too.
    """
    if not path.is_file():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def open_library_file(parent: QWidget | None, path: Path) -> ReviewLibrary | None:
    """Open a library; offer read-only access when the file cannot be written.

    Returns None when the user declines; raises LibraryError otherwise.
    """
    try:
        return ReviewLibrary.open(path)
    except LibraryError:
        if not is_read_only_file(path):
            raise
    question = (
        f"{path} cannot be written here.\n\n"
        "Open it read-only? You can read and export its reviews, but not edit them."
    )
    if not confirm(parent, "Open read-only?", question):
        log.info("Declined to open %s read-only", path)
        return None
    return ReviewLibrary.open(path, read_only=True)
