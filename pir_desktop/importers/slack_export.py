"""Timeline events from a Slack workspace export, as a zip file or a folder.

An export contains users.json and one folder per channel with one JSON file per
day (`general/2024-05-01.json`), each a list of messages. A message's
source_key is its channel and ts, which Slack keeps when a message is
edited, so importing a later export updates the edited message's event.

Message text is Slack's markup: `<@U123>` mentions become the user's name,
`<#C123|name>` channel links become `#name`, `<url|label>` links become
`label (url)`, and the entities &lt; &gt; &amp; are unescaped exactly once.
A message without text imports the text of its rich text blocks, else of
its attachments, as alerting bots post it. The names of shared files follow
the text, and a file that a free plan hides is still listed as a file. A
message with no content at all is skipped with a warning. Without
users.json the messages still import, showing user ids.
"""

import json
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..domain.entities import TimelineEvent
from ..domain.enums import Actor, EventKind
from .events import (
    imported_fields,
    nested_object,
    validate_events,
    validation_message,
)
from .json_lines import ItemLines
from .result import CancelCheck, ImportResult, ProgressCallback, RowControl, RowError

# Channel-day files are named like 2024-05-01.json inside a channel folder.
DAY_FILE = re.compile(r"^(?P<channel>[^/]+)/\d{4}-\d{2}-\d{2}\.json$")
# Files that only an export's root folder contains.
ROOT_FILES = {"users.json", "channels.json"}
# The folder of file metadata that macOS's "Compress" adds to a zip.
MACOS_METADATA = "__MACOSX"
EXPECTED_LAYOUT = "one folder per channel with YYYY-MM-DD.json files"
MARKUP = re.compile(r"<([^<>]*)>")
# Subtypes that record channel housekeeping rather than incident activity.
SKIPPED_SUBTYPES = {"channel_join", "channel_leave", "channel_purpose", "channel_topic"}
# The fields of a shared file that name it, in order of preference.
FILE_NAME = ("title", "name")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Rejected messages are shown with their JSON cut to this many characters.
EXCERPT_LENGTH = 200


@dataclass(frozen=True)
class SlackFile:
    """One JSON file of the export: its path inside the export and its bytes."""

    name: str
    data: bytes


def read_export(path: Path) -> list[SlackFile]:
    """Return every JSON file of an export zip or folder, sorted by name."""
    path = Path(path)
    if not path.exists():
        raise ValueError(
            f"{path} not found: choose the Slack export zip or its unpacked folder"
        )
    if path.is_dir():
        files = [
            SlackFile(p.relative_to(path).as_posix(), p.read_bytes())
            for p in path.rglob("*.json")
        ]
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                files = [
                    SlackFile(name.lstrip("/"), archive.read(name))
                    for name in archive.namelist()
                    if name.endswith(".json")
                ]
        except zipfile.BadZipFile as exc:
            raise ValueError(
                f"{path} is neither a folder nor a zip file: choose the Slack "
                "export zip or its unpacked folder"
            ) from exc
    return sorted(files, key=lambda f: f.name)


def export_root(files: list[SlackFile], path: Path) -> list[SlackFile]:
    """Return the files of the export, named relative to the export's root.

    The root is the folder that contains users.json, channels.json or
    channel-day files. Zipping the export folder, or choosing its parent
    folder, puts the export one level down, so a single top-level folder
    with those files becomes the root. Files outside it are dropped.
    Raises ValueError naming `path` when no channel-day file is found.
    """
    if not any(_marks_root(f.name) for f in files):
        folders = sorted(
            {
                folder
                for folder, _, rest in (f.name.partition("/") for f in files)
                if folder != MACOS_METADATA and _marks_root(rest)
            }
        )
        if len(folders) > 1:
            raise ValueError(
                f"{path} contains several Slack exports ({', '.join(folders)}): "
                "choose one of these folders"
            )
        if folders:
            prefix = folders[0] + "/"
            files = [
                SlackFile(f.name.removeprefix(prefix), f.data)
                for f in files
                if f.name.startswith(prefix)
            ]
    if not any(DAY_FILE.match(f.name) for f in files):
        found = "no JSON files" if not files else "no channel-day files"
        raise ValueError(
            f"{path} is not a Slack export because it contains {found}: choose "
            f"the folder or zip that contains users.json and {EXPECTED_LAYOUT}"
        )
    return files


