"""Row errors of the importers: where the row is and which field is wrong."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_desktop.importers.csv_events import ColumnMapping, parse_csv
from pir_desktop.importers.json_events import parse_json_events
from pir_desktop.importers.json_lines import ItemLines, item_lines
from pir_desktop.importers.pagerduty import parse_pagerduty
from pir_desktop.importers.pasted_lines import parse_lines
from pir_desktop.importers.result import RowError
from pir_desktop.importers.slack_export import (
    SlackFile,
    parse_slack_export,
    parse_slack_files,
    slack_time,
)


@pytest.mark.parametrize(
    ("error", "location"),
    [
        (RowError(4, "", ""), "line 4"),
        (RowError(7, "", "", file="a/2024-05-01.json"), "a/2024-05-01.json line 7"),
        (RowError(3, "", "", item="event 2"), "line 3 (event 2)"),
        (RowError(0, "", "", item="event 2"), "event 2"),
        (RowError(0, "", "", file="users.json"), "users.json"),
        (RowError(0, "", ""), "whole file"),
    ],
)
def test_row_error_location(error: RowError, location: str) -> None:
    assert error.location == location


def test_item_lines_of_bare_list() -> None:
    text = '[\n {"a": 1},\n\n {"b": [1,\n 2]}, "x",\n 3\n]'
    assert item_lines(text) == [2, 4, 5, 6]


def test_item_lines_follow_keys() -> None:
    document = {
        "format": "pir",
        "review": {"title": "events: [", "events": [{"a": 1}, {"b": 2}]},
    }
    text = json.dumps(document, indent=2)
    lines = text.splitlines()
    expected = [n for n, line in enumerate(lines, start=1) if line == "      {"]
    assert item_lines(text, ("review", "events")) == expected


def test_item_lines_last_duplicate_key() -> None:
    text = '{"events": [1],\n"events": [\n2, 3]}'
    assert json.loads(text)["events"] == [2, 3]
    assert item_lines(text, ("events",)) == [3, 3]


@pytest.mark.parametrize(
    ("text", "keys"),
    [("{}", ("events",)), ('{"events": 5}', ("events",)), ("[1,", ()), ("", ())],
)
def test_item_lines_invalid_path(text: str, keys: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        item_lines(text, keys)
    assert ItemLines(text, keys).line(1) == 0


def test_json_errors_give_file_line_and_field() -> None:
    text = (
        '{"events":[\n'
        ' {"occurred_at":"2024-05-01T10:00:00Z","description":"ok"},\n'
        ' {"occurred_at":"2024-05-01T10:00:00","description":"naive"},\n'
        ' {"description":"no time"},\n'
        ' {"occurred_at":"2024-05-01T10:00:00Z","description":"x","foo":1}\n'
        "]}"
    )
    result = parse_json_events(text, "ev.json")
    assert [row for row, _ in result.records] == [1]
    assert [str(error) for error in result.errors] == [
        "line 3 (event 2): occurred_at: Input should have timezone info",
        "line 4 (event 3): occurred_at: Field required",
        "line 5 (event 4): foo: Extra inputs are not permitted",
    ]


def test_json_without_event_list_names_file() -> None:
    [error] = parse_json_events('{"title": "x"}', "ev.json").errors
    assert error.location == "ev.json"
    assert "no event list found" in error.message


def test_json_review_document_lines() -> None:
    document = {
        "review": {
            "events": [
                {"occurred_at": "2024-05-01T10:00:00Z", "description": "ok"},
                {"occurred_at": "2024-05-01T10:00:00Z", "description": ""},
            ]
        }
    }
    text = json.dumps(document, indent=1)
    [error] = parse_json_events(text).errors
    assert error.line == text.splitlines().index("   {", 4) + 1
    assert error.item == "event 2"
    assert error.message == "description: must not be empty"


def test_pagerduty_errors_give_file_line() -> None:
    entries = [
        {"id": "R1", "type": "trigger", "created_at": "2024-05-01T10:00:00Z"},
        {"id": "R2", "type": "trigger", "created_at": "2024-05-01T10:00:00"},
    ]
    text = json.dumps({"log_entries": entries}, indent=1)
    [error] = parse_pagerduty(text).errors
    assert error.line == 8
    assert error.location == "line 8 (log entry 2)"


def test_csv_empty_description_names_column() -> None:
    mapping = ColumnMapping(time="time", description="what", default_zone="UTC")
    data = b"time,what\n2024-05-01 10:00,first\n2024-05-01 10:01,\n"
    result = parse_csv(data, mapping, "a.csv")
    assert len(result.records) == 1
    [error] = result.errors
    assert error.line == 3
    assert error.text == "2024-05-01 10:01,"
    assert error.message == "column 'what': must not be empty"


OVERLAP_MESSAGE = (
    "2024-10-27 01:30 occurs twice in Europe/London, once for each UTC offset: "
    "write the offset to choose one, such as 2024-10-27 01:30+01:00 (BST) or "
    "01:30+00:00 (GMT)"
)


def test_csv_overlap_asks_for_offset() -> None:
    mapping = ColumnMapping(time="time", description="what", zone="zone")
    data = (
        b"time,what,zone\n"
        b"2024-10-27 01:30,overlap,Europe/London\n"
        b"2024-10-27 01:30+01:00,earlier,Europe/London\n"
        b"2024-10-27 01:30+00:00,later,Europe/London\n"
    )
    result = parse_csv(data, mapping)
    [error] = result.errors
    assert error.line == 2
    assert error.message == OVERLAP_MESSAGE
    assert "fold" not in error.message
    moments = [event.occurred_at.astimezone(UTC) for _, event in result.records]
    assert moments == [
        datetime(2024, 10, 27, 0, 30, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
    ]


def test_pasted_overlap_asks_for_offset() -> None:
    text = (
        "2024-10-27 01:30 ambiguous\n"
        "2024-10-27 01:30+01:00 earlier\n"
        "2024-10-27 01:30+00:00 later\n"
    )
    result = parse_lines(text, "Europe/London")
    [error] = result.errors
    assert error.line == 1
    assert error.message == OVERLAP_MESSAGE
    moments = [event.occurred_at.astimezone(UTC) for _, event in result.records]
    assert moments == [
        datetime(2024, 10, 27, 0, 30, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
    ]


def test_invalid_default_zone_raises_once() -> None:
    mapping = ColumnMapping(time="time", description="what")
    mapping = mapping.model_copy(update={"default_zone": "Mars/Base"})
    data = b"time,what\n2024-05-01 10:00,first\n2024-05-01 10:01,second\n"
    with pytest.raises(ValueError, match="invalid default zone 'Mars/Base'"):
        parse_csv(data, mapping)
    with pytest.raises(ValueError, match="invalid default zone 'Mars/Base'"):
        parse_lines("2024-05-01 10:00 first\n", "Mars/Base")


def test_mapping_rejects_invalid_default_zone() -> None:
    with pytest.raises(ValueError, match="invalid default_zone 'Mars/Base'"):
        ColumnMapping(time="time", description="what", default_zone="Mars/Base")


def test_csv_identical_rows_warned() -> None:
    mapping = ColumnMapping(time="time", description="what", default_zone="UTC")
    data = (
        b"time,what\n"
        b"2024-05-01 10:00,disk full alert\n"
        b"2024-05-01 10:00,disk full alert\n"
        b"2024-05-01 10:01,other\n"
    )
    result = parse_csv(data, mapping)
    assert [line for line, _ in result.records] == [2, 4]
    [warning] = result.errors
    assert warning.warning
    assert warning.line == 3
    assert warning.text == "2024-05-01 10:00,disk full alert"
    assert warning.message.startswith("repeats line 2, so it was skipped")
    assert warning.report_line().startswith("warning: line 3: ")


def test_csv_rows_with_own_keys_kept() -> None:
    mapping = ColumnMapping(
        time="time", description="what", source_key="ref", default_zone="UTC"
    )
    data = (
        b"time,what,ref\n"
        b"2024-05-01 10:00,alert,A1\n"
        b"2024-05-01 10:00,alert,A2\n"
        b"2024-05-01 10:00,alert,\n"
        b"2024-05-01 10:00,alert,\n"
    )
    result = parse_csv(data, mapping)
    assert [line for line, _ in result.records] == [2, 3, 4]
    assert [(error.line, error.warning) for error in result.errors] == [(5, True)]


def test_pasted_identical_lines_warned() -> None:
    text = "2024-05-01 10:00 UTC alert\n\n2024-05-01 10:00 UTC alert\n"
    result = parse_lines(text)
    assert [line for line, _ in result.records] == [1]
    [warning] = result.errors
    assert warning.warning
    assert warning.line == 3
    assert warning.message.startswith("repeats line 1, so it was skipped")


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ('{"time": "Time"}', "description: Field required"),
        ("{bad", "Invalid JSON: key must be a string at line 1 column 2"),
        ('{"time": "T", "description": "D", "colour": "x"}', "colour: Extra inputs"),
        ('{"time": "T", "description": "D", "default_zone": "X/Y"}', "invalid default"),
    ],
)
def test_mapping_errors_one_plain_line(tmp_path: Path, text: str, detail: str) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        ColumnMapping.load(path)
    message = str(raised.value)
    assert message.startswith(f"invalid column mapping {path}: ")
    assert detail in message
    assert "\n" not in message
    assert "pydantic.dev" not in message
    assert "Write a JSON object such as" in message


def test_mapping_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    with pytest.raises(ValueError) as raised:
        ColumnMapping.load(path)
    assert str(raised.value) == f"column mapping {path} not found: check the path"


def test_pagerduty_invalid_time_plain() -> None:
    entry = {"id": "R4", "type": "annotate", "created_at": "yesterday"}
    [error] = parse_pagerduty(json.dumps([entry])).errors
    assert error.message == (
        "created_at 'yesterday' is not an ISO 8601 time such as "
        "2024-05-01T10:00:00Z: correct it or download the log entries again"
    )


@pytest.mark.parametrize("ts", ["abc", "1714557600.x", "-5", "", "1e9"])
def test_slack_invalid_ts_plain(ts: str) -> None:
    with pytest.raises(ValueError) as raised:
        slack_time(ts)
    assert str(raised.value) == (
        f"Slack ts {ts!r} is not a number of seconds such as 1714557600.000100"
    )


def test_slack_day_not_utf8_plain() -> None:
    day = SlackFile("incident/2024-05-01.json", b'[{"text": "caf\xe9"}]')
    users = SlackFile("users.json", b"[]")
    [error] = parse_slack_files([day, users]).errors
    assert error.location == "incident/2024-05-01.json"
    assert error.message.startswith("file is not UTF-8 (byte 0xe9 at offset 14)")


def test_slack_missing_path_plain(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as raised:
        parse_slack_export(tmp_path / "gone.zip")
    assert str(raised.value).startswith(f"{tmp_path / 'gone.zip'} not found: ")
