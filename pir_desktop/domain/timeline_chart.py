"""Swimlane chart geometry of a review's timeline, drawn by the Qt view and the PDF.

Lanes group events by kind or by actor. The x axis is time in the review's
display zone, with a tick at each local midnight (every few days when days
are narrow) and hour ticks when days are wide. An empty stretch longer than
BREAK_SHARE of the whole range is cut out and drawn as a break. Coordinates
are points, origin top left, y down, as in `diagrams.geometry`.

A marker never claims more precision than its event has. A point marker is
drawn for exact, derived and minute times. A stated range is a solid bar
from occurred_at to ends_at. Hour, day and month precision become a hatched
bar over the whole window the source allows, and an approximate time, which
has no stated bound, becomes a hatched marker wider than a point.

Event labels are placed in a few staggered rows under each lane's markers. A
label that fits no row is dropped, and the lane's header counts the dropped
labels, so no two labels ever overlap.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from uuid import UUID

from .diagrams.geometry import ASCENT, Label, Measure
from .diagrams.text import ELLIPSIS
from .entities import TimelineEvent
from .enums import Actor, EventKind, TimePrecision, label
from .timeline_time import precision_window, zone_label
from .times import format_moment, parse_zone

Point = tuple[float, float]
Segment = tuple[Point, Point]

INK = "#1d2733"
MUTED = "#7b8590"
GRID = "#d5dae0"
LANE_FILLS = ("#f6f8fa", "#ffffff")
MARKER_FILLS = ("#2f6f9f", "#3f8f5f", "#8a5aa8", "#b8662d", "#5b6673", "#a23b52")
DECISION_FILL = "#f2b233"
MILESTONE = "#b03a2e"
HATCH_SPACING = 3.0

UNSPECIFIED_ACTOR = "Unspecified"
# Day steps tried, smallest first, until a day label fits between two ticks.
DAY_STEPS = (1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728)
HOUR_STEPS = (1, 2, 3, 6, 12)
# An empty stretch longer than this share of the whole range is cut out of
# the axis and drawn as a break BREAK_WIDTH points wide.
BREAK_SHARE = 0.2
BREAK_WIDTH = 14.0


class LaneBy(StrEnum):
    KIND = "kind"
    ACTOR = "actor"


class MarkerShape(StrEnum):
    POINT = "point"
    DIAMOND = "diamond"
    BAR = "bar"


@dataclass(frozen=True)
class ChartStyle:
    """Sizes of the chart, in points."""

    width: float = 720.0
    margin: float = 6.0
    font_size: float = 7.0
    small_size: float = 6.0
    marker_height: float = 8.0
    point_width: float = 5.0
    approximate_width: float = 14.0
    label_rows: int = 2
    label_gap: float = 4.0
    max_label_width: float = 120.0
    lane_padding: float = 4.0
    milestone_rows: int = 2


@dataclass(frozen=True)
class AxisSegment:
    """A stretch of time shown on the axis between x = left and x = right."""

    start: datetime
    end: datetime
    left: float
    right: float

    def x_at(self, moment: datetime) -> float:
        return (
            self.left + (moment - self.start).total_seconds() * self._points_per_second
        )

    @cached_property
    def _points_per_second(self) -> float:
        span = (self.end - self.start).total_seconds() or 1.0
        return (self.right - self.left) / span


@dataclass(frozen=True)
class TimeAxis:
    """The x axis: shown stretches of time, with a break between two stretches."""

    segments: tuple[AxisSegment, ...]

    def x_at(self, moment: datetime) -> float:
        """Return the x of a moment. A moment inside a break maps into the break."""
        previous = None
        for segment in self.segments:
            if moment <= segment.end:
                if moment >= segment.start or previous is None:
                    return segment.x_at(moment)
                gap = (segment.start - previous.end).total_seconds()
                share = (moment - previous.end).total_seconds() / gap
                return previous.right + share * (segment.left - previous.right)
            previous = segment
        return self.segments[-1].x_at(moment)

    def breaks(self) -> list[tuple[float, float]]:
        """Return the left and right x of each break."""
        pairs = zip(self.segments, self.segments[1:], strict=False)
        return [(first.right, second.left) for first, second in pairs]

    def seconds_per_point(self) -> float:
        first = self.segments[0]
        return (first.end - first.start).total_seconds() / (first.right - first.left)


@dataclass(frozen=True)
class AxisBreak:
    """A cut-out stretch of time: a blank band with two slanted strokes."""

    left: float
    right: float
    top: float
    bottom: float
    strokes: tuple[Segment, ...]


@dataclass(frozen=True)
class Lane:
    """A horizontal band of the chart, with its header text at the left."""

    key: str
    top: float
    height: float
    header: tuple[Label, ...]
    fill: str
    hidden_labels: int = 0

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class Marker:
    """Chart mark of one event, with a filled outline, hatch lines and a bounding box.

    The outline and the hatch lines are computed when read, so a chart of
    50,000 events keeps only the boxes.
    """

    event_id: UUID
    lane: int
    shape: MarkerShape
    x: float
    y: float
    width: float
    height: float
    fill: str
    hatched: bool = False
    decision: bool = False

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def outline(self) -> tuple[Point, ...]:
        """Corners of the filled shape, clockwise from the top left or top."""
        return _outline(self.shape, self.x, self.y, self.width, self.height)

    @property
    def hatch(self) -> tuple[Segment, ...]:
        """Hatch lines when the source gives the time only roughly, else none."""
        if not self.hatched:
            return ()
        return tuple(hatch_lines(self.x, self.y, self.width, self.height))


@dataclass(frozen=True)
class Tick:
    """A vertical grid line at a moment; `day` ticks are local midnights."""

    x: float
    top: float
    bottom: float
    day: bool


@dataclass(frozen=True)
class MilestoneMark:
    """A vertical line across the lanes at a milestone event, with its label."""

    event_id: UUID
    x: float
    top: float
    bottom: float
    label: Label | None


@dataclass(frozen=True)
class TimelineChart:
    """A laid-out swimlane chart: everything lies within width × height."""

    width: float
    height: float
    plot_left: float
    plot_right: float
    start: datetime
    end: datetime
    zone: str
    axis: TimeAxis | None = None
    breaks: tuple[AxisBreak, ...] = ()
    lanes: tuple[Lane, ...] = ()
    markers: tuple[Marker, ...] = ()
    ticks: tuple[Tick, ...] = ()
    milestones: tuple[MilestoneMark, ...] = ()
    labels: tuple[Label, ...] = field(default=())
    hidden_labels: int = 0

    def x_at(self, moment: datetime) -> float:
        """Return the x of a moment on the time axis."""
        if self.axis is None:
            return self.plot_left
        return self.axis.x_at(moment)


def lane_key(event: TimelineEvent, by: LaneBy) -> str:
    """Return the lane title an event belongs to."""
    if by is LaneBy.KIND:
        return label(event.kind)
    return label(event.actor) if event.actor is not None else UNSPECIFIED_ACTOR


def lane_order(by: LaneBy) -> list[str]:
    """Return every possible lane title, in the enumeration's order."""
    if by is LaneBy.KIND:
        return [label(kind) for kind in EventKind]
    return [*(label(actor) for actor in Actor), UNSPECIFIED_ACTOR]


