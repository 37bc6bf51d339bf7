"""Timeline events from PagerDuty incident log entries (REST API v2 JSON).

The file is the response of GET /incidents/{id}/log_entries, an object with
a "log_entries" list, or the bare list, in any order. Each entry needs an
id, a type, and a created_at with a zone. Its summary (or its channel's
summary) becomes the description, and its agent the actor. The entry id is
the source key, so importing a later download adds only the new entries.
"""

import json
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from ..domain.entities import TimelineEvent
from ..domain.enums import Actor, EventKind
from .events import imported_event, nested_object, validation_message
from .json_lines import ItemLines
from .result import CancelCheck, ImportResult, ProgressCallback, RowControl, RowError

# Log entry type (without the "_log_entry" suffix) -> event kind.
ENTRY_KINDS = {
    "trigger": EventKind.ALERT,
    "acknowledge": EventKind.ACTION,
    "unacknowledge": EventKind.ACTION,
    "escalate": EventKind.ESCALATION,
    "assign": EventKind.ESCALATION,
    "delegate": EventKind.ESCALATION,
    "reach_trigger_limit": EventKind.ESCALATION,
    "notify": EventKind.COMMUNICATION,
    "annotate": EventKind.COMMUNICATION,
    "resolve": EventKind.ACTION,
}
# Agent reference types for people; other agents are services or integrations.
PERSON_AGENTS = {"user", "user_reference"}


def parse_pagerduty(
    text: str,
    source_file: str = "",
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult[TimelineEvent]:
    """Parse log entries into events; rows are numbered in file order from 1.

    A row error gives the line on which the entry starts and its number.
    """
    result: ImportResult[TimelineEvent] = ImportResult()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        value = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
        message = f"invalid JSON at column {exc.colno}: {exc.msg}"
        result.errors.append(RowError(exc.lineno, value, message))
        return result
    entries = data.get("log_entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        message = 'expected a list of log entries or {"log_entries": [...]}'
        result.errors.append(RowError(0, text[:80], message, file=source_file))
        return result

    control = RowControl(progress, cancelled)
    lines = ItemLines(text, ("log_entries",) if isinstance(data, dict) else ())
    for number, entry in enumerate(entries, start=1):
        control.step(number - 1, len(entries))
        try:
            event = _event(entry, source_file, number)
        except ValidationError as exc:
            message = validation_message(exc)
        except KeyError as exc:
            message = f"log entry has no {exc.args[0]!r} field"
        except (TypeError, ValueError) as exc:
            message = str(exc)
        else:
            result.records.append((number, event))
            continue
        value = json.dumps(entry, ensure_ascii=False)[:200]
        item = f"log entry {number}"
        result.errors.append(RowError(lines.line(number), value, message, item=item))
    control.step(len(entries), len(entries))
    return result


def _event(entry: Any, source_file: str, number: int) -> TimelineEvent:
    if not isinstance(entry, dict):
        raise TypeError(f"log entry is {type(entry).__name__}, not an object")
    entry_type = (
        str(entry["type"]).removesuffix("_reference").removesuffix("_log_entry")
    )
    created = str(entry["created_at"])
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(
            f"created_at {created!r} is not an ISO 8601 time such as "
            "2024-05-01T10:00:00Z: correct it or download the log entries again"
        ) from exc
    if moment.tzinfo is None:
        raise ValueError(f"created_at {created!r} has no zone: PagerDuty sends one")
    channel = nested_object(entry, "channel")
    agent = nested_object(entry, "agent")
    description = entry.get("summary") or channel.get("summary") or entry_type
    agent_name = agent.get("summary") or agent.get("name") or ""
    actor = None
    if agent:
        is_person = agent.get("type") in PERSON_AGENTS
        actor = Actor.DEFENDER if is_person else Actor.SYSTEM
    return imported_event(
        moment,
        description,
        kind=ENTRY_KINDS.get(entry_type, EventKind.OTHER),
        actor=actor,
        actor_role=agent_name,
        source="PagerDuty",
        source_file=source_file,
        source_row=number,
        source_key=f"pagerduty:{entry['id']}",
    )
