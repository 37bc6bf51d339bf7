"""Timeline importers: CSV, JSON, Slack, PagerDuty and pasted lines."""

import gc
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pir_desktop.collector import collector_paused
from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import (
    Actor,
    EventKind,
    Milestone,
    Provenance,
    TimePrecision,
)
from pir_desktop.importers.csv_events import ColumnMapping, parse_csv
from pir_desktop.importers.events import (
    imported_fields,
    validate_events,
    validation_message,
)
from pir_desktop.importers.json_events import parse_json_events
from pir_desktop.importers.pagerduty import parse_pagerduty
from pir_desktop.importers.pasted_lines import parse_lines
from pir_desktop.importers.result import ImportCancelled
from pir_desktop.importers.slack_export import (
    parse_slack_export,
    slack_text,
    slack_time,
)

TIMELINE = Path(__file__).parent / "fixtures" / "timeline"


def mapping() -> ColumnMapping:
    return ColumnMapping.load(TIMELINE / "mapping.json")


def test_csv_rows_and_errors() -> None:
    result = parse_csv((TIMELINE / "events.csv").read_bytes(), mapping(), "events.csv")
    by_line = dict(result.records)
    assert sorted(by_line) == [2, 3, 4]
    assert by_line[2].occurred_at == datetime(2024, 5, 2, 9, 20, tzinfo=UTC)
    assert by_line[2].zone == "Europe/Berlin"
    assert by_line[3].description == (
        "EDR alert: <critical> powershell & encoded command 🚨"
    )
    assert by_line[3].kind is EventKind.ALERT
    assert by_line[3].actor is Actor.SYSTEM
    assert by_line[4].occurred_at == datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    assert by_line[4].description == "東京オフィスのVPNゲートウェイを遮断"
    assert by_line[2].source_key == "csv:E3"
    assert by_line[2].provenance is Provenance.IMPORTED
    assert by_line[2].source_row == 2


def test_csv_errors_name_line_and_value() -> None:
    result = parse_csv((TIMELINE / "events.csv").read_bytes(), mapping())
    errors = {error.line: error for error in result.errors}
    assert sorted(errors) == [5, 6, 7]
    assert "semicolon row" in errors[5].text
    assert "found 1" in errors[5].message
    assert "2024-03-31 02:30" in errors[6].message
    assert "does not exist in Europe/Berlin" in errors[6].message
    assert "robot" in errors[7].message


def test_csv_wrong_delimiter_reported() -> None:
    fixed = mapping().model_copy(update={"delimiter": ","})
    result = parse_csv((TIMELINE / "semicolons.csv").read_bytes(), fixed)
    assert result.records == []
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.line == 1
    assert error.text.startswith("Time;Zone")
    assert "';'" in error.message
    assert "delimiter" in error.message


def test_csv_sniffs_semicolons() -> None:
    result = parse_csv((TIMELINE / "semicolons.csv").read_bytes(), mapping())
    assert result.errors == []
    assert [line for line, _ in result.records] == [2]


def test_csv_non_utf8_line_reported() -> None:
    result = parse_csv((TIMELINE / "events-latin1.csv").read_bytes(), mapping())
    assert [line for line, _ in result.records] == [2, 4]
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.line == 3
    assert "\\xe9" in error.text
    assert "not UTF-8" in error.message
    assert "0xe9" in error.message


def test_csv_default_zone_applies() -> None:
    data = b"Time,What\n2024-07-01 10:00,summer morning\n"
    result = parse_csv(
        data,
        ColumnMapping(time="Time", description="What", default_zone="Europe/London"),
    )
    [(_, event)] = result.records
    assert event.occurred_at == datetime(2024, 7, 1, 9, 0, tzinfo=UTC)


