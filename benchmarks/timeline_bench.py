"""Timeline benchmarks: each app path timed against a plain baseline in one run.

Every figure is a ratio (or, for memory, a difference) between the app and a
baseline doing the least work that produces the same rows, measured side by
side on the same generated data, so the numbers carry over between machines
better than absolute times. The data is a generated Slack export of
`--events` messages, imported into a fresh library in a temporary folder.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/timeline_bench.py

Prints one line per figure, with its target and whether it was met. Figures
without a target (editing one record, and the open and the import against a
second baseline) print their ratios only.
"""

import argparse
import gc
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pir_desktop.domain.entities import ContributingFactor  # noqa: E402
from pir_desktop.domain.enums import Severity  # noqa: E402
from pir_desktop.domain.review import Review  # noqa: E402
from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.ui.context import PREVIEW_ROWS, ReviewContext  # noqa: E402
from pir_desktop.ui.tabs.timeline import TimelineTab  # noqa: E402
from pir_desktop.ui.timeline.model import DESCRIPTION  # noqa: E402
from pir_desktop.ui.timeline.proxy import TimelineFilter  # noqa: E402

CHANNELS = ("incident", "security", "ops", "comms")
WORDS = (
    "alert host key rotated firewall login token revoked vpn jenkins build "
    "agent ssh backup restore dns cdn ticket page acknowledged escalated"
).split()
START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
NEEDLE = "jenkins build"
WINDOW_SIZE = (1200, 800)
# Columns of the baseline table: as many as the events table has.
BASELINE_COLUMNS = 24


def best_of(repeat: int, action: Callable[[], object]) -> float:
    """Return the shortest wall time of `repeat` calls, in seconds.

    Each call starts after a full garbage collection. Otherwise a call can
    pay for a collection that an earlier step's objects triggered. In one run,
    that doubled the time of the raw fetch right after an open.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def collection_after(action: Callable[[], object]) -> float:
    """Return the wall time of a full collection right after `action`, in seconds.

    This measures the collector's work that `action` triggered but did not pay for.
    """
    gc.collect()
    result = action()
    started = time.perf_counter()
    gc.collect()
    elapsed = time.perf_counter() - started
    del result
    return elapsed


def write_slack_export(folder: Path, count: int, seed: int = 1) -> None:
    """Write a Slack export of `count` messages over four channels and ten days."""
    rng = random.Random(seed)
    users = [{"id": f"U{i:03d}", "real_name": f"Person {i}"} for i in range(20)]
    (folder / "users.json").write_text(json.dumps(users))
    days: dict[tuple[str, str], list[dict]] = {}
    for index in range(count):
        seconds = index * 864_000 / max(count, 1)
        moment = START.timestamp() + seconds
        day = datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d")
        channel = CHANNELS[index % len(CHANNELS)]
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        message = {
            "type": "message",
            "user": f"U{rng.randrange(20):03d}",
            "text": f"<@U{rng.randrange(20):03d}> {text}",
            "ts": f"{moment:.6f}",
        }
        days.setdefault((channel, day), []).append(message)
    for (channel, day), messages in days.items():
        (folder / channel).mkdir(exist_ok=True)
        (folder / channel / f"{day}.json").write_text(json.dumps(messages))


def slack_baseline(folder: Path, database: Path) -> None:
    """Parse every day file with json and insert its rows with executemany."""
    rows = []
    for path in sorted(folder.glob("*/*.json")):
        for message in json.loads(path.read_bytes()):
            values = [message["ts"], path.parent.name, message["user"], message["text"]]
            rows.append(values + [""] * (BASELINE_COLUMNS - len(values)))
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    columns = ", ".join(f"c{i} TEXT" for i in range(BASELINE_COLUMNS))
    connection.execute(f"CREATE TABLE IF NOT EXISTS events ({columns})")
    marks = ", ".join("?" * BASELINE_COLUMNS)
    with connection:
        connection.executemany(f"INSERT INTO events VALUES ({marks})", rows)
    connection.close()


def copy_database(source: Path, target: Path) -> None:
    """Copy an SQLite file, pages still in its write-ahead log included."""
    source_connection = sqlite3.connect(source)
    target_connection = sqlite3.connect(target)
    source_connection.backup(target_connection)
    source_connection.close()
    target_connection.close()


def stored_event_rows(path: Path) -> tuple[str, list[tuple[object, ...]]]:
    """Return an INSERT statement for the events table and its rows as stored."""
    connection = sqlite3.connect(path)
    cursor = connection.execute("SELECT * FROM events")
    names = [column[0] for column in cursor.description]
    rows = cursor.fetchall()
    connection.close()
    marks = ", ".join("?" * len(names))
    return f"INSERT INTO events ({', '.join(names)}) VALUES ({marks})", rows


def same_rows_baseline(
    folder: Path, database: Path, insert: str, rows: list[tuple[object, ...]]
) -> None:
    """Parse every day file with json, then insert the app's stored rows again.

    `database` is a copy of the library before the import, so the rows go
    into the same table, with the same key, indexes and triggers.
    """
    for path in sorted(folder.glob("*/*.json")):
        json.loads(path.read_bytes())
    connection = sqlite3.connect(database)
    with connection:
        connection.executemany(insert, rows)
    connection.close()


def time_same_rows(
    export: Path, library_path: Path, empty_copy: Path, folder: Path, repeat: int
) -> float:
    """Return the shortest time of `same_rows_baseline` on a fresh copy each run."""
    insert, rows = stored_event_rows(library_path)
    times = []
    for run in range(repeat):
        target = folder / f"same-rows-{run}.pir"
        copy_database(empty_copy, target)
        gc.collect()
        started = time.perf_counter()
        same_rows_baseline(export, target, insert, rows)
        times.append(time.perf_counter() - started)
    return min(times)


def import_slack(library: ReviewLibrary, review_id: UUID, folder: Path) -> int:
    """Import the export through the app's importer and import service."""
    # Imported here so that the memory child process loads only what opening needs.
    from pir_desktop.services import timeline_import

    preview = timeline_import.preview(
        library, review_id, folder, timeline_import.ImportFormat.SLACK
    )
    return len(timeline_import.apply(library, preview).added)


