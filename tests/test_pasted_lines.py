"""Timeline events parsed from pasted lines, with per-line errors."""

from datetime import UTC, datetime

import pytest

from pir_desktop.importers.pasted_lines import parse_line, parse_lines


@pytest.mark.parametrize(
    ("line", "expected", "zone"),
    [
        ("2025-03-30 01:18 UTC blocked the ASN", datetime(2025, 3, 30, 1, 18), "UTC"),
        ("2025-03-30T01:18:05Z blocked", datetime(2025, 3, 30, 1, 18, 5), "UTC"),
        ("2025-03-30 03:18 +02:00 blocked", datetime(2025, 3, 30, 1, 18), "+02:00"),
        ("2025-03-30T03:18+0200 blocked", datetime(2025, 3, 30, 1, 18), "+02:00"),
        (
            "2025-07-01 10:00 Europe/London - paged on-call",
            datetime(2025, 7, 1, 9, 0),
            None,
        ),
    ],
)
def test_line_formats(line: str, expected: datetime, zone: str | None) -> None:
    event = parse_line(line)
    assert event.occurred_at == expected.replace(tzinfo=UTC)
    if zone:
        assert event.zone == zone


def test_description_kept() -> None:
    event = parse_line("2025-07-01 10:00 UTC - paged <on-call> & lead")
    assert event.description == "paged <on-call> & lead"


def test_missing_zone_rejected() -> None:
    with pytest.raises(ValueError, match="no zone"):
        parse_line("2025-03-30 01:18 blocked the ASN")


def test_default_zone_applies() -> None:
    event = parse_line("2025-03-30 01:18 blocked the ASN", default_zone="UTC")
    assert event.occurred_at == datetime(2025, 3, 30, 1, 18, tzinfo=UTC)
    assert event.description == "blocked the ASN"


def test_errors_carry_line_numbers() -> None:
    text = "\n".join(
        [
            "2025-03-30 01:18 UTC blocked the ASN",
            "",
            "yesterday we rebooted",
            "2025-02-30 10:00 UTC impossible date",
            "2025-03-30 02:00 UTC",
            "2025-03-30 03:00 Mars/Base landed",
        ]
    )
    result = parse_lines(text)
    assert [line for line, _ in result.records] == [1]
    assert [error.line for error in result.errors] == [3, 4, 5, 6]
    assert "no date and time" in result.errors[0].message
    assert "2025-02-30" in result.errors[1].message
    assert "nothing follows" in result.errors[2].message
    assert "Mars/Base" in result.errors[3].message
