"""Timeline events from pasted lines such as `2025-03-30 01:18 UTC blocked the ASN`.

A line starts with a date and time, then a zone, then the description. The
time may be ISO 8601 (`2025-03-30T01:18:00Z`, `...+01:00`) or a date and a
clock time followed by `UTC`, `Z`, an offset such as `+01:00` or an IANA zone
name such as `Europe/London`. A line without a zone is rejected unless the
caller supplies a default zone, because a guessed zone would shift the event.
"""

import re
from datetime import datetime

from pydantic import ValidationError

from ..domain.entities import TimelineEvent
from ..domain.enums import EventKind, Provenance, TimePrecision
from .events import check_zone, line_key, localize_written, validation_message
from .result import CancelCheck, ImportResult, ProgressCallback, RowControl, RowError

LINE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"(?P<attached>Z|[+-]\d{2}:?\d{2})?"
    r"(?:\s+(?P<zone>UTC|GMT|Z|[+-]\d{2}:\d{2}|[A-Za-z]+/[A-Za-z_/+-]+))?"
    r"(?:\s+[-–—:|]?\s*(?P<text>.*))?$"
)


def _zone_name(
    attached: str | None, zone: str | None, default_zone: str | None
) -> str | None:
    if attached:
        if attached == "Z":
            return "UTC"
        digits = attached.replace(":", "")
        return f"{digits[:3]}:{digits[3:]}"
    return zone or default_zone


def parse_line(text: str, default_zone: str | None = None) -> TimelineEvent:
    """Parse one line into an event; raise ValueError saying what is wrong."""
    match = LINE.match(text.strip())
    if match is None:
        raise ValueError(
            "no date and time at the start: "
            "begin the line with a time such as 2025-03-30 01:18 UTC"
        )

    stamp = f"{match['date']} {match['time']}"
    zone = _zone_name(match["attached"], match["zone"], default_zone)
    if zone is None:
        raise ValueError(
            f"time {stamp!r} has no zone: add UTC or an offset such as +01:00"
        )
    description = (match["text"] or "").strip()
    if not description:
        raise ValueError(f"nothing follows the time {stamp!r}: add what happened")

    try:
        local = datetime.fromisoformat(stamp)
    except ValueError as exc:
        raise ValueError(f"invalid date or time {stamp!r}: {exc}") from exc
    # A wall-clock time in a daylight-saving gap or overlap is rejected.
    moment = localize_written(local, zone)

    return TimelineEvent(
        occurred_at=moment,
        zone=zone,
        precision=TimePrecision.EXACT,
        kind=EventKind.OTHER,
        description=description,
        source="pasted",
        provenance=Provenance.IMPORTED,
        source_key=line_key("line", text),
    )


def parse_lines(
    text: str,
    default_zone: str | None = None,
    source_file: str = "",
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult[TimelineEvent]:
    """Parse every non-blank line; collect the events and the per-line errors.

    Each event's source_key is a hash of its line, so pasting the same line
    again matches the event imported before. Raises ValueError for an
    invalid default zone, before reading any line.
    """
    if default_zone:
        check_zone(default_zone, "default zone")
    result: ImportResult[TimelineEvent] = ImportResult()
    control = RowControl(progress, cancelled)
    lines = text.splitlines()
    # The first line number of each source key, to find repeated lines.
    first_lines: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        control.step(number - 1, len(lines))
        if not line.strip():
            continue
        try:
            event = parse_line(line, default_zone).with_changes(
                source_file=source_file, source_row=number
            )
        except ValidationError as exc:
            result.errors.append(RowError(number, line, validation_message(exc)))
            continue
        except ValueError as exc:
            result.errors.append(RowError(number, line, str(exc)))
            continue
        first = first_lines.setdefault(event.source_key, number)
        if first != number:
            message = (
                f"repeats line {first}, so it was skipped: identical lines import "
                "as one event. Make the lines differ to import both"
            )
            result.errors.append(RowError(number, line, message, warning=True))
            continue
        result.records.append((number, event))
    control.step(len(lines), len(lines))
    return result