def test_csv_date_only_is_day_precision() -> None:
    data = (
        b"Time,What\n2024-05-01,Tokyo office reports phishing\n2024-05-02 09:30,alert\n"
    )
    result = parse_csv(
        data,
        ColumnMapping(time="Time", description="What", default_zone="Asia/Tokyo"),
    )
    [(_, day), (_, exact)] = result.records
    assert day.precision is TimePrecision.DAY
    assert day.occurred_at == datetime(2024, 4, 30, 15, 0, tzinfo=UTC)
    assert exact.precision is TimePrecision.EXACT


def test_mapping_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    mapping().save(path)
    assert ColumnMapping.load(path) == mapping()


def test_mapping_invalid_rejected(tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    path.write_text('{"time": "Time"}', encoding="utf-8")
    with pytest.raises(ValueError, match="invalid column mapping"):
        ColumnMapping.load(path)


def test_json_events_and_errors() -> None:
    text = (TIMELINE / "events.json").read_text(encoding="utf-8")
    result = parse_json_events(text, "events.json")
    by_row = dict(result.records)
    assert sorted(by_row) == [1, 2]
    assert by_row[1].description == "Firewall rule added & <logged>"
    assert by_row[1].milestone is Milestone.CONTAINMENT
    assert by_row[2].attack_technique == "T1566.001"
    assert by_row[2].source_key.startswith("json:")
    assert [error.line for error in result.errors] == [5, 6]
    assert [error.item for error in result.errors] == ["event 3", "event 4"]
    assert result.errors[0].location == "line 5 (event 3)"
    assert result.errors[0].message == "occurred_at: Input should have timezone info"
    assert "naive time" in result.errors[0].text
    assert result.errors[1].message.startswith("attack_technique: ")
    assert "ATT&CK" in result.errors[1].message


def test_json_malformed_reported() -> None:
    text = (TIMELINE / "malformed.json").read_text(encoding="utf-8")
    result = parse_json_events(text)
    assert result.records == []
    [error] = result.errors
    assert error.line == 4
    assert "missing comma" in error.text
    assert "invalid JSON" in error.message


def test_json_sample_document_imports() -> None:
    path = Path(__file__).parents[1] / "resources" / "sample" / "matrix-2019.json"
    result = parse_json_events(path.read_text(encoding="utf-8"))
    assert result.errors == []
    assert len(result.records) == 19


def test_pagerduty_entries_any_order() -> None:
    text = (TIMELINE / "pagerduty.json").read_text(encoding="utf-8")
    result = parse_pagerduty(text, "pagerduty.json")
    by_row = dict(result.records)
    assert sorted(by_row) == [1, 2, 3, 5]
    assert by_row[1].occurred_at == datetime(2024, 5, 2, 9, 20, tzinfo=UTC)
    assert by_row[1].kind is EventKind.ACTION
    assert by_row[1].actor is Actor.DEFENDER
    assert by_row[1].actor_role == "佐藤 健二"
    assert by_row[2].kind is EventKind.ALERT
    assert by_row[2].actor is Actor.SYSTEM
    assert by_row[2].description.endswith("<critical> alert & 🚨")
    assert by_row[3].description == "Notified Dana Reyes by SMS"
    assert by_row[5].occurred_at == datetime(2024, 5, 2, 17, 0, tzinfo=UTC)
    assert by_row[2].source_key == "pagerduty:R1"


def test_pagerduty_errors_per_entry() -> None:
    text = (TIMELINE / "pagerduty.json").read_text(encoding="utf-8")
    errors = parse_pagerduty(text).errors
    assert [error.line for error in errors] == [12, 16]
    assert [error.item for error in errors] == ["log entry 4", "log entry 6"]
    assert "has no zone" in errors[0].message
    assert "'id'" in errors[1].message


def test_pagerduty_bare_list() -> None:
    entries = [
        {
            "id": "Q1",
            "type": "escalate_log_entry",
            "created_at": "2024-01-01T00:00:00Z",
            "summary": "Escalated",
        }
    ]
    [(_, event)] = parse_pagerduty(json.dumps(entries)).records
    assert event.kind is EventKind.ESCALATION


def test_slack_messages_imported() -> None:
    result = parse_slack_export(TIMELINE / "slack")
    events = {event.source_key: event for _, event in result.records}
    blocked = events["slack:incident:1714645800.000300"]
    assert blocked.description == (
        "佐藤 健二: Blocked 203.0.113.7 & revoked tokens; check <script> tags 🚨"
    )
    mention = events["slack:incident:1714640400.000100"]
    assert mention.description.startswith("Dana Reyes: @佐藤 健二 please page")
    assert mention.description.endswith("Raw entity text: &lt;")
    assert mention.time_note == ""
    reply = events["slack:incident:1714640460.000200"]
    assert "status page (https://status.example.com)" in reply.description
    assert "1714640400.000100" in reply.time_note
    bot = events["slack:incident:1714640100.000050"]
    assert bot.actor is Actor.SYSTEM
    assert bot.description == "PagerDuty: Incident #42 triggered on #incident"
    assert len(events) == 4


def test_slack_errors_name_file() -> None:
    errors = parse_slack_export(TIMELINE / "slack").errors
    assert [(e.file, e.line) for e in errors] == [
        ("incident/2024-05-02.json", 7),
        ("incident/2024-05-03.json", 3),
    ]
    assert errors[0].location == "incident/2024-05-02.json line 7 (message 6)"
    assert errors[0].message == "attachments is dict, not a list"
    assert "invalid JSON" in errors[1].message


def test_slack_zip_without_users(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as output:
        for path in (TIMELINE / "slack").rglob("*.json"):
            name = path.relative_to(TIMELINE / "slack").as_posix()
            if name != "users.json":
                output.write(path, name)
    result = parse_slack_export(archive)
    assert result.errors[0].file == "users.json"
    assert result.errors[0].message.startswith("not found, so messages show user ids")
    assert result.errors[0].warning
    events = {event.source_key: event for _, event in result.records}
    assert len(events) == 4
    mention = events["slack:incident:1714640400.000100"]
    assert mention.description.startswith("U01AAA: @U02BBB please page")


def test_slack_time_keeps_microseconds() -> None:
    assert slack_time("1714640400.000100") == datetime(
        2024, 5, 2, 9, 0, 0, 100, tzinfo=UTC
    )


def test_pasted_lines_keys_and_errors() -> None:
    text = (TIMELINE / "lines.txt").read_text(encoding="utf-8")
    result = parse_lines(text, source_file="lines.txt")
    by_line = dict(result.records)
    assert sorted(by_line) == [1, 3]
    assert by_line[1].description == "EDR alert & <critical> 🚨"
    assert by_line[1].source_key.startswith("line:")
    assert by_line[1].source_row == 1
    assert by_line[3].occurred_at == datetime(2024, 5, 2, 9, 20, tzinfo=UTC)
    assert [error.line for error in result.errors] == [2, 4]
    assert "occurs twice in Europe/Berlin" in result.errors[1].message


def test_progress_reported_and_cancel() -> None:
    text = (TIMELINE / "lines.txt").read_text(encoding="utf-8")
    calls: list[tuple[int, int]] = []
    parse_lines(text, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 4)
    assert calls[-1] == (4, 4)
    with pytest.raises(ImportCancelled):
        parse_lines(text, cancelled=lambda: len(calls) > 0)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_slack_text_unescapes_once(text: str) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert slack_text(escaped, {}) == text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_csv_never_raises(data: bytes) -> None:
    result = parse_csv(data, ColumnMapping(time="t", description="d"))
    assert all(error.line >= 0 for error in result.errors)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_json_parsers_never_raise(text: str) -> None:
    parse_json_events(text)
    parse_pagerduty(text)


def write_day(folder: Path, messages: list[object]) -> Path:
    (folder / "ir").mkdir(parents=True)
    (folder / "ir" / "2024-05-02.json").write_text(json.dumps(messages))
    (folder / "users.json").write_text('[{"id": "U1", "real_name": "Dana Reyes"}]')
    return folder


def test_slack_errors_in_message_order(tmp_path: Path) -> None:
    export = write_day(
        tmp_path,
        [
            {"ts": "1714640400.000100", "text": "bot", "bot_id": "B1", "username": 5},
            {"ts": "1714640401.000100", "user": "U1", "text": ""},
            {"ts": "1714640402.000100", "user": "U1", "text": "Bridge opened"},
            "not a message",
            {"ts": "99999999999999999999", "user": "U1", "text": "Far future"},
        ],
    )
    result = parse_slack_export(export)
    assert [error.line for error in result.errors] == [1, 1, 1, 1]
    assert [error.item for error in result.errors] == [
        "message 1",
        "message 2",
        "message 4",
        "message 5",
    ]
    assert result.errors[0].message.startswith("actor_role: ")
    assert "valid string" in result.errors[0].message
    assert "no text" in result.errors[1].message
    assert [error.warning for error in result.errors] == [False, True, False, False]
    assert result.errors[2].message == "message is not an object"
    assert "out of range" in result.errors[3].message
    [(row, event)] = result.records
    assert row == 3
    assert event.description == "Dana Reyes: Bridge opened"
    assert event.source_row == 3


def test_slack_rows_count_across_files(tmp_path: Path) -> None:
    export = write_day(
        tmp_path,
        [{"ts": f"171464040{i}.0", "user": "U1", "text": f"m{i}"} for i in range(3)],
    )
    (export / "ops").mkdir()
    (export / "ops" / "2024-05-01.json").write_text(
        json.dumps([{"ts": "1714540400.0", "user": "U1", "text": "first"}])
    )
    result = parse_slack_export(export)
    rows = {event.description: row for row, event in result.records}
    assert rows == {
        "Dana Reyes: m0": 1,
        "Dana Reyes: m1": 2,
        "Dana Reyes: m2": 3,
        "Dana Reyes: first": 4,
    }


def test_validate_events_keeps_errors() -> None:
    moment = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
    fields = [
        imported_fields(moment, "First", source_key="k1"),
        imported_fields(moment, "   ", source_key="k2"),
        imported_fields(moment, "Third", zone="Mars/Olympus", source_key="k3"),
        imported_fields(moment, "Fourth", source_key="k4"),
    ]
    first, blank, zone, fourth = validate_events(fields)
    assert isinstance(first, TimelineEvent)
    assert isinstance(fourth, TimelineEvent)
    assert isinstance(blank, ValidationError)
    assert isinstance(zone, ValidationError)
    assert "Mars/Olympus" in validation_message(zone)
    assert first.id != fourth.id
    assert first.provenance is Provenance.IMPORTED


def test_validate_events_gives_unique_ids() -> None:
    moment = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
    events = validate_events([imported_fields(moment, "Same") for _ in range(50)])
    ids = [event.id for event in events if isinstance(event, TimelineEvent)]
    assert len(set(ids)) == 50
    assert {event_id.version for event_id in ids} == {4}


def test_collector_paused_restores_state() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("stop")
    assert gc.isenabled()


@pytest.mark.parametrize("field", ["agent", "channel"])
def test_pagerduty_nested_not_object(field: str) -> None:
    entries = [
        {
            "id": "R1",
            "type": "trigger_log_entry",
            "created_at": "2024-05-01T10:00:00Z",
            field: "DB monitor",
        },
        {"id": "R2", "type": "resolve_log_entry", "created_at": "2024-05-01T11:00:00Z"},
    ]
    result = parse_pagerduty(json.dumps(entries))
    assert [event.source_key for _, event in result.records] == ["pagerduty:R2"]
    [error] = result.errors
    assert error.line == 1
    assert error.message == f"{field} is str, not an object"
    assert "DB monitor" in error.text