def new_library(path: Path) -> tuple[ReviewLibrary, UUID]:
    library = ReviewLibrary.create(path)
    review = Review(
        reference="BENCH-1",
        title="Generated review",
        severity=Severity.P2,
        display_zone="Europe/Berlin",
    )
    return library, library.add_review(review).id


def open_timeline(
    path: Path, review_id: UUID, previewed: list[float] | None = None
) -> TimelineTab:
    """Open the library, show the Timeline tab, select the review and paint it.

    The tab is shown before the review is selected, as in the main window,
    whose tabs exist before a review is chosen. When the review is previewed,
    the time at which the tab has painted the preview is appended to
    `previewed`.
    """
    library = ReviewLibrary.open(path)
    context = ReviewContext(library)
    tab = TimelineTab(context)
    tab.resize(*WINDOW_SIZE)
    tab.show()
    QApplication.processEvents()
    if previewed is not None:
        # Connected after the tab's slot, which repaints before returning.
        context.timeline_preview.connect(
            lambda _head: previewed.append(time.perf_counter())
        )
    context.select(review_id)
    tab.grab()
    return tab


def time_open(path: Path, review_id: UUID, repeat: int) -> tuple[float, float]:
    """Return the shortest times to the first rows painted and to every row shown.

    A review too small for a preview counts as painted when it is all shown.
    """
    first_rows, every_row = [], []
    for _ in range(repeat):
        gc.collect()
        previewed: list[float] = []
        started = time.perf_counter()
        tab = open_timeline(path, review_id, previewed)
        ended = time.perf_counter()
        every_row.append(ended - started)
        first_rows.append((previewed[0] if previewed else ended) - started)
        discard(tab)
    return min(first_rows), min(every_row)


def discard(tab: TimelineTab) -> None:
    """Delete a tab and close its library, so that no timer of it fires later.

    The tab's chart is built by a zero-time timer after the first paint. A
    tab left alive would build it in the next open's first event processing.
    """
    library = tab.context.library
    tab.hide()
    tab.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()
    library.close()


def add_factor(library: ReviewLibrary, review_id: UUID) -> None:
    """Add one contributing factor, the record type edited besides events."""
    factor = ContributingFactor(statement="Build agent kept a stale token")
    library.add(review_id, factor)


def edit_factor(tab: TimelineTab, text: str) -> None:
    """Change the review's first factor through the context, as a tab does."""
    context = tab.context
    assert context.review is not None
    factor = context.review.factors[0]
    context.update_record(factor, factor.with_changes(category=text), "Edit factor")
    QApplication.processEvents()


