"""Fuzzed input for every importer and for the JSON review document.

Any text must either import or be rejected with a message that names the
line or the field; no other exception may escape.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pir_desktop.domain.interchange import (
    InterchangeError,
    dump_document,
    load_document,
)
from pir_desktop.domain.review import Review
from pir_desktop.domain.times import parse_zone
from pir_desktop.importers.pagerduty import parse_pagerduty
from pir_desktop.importers.pasted_lines import parse_lines
from pir_desktop.importers.slack_export import SlackFile, parse_slack_files
from pir_desktop.services.exports import read_json
from pir_desktop.services.sample import sample_review

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
ZONES = st.one_of(
    st.none(),
    st.sampled_from(["UTC", "Europe/Berlin", "+01:00", "-05:30", "America/New_York"]),
    st.text(max_size=20),
)
DATES = st.tuples(st.integers(0, 9999), st.integers(0, 19), st.integers(0, 39)).map(
    lambda d: f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"
)
TIMES = st.tuples(st.integers(0, 29), st.integers(0, 69), st.integers(0, 69)).map(
    lambda t: f"{t[0]:02d}:{t[1]:02d}:{t[2]:02d}"
)
LINE_ZONES = st.sampled_from(
    ["", " UTC", "Z", "+01:00", " +14:00", "-25:00", " Mars/Base"]
)
STAMPED_LINES = st.builds(
    lambda date, time, zone, text: f"{date} {time}{zone} {text}",
    DATES,
    TIMES,
    LINE_ZONES,
    st.text(max_size=40),
)
SAMPLE_DOCUMENT: dict[str, Any] = json.loads(dump_document(sample_review()))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def check_pasted(text: str, zone: str | None) -> None:
    try:
        result = parse_lines(text, zone)
    except ValueError as exc:
        assert zone
        assert str(exc).startswith(f"invalid default zone {zone!r}: ")
        with pytest.raises(ValueError):
            parse_zone(zone)
        return
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    numbers = sorted([n for n, _ in result.records] + [e.line for e in result.errors])
    assert numbers == lines
    for error in result.errors:
        assert error.message.strip()
        assert str(error).startswith(f"line {error.line}: ")


@FUZZ
@given(st.text(max_size=300), ZONES)
def test_pasted_lines_any_text(text: str, zone: str | None) -> None:
    check_pasted(text, zone)


@FUZZ
@given(st.lists(STAMPED_LINES, min_size=1, max_size=5), ZONES)
def test_pasted_lines_odd_stamps(lines: list[str], zone: str | None) -> None:
    check_pasted("\n".join(lines), zone)


def check_document(text: str) -> None:
    try:
        review = load_document(text, source="fuzz.json")
    except InterchangeError as exc:
        message = str(exc)
        assert message.startswith("fuzz.json ")
        assert "not JSON" in message or "valid review" in message or "format" in message
    else:
        assert isinstance(review, Review)


@FUZZ
@given(st.text(max_size=300))
def test_document_any_text(text: str) -> None:
    check_document(text)


@FUZZ
@given(JSON_VALUES)
def test_document_any_json(value: object) -> None:
    check_document(json.dumps(value))


def replace_at(document: Any, path: list[int], value: object) -> Any:
    """Return a copy of the document with the value that `path` picks replaced."""
    if not path or not isinstance(document, (dict, list)) or not document:
        return value
    keys = list(document) if isinstance(document, dict) else list(range(len(document)))
    key = keys[path[0] % len(keys)]
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[key] = replace_at(document[key], path[1:], value)
    return copy


@FUZZ
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=6), JSON_VALUES)
def test_document_one_field_wrong(path: list[int], value: object) -> None:
    check_document(json.dumps(replace_at(SAMPLE_DOCUMENT, path, value)))


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_read_json_any_bytes(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.json"
        path.write_bytes(data)
        try:
            read_json(path)
        except ValueError as exc:
            assert str(path) in str(exc)


def test_wrong_field_named() -> None:
    broken = dict(
        SAMPLE_DOCUMENT, review=dict(SAMPLE_DOCUMENT["review"], severity="P9")
    )
    try:
        load_document(json.dumps(broken), source="broken.json")
    except InterchangeError as exc:
        assert "review.severity" in str(exc)
    else:
        raise AssertionError("an invalid severity was accepted")


SLACK_MESSAGE: dict[str, Any] = {
    "type": "message",
    "subtype": "bot_message",
    "bot_id": "B1",
    "bot_profile": {"name": "PagerDuty"},
    "user": "U1",
    "text": "Triggered <@U1>",
    "ts": "1714557700.000300",
    "thread_ts": "1714557600.000100",
    "attachments": [{"fallback": "Alert", "text": "Disk full", "title": "db1"}],
    "files": [{"name": "graph.png", "title": "CPU graph"}],
}
PAGERDUTY_ENTRY: dict[str, Any] = {
    "id": "R1",
    "type": "trigger_log_entry",
    "created_at": "2024-05-01T10:00:00Z",
    "summary": "Triggered through the API",
    "agent": {"type": "service_reference", "summary": "DB monitor"},
    "channel": {"type": "api", "summary": "CPU > 95%"},
}


@FUZZ
@given(st.sampled_from(list(SLACK_MESSAGE)), JSON_VALUES)
def test_slack_message_one_field_wrong(field: str, value: object) -> None:
    message = dict(SLACK_MESSAGE, **{field: value})
    day = json.dumps([message, {"ts": "1714557800.0", "user": "U1", "text": "ok"}])
    files = [
        SlackFile("incident/2024-05-01.json", day.encode()),
        SlackFile("users.json", b'[{"id": "U1", "real_name": "Dana Reyes"}]'),
    ]
    result = parse_slack_files(files)
    assert result.records[-1][1].description == "Dana Reyes: ok"
    for error in result.errors:
        assert error.file == "incident/2024-05-01.json"
        assert error.message.strip()


@FUZZ
@given(st.sampled_from(list(PAGERDUTY_ENTRY)), JSON_VALUES)
def test_pagerduty_entry_one_field_wrong(field: str, value: object) -> None:
    entry = dict(PAGERDUTY_ENTRY, **{field: value})
    result = parse_pagerduty(json.dumps([entry]))
    assert len(result.records) + len(result.errors) == 1
    for error in result.errors:
        assert error.message.strip()
