"""Zone-aware time helpers: parsing zones, converting and formatting."""

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .enums import TimePrecision


def parse_zone(name: str) -> tzinfo:
    """Return the tzinfo for an IANA name ("Europe/London"), "UTC" or "+01:00".

    Raises ValueError naming the zone when it is unknown.
    """
    text = name.strip()
    if text.upper() in ("UTC", "Z", "GMT"):
        return UTC
    if text[:1] in "+-" and len(text) == 6 and text[3] == ":":
        sign = 1 if text[0] == "+" else -1
        try:
            hours, minutes = int(text[1:3]), int(text[4:6])
        except ValueError as exc:
            raise ValueError(
                f"invalid UTC offset {name!r}: use the form +01:00"
            ) from exc
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/London, "
            "UTC, or an offset such as +01:00"
        ) from exc


def format_offset(moment: datetime) -> str:
    """Return a moment's UTC offset as "+01:00"."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def to_utc(moment: datetime) -> datetime:
    """Convert an aware datetime to UTC; reject a naive one."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: add a zone or offset")
    return moment.astimezone(UTC)


def format_moment(
    moment: datetime,
    zone: str,
    precision: TimePrecision = TimePrecision.EXACT,
    source_zone: str = "",
) -> str:
    """Format a moment in a zone with its offset, as precise as the source is.

    Approximate times get a leading "~"; a day or month precision hides the
    clock time, and an hour precision shows the minutes as "xx", because the
    source did not give them. A day or month is a unit of the source's own
    calendar, so with `source_zone` given it is shown in that zone, named
    when its offset differs from `zone`'s: "2024-05-01 (Asia/Tokyo)" is not
    the same 24 hours as May 1 in London.
    """
    calendar = precision in (TimePrecision.DAY, TimePrecision.MONTH)
    if calendar and source_zone:
        return _calendar_text(moment, zone, precision, source_zone)
    local = moment.astimezone(parse_zone(zone))
    if precision is TimePrecision.MONTH:
        return local.strftime("%Y-%m")
    if precision is TimePrecision.DAY:
        return local.strftime("%Y-%m-%d")
    if precision is TimePrecision.HOUR:
        return f"{local:%Y-%m-%d %H}:xx {format_offset(local)}"
    text = f"{local:%Y-%m-%d %H:%M} {format_offset(local)}"
    if precision in (TimePrecision.EXACT, TimePrecision.DERIVED) and local.second:
        text = f"{local:%Y-%m-%d %H:%M:%S} {format_offset(local)}"
    if precision is TimePrecision.APPROXIMATE:
        return "~" + text
    return text


def _calendar_text(
    moment: datetime, zone: str, precision: TimePrecision, source_zone: str
) -> str:
    """Format a day or month in the source's zone, named if it is not `zone`'s."""
    source = moment.astimezone(parse_zone(source_zone))
    text = source.strftime("%Y-%m" if precision is TimePrecision.MONTH else "%Y-%m-%d")
    displayed = moment.astimezone(parse_zone(zone))
    if displayed.utcoffset() != source.utcoffset():
        text = f"{text} ({source_zone})"
    return text


def duration_between(start: datetime, end: datetime) -> timedelta:
    """Return the elapsed time from start to end, counted in UTC.

    Subtracting two datetimes that share one ZoneInfo compares wall clocks and
    is wrong by an hour across a daylight-saving change, so both are
    converted to UTC first.
    """
    return to_utc(end) - to_utc(start)


def format_duration(delta: timedelta) -> str:
    """Format a duration as "28 d 3 h", "6 h 30 min" or "45 min"."""
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{sign}{days} d {hours} h"
    if hours:
        return f"{sign}{hours} h {mins} min"
    return f"{sign}{mins} min"
