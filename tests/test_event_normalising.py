"""Normalised event times, new event ids and the fields of Slack events."""

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from pir_desktop.domain.entities import NORMALISED_FIELDS, TimelineEvent
from pir_desktop.domain.enums import (
    Actor,
    EventKind,
    Provenance,
    TimePrecision,
)
from pir_desktop.importers.events import (
    imported_fields,
    new_ids,
    validate_events,
    validation_message,
)
from pir_desktop.importers.slack_export import parse_slack_export

BERLIN = ZoneInfo("Europe/Berlin")
MINUS_0330 = timezone(timedelta(hours=-3, minutes=-30))

# Input fields, then the expected zone, occurred_at, ends_at and alternative_at.
NORMALISED_CASES: list[tuple[dict[str, Any], str, datetime, Any, Any]] = [
    (
        {"occurred_at": datetime(2024, 5, 1, 10, tzinfo=MINUS_0330)},
        "-03:30",
        datetime(2024, 5, 1, 13, 30, tzinfo=UTC),
        None,
        None,
    ),
    (
        {"occurred_at": datetime(2024, 5, 1, 10, tzinfo=BERLIN)},
        "+02:00",
        datetime(2024, 5, 1, 8, tzinfo=UTC),
        None,
        None,
    ),
    (
        {
            "occurred_at": datetime(2024, 1, 1, 10, tzinfo=BERLIN),
            "zone": " America/New_York ",
        },
        "America/New_York",
        datetime(2024, 1, 1, 9, tzinfo=UTC),
        None,
        None,
    ),
    (
        {"occurred_at": "2024-05-01T10:00:00+01:00", "zone": "   "},
        "+01:00",
        datetime(2024, 5, 1, 9, tzinfo=UTC),
        None,
        None,
    ),
    (
        {
            "occurred_at": "2024-05-01T10:00:00Z",
            "ends_at": "2024-05-01T13:00:00+02:00",
            "alternative_at": "2024-05-01T12:05:00+03:00",
            "alternative_source": " NTP log ",
        },
        "+00:00",
        datetime(2024, 5, 1, 10, tzinfo=UTC),
        datetime(2024, 5, 1, 11, tzinfo=UTC),
        datetime(2024, 5, 1, 9, 5, tzinfo=UTC),
    ),
    (
        {
            "occurred_at": datetime(2024, 5, 1, 10, tzinfo=MINUS_0330),
            "ends_at": datetime(2024, 5, 1, 13, 30, tzinfo=UTC),
            "zone": "+05:30",
        },
        "+05:30",
        datetime(2024, 5, 1, 13, 30, tzinfo=UTC),
        datetime(2024, 5, 1, 13, 30, tzinfo=UTC),
        None,
    ),
]


@pytest.mark.parametrize(
    ("input_fields", "zone", "occurred_at", "ends_at", "alternative_at"),
    NORMALISED_CASES,
)
def test_event_times_normalised(
    input_fields: dict[str, Any],
    zone: str,
    occurred_at: datetime,
    ends_at: datetime | None,
    alternative_at: datetime | None,
) -> None:
    for event in (
        TimelineEvent.model_validate({**input_fields, "description": "x"}),
        validate_events([{**input_fields, "description": "x"}])[0],
    ):
        assert isinstance(event, TimelineEvent)
        assert event.zone == zone
        assert event.occurred_at == occurred_at
        assert event.occurred_at.tzinfo is UTC
        assert event.ends_at == ends_at
        assert event.alternative_at == alternative_at
        for moment in (event.ends_at, event.alternative_at):
            assert moment is None or moment.tzinfo is UTC
        assert NORMALISED_FIELDS <= event.model_fields_set


def test_normalised_event_revalidates_unchanged() -> None:
    event = TimelineEvent(
        occurred_at=datetime(2024, 5, 1, 10, tzinfo=BERLIN),
        ends_at=datetime(2024, 5, 1, 11, tzinfo=BERLIN),
        description="Host isolated",
    )
    again = TimelineEvent.model_validate(event.model_dump())
    from_json = TimelineEvent.model_validate_json(event.model_dump_json())
    assert again == event
    assert from_json == event
    assert again.model_fields_set == set(TimelineEvent.model_fields)
    assert event.model_fields_set == {"description"} | NORMALISED_FIELDS


