"""Use cases shared by the GUI, the command line and the tests."""

from ..store.records import TimelineHead
from .library_service import Deletion, ReviewLibrary

__all__ = ["Deletion", "ReviewLibrary", "TimelineHead"]
