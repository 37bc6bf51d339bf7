"""Raw column values, as SQLite and PostgreSQL drivers return them, read back."""

import json
from datetime import UTC, datetime, timedelta, timezone
from uuid import UUID, uuid4

import pytest

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import EventKind, Milestone
from pir_desktop.store.mapping import (
    ROW_TYPES,
    raw_value_reader,
    trusted_entities,
)

EVENTS = ROW_TYPES[TimelineEvent].__table__


def reader(name: str):
    found = raw_value_reader(EVENTS.c[name].type)
    assert found is not None, name
    return found


def test_sqlite_time_text_read_as_utc() -> None:
    value = reader("occurred_at")("2024-05-02 09:40:12.345000")

    assert value == datetime(2024, 5, 2, 9, 40, 12, 345000, tzinfo=UTC)
    assert value.utcoffset() == timedelta(0)


def test_native_aware_time_converted_to_utc() -> None:
    berlin_summer = timezone(timedelta(hours=2))
    native = datetime(2024, 5, 2, 11, 40, tzinfo=berlin_summer)

    value = reader("occurred_at")(native)

    assert value == datetime(2024, 5, 2, 9, 40, tzinfo=UTC)
    assert value.utcoffset() == timedelta(0)


def test_missing_time_stays_none() -> None:
    assert reader("ends_at")(None) is None


def test_uuid_text_and_native() -> None:
    expected = uuid4()

    from_text = reader("id")(expected.hex)
    native = reader("id")(expected)

    assert from_text == expected
    assert hash(from_text) == hash(expected)
    assert str(from_text) == str(expected)
    assert native is expected


@pytest.mark.parametrize("raw", ["[]", '["a.log", "b.log"]', ["a.log"]])
def test_json_text_and_native(raw) -> None:
    expected = json.loads(raw) if isinstance(raw, str) else raw

    assert reader("evidence_links")(raw) == expected


def test_empty_json_lists_not_shared() -> None:
    first = reader("evidence_links")("[]")
    second = reader("evidence_links")("[]")

    assert first is not second


def test_boolean_integer_and_native() -> None:
    assert reader("decision_point")(1) is True
    assert reader("decision_point")(0) is False
    assert reader("decision_point")(True) is True


def test_enum_values_and_none() -> None:
    assert reader("kind")("detection") is EventKind.DETECTION
    assert reader("milestone")(None) is None
    assert reader("milestone")("containment") is Milestone.CONTAINMENT


def test_text_needs_no_reader() -> None:
    assert raw_value_reader(EVENTS.c["description"].type) is None


def test_trusted_entities_rejects_wrong_width() -> None:
    with pytest.raises(ValueError, match="columns given"):
        list(trusted_entities(TimelineEvent, [[], []]))


def test_trusted_entities_share_repeated_text() -> None:
    names = list(TimelineEvent.model_fields)
    template = TimelineEvent(
        occurred_at=datetime(2024, 5, 2, 9, 40, tzinfo=UTC),
        zone="Europe/Berlin",
        description="Alert",
    ).model_dump()
    rows = []
    for number in range(2):
        row = dict(template, id=uuid4(), description=f"Alert {number}")
        # A new string object per row, as a database driver returns it.
        row["zone"] = "".join(["Europe/", "Berlin"])
        rows.append([row[name] for name in names])
    columns = [list(values) for values in zip(*rows, strict=True)]

    first, second = trusted_entities(TimelineEvent, columns)

    assert first.zone == "Europe/Berlin"
    assert first.zone is second.zone
    assert isinstance(first.id, UUID)
    assert first.description == "Alert 0"
    assert second.description == "Alert 1"
