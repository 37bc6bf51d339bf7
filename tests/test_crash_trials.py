"""Crash trials: kill a process in the middle of a storm of edits.

tests/crash_harness.py makes edits in a child process and prints each one
after it commits. The test kills the child with SIGKILL at a random moment,
reopens the file and checks that every printed edit is stored and that
SQLite's integrity check passes. The seed of each trial is in the test id.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from uuid import UUID

import pytest
from conftest import REFERENCE, example_review

from pir_desktop.services import ReviewLibrary

HARNESS = Path(__file__).with_name("crash_harness.py")
ROOT = HARNESS.parent.parent
# Longest time a trial lets the child run after its first committed edit.
MAX_STORM_S = 0.6
START_TIMEOUT_S = 60


def run_trial(path: Path, seed: int) -> list[str]:
    """Run the harness on `path`, kill it at a random moment; return its lines."""
    library = ReviewLibrary.create(path)
    library.add_review(example_review())
    library.close()

    child = subprocess.Popen(
        [sys.executable, str(HARNESS), str(path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines: list[str] = []
    first = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            first.set()

    reader = threading.Thread(target=read)
    reader.start()
    started = first.wait(START_TIMEOUT_S)
    time.sleep(random.Random(seed).uniform(0, MAX_STORM_S))
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join()
    assert child.stderr is not None
    errors = child.stderr.read()
    child.stderr.close()
    assert started, f"the harness committed no edit: {errors}"
    assert child.returncode == -signal.SIGKILL, errors
    return lines


def check_file(path: Path, lines: list[str]) -> None:
    """Assert that the file is intact and contains every reported edit."""
    with sqlite3.connect(path) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
    connection.close()
    assert integrity == [("ok",)]

    library = ReviewLibrary.open(path)
    review = library.load(library.find(REFERENCE))
    library.close()
    events = {event.id: event for event in review.events}
    last_facts = 0
    for line in lines:
        kind, *values = line.split()
        if kind == "add":
            assert UUID(values[0]) in events, line
        elif kind == "update":
            description = events[UUID(values[0])].description
            assert int(description.removeprefix("edit ")) >= int(values[1]), line
        else:
            assert kind == "facts", line
            last_facts = int(values[0])
    if last_facts:
        assert int(review.summary.removeprefix("edit ")) >= last_facts


def trial(tmp_path: Path, seed: int) -> None:
    path = tmp_path / f"crash-{seed}.pir"
    lines = run_trial(path, seed)
    assert lines
    check_file(path, lines)


@pytest.mark.parametrize("seed", range(10))
def test_crash_trial(tmp_path: Path, seed: int) -> None:
    trial(tmp_path, seed)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(100, 200))
def test_crash_trial_long(tmp_path: Path, seed: int) -> None:
    trial(tmp_path, seed)
