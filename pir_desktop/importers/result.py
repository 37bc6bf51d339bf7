"""The outcome of an import: the records that parsed and the rows that did not."""

from dataclasses import dataclass, field
from typing import Generic, TypeVar

Record = TypeVar("Record")


@dataclass(frozen=True)
class RowError:
    """A row that was not imported: its line number, its text and why."""

    line: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ImportResult(Generic[Record]):
    """Records keyed by the line they came from, and the rows rejected."""

    records: list[tuple[int, Record]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
