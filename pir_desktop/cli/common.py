"""Helpers shared by the command handlers: opening libraries and picking reviews."""

import logging
from pathlib import Path
from uuid import UUID

from ..services import ReviewLibrary
from ..store import LibraryError

log = logging.getLogger(__name__)

LIBRARY_HELP = "the .pir library file, or a postgresql+psycopg:// database URL"
# Commands that take no library, so --database does not apply to them.
NO_LIBRARY_COMMANDS = {"sample", "schema", "fault-tree"}


def library_location(text: str) -> Path | str:
    """Return a database URL unchanged and anything else as a file path."""
    return text if "://" in text else Path(text)


def open_library(location: Path | str, read_only: bool = True) -> ReviewLibrary:
    """Open a library file, read-only unless asked, or connect to a database URL."""
    if isinstance(location, str):
        return ReviewLibrary.connect(location)
    return ReviewLibrary.open(location, read_only=read_only)


def move_database_option(arguments: list[str]) -> list[str]:
    """Turn `COMMAND ... --database URL ...` into `COMMAND URL ...`."""
    if arguments[0] in NO_LIBRARY_COMMANDS:
        return arguments
    rest = list(arguments)
    for index, argument in enumerate(rest):
        if argument == "--database" and index + 1 < len(rest):
            url = rest[index + 1]
            del rest[index : index + 2]
            return [rest[0], url, *rest[1:]]
        if argument.startswith("--database="):
            del rest[index]
            return [rest[0], argument.partition("=")[2], *rest[1:]]
    return rest


def pick_review(library: ReviewLibrary, reference: str | None) -> UUID:
    """Return the review named by --review, or the only review in the library."""
    if reference:
        return library.find(reference)
    reviews = library.reviews()
    if len(reviews) == 1:
        return reviews[0].id
    known = ", ".join(r.reference for r in reviews) or "none"
    raise LibraryError(
        f"{library.location} contains {len(reviews)} reviews: name one with --review "
        f"(references: {known})"
    )
