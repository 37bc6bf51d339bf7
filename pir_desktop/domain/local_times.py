"""Wall-clock times entered in a zone, turned into instants without guessing.

A local time in an IANA zone maps to zero, one or two instants: none in the
spring-forward gap, two in the fall-back overlap. `localize` rejects the
first case, and in the second requires the caller to choose through `fold`
(0 for the earlier instant, 1 for the later, as in PEP 495).
"""

from datetime import UTC, datetime, timedelta

from .times import format_offset, parse_zone


class NonexistentTimeError(ValueError):
    """A local time that the zone's clocks skip when daylight saving time starts."""

    def __init__(self, local: datetime, zone: str) -> None:
        super().__init__(
            f"{local:%Y-%m-%d %H:%M} does not exist in {zone}: the clocks skip it "
            "when daylight saving time starts, so enter a time before or after the gap"
        )
        self.local = local
        self.zone = zone


class AmbiguousTimeError(ValueError):
    """A local time that occurs twice in the zone, once for each UTC offset.

    `candidates` contains both instants as aware times in the zone, the
    earlier (fold 0) first, and `offsets` their UTC offsets, so a form can
    ask which one was meant.
    """

    def __init__(self, local: datetime, zone: str, candidates: list[datetime]) -> None:
        self.local = local
        self.zone = zone
        self.candidates = candidates
        self.offsets = [moment.utcoffset() or timedelta(0) for moment in candidates]
        labels = " or ".join(
            f"{format_offset(moment)} ({moment.astimezone(UTC):%H:%M} UTC)"
            for moment in candidates
        )
        super().__init__(
            f"{local:%Y-%m-%d %H:%M} occurs twice in {zone}, at UTC offset {labels}: "
            "choose one with fold=0 (earlier) or fold=1 (later)"
        )


def localize(local: datetime, zone: str, fold: int | None = None) -> datetime:
    """Attach a zone to a wall-clock time, using the offset in force on that date.

    Raises NonexistentTimeError for a time in a gap, and AmbiguousTimeError for
    a time in an overlap unless `fold` chooses one of the two instants.
    """
    if local.tzinfo is not None:
        raise ValueError(
            f"{local.isoformat()} already has a zone: pass the wall-clock time alone"
        )
    tz = parse_zone(zone)
    earlier = local.replace(tzinfo=tz, fold=0)
    later = local.replace(tzinfo=tz, fold=1)

    round_trip = earlier.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != local:
        raise NonexistentTimeError(local, zone)
    if earlier.utcoffset() == later.utcoffset():
        return earlier
    if fold is None:
        raise AmbiguousTimeError(local, zone, [earlier, later])
    if fold not in (0, 1):
        raise ValueError(f"fold must be 0 or 1, not {fold!r}")
    return later if fold else earlier


def local_to_utc(local: datetime, zone: str, fold: int | None = None) -> datetime:
    """Convert a wall-clock time in a zone to UTC; see `localize` for the errors."""
    return localize(local, zone, fold).astimezone(UTC)
