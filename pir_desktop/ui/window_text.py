"""Texts of the main window: its title and save state."""

from pathlib import Path

from ..services import ReviewLibrary

APP_TITLE = "PIR Desktop"
NO_LIBRARY_TEXT = (
    "No library is open.\n\n"
    "Use File → New library… to start one, or File → Open… to open a .pir file."
)


def window_title(library: ReviewLibrary | None) -> str:
    if library is None:
        return APP_TITLE
    title = f"{Path(library.location).name} — {APP_TITLE}"
    return f"{title} [read-only]" if library.read_only else title


def save_state(library: ReviewLibrary | None) -> str:
    if library is None:
        return ""
    if library.read_only:
        return "Read-only: changes cannot be saved"
    return f"All changes saved to {library.location}"
