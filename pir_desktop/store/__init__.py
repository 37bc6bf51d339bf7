"""Storage of review libraries with SQLAlchemy: schema, sessions, migrations."""

from .library import Library, LibraryError, StaleEditError

__all__ = ["Library", "LibraryError", "StaleEditError"]