def error_messages(input_fields: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        TimelineEvent.model_validate(input_fields)
    return [error["msg"] for error in caught.value.errors()]


def test_ends_before_occurred_rejected() -> None:
    messages = error_messages(
        {
            "occurred_at": "2024-05-01T10:00:00+01:00",
            "ends_at": "2024-05-01T09:30:00+01:00",
            "description": "x",
        }
    )
    assert messages == [
        "Value error, ends_at is before occurred_at: swap them or clear ends_at"
    ]


def test_alternative_without_source_rejected() -> None:
    messages = error_messages(
        {
            "occurred_at": "2024-05-01T10:00:00+01:00",
            "alternative_at": "2024-05-01T10:05:00+03:00",
            "alternative_source": "  ",
            "description": "x",
        }
    )
    assert len(messages) == 1
    assert "alternative_source is missing" in messages[0]


def test_field_errors_reported_together() -> None:
    messages = error_messages(
        {
            "occurred_at": "2024-05-01T10:00:00Z",
            "ends_at": "2024-05-01T09:00:00Z",
            "zone": "Mars/Olympus",
            "description": " ",
        }
    )
    assert len(messages) == 2
    assert "unknown time zone 'Mars/Olympus'" in messages[0]
    assert "at least 1 character" in messages[1]


def test_naive_time_rejected() -> None:
    messages = error_messages(
        {"occurred_at": "2024-05-01T10:00:00", "description": "x"}
    )
    assert messages == ["Input should have timezone info"]


def test_validate_events_matches_one_by_one() -> None:
    moment = datetime(2024, 5, 2, 11, 0, tzinfo=BERLIN)
    fields = [
        imported_fields(moment, " First ", source_key="k1"),
        imported_fields(moment, "   ", source_key="k2"),
        imported_fields(moment, "Third", zone="+01:00", source_row=3),
        imported_fields(moment, "Fourth", zone="Mars/Olympus", source_row=0),
    ]
    validated = validate_events([dict(item) for item in fields])
    assert len(validated) == len(fields)
    for item, result in zip(fields, validated, strict=True):
        try:
            expected = TimelineEvent.model_validate(item)
        except ValidationError as exc:
            assert isinstance(result, ValidationError)
            assert validation_message(result) == validation_message(exc)
            continue
        assert isinstance(result, TimelineEvent)
        assert result.model_dump(exclude={"id"}) == expected.model_dump(exclude={"id"})
        assert result.model_fields_set == expected.model_fields_set | {"id"}


def test_new_ids_are_random_version_4() -> None:
    ids = new_ids(2000)
    assert len(set(ids)) == 2000
    assert {event_id.version for event_id in ids} == {4}
    assert {event_id.variant for event_id in ids} == {uuid.RFC_4122}
    # Every bit outside the version and variant bits takes both values.
    version_and_variant = (0xF << 76) | (0x3 << 62)
    ones = 0
    zeros = 0
    for event_id in ids:
        ones |= event_id.int
        zeros |= ~event_id.int & (2**128 - 1)
    assert ones | version_and_variant == 2**128 - 1
    assert zeros | version_and_variant == 2**128 - 1
    assert new_ids(0) == []


def write_export(folder: Path) -> Path:
    (folder / "users.json").write_text('[{"id": "U1", "real_name": "Dana Reyes"}]')
    days = {
        "ir/2024-05-02.json": [
            {"ts": "1714640400.000100", "user": "U1", "text": " Bridge  opened "},
            {
                "ts": "1714640460.5",
                "bot_id": "B1",
                "bot_profile": {"name": "PagerDuty"},
                "text": "Paged &amp; acked",
                "thread_ts": "1714640400.000100",
            },
            {"ts": "1714640470", "user": "U9", "text": "Who is U9?"},
        ],
        "ops/2024-05-02.json": [
            {"ts": "1714640500.000001", "subtype": "bot_message", "text": "Deployed"},
        ],
    }
    for name, messages in days.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(json.dumps(messages))
    return folder


def test_slack_event_fields(tmp_path: Path) -> None:
    result = parse_slack_export(write_export(tmp_path))
    assert result.errors == []
    events = {row: event for row, event in result.records}
    # Day files are read in name order, so ir/ comes before ops/.
    assert sorted(events) == [1, 2, 3, 4]
    for event in events.values():
        assert event.zone == "UTC"
        assert event.kind is EventKind.COMMUNICATION
        assert event.precision is TimePrecision.EXACT
        assert event.provenance is Provenance.IMPORTED
        assert event.occurred_at.tzinfo is UTC

    deployed = events[4]
    assert deployed.description == "bot: Deployed"
    assert deployed.source == "Slack #ops"
    assert deployed.source_file == "ops/2024-05-02.json"
    assert deployed.source_row == 1
    assert deployed.source_key == "slack:ops:1714640500.000001"
    assert deployed.actor is Actor.SYSTEM

    opened = events[1]
    assert opened.description == "Dana Reyes: Bridge  opened"
    assert opened.actor is None
    assert opened.actor_role == "Dana Reyes"
    assert opened.occurred_at == datetime(2024, 5, 2, 9, 0, 0, 100, tzinfo=UTC)
    assert opened.source == "Slack #ir"
    assert opened.source_file == "ir/2024-05-02.json"
    assert opened.source_row == 1
    assert opened.source_key == "slack:ir:1714640400.000100"
    assert opened.time_note == ""

    paged = events[2]
    assert paged.description == "PagerDuty: Paged & acked"
    assert paged.actor is Actor.SYSTEM
    assert paged.actor_role == "PagerDuty"
    assert paged.occurred_at == datetime(2024, 5, 2, 9, 1, 0, 500000, tzinfo=UTC)
    assert paged.source_row == 2
    assert paged.time_note == (
        "Reply in the thread started at 2024-05-02 09:00:00 UTC "
        "(Slack ts 1714640400.000100)"
    )

    unknown = events[3]
    assert unknown.description == "U9: Who is U9?"
    assert unknown.source_row == 3
    assert unknown.source_key == "slack:ir:1714640470"