def edit_event(tab: TimelineTab, text: str) -> None:
    """Change one event's description through the context and rebuild the chart."""
    context = tab.context
    assert context.review is not None
    event = context.review.events[len(context.review.events) // 2]
    changed = event.with_changes(description=text)
    context.update_record(event, changed, "Edit event")
    # The chart's rebuild timer fires when control returns to Qt.
    QApplication.processEvents()


class EditCounter:
    """Counter that returns a new text per edit, so each timed edit changes data."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"Edit {self.count}"


def single_update(connection: sqlite3.Connection, text: str, event_id: str) -> None:
    """Update one event's description and commit, the minimum work of an edit."""
    with connection:
        connection.execute(
            "UPDATE events SET description = ? WHERE id = ?", (text, event_id)
        )


def update_baseline(
    library_path: Path, copy: Path, repeat: int, next_text: EditCounter
) -> float:
    """Time a one-row UPDATE through sqlite3 on a copy of the library, in seconds."""
    source = sqlite3.connect(library_path)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.execute("PRAGMA journal_mode=WAL")
    (event_id,) = target.execute("SELECT id FROM events LIMIT 1").fetchone()
    elapsed = best_of(repeat, lambda: single_update(target, next_text(), event_id))
    target.close()
    return elapsed


def raw_fetch(path: Path) -> int:
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT * FROM events").fetchall()
    connection.close()
    return len(rows)


def raw_fetch_first(path: Path, count: int) -> int:
    """Fetch the first `count` events in timeline order, as the preview reads them."""
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT * FROM events ORDER BY review_id, sort_at, sort_rank, seq LIMIT ?",
        (count,),
    ).fetchall()
    connection.close()
    return len(rows)


def sort_and_filter(tab: TimelineTab) -> None:
    tab.proxy.sort(DESCRIPTION)
    tab.proxy.set_filter(TimelineFilter(text=NEEDLE))
    tab.proxy.set_filter(TimelineFilter())


def plain_sort_and_scan(tab: TimelineTab) -> None:
    events = tab.model.records
    keys = [(e.description.casefold(), e.occurred_at) for e in events]
    sorted(keys)
    needle = NEEDLE.casefold()
    [
        e
        for e in events
        if any(
            needle in value.casefold()
            for value in (
                e.description,
                e.actor_role,
                e.source,
                e.attack_technique,
                e.time_note,
            )
        )
    ]


def child(mode: str, path: str, review_id: str) -> None:
    """Run the memory child that opens the review in the Timeline tab."""
    app = QApplication.instance() or QApplication([])
    tab = open_timeline(Path(path), UUID(review_id))
    tab.chart.view.rebuild()
    tab.grab()
    app.processEvents()


BARE_WINDOW = """
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.resize(*WINDOW_SIZE)
window.show()
window.grab()
app.processEvents()
""".replace("WINDOW_SIZE", repr(WINDOW_SIZE))


LAUNCHER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss(mode: str, path: Path, review_id: UUID) -> float:
    """Run a child process and return the children's peak RSS so far, in MB.

    The bare child imports only PySide6, so the difference also counts the
    app's own modules.
    """
    if mode == "bare":
        command = [sys.executable, "-c", BARE_WINDOW]
    else:
        script = [sys.executable, __file__, "--child", mode]
        command = [*script, str(path), str(review_id)]
    # A forked child starts with its parent's resident pages counted in its
    # ru_maxrss, so a small launcher process runs the child and reports it.
    launcher = [sys.executable, "-c", LAUNCHER, *command]
    output = subprocess.run(launcher, check=True, capture_output=True, text=True).stdout
    # Linux reports ru_maxrss in kilobytes.
    return int(output.split()[-1]) / 1024


def report(name: str, value: float, target: float, unit: str = "") -> None:
    verdict = "met" if value <= target else "MISSED"
    print(f"{name}: {value:.2f}{unit} (target <= {target:g}{unit}, {verdict})")


def report_import(app_import: float, same_rows: float, plain_table: float) -> None:
    """Print the import against both baselines; the same-rows one has the target."""
    report(
        "slack import / json and executemany of the same rows",
        app_import / same_rows,
        3,
    )
    print(
        "slack import / json and executemany into a plain 24-column table "
        f"(no target): {app_import / plain_table:.2f}"
    )
    print(
        f"absolute: import {app_import:.3f} s, same rows {same_rows:.3f} s, "
        f"plain table {plain_table:.3f} s"
    )


