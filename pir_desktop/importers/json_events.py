"""Timeline events from the app's JSON: a review document or an event list.

The file may be a whole review document (as `export-json` writes it), an
object with an "events" list, or a bare list of events. Each event is
validated on its own, so one bad event does not stop the others. An event's
original id (or, without one, a hash of the event's JSON) becomes its
source key, and the imported copy gets a new id.
"""

import json
from typing import Any

from pydantic import ValidationError

from ..domain.entities import TimelineEvent
from ..domain.enums import Provenance
from .events import line_key, validation_message
from .json_lines import ItemLines
from .result import CancelCheck, ImportResult, ProgressCallback, RowControl, RowError


def _events_of(data: Any) -> tuple[list[Any], tuple[str, ...]]:
    """Return the event list and the keys that lead to it in the document."""
    if isinstance(data, list):
        return data, ()
    if isinstance(data, dict):
        keys: tuple[str, ...] = (
            ("review", "events") if "review" in data else ("events",)
        )
        inner = data.get("review", data)
        if isinstance(inner, dict) and isinstance(inner.get("events"), list):
            return inner["events"], keys
    raise ValueError(
        'no event list found: expected a review document, {"events": [...]} '
        "or a list of events"
    )


def parse_json_events(
    text: str,
    source_file: str = "",
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult[TimelineEvent]:
    """Parse the events in a JSON text; rows are numbered from 1 in list order.

    A row error gives the line on which the event starts and its number.
    """
    result: ImportResult[TimelineEvent] = ImportResult()
    try:
        items, keys = _events_of(json.loads(text))
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        value = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
        result.errors.append(
            RowError(
                exc.lineno, value, f"invalid JSON at column {exc.colno}: {exc.msg}"
            )
        )
        return result
    except ValueError as exc:
        result.errors.append(RowError(0, text[:80], str(exc), file=source_file))
        return result

    control = RowControl(progress, cancelled)
    lines = ItemLines(text, keys)
    for number, item in enumerate(items, start=1):
        control.step(number - 1, len(items))
        try:
            result.records.append((number, _event(item, source_file, number)))
        except ValidationError as exc:
            message = validation_message(exc)
        except (TypeError, ValueError) as exc:
            message = str(exc)
        else:
            continue
        value = json.dumps(item, ensure_ascii=False)[:200]
        result.errors.append(
            RowError(lines.line(number), value, message, item=f"event {number}")
        )
    control.step(len(items), len(items))
    return result


def _event(item: Any, source_file: str, number: int) -> TimelineEvent:
    if not isinstance(item, dict):
        raise TypeError(f"event is {type(item).__name__}, not an object")
    original = TimelineEvent.model_validate(item)
    return TimelineEvent.model_validate(
        {
            **original.model_dump(exclude={"id", "version"}),
            "provenance": Provenance.IMPORTED,
            "source_file": source_file,
            "source_row": number,
            "source_key": original.source_key or _key(item, original),
        }
    )


def _key(item: dict[str, Any], event: TimelineEvent) -> str:
    """Return the original id as key, or a hash of the event when it has no id."""
    if "id" in item:
        return f"json:{event.id}"
    return line_key("json", json.dumps(item, sort_keys=True, ensure_ascii=False))
