"""The timeline table model and filter proxy on 50,000 generated events."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import Actor, EventKind, TimePrecision
from pir_desktop.domain.timeline_time import sort_timeline, timeline_sort_key
from pir_desktop.ui.timeline.model import (
    BATCH_SIZE,
    DESCRIPTION,
    KIND,
    TIME,
    TimelineTableModel,
    time_span,
)
from pir_desktop.ui.timeline.proxy import NO_ACTOR, TimelineFilter, TimelineProxy

COUNT = 50_000
ZONES = ("UTC", "Europe/Berlin", "America/New_York")
WORDS = ("alert", "login", "firewall", "beacon", "ticket", "bridge")
START = datetime(2024, 3, 1, tzinfo=UTC)


def generated_events() -> list[TimelineEvent]:
    rng = random.Random(7)
    events = []
    for number in range(COUNT):
        occurred = START + timedelta(seconds=rng.randrange(60 * 86_400))
        events.append(
            TimelineEvent(
                occurred_at=occurred,
                zone=rng.choice(ZONES),
                precision=rng.choice(list(TimePrecision)),
                kind=rng.choice(list(EventKind)),
                actor=rng.choice([None, *Actor]),
                description=f"{rng.choice(WORDS)} number {number}",
            )
        )
    return events


@pytest.fixture(scope="module")
def events() -> list[TimelineEvent]:
    return generated_events()


def shuffled(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """Return the events in a fixed random order, as a store might return them."""
    mixed = list(events)
    random.Random(3).shuffle(mixed)
    return mixed


@pytest.fixture(scope="module")
def loaded_model(qapp, events: list[TimelineEvent]) -> TimelineTableModel:
    model = TimelineTableModel()
    model.set_records(shuffled(events))
    return model


@pytest.fixture
def proxy(loaded_model: TimelineTableModel, events) -> TimelineProxy:
    """A proxy over the 50,000 events, reloaded in time order for each test."""
    loaded_model.set_filter(TimelineFilter())
    loaded_model.loaded = 0
    loaded_model.set_records(shuffled(events))
    return TimelineProxy(loaded_model)


def shown_ids(proxy: TimelineProxy) -> list[object]:
    return [proxy.event_at(row).id for row in range(proxy.rowCount())]


def test_rows_fetched_lazily(proxy: TimelineProxy) -> None:
    model = proxy.source

    assert model.rowCount() == BATCH_SIZE
    assert model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 2 * BATCH_SIZE


def test_fetch_all_inserts_once(proxy: TimelineProxy) -> None:
    model = proxy.source
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(
        lambda _parent, first, last: inserts.append((first, last))
    )

    model.fetch_all()

    assert inserts == [(BATCH_SIZE, COUNT - 1)]
    assert model.rowCount() == COUNT
    assert not model.canFetchMore(model.index(-1, -1))


def test_time_order_uses_sort_key(proxy: TimelineProxy, events) -> None:
    proxy.source.fetch_all()

    expected = [event.id for event in sort_timeline(shuffled(events))]
    assert shown_ids(proxy) == expected
    keys = [timeline_sort_key(proxy.event_at(row)) for row in range(COUNT)]
    assert keys == sorted(keys)


def test_hour_precision_sorts_by_hour_start(proxy: TimelineProxy) -> None:
    proxy.source.fetch_all()
    rows = range(proxy.rowCount())
    hour_rows = [row for row in rows if proxy.event_at(row).precision == "hour"]

    for row in hour_rows[:200]:
        event = proxy.event_at(row)
        assert timeline_sort_key(event)[0] <= event.occurred_at


def test_sort_descending_by_time(proxy: TimelineProxy, events) -> None:
    proxy.sort(TIME, Qt.SortOrder.DescendingOrder)
    proxy.source.fetch_all()

    keys = [timeline_sort_key(proxy.event_at(row)) for row in range(COUNT)]
    assert keys == sorted(keys, reverse=True)


def test_sort_by_description(proxy: TimelineProxy, events) -> None:
    proxy.sort(DESCRIPTION, Qt.SortOrder.AscendingOrder)
    proxy.source.fetch_all()

    texts = [proxy.event_at(row).description.casefold() for row in range(COUNT)]
    assert texts == sorted(texts)
    assert proxy.rowCount() == COUNT


def test_sort_by_kind_keeps_time_order_within(proxy: TimelineProxy) -> None:
    proxy.sort(KIND, Qt.SortOrder.AscendingOrder)
    proxy.source.fetch_all()

    shown = [proxy.event_at(row) for row in range(COUNT)]
    pairs = [(event.kind.value, timeline_sort_key(event)) for event in shown]
    labels = [proxy.data(proxy.index(row, KIND)) for row in range(COUNT)]
    assert labels == sorted(labels, key=str.casefold)
    for (kind, key), (next_kind, next_key) in zip(pairs, pairs[1:], strict=False):
        if kind == next_kind:
            assert key <= next_key


def test_sort_by_kind_descending_keeps_time_order(proxy: TimelineProxy) -> None:
    proxy.sort(KIND, Qt.SortOrder.DescendingOrder)
    proxy.source.fetch_all()

    shown = [proxy.event_at(row) for row in range(COUNT)]
    pairs = [(event.kind.value, timeline_sort_key(event)) for event in shown]
    labels = [proxy.data(proxy.index(row, KIND)) for row in range(COUNT)]
    assert labels == sorted(labels, key=str.casefold, reverse=True)
    for (kind, key), (next_kind, next_key) in zip(pairs, pairs[1:], strict=False):
        if kind == next_kind:
            assert key <= next_key


def test_kind_filter(proxy: TimelineProxy, events) -> None:
    proxy.set_filter(TimelineFilter(kinds={EventKind.DETECTION}))

    expected = {e.id for e in events if e.kind is EventKind.DETECTION}
    assert set(shown_ids(proxy)) == expected
    assert proxy.rowCount() == len(expected)


def test_actor_filter(proxy: TimelineProxy, events) -> None:
    proxy.set_filter(TimelineFilter(actor=Actor.ATTACKER))
    attackers = {e.id for e in events if e.actor is Actor.ATTACKER}
    assert set(shown_ids(proxy)) == attackers

    proxy.set_filter(TimelineFilter(actor=NO_ACTOR))
    unset = {e.id for e in events if e.actor is None}
    assert set(shown_ids(proxy)) == unset


def test_text_filter(proxy: TimelineProxy, events) -> None:
    proxy.set_filter(TimelineFilter(text="BEACON"))

    expected = {e.id for e in events if "beacon" in e.description}
    assert set(shown_ids(proxy)) == expected


def test_time_window_filter(proxy: TimelineProxy, events) -> None:
    start = START + timedelta(days=10)
    end = START + timedelta(days=11)
    proxy.set_filter(TimelineFilter(start=start, end=end))

    expected = set()
    for event in events:
        first, last = time_span(event)
        if last >= start and first <= end:
            expected.add(event.id)
    assert set(shown_ids(proxy)) == expected
    assert 0 < len(expected) < COUNT


def test_filters_combine_and_keep_order(proxy: TimelineProxy, events) -> None:
    wanted = TimelineFilter(kinds={EventKind.ALERT}, text="login")
    proxy.set_filter(wanted)

    expected = [
        e.id
        for e in sort_timeline(shuffled(events))
        if e.kind is EventKind.ALERT and "login" in e.description
    ]
    assert shown_ids(proxy) == expected


def test_clearing_filter_shows_all(proxy: TimelineProxy) -> None:
    proxy.set_filter(TimelineFilter(text="firewall"))
    proxy.set_filter(TimelineFilter())

    assert proxy.rowCount() == COUNT


def test_text_filter_with_separator(proxy: TimelineProxy) -> None:
    # Filter text that contains the separator between searched fields matches
    # no row, so a match never spans two fields.
    proxy.set_filter(TimelineFilter(text="number 7\x1f"))

    assert proxy.rowCount() == 0


def test_filter_kept_across_reload(proxy: TimelineProxy, events) -> None:
    proxy.set_filter(TimelineFilter(kinds={EventKind.DETECTION}))
    proxy.source.set_records(shuffled(events))

    expected = {e.id for e in events if e.kind is EventKind.DETECTION}
    assert set(shown_ids(proxy)) == expected
    assert proxy.rowCount() == len(expected)


def test_far_east_day_keeps_its_date(qapp) -> None:
    model = TimelineTableModel()
    model.zone_name = "Europe/London"
    event = TimelineEvent(
        occurred_at=datetime(2024, 4, 30, 15, 0, tzinfo=UTC),
        precision=TimePrecision.DAY,
        zone="Asia/Tokyo",
        description="Tokyo office reports phishing wave",
    )

    assert model.time_text(event) == "2024-05-01 (Asia/Tokyo)"


def test_row_after_day_shows_its_date(qapp) -> None:
    model = TimelineTableModel()
    model.zone_name = "Asia/Tokyo"
    day_range = TimelineEvent(
        occurred_at=datetime(2019, 3, 13, 18, 0, tzinfo=UTC),
        ends_at=datetime(2019, 4, 4, 12, 0, tzinfo=UTC),
        precision=TimePrecision.DAY,
        zone="UTC",
        description="Attacker keeps a foothold",
    )
    exact = TimelineEvent(
        occurred_at=datetime(2019, 3, 13, 18, 46, 7, tzinfo=UTC),
        zone="UTC",
        description="Exploit request",
    )
    model.set_records([day_range, exact])
    proxy = TimelineProxy(model)

    assert proxy.time_label(0) == "2019-03-13 (UTC) – 2019-04-04 (UTC)"
    assert proxy.time_label(1) == "2019-03-14 03:46 +09:00"