def run(count: int, repeat: int, folder: Path, only: str | None = None) -> None:
    QApplication.instance() or QApplication([])
    export = folder / "export"
    export.mkdir()
    write_slack_export(export, count)
    library_path = folder / "bench.pir"
    library, review_id = new_library(library_path)
    empty_copy = folder / "before-import.pir"
    copy_database(library_path, empty_copy)

    started = time.perf_counter()
    added = import_slack(library, review_id, export)
    app_import = time.perf_counter() - started
    add_factor(library, review_id)
    empty_id = library.add_review(
        Review(reference="BENCH-EMPTY", title="No events", severity=Severity.P3)
    ).id
    library.close()
    base_import = best_of(1, lambda: slack_baseline(export, folder / "base.sqlite"))
    same_rows = time_same_rows(export, library_path, empty_copy, folder, repeat)
    print(f"events imported: {added}")
    report_import(app_import, same_rows, base_import)
    if only == "import":
        return

    app_open, app_loaded = time_open(library_path, review_id, repeat)
    base_open = best_of(repeat, lambda: raw_fetch(library_path))
    base_first = best_of(repeat, lambda: raw_fetch_first(library_path, PREVIEW_ROWS))
    open_collection = collection_after(lambda: open_timeline(library_path, review_id))
    tab = open_timeline(library_path, review_id)
    chart_build = best_of(1, tab.chart.view.rebuild)
    app_sort = best_of(repeat, lambda: sort_and_filter(tab))
    base_sort = best_of(repeat, lambda: plain_sort_and_scan(tab))
    text = EditCounter()
    app_factor = best_of(repeat, lambda: edit_factor(tab, text()))
    app_event = best_of(repeat, lambda: edit_event(tab, text()))
    base_update = update_baseline(library_path, folder / "update.pir", repeat, text)

    bare = peak_rss("bare", library_path, review_id)
    opened = peak_rss("open", library_path, review_id)
    empty = peak_rss("open", library_path, empty_id)

    report("open to first rows painted / raw sqlite3 fetch", app_open / base_open, 1.5)
    print(
        "open until every event is loaded and painted / raw sqlite3 fetch "
        f"(no target): {app_loaded / base_open:.2f}"
    )
    print(
        f"open to first rows painted / raw sqlite3 fetch of the first "
        f"{PREVIEW_ROWS} rows (no target): {app_open / base_first:.0f}"
    )
    report("sort and filter proxy / sorted and scan", app_sort / base_sort, 2)
    report("peak RSS, review open - bare window", opened - bare, 60, " MB")
    print(
        "peak RSS, review open - same window on a review without events "
        f"(no target): {opened - empty:.2f} MB"
    )
    print(
        f"edit one record / one-row sqlite3 UPDATE (no target): factor "
        f"{app_factor / base_update:.0f}, event {app_event / base_update:.0f}"
    )
    print(
        f"absolute: open to first rows {app_open:.3f} s and to every row "
        f"{app_loaded:.3f} s vs fetch {base_open:.3f} s "
        f"and fetch of the first rows {base_first * 1000:.2f} ms, "
        f"sort+filter {app_sort:.3f} s vs {base_sort:.3f} s, "
        f"import {app_import:.3f} s vs {same_rows:.3f} s (same rows, same table) "
        f"and {base_import:.3f} s (plain table), "
        f"edit one factor {app_factor:.3f} s and one event {app_event:.3f} s "
        f"vs UPDATE {base_update * 1000:.2f} ms, "
        f"bare window {bare:.0f} MB, review open {opened:.0f} MB, "
        f"review without events open {empty:.0f} MB, "
        f"chart layout and scene {chart_build:.3f} s, "
        f"full collection after open {open_collection:.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--events", type=int, default=50_000, help="messages to generate"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per timing; the fastest counts"
    )
    parser.add_argument(
        "--only", choices=["import"], help="measure only this figure and skip the rest"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(*arguments.child)
        return
    with tempfile.TemporaryDirectory(prefix="pir-bench-") as folder:
        run(arguments.events, arguments.repeat, Path(folder), arguments.only)


if __name__ == "__main__":
    main()