def event_span(event: TimelineEvent) -> tuple[datetime, datetime]:
    """Return the earliest and latest instant an event may cover, in UTC."""
    start, end = precision_window(event.occurred_at, event.zone, event.precision)
    if event.ends_at is not None:
        _, end = precision_window(event.ends_at, event.zone, event.precision)
    return start, max(start, end)


def shown_ranges(
    spans: Sequence[tuple[datetime, datetime]],
) -> list[tuple[datetime, datetime]]:
    """Return the padded stretches of time the axis shows, in time order.

    Empty stretches longer than BREAK_SHARE of the whole range are left out.
    """
    ordered = sorted(spans)
    start, end = ordered[0][0], max(e for _, e in ordered)
    longest = (end - start) * BREAK_SHARE
    ranges: list[list[datetime]] = [[start, ordered[0][1]]]
    for first, last in ordered[1:]:
        if first - ranges[-1][1] > longest and longest > timedelta(0):
            ranges.append([first, last])
        else:
            ranges[-1][1] = max(ranges[-1][1], last)

    shown = sum((b - a for a, b in ranges), timedelta(0))
    pad = max(shown * 0.02, timedelta(minutes=30))
    return [(a - pad, b + pad) for a, b in ranges]


def time_axis(
    ranges: Sequence[tuple[datetime, datetime]], left: float, right: float
) -> TimeAxis:
    """Share the width between the shown ranges in proportion to their length."""
    room = right - left - BREAK_WIDTH * (len(ranges) - 1)
    total = sum((b - a).total_seconds() for a, b in ranges)
    segments = []
    x = left
    for start, end in ranges:
        width = room * (end - start).total_seconds() / total
        segments.append(AxisSegment(start, end, x, x + width))
        x += width + BREAK_WIDTH
    return TimeAxis(tuple(segments))