def _marks_root(name: str) -> bool:
    """Return True for users.json, channels.json or a channel-day file."""
    return name in ROOT_FILES or DAY_FILE.match(name) is not None


def user_names(data: Any) -> dict[str, str]:
    """Return display names by user id from users.json's list of users."""
    names: dict[str, str] = {}
    for user in data if isinstance(data, list) else []:
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            continue
        profile = user.get("profile")
        if not isinstance(profile, dict):
            profile = {}
        name = (
            profile.get("real_name")
            or user.get("real_name")
            or profile.get("display_name")
            or user.get("name")
            or user["id"]
        )
        names[user["id"]] = str(name)
    return names


class SlackMarkup:
    """Converter from Slack markup to plain text, using one export's user names.

    Each distinct markup token, such as a mention, is converted once.
    """

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.tokens: dict[str, str] = {}

    def plain(self, text: str) -> str:
        """Convert Slack markup to plain text and unescape its entities once."""
        # Most messages contain no markup or no entity, so each step runs
        # only when its first character occurs.
        plain = MARKUP.sub(self._token, text) if "<" in text else text
        if "&" not in plain:
            return plain
        # &amp; is replaced last, so "&amp;lt;" becomes "&lt;" and not "<".
        return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

    def _token(self, match: re.Match[str]) -> str:
        inner = match.group(1)
        try:
            return self.tokens[inner]
        except KeyError:
            self.tokens[inner] = text = self._convert(inner)
            return text

    def _convert(self, inner: str) -> str:
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (self.names.get(target[1:]) or label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^")[0])
        return f"{label} ({target})" if label and label != target else target


def slack_text(text: str, names: dict[str, str]) -> str:
    """Convert Slack markup to plain text and unescape its entities once."""
    return SlackMarkup(names).plain(text)


def slack_time(ts: str) -> datetime:
    """Convert a Slack ts ("1714557600.000200") to a UTC datetime.

    Raises ValueError for a ts that is not a number of seconds or lies
    outside the years 1 to 9999.
    """
    seconds, _, fraction = ts.partition(".")
    if not (seconds.isdecimal() and (fraction.isdecimal() or not fraction)):
        raise ValueError(
            f"Slack ts {ts!r} is not a number of seconds such as 1714557600.000100"
        )
    micros = int(fraction[:6].ljust(6, "0")) if fraction else 0
    try:
        return EPOCH + timedelta(0, int(seconds), micros)
    except OverflowError as exc:
        raise ValueError(
            f"Slack ts {ts!r} is out of range: it must lie in the years 1 to 9999"
        ) from exc


def parse_slack_export(
    path: Path,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult[TimelineEvent]:
    """Parse every channel message of an export into events.

    Records are numbered 1, 2, ... across all files in name order; errors
    name the channel-day file and the message's position in it.
    """
    files = export_root(read_export(path), path)
    return parse_slack_files(files, Path(path).name, progress, cancelled)


def parse_slack_files(
    files: list[SlackFile],
    export_name: str = "",
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult[TimelineEvent]:
    """Parse the files of an export; see parse_slack_export."""
    result: ImportResult[TimelineEvent] = ImportResult()
    markup = SlackMarkup(_load_users(files, result))
    days = [f for f in files if DAY_FILE.match(f.name)]
    control = RowControl(progress, cancelled)
    row = 0
    for done, day in enumerate(days):
        control.step(done, len(days))
        messages, lines = _load_day(day, result)
        channel = DAY_FILE.match(day.name)["channel"]  # type: ignore[index]
        _add_day(messages, lines, channel, day.name, row, markup, result)
        row += len(messages)
    control.step(len(days), len(days))
    return result


def _load_users(files: list[SlackFile], result: ImportResult[Any]) -> dict[str, str]:
    users = next((f for f in files if f.name.rsplit("/", 1)[-1] == "users.json"), None)
    if users is None:
        message = (
            "not found, so messages show user ids instead of names: "
            "export again with users.json to get names"
        )
        result.errors.append(RowError(0, "", message, "users.json", warning=True))
        return {}
    try:
        return user_names(json.loads(users.data.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        message = (
            f"not valid UTF-8 JSON ({exc}), so messages show user "
            "ids instead of names: export again to get names"
        )
        result.errors.append(RowError(0, "", message, users.name, warning=True))
        return {}


# The item lines of a file that has no messages.
NO_LINES = ItemLines("[]")


def _load_day(day: SlackFile, result: ImportResult[Any]) -> tuple[list[Any], ItemLines]:
    """Return the messages of a channel-day file and their lines in its text."""
    try:
        text = day.data.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        message = (
            f"file is not UTF-8 (byte {day.data[exc.start]:#04x} at offset "
            f"{exc.start}): Slack writes UTF-8, so export the workspace again"
        )
        result.errors.append(RowError(0, "", message, file=day.name))
        return [], NO_LINES
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        value = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
        message = f"invalid JSON at column {exc.colno}: {exc.msg}"
        result.errors.append(RowError(exc.lineno, value, message, file=day.name))
        return [], NO_LINES
    if not isinstance(data, list):
        result.errors.append(
            RowError(0, "", "expected a list of messages", file=day.name)
        )
        return [], NO_LINES
    return data, ItemLines(text)


def _add_day(
    messages: list[Any],
    lines: ItemLines,
    channel: str,
    file_name: str,
    rows_before: int,
    markup: SlackMarkup,
    result: ImportResult[TimelineEvent],
) -> None:
    """Add the events and errors of one channel-day file, in message order."""
    # The fields that every message of the file shares.
    shared = imported_fields(
        EPOCH,
        "",
        zone="UTC",
        kind=EventKind.COMMUNICATION,
        source=f"Slack #{channel}",
        source_file=file_name,
    )
    key_prefix = f"slack:{channel}:"
    # Rejected and empty messages with their positions and whether the
    # error is a warning, to report them in file order.
    rejected: list[tuple[int, str, bool]] = []
    fields: list[dict[str, Any]] = []
    for position, message in enumerate(messages, start=1):
        try:
            item = _message_fields(message, position, shared, key_prefix, markup)
        except EmptyMessage as exc:
            # An empty message records nothing, so it does not fail the import.
            rejected.append((position, str(exc), True))
            continue
        except (KeyError, TypeError, ValueError) as exc:
            rejected.append((position, _describe(exc), False))
            continue
        if item is not None:
            fields.append(item)

    records = result.records
    for item, event in zip(fields, validate_events(fields), strict=True):
        position = item["source_row"]
        if isinstance(event, ValidationError):
            rejected.append((position, validation_message(event), False))
        else:
            records.append((rows_before + position, event))
    for position, reason, warning in sorted(rejected):
        result.errors.append(
            RowError(
                lines.line(position),
                _excerpt(messages[position - 1]),
                reason,
                file_name,
                item=f"message {position}",
                warning=warning,
            )
        )


def _excerpt(message: Any) -> str:
    return json.dumps(message, ensure_ascii=False)[:EXCERPT_LENGTH]


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"message has no {exc.args[0]!r} field"
    return str(exc)


class EmptyMessage(ValueError):
    """Raised for a message with no text, rich text, attachment or file."""


def _content(message: dict[str, Any], markup: SlackMarkup) -> str:
    """Return the text of a message, followed by the names of its files.

    A message without text takes the text of its rich text blocks, else of
    its attachments, as alerting bots post them. A file share without a
    comment becomes "Shared file: NAME". Raises EmptyMessage for a message
    with none of these, and TypeError for a text that is not a string or
    for attachments or files that are not a list of objects.
    """
    text = message.get("text")
    if text is not None and not isinstance(text, str):
        raise TypeError(f"text is {type(text).__name__}, not a string")
    content = markup.plain(text).strip() if text else ""
    if not content and "blocks" in message:
        content = _blocks_text(message["blocks"], markup.names)
    if not content and "attachments" in message:
        content = "; ".join(
            part
            for attachment in _objects(message, "attachments")
            if (part := _attachment_text(attachment, markup))
        )
    if "files" in message:
        content = _with_files(content, _objects(message, "files"))
    if not content:
        raise EmptyMessage(
            "message has no text, rich text, attachment or file, so it was not imported"
        )
    return content


def _attachment_text(attachment: dict[str, Any], markup: SlackMarkup) -> str:
    """Return an attachment's title, its text and its fields as one line.

    The fields are shown as "(host: db1, env: prod)". A missing text is
    replaced by the fallback, or else the pretext, unless it repeats the title.
    """
    title = _first_text(attachment, ("title",)).strip()
    body = _first_text(attachment, ("text", "fallback", "pretext")).strip()
    parts = [markup.plain(part) for part in (title, body) if part]
    if len(parts) == 2 and parts[0] == parts[1]:
        parts.pop()
    fields = attachment.get("fields")
    pairs = [
        pair
        for field in (fields if isinstance(fields, list) else [])
        if isinstance(field, dict) and (pair := _field_text(field, markup))
    ]
    line = ": ".join(parts)
    if pairs:
        joined = ", ".join(pairs)
        line = f"{line} ({joined})" if line else joined
    return line


def _field_text(field: dict[str, Any], markup: SlackMarkup) -> str:
    """Return an attachment field as "title: value", or "" without a value."""
    value = _first_text(field, ("value",)).strip()
    if not value:
        return ""
    title = _first_text(field, ("title",)).strip()
    text = markup.plain(value)
    return f"{markup.plain(title)}: {text}" if title else text


# Phrases for shared files that Slack exports without a name, by the file's
# mode, for one file and for several.
UNNAMED_FILES = {
    "hidden_by_limit": (
        "a file that the workspace's plan hides",
        "{} files that the workspace's plan hides",
    ),
    "tombstone": ("a deleted file", "{} deleted files"),
}
UNNAMED_FILE = ("a file without a name", "{} files without a name")


def _with_files(content: str, files: list[dict[str, Any]]) -> str:
    """Return `content` followed by the files that the message shares.

    Slack exports a file that a free plan hides, or that was deleted, with
    only its id and its mode, so such files are counted by mode.
    """
    if not files:
        return content
    named: list[str] = []
    unnamed: dict[tuple[str, str], int] = {}
    for shared in files:
        name = _first_text(shared, FILE_NAME)
        if name:
            named.append(name.strip())
            continue
        mode = shared.get("mode")
        phrases = UNNAMED_FILES.get(mode if isinstance(mode, str) else "")
        phrases = phrases or UNNAMED_FILE
        unnamed[phrases] = unnamed.get(phrases, 0) + 1
    others = [
        one if count == 1 else several.format(count)
        for (one, several), count in unnamed.items()
    ]
    if named:
        label = "file" if len(files) == 1 else "files"
        listed = f"{label}: {', '.join(named + others)}"
    else:
        # Such as "a file that the workspace's plan hides", after "Shared".
        listed = ", ".join(others)
    if content:
        return f"{content} — shared {listed}"
    return f"Shared {listed}"


def _blocks_text(blocks: Any, names: dict[str, str]) -> str:
    """Return the text of a message's rich text blocks, one line per section.

    Elements of an unknown type, and values of an unexpected type, add
    nothing, so a block that Slack adds later cannot reject the message.
    """
    pieces: list[str] = []
    _add_rich_text(blocks, names, pieces)
    lines = (line.strip() for line in "".join(pieces).splitlines())
    return "\n".join(line for line in lines if line)


def _add_rich_text(elements: Any, names: dict[str, str], pieces: list[str]) -> None:
    """Append the text pieces of a list of blocks or rich text elements."""
    if not isinstance(elements, list):
        return
    for element in elements:
        if not isinstance(element, dict):
            continue
        if "elements" in element:
            # A rich_text block, or a section, list, quote or preformatted
            # part of one. Each of these ends a line.
            _add_rich_text(element["elements"], names, pieces)
            pieces.append("\n")
        else:
            pieces.append(_rich_text_piece(element, names))


def _rich_text_piece(element: dict[str, Any], names: dict[str, str]) -> str:
    """Return the text of one rich text element, or "" for an unknown type."""
    kind = element.get("type")
    if not isinstance(kind, str):
        return ""
    value = element.get(RICH_TEXT_FIELDS.get(kind, ""))
    if not isinstance(value, str):
        return ""
    if kind == "text" or kind == "date":
        return value
    if kind == "link":
        label = element.get("text")
        if isinstance(label, str) and label and label != value:
            return f"{label} ({value})"
        return value
    if kind == "user":
        return "@" + names.get(value, value)
    if kind == "emoji":
        return f":{value}:"
    if kind == "channel":
        return "#" + value
    return "@" + value


# The field that contains the text of each known rich text element type. A date
# element's fallback is its date as text.
RICH_TEXT_FIELDS = {
    "text": "text",
    "link": "url",
    "user": "user_id",
    "emoji": "name",
    "channel": "channel_id",
    "usergroup": "usergroup_id",
    "broadcast": "range",
    "date": "fallback",
}


def _objects(message: dict[str, Any], field: str) -> list[dict[str, Any]]:
    """Return the list of objects in `field`, or [] when the field is missing.

    Raises TypeError naming the field when it is not a list of objects.
    """
    value = message.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise TypeError(f"{field} is {type(value).__name__}, not a list")
    for index, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            kind = type(item).__name__
            raise TypeError(f"{field} item {index} is {kind}, not an object")
    return value


def _first_text(item: dict[str, Any], fields: tuple[str, ...]) -> str:
    """Return the first of `fields` whose value is a string with content, or ""."""
    for field in fields:
        value = item.get(field)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _thread_note(thread: str) -> str:
    """Return the time note of a reply: when its thread started, and the ts.

    The ts identifies the thread's first message in Slack. A ts that is not
    a time is shown alone, because the reply itself is still valid.
    """
    try:
        started = slack_time(thread)
    except ValueError:
        return f"Reply in the thread started at Slack ts {thread}"
    return (
        f"Reply in the thread started at {started:%Y-%m-%d %H:%M:%S} UTC "
        f"(Slack ts {thread})"
    )


def _message_fields(
    message: Any,
    position: int,
    shared: dict[str, Any],
    key_prefix: str,
    markup: SlackMarkup,
) -> dict[str, Any] | None:
    """Return the event fields of a message, or None for a SKIPPED_SUBTYPES one.

    `shared` contains the fields that every message of the day file has, and
    the message's source_key is `key_prefix` followed by its ts.
    """
    if not isinstance(message, dict):
        raise TypeError("message is not an object")
    get = message.get
    subtype = get("subtype")
    if subtype in SKIPPED_SUBTYPES:
        return None
    ts = str(message["ts"])
    text = _content(message, markup)

    if subtype == "bot_message" or "bot_id" in message:
        author = get("username") or nested_object(message, "bot_profile").get(
            "name", "bot"
        )
        # A person's side is not in the export, so only bots get an actor.
        actor = Actor.SYSTEM
    else:
        user = str(get("user", ""))
        author = markup.names.get(user, user) or "unknown user"
        actor = None
    thread = get("thread_ts")
    note = _thread_note(str(thread)) if thread and thread != ts else ""
    return {
        **shared,
        "occurred_at": slack_time(ts),
        "description": f"{author}: {text}",
        "actor": actor,
        "actor_role": author,
        "time_note": note,
        "source_row": position,
        "source_key": key_prefix + ts,
    }
