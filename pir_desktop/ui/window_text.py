"""Texts of the main window: its title, save state and About box."""

from pathlib import Path

from .. import __version__
from ..paths import resources_dir
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


def about_text() -> str:
    licence = resources_dir() / "fonts" / "LICENSE-DejaVu.txt"
    return (
        f"<h3>{APP_TITLE} {__version__}</h3>"
        "<p>Runs security post-incident reviews from the timeline to sign-off.</p>"
        "<p>PDF reports embed the DejaVu Sans font. DejaVu is covered by the "
        "Bitstream Vera font licence, and the DejaVu changes are in the public "
        f"domain. The licence text is in {licence}.</p>"
    )
