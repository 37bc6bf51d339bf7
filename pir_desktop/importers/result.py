"""The outcome of an import: the records that parsed and the rows that did not."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Record = TypeVar("Record")

# progress(done, total) receives the rows read so far and the row count.
ProgressCallback = Callable[[int, int], None]
# cancelled() returns True once the user has asked to stop the import.
CancelCheck = Callable[[], bool]


class ImportCancelled(Exception):
    """Raised between rows when the caller's cancelled() predicate returns True."""


@dataclass(frozen=True)
class RowError:
    """A row that was not imported: its line number, its text and why.

    `file` names the file inside a multi-file source, such as a Slack
    export's channel-day file. Line 0 means the whole file. `item` names
    the row's place in a JSON array, such as "message 6", because a JSON
    file's line does not number its items. A warning rejects nothing: it
    reports a problem that the import worked around, such as a missing
    users.json, or a row it skipped as a repeat.
    """

    line: int
    text: str
    message: str
    file: str = ""
    item: str = ""
    warning: bool = False

    @property
    def location(self) -> str:
        """Return where the row is, such as "line 4" or "a.json line 7 (event 6)"."""
        where = f"line {self.line}" if self.line else ""
        if self.item:
            where = f"{where} ({self.item})" if where else self.item
        if self.file:
            where = f"{self.file} {where}" if where else self.file
        return where or "whole file"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def report_line(self) -> str:
        """Return the location, the rejected value and the message on one line.

        A warning starts with "warning:" and shows its value only if it has one.
        """
        if not self.warning:
            return f"{self.location}: {self.text!r}: {self.message}"
        value = f" {self.text!r}:" if self.text else ""
        return f"warning: {self.location}:{value} {self.message}"


def rejected(errors: list[RowError]) -> list[RowError]:
    """Return the errors that rejected a row, leaving out the warnings."""
    return [error for error in errors if not error.warning]


@dataclass
class ImportResult(Generic[Record]):
    """Records keyed by the line they came from, and the rows rejected."""

    records: list[tuple[int, Record]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class RowControl:
    """The caller's progress callback and cancel predicate, used between rows."""

    progress: ProgressCallback | None = None
    cancelled: CancelCheck | None = None

    def step(self, done: int, total: int) -> None:
        """Report progress; raise ImportCancelled if the caller has cancelled."""
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled(f"import cancelled after {done} of {total} rows")
        if self.progress is not None:
            self.progress(done, total)