def timeline_chart(
    events: Sequence[TimelineEvent],
    zone: str,
    measure: Measure,
    by: LaneBy = LaneBy.KIND,
    style: ChartStyle = ChartStyle(),
) -> TimelineChart:
    """Lay out the swimlane chart of events, with times shown in `zone`.

    Raises ValueError when there are no events or the zone is unknown.
    """
    if not events:
        raise ValueError("a timeline chart needs at least one event")
    parse_zone(zone)
    return _Layout(events, zone, measure, by, style).chart()


def fit_text(text: str, measure: Measure, size: float, max_width: float) -> str:
    """Return text shortened with an ellipsis to fit max_width, or empty."""
    line = " ".join(text.split())
    if measure(line, size) <= max_width:
        return line
    low, high = 0, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(line[:middle].rstrip() + ELLIPSIS, size) <= max_width:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + ELLIPSIS if low else ""


def hatch_lines(x: float, y: float, width: float, height: float) -> list[Segment]:
    """Return 45° hatch segments clipped to a rectangle, HATCH_SPACING apart."""
    segments: list[Segment] = []
    count = math.ceil((width + height) / HATCH_SPACING)
    for step in range(1, count):
        # Points of one line satisfy (px - x) + (y + height - py) == offset.
        offset = step * HATCH_SPACING
        rise = min(offset, height)
        run = min(offset, width)
        start = (x + offset - rise, y + height - rise)
        end = (x + run, y + height - (offset - run))
        segments.append((start, end))
    return segments


def marker_title(event: TimelineEvent, zone: str) -> str:
    """Return a marker's tooltip: time as precise as the source, kind and text."""
    when = format_moment(event.occurred_at, zone, event.precision, event.zone)
    if event.ends_at is not None:
        when += " – " + format_moment(event.ends_at, zone, event.precision, event.zone)
    flags = " · decision point" if event.decision_point else ""
    return f"{when} · {label(event.kind)}{flags}\n{event.description}"


def zone_caption(moment: datetime, zone: str) -> str:
    """Return the axis caption: the zone name and its offset at a moment."""
    return f"{zone} ({zone_label(moment, zone)})"


def local_midnights(start: datetime, end: datetime, zone: str) -> list[datetime]:
    """Return each local midnight in (start, end], in UTC, in time order."""
    tz = parse_zone(zone)
    day = start.astimezone(tz).date() + timedelta(days=1)
    last = end.astimezone(tz).date()
    result = []
    while day <= last:
        midnight = datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)
        result.append(midnight)
        day += timedelta(days=1)
    return result


def is_precise(event: TimelineEvent) -> bool:
    return event.precision in (
        TimePrecision.EXACT,
        TimePrecision.DERIVED,
        TimePrecision.MINUTE,
    )


