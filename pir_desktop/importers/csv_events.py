"""Timeline events from a CSV file, with a saved mapping from columns to fields.

The mapping names the header of each column: time (required), description
(required), and optionally zone, kind, actor and source key. The delimiter
is detected with csv.Sniffer unless the mapping fixes it. The file must be
UTF-8: a line that is not is reported with its bytes, and the other lines
still import. A row without a source-key column gets a key made from a hash
of its cells, so importing the same file again matches the same events.
"""

import csv
import io
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..domain.entities import TimelineEvent
from ..domain.enums import Actor, EventKind
from .events import (
    check_zone,
    imported_event,
    line_key,
    parse_stamp,
    stated_precision,
    validation_message,
)
from .result import CancelCheck, ImportResult, ProgressCallback, RowControl, RowError

DELIMITERS = ",;\t|"
MAPPING_EXAMPLE = '{"time": "Time", "description": "What happened", "zone": "Zone"}'
Choice = TypeVar("Choice", bound=StrEnum)


class ColumnMapping(BaseModel):
    """The CSV column, by header name, of each event field."""

    model_config = ConfigDict(extra="forbid")

    time: str
    description: str
    zone: str = ""
    kind: str = ""
    actor: str = ""
    source_key: str = ""
    default_zone: str = ""
    delimiter: str = ""

    def save(self, path: Path) -> None:
        """Write the mapping as JSON."""
        Path(path).write_text(self.model_dump_json(indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "ColumnMapping":
        """Read a mapping written by save(); raise ValueError naming the file."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise ValueError(
                f"column mapping {path} not found: check the path"
            ) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(
                f"column mapping {path} could not be read as UTF-8 text: {exc}"
            ) from exc
        try:
            return cls.model_validate_json(text)
        except ValidationError as exc:
            raise ValueError(
                f"invalid column mapping {path}: {validation_message(exc)}. "
                f"Write a JSON object such as {MAPPING_EXAMPLE}, with the CSV "
                "column headers as values"
            ) from exc

    @field_validator("default_zone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        if zone:
            check_zone(zone, "default_zone")
        return zone

    def field_columns(self) -> dict[str, str]:
        """Return "column 'HEADER'" by event field, for the mapped columns."""
        fields = {
            "occurred_at": self.time,
            "description": self.description,
            "zone": self.zone,
            "kind": self.kind,
            "actor": self.actor,
            "source_key": self.source_key,
        }
        return {field: f"column {name!r}" for field, name in fields.items() if name}

    def columns(self) -> list[str]:
        named = [self.time, self.description, self.zone, self.kind, self.actor]
        return [name for name in [*named, self.source_key] if name]


def decode_lines(data: bytes, result: ImportResult[TimelineEvent]) -> str:
    """Decode UTF-8 line by line; a line that is not UTF-8 becomes an error.

    The bad line is replaced with an empty line, so later line numbers stay right.
    """
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    decoded: list[str] = []
    for number, raw in enumerate(lines, start=1):
        try:
            decoded.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            result.errors.append(
                RowError(
                    number,
                    repr(raw[max(exc.start - 20, 0) : exc.end + 20]),
                    f"line is not UTF-8 (byte {raw[exc.start]:#04x} at column "
                    f"{exc.start + 1}): save the file as UTF-8 and import it again",
                )
            )
            decoded.append("")
    return "\n".join(decoded)


def detect_delimiter(text: str, mapping: ColumnMapping) -> str:
    """Return the mapping's delimiter, or the one csv.Sniffer finds in the header."""
    if mapping.delimiter:
        return mapping.delimiter
    header = text.lstrip("\n").split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def check_header(header: list[str], delimiter: str, mapping: ColumnMapping) -> None:
    """Raise ValueError naming the missing columns and the delimiter used."""
    missing = [name for name in mapping.columns() if name not in header]
    if not missing:
        return
    hint = ""
    others = [d for d in DELIMITERS if d != delimiter and d in delimiter.join(header)]
    if others:
        hint = f"; the header contains {others[0]!r}, so the delimiter may be wrong"
    raise ValueError(
        f"columns {missing} not found in the header split on {delimiter!r}{hint}: "
        "check the delimiter and the column mapping"
    )


def parse_csv(
    data: bytes,
    mapping: ColumnMapping,
    source_file: str = "",
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult[TimelineEvent]:
    """Parse CSV bytes into events, one per data row, collecting per-row errors.

    Raises ValueError for an invalid default zone, before reading any row.
    """
    if mapping.default_zone:
        check_zone(mapping.default_zone, "default zone")
    result: ImportResult[TimelineEvent] = ImportResult()
    text = decode_lines(data, result)
    delimiter = detect_delimiter(text, mapping)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    reader_lines = _row_lines(text, delimiter)
    numbered = [
        (line, row) for line, row in zip(reader_lines, rows, strict=True) if any(row)
    ]
    if not numbered:
        result.errors.append(RowError(1, "", "the file has no header row"))
        return result

    header_line, header = numbered[0]
    try:
        check_header(header, delimiter, mapping)
    except ValueError as exc:
        text_of_header = delimiter.join(header)
        result.errors.append(RowError(header_line, text_of_header, str(exc)))
        return result

    control = RowControl(progress, cancelled)
    body = numbered[1:]
    # The first line of each source key, to find repeated rows.
    first_lines: dict[str, int] = {}
    for done, (line, row) in enumerate(body):
        control.step(done, len(body))
        event = _parse_row(row, line, header, delimiter, mapping, source_file, result)
        if event is None:
            continue
        first = first_lines.setdefault(event.source_key, line)
        if first != line and not _has_own_key(row, header, mapping):
            result.errors.append(_repeated_row(line, first, delimiter.join(row)))
            continue
        result.records.append((line, event))
    control.step(len(body), len(body))
    return result


def _has_own_key(row: list[str], header: list[str], mapping: ColumnMapping) -> bool:
    """Return True if the row's key comes from its source-key cell, not a hash."""
    if not mapping.source_key:
        return False
    return bool(row[header.index(mapping.source_key)].strip())


def _repeated_row(line: int, first: int, raw: str) -> RowError:
    """Return the warning for a row whose cells repeat those of line `first`.

    Without a source-key cell, a row's key is a hash of its cells, so both
    rows would import as one event.
    """
    return RowError(
        line,
        raw,
        f"repeats line {first}, so it was skipped: identical rows without a "
        "source key import as one event. Add a source-key column to import both",
        warning=True,
    )


def _row_lines(text: str, delimiter: str) -> list[int]:
    """Return the first line number of each CSV record (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts: list[int] = []
    previous_end = 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts


def _parse_row(
    row: list[str],
    line: int,
    header: list[str],
    delimiter: str,
    mapping: ColumnMapping,
    source_file: str,
    result: ImportResult[TimelineEvent],
) -> TimelineEvent | None:
    """Return the row's event, or None after adding its error to `result`."""
    raw = delimiter.join(row)
    if len(row) != len(header):
        result.errors.append(
            RowError(
                line,
                raw,
                f"expected {len(header)} fields split on {delimiter!r}, found "
                f"{len(row)}: the row may use another delimiter or lack quotes",
            )
        )
        return None
    cells = dict(zip(header, row, strict=True))
    try:
        return _event(cells, mapping, source_file, line, raw)
    except ValidationError as exc:
        message = validation_message(exc, mapping.field_columns())
        result.errors.append(RowError(line, raw, message))
    except ValueError as exc:
        result.errors.append(RowError(line, raw, str(exc)))
    return None


def _event(
    cells: dict[str, str], mapping: ColumnMapping, source_file: str, line: int, raw: str
) -> TimelineEvent:
    zone = cells.get(mapping.zone, "").strip() if mapping.zone else ""
    stamp = cells[mapping.time]
    moment, zone = parse_stamp(stamp, zone or mapping.default_zone)
    key = cells.get(mapping.source_key, "").strip() if mapping.source_key else ""
    return imported_event(
        moment,
        cells[mapping.description],
        zone=zone,
        kind=_choice(EventKind, cells.get(mapping.kind, ""), EventKind.OTHER)
        or EventKind.OTHER,
        actor=_choice(Actor, cells.get(mapping.actor, ""), None),
        source=f"CSV {source_file}".strip(),
        source_file=source_file,
        source_row=line,
        source_key=f"csv:{key}" if key else line_key("csv", raw),
        precision=stated_precision(stamp),
    )


def _choice(enum: type[Choice], text: str, default: Choice | None) -> Choice | None:
    """Return the enum member whose value or label matches text, else default."""
    value = text.strip().lower().replace(" ", "_")
    if not value:
        return default
    try:
        return enum(value)
    except ValueError as exc:
        known = ", ".join(str(m) for m in enum)
        raise ValueError(
            f"unknown {enum.__name__} {text!r}: use one of {known}"
        ) from exc
