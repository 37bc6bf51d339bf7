"""Timeline display and ordering: day-aware labels and a precision-honest sort key.

Labels show the date on the first event and on every event whose local day
(in the display zone) differs from the previous event's, and otherwise only
the clock time and offset. The offset is computed per moment, so labels on
either side of a daylight-saving change show different offsets.
"""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from .entities import TimelineEvent
from .enums import TimePrecision
from .times import format_offset, parse_zone

# Sort rank of each precision: sharper sources first when instants tie.
PRECISION_RANK = {
    TimePrecision.EXACT: 0,
    TimePrecision.DERIVED: 1,
    TimePrecision.MINUTE: 2,
    TimePrecision.APPROXIMATE: 3,
    TimePrecision.HOUR: 4,
    TimePrecision.DAY: 5,
    TimePrecision.MONTH: 6,
}


def zone_label(moment: datetime, zone: str) -> str:
    """Return the zone's abbreviation and offset at a moment, such as "BST +01:00"."""
    local = moment.astimezone(parse_zone(zone))
    offset = format_offset(local)
    name = local.tzname() or ""
    if not name or name == offset or name.startswith(("+", "-", "UTC+", "UTC-")):
        return offset
    return f"{name} {offset}"


def day_labels(moments: Sequence[datetime], zone: str) -> list[str]:
    """Return a label per moment that shows the date only when the local day changes.

    `moments` should be in time order. The first label always has the date,
    and so does each label whose local date differs from the one before it.
    """
    tz = parse_zone(zone)
    labels: list[str] = []
    previous_day = None
    for moment in moments:
        local = moment.astimezone(tz)
        clock = f"{local:%H:%M} {format_offset(local)}"
        if local.date() != previous_day:
            clock = f"{local:%Y-%m-%d} {clock}"
        labels.append(clock)
        previous_day = local.date()
    return labels


# Precisions whose stated time covers a whole unit of the local clock.
WINDOW_PRECISIONS = frozenset(
    {TimePrecision.MINUTE, TimePrecision.HOUR, TimePrecision.DAY, TimePrecision.MONTH}
)


def precision_window(
    moment: datetime, zone: str, precision: TimePrecision
) -> tuple[datetime, datetime]:
    """Return the earliest and latest instant (UTC) that a stated time may mean.

    Minute, hour, day and month precision cover that whole unit of the
    event's own local clock. Exact, derived and approximate times are taken as
    stated, because an approximate source gives no bound to widen by.
    """
    utc = moment.astimezone(UTC)
    if precision not in WINDOW_PRECISIONS:
        return utc, utc
    tz = parse_zone(zone) if zone else UTC
    local = moment.astimezone(tz)
    start = local.replace(second=0, microsecond=0)
    if precision is TimePrecision.MINUTE:
        end = start + timedelta(minutes=1)
    elif precision is TimePrecision.HOUR:
        start = start.replace(minute=0)
        end = start + timedelta(hours=1)
    elif precision is TimePrecision.DAY:
        start = start.replace(hour=0, minute=0)
        end = start + timedelta(days=1)
    else:
        start = start.replace(day=1, hour=0, minute=0)
        end = (start + timedelta(days=32)).replace(day=1)
    # Wall-clock arithmetic, then UTC: a day with a daylight-saving change
    # lasts 23 or 25 hours.
    start_utc = start.replace(tzinfo=None).replace(tzinfo=tz).astimezone(UTC)
    end_utc = end.replace(tzinfo=None).replace(tzinfo=tz).astimezone(UTC)
    return start_utc, end_utc - timedelta(microseconds=1)


def earliest_instant(event: TimelineEvent) -> datetime:
    """Return the earliest instant the event may have happened, disputes included."""
    return earliest_of(
        event.occurred_at, event.zone, event.precision, event.alternative_at
    )


def earliest_of(
    occurred_at: datetime,
    zone: str,
    precision: TimePrecision,
    alternative_at: datetime | None,
) -> datetime:
    """Return the earliest instant (UTC) of a stated time and its disputed value."""
    earliest, _ = precision_window(occurred_at, zone, precision)
    if alternative_at is not None:
        alternative, _ = precision_window(alternative_at, zone, precision)
        earliest = min(earliest, alternative)
    return earliest


def timeline_order(
    occurred_at: datetime,
    zone: str,
    precision: TimePrecision,
    alternative_at: datetime | None,
) -> tuple[datetime, int]:
    """Return the (earliest instant, precision rank) key of `timeline_sort_key`.

    It takes the time fields alone, so the store can compute the key of a
    row it writes and read the first events in timeline order with SQL.
    """
    if (
        alternative_at is None
        and precision not in WINDOW_PRECISIONS
        and occurred_at.tzinfo is UTC
    ):
        # A point time already in UTC is its own earliest instant.
        return occurred_at, PRECISION_RANK[precision]
    earliest = earliest_of(occurred_at, zone, precision, alternative_at)
    return earliest, PRECISION_RANK[precision]


def has_point_time(event: TimelineEvent) -> bool:
    """Return whether the event's earliest instant is its occurred_at as stored."""
    return event.alternative_at is None and event.precision not in WINDOW_PRECISIONS


def timeline_sort_key(event: TimelineEvent) -> tuple[datetime, int]:
    """Return a key that orders events by earliest possible instant, then precision.

    Python's sort is stable, so events with equal keys keep their stored order.
    """
    if has_point_time(event):
        # A validated event's occurred_at is already in UTC.
        return event.occurred_at, PRECISION_RANK[event.precision]
    return earliest_instant(event), PRECISION_RANK[event.precision]


def timeline_positions(
    events: Sequence[TimelineEvent],
    earliest: Callable[[TimelineEvent], datetime] = earliest_instant,
) -> list[int]:
    """Return the indices of events in the order that `sort_timeline` gives.

    Two stable sorts, by precision and then by earliest instant, order like
    `timeline_sort_key` without building a key tuple per event. `earliest`
    computes the instant of events without a point time, so a caller can
    cache it.
    """
    exact = TimePrecision.EXACT
    ranks = [0 if e.precision is exact else PRECISION_RANK[e.precision] for e in events]
    instants = [e.occurred_at if has_point_time(e) else earliest(e) for e in events]
    positions = sorted(range(len(events)), key=ranks.__getitem__)
    positions.sort(key=instants.__getitem__)
    return positions


def sort_timeline(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    """Return the events in timeline order without inventing precision.

    The order is by the start of each event's precision window (the earliest
    instant it may have happened, a disputed time included), then by
    precision, sharpest first, then by stored order. An event known only to
    the hour therefore sorts at the start of that hour: after an exact event
    at the very start of the hour and before exact events later in it. Its
    position marks where its window opens, not a moment within the hour.
    """
    return [events[index] for index in timeline_positions(events)]