class _Layout:
    """The steps of one chart layout, top to bottom: milestones, lanes, axis."""

    def __init__(
        self,
        events: Sequence[TimelineEvent],
        zone: str,
        measure: Measure,
        by: LaneBy,
        style: ChartStyle,
    ) -> None:
        spans = [event_span(event) for event in events]
        order = sorted(range(len(events)), key=lambda index: spans[index][0])
        self.events = [events[index] for index in order]
        self.spans = [spans[index] for index in order]
        self.zone = zone
        self.measure = measure
        self.by = by
        self.style = style
        self.leading = style.font_size * 1.2
        self.small_leading = style.small_size * 1.2
        event_keys = _lane_keys(self.events, by)
        present = set(event_keys)
        self.keys = [key for key in lane_order(by) if key in present]
        lane_index = {key: index for index, key in enumerate(self.keys)}
        self.event_lanes = [lane_index[key] for key in event_keys]
        self.plot_left = style.margin + self._header_width()
        self.plot_right = max(style.width - style.margin, self.plot_left + 40.0)
        ranges = shown_ranges(self.spans)
        self.start, self.end = ranges[0][0], ranges[-1][1]
        self.axis = time_axis(ranges, self.plot_left, self.plot_right)
        self.labels: list[Label] = []
        self.smallest_label = measure("W" + ELLIPSIS, style.small_size)

    def _header_width(self) -> float:
        size, small = self.style.font_size, self.style.small_size
        widest = max(self.measure(key, size) for key in self.keys)
        counts = self.measure(_hidden_text(len(self.events)), small)
        return max(widest, counts) + 2 * self.style.label_gap

    def x_at(self, moment: datetime) -> float:
        return self.axis.x_at(moment)

    def chart(self) -> TimelineChart:
        style = self.style
        has_milestones = any(e.milestone is not None for e in self.events)
        band = style.milestone_rows * self.leading + 2 if has_milestones else 0.0
        lanes_top = style.margin + band
        lane_height = (
            2 * style.lane_padding
            + style.marker_height
            + 1
            + style.label_rows * self.small_leading
        )
        markers = [
            self._marker(event, span, lane, lanes_top, lane_height)
            for event, span, lane in zip(
                self.events, self.spans, self.event_lanes, strict=True
            )
        ]
        lanes = self._lanes(markers, lanes_top, lane_height)
        lanes_bottom = lanes_top + lane_height * len(lanes)

        milestones = self._milestones(markers, style.margin, lanes_top, lanes_bottom)
        ticks, axis_bottom = self._axis(lanes_top, lanes_bottom)
        caption = zone_caption(self.start, self.zone)
        self._label(caption, style.margin, axis_bottom + self.small_leading)
        hidden = sum(lane.hidden_labels for lane in lanes)
        return TimelineChart(
            width=style.width,
            height=axis_bottom + self.small_leading + style.margin,
            plot_left=self.plot_left,
            plot_right=self.plot_right,
            start=self.start,
            end=self.end,
            zone=self.zone,
            axis=self.axis,
            breaks=tuple(self._breaks(lanes_top, lanes_bottom)),
            lanes=tuple(lanes),
            markers=tuple(markers),
            ticks=tuple(ticks),
            milestones=tuple(milestones),
            labels=tuple(self.labels),
            hidden_labels=hidden,
        )

    def _label(self, text: str, x: float, baseline: float, small: bool = True) -> None:
        size = self.style.small_size if small else self.style.font_size
        width = self.measure(text, size)
        self.labels.append(Label(text, x, baseline, width, size))

    def _marker(
        self,
        event: TimelineEvent,
        span: tuple[datetime, datetime],
        lane: int,
        lanes_top: float,
        height: float,
    ) -> Marker:
        style = self.style
        y = lanes_top + lane * height + style.lane_padding
        start, end = span
        left = self.x_at(start)
        right = left if end == start else self.x_at(end)
        hatched = not is_precise(event)
        shape = MarkerShape.BAR
        if event.ends_at is None and event.precision is TimePrecision.APPROXIMATE:
            left, right = _widened(left, right, style.approximate_width)
        elif event.ends_at is None and not hatched and event.decision_point:
            shape = MarkerShape.DIAMOND
            left, right = _widened(left, right, style.marker_height)
        elif event.ends_at is None and not hatched:
            shape = MarkerShape.POINT
            left, right = _widened(left, right, style.point_width)
        else:
            left, right = _widened(left, right, style.point_width)
        left = min(max(left, self.plot_left), self.plot_right - (right - left))
        width = right - left
        h = style.marker_height
        return Marker(
            event_id=event.id,
            lane=lane,
            shape=shape,
            x=left,
            y=y,
            width=width,
            height=h,
            fill=DECISION_FILL
            if event.decision_point
            else MARKER_FILLS[lane % len(MARKER_FILLS)],
            hatched=hatched,
            decision=event.decision_point,
        )

    def _lanes(
        self, markers: list[Marker], lanes_top: float, height: float
    ) -> list[Lane]:
        hidden = [0] * len(self.keys)
        ends = [[-math.inf] * self.style.label_rows for _ in self.keys]
        for marker, event in zip(markers, self.events, strict=True):
            if not self._place_label(marker, event, ends[marker.lane], height):
                hidden[marker.lane] += 1

        lanes = []
        for index, key in enumerate(self.keys):
            top = lanes_top + index * height
            header = [self._header_label(key, top, self.style.font_size, 0)]
            if hidden[index]:
                text = _hidden_text(hidden[index])
                header.append(self._header_label(text, top, self.style.small_size, 1))
            fill = LANE_FILLS[index % len(LANE_FILLS)]
            lanes.append(Lane(key, top, height, tuple(header), fill, hidden[index]))
        return lanes

    def _header_label(self, text: str, top: float, size: float, row: int) -> Label:
        baseline = top + self.style.lane_padding + ASCENT * size + row * self.leading
        x = self.style.margin + self.style.label_gap / 2
        return Label(text, x, baseline, self.measure(text, size), size)

    def _place_label(
        self, marker: Marker, event: TimelineEvent, row_ends: list[float], height: float
    ) -> bool:
        """Place an event's label in the first row with room, or return False.

        Markers arrive in x order, so a row is free at x when its last label
        ends before x. The text is measured only when some row can take it.
        """
        style = self.style
        gap, size = style.label_gap, style.small_size
        if min(row_ends) + gap > min(marker.x, self.plot_right - self.smallest_label):
            return False
        text = fit_text(event.description, self.measure, size, style.max_label_width)
        if not text:
            return False
        width = self.measure(text, size)
        x = min(marker.x, self.plot_right - width)
        for row, end in enumerate(row_ends):
            if end + gap <= x:
                row_ends[row] = x + width
                baseline = marker.bottom + 1 + row * self.small_leading
                self._label(text, x, baseline + ASCENT * size)
                return True
        return False

    def _milestones(
        self, markers: list[Marker], top: float, lanes_top: float, bottom: float
    ) -> list[MilestoneMark]:
        row_ends = [-math.inf] * self.style.milestone_rows
        size, gap = self.style.font_size, self.style.label_gap
        marks = []
        for marker, event in zip(markers, self.events, strict=True):
            if event.milestone is None:
                continue
            x = marker.x + marker.width / 2
            text = label(event.milestone)
            width = self.measure(text, size)
            left = min(max(x - width / 2, self.plot_left), self.plot_right - width)
            placed = None
            for row, end in enumerate(row_ends):
                if end + gap <= left:
                    row_ends[row] = left + width
                    baseline = top + row * self.leading + ASCENT * size
                    placed = Label(text, left, baseline, width, size)
                    break
            marks.append(MilestoneMark(event.id, x, lanes_top, bottom, placed))
        return marks

    def _axis(self, lanes_top: float, lanes_bottom: float) -> tuple[list[Tick], float]:
        """Lay out day and hour ticks and their labels, and return the axis bottom."""
        size, gap = self.style.small_size, self.style.label_gap
        hour_baseline = lanes_bottom + 3 + ASCENT * size
        day_baseline = hour_baseline + self.small_leading
        per_day = 86400 / max(self.axis.seconds_per_point(), 1e-9)
        ticks: list[Tick] = []
        tz = parse_zone(self.zone)
        day_width = self.measure("0000-00-00", size) + gap
        step = next((s for s in DAY_STEPS if s * per_day >= day_width), DAY_STEPS[-1])
        last_end = -math.inf
        for segment in self.axis.segments:
            ticks += self._hour_ticks(
                segment, per_day, lanes_top, lanes_bottom, hour_baseline
            )
            # Each stretch starts with its date, so a break never hides the day.
            first = f"{segment.start.astimezone(tz):%Y-%m-%d}"
            if segment.left >= last_end + gap:
                self._label(first, segment.left, day_baseline)
                last_end = segment.left + self.measure(first, size)
            for midnight in local_midnights(segment.start, segment.end, self.zone):
                local = midnight.astimezone(tz)
                if local.toordinal() % step:
                    continue
                x = segment.x_at(midnight)
                ticks.append(Tick(x, lanes_top, lanes_bottom + 3, day=True))
                text = f"{local:%Y-%m-%d}"
                width = self.measure(text, size)
                if x >= last_end + gap and x + width <= segment.right:
                    self._label(text, x, day_baseline)
                    last_end = x + width
        return ticks, day_baseline + self.small_leading - ASCENT * size

    def _breaks(self, top: float, bottom: float) -> list[AxisBreak]:
        result = []
        for left, right in self.axis.breaks():
            # Two short parallel slashes where the break meets the lanes' edges.
            strokes = tuple(
                ((x - 2, y + 3), (x + 2, y - 3))
                for x in (left + 1, right - 1)
                for y in (top, bottom)
            )
            result.append(AxisBreak(left, right, top, bottom + 3, strokes))
        return result

    def _hour_ticks(
        self,
        segment: AxisSegment,
        per_day: float,
        top: float,
        bottom: float,
        baseline: float,
    ) -> list[Tick]:
        size, gap = self.style.small_size, self.style.label_gap
        width = self.measure("00:00", size) + gap
        step = next((s for s in HOUR_STEPS if s * per_day / 24 >= width), None)
        if step is None:
            return []
        tz = parse_zone(self.zone)
        ticks = []
        moment = segment.start.replace(minute=0, second=0, microsecond=0)
        while moment <= segment.end:
            local = moment.astimezone(tz)
            # NOTE: zones with a half-hour offset get no hour ticks, because
            # no UTC hour falls on a local full hour there.
            if local.minute == 0 and local.hour % step == 0 and local.hour:
                x = segment.x_at(moment)
                if segment.left <= x:
                    ticks.append(Tick(x, top, bottom + 3, day=False))
                    if x + self.measure("00:00", size) <= segment.right:
                        self._label(f"{local:%H:%M}", x, baseline)
            moment += timedelta(hours=1)
        return ticks


def _lane_keys(events: Sequence[TimelineEvent], by: LaneBy) -> list[str]:
    """Return each event's lane title, formatting each distinct title once."""
    titles: dict[object, str] = {}
    keys = []
    for event in events:
        value = event.kind if by is LaneBy.KIND else event.actor
        title = titles.get(value)
        if title is None:
            title = titles[value] = lane_key(event, by)
        keys.append(title)
    return keys


def _hidden_text(count: int) -> str:
    return f"{count:,} label{'s' if count != 1 else ''} hidden"


def _widened(left: float, right: float, minimum: float) -> tuple[float, float]:
    """Widen [left, right] about its centre to at least `minimum`."""
    if right - left >= minimum:
        return left, right
    centre = (left + right) / 2
    return centre - minimum / 2, centre + minimum / 2


def _outline(
    shape: MarkerShape, x: float, y: float, width: float, height: float
) -> tuple[Point, ...]:
    if shape is MarkerShape.DIAMOND:
        cx, cy = x + width / 2, y + height / 2
        half = height / 2
        return ((cx, cy - half), (cx + half, cy), (cx, cy + half), (cx - half, cy))
    return ((x, y), (x + width, y), (x + width, y + height), (x, y + height))
