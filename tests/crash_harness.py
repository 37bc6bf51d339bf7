"""Edit a library in a loop, printing each edit after it commits, until killed.

Run as `python tests/crash_harness.py LIBRARY SEED`. The library must hold
the review that tests/conftest.py's example_review() builds. Each line of
output names one committed edit:

    add <event id>       a timeline event was added
    facts <n>            the review's summary was set to "edit <n>"
    update <event id> <n>  that event's description was set to "edit <n>"

test_crash_trials.py kills this process with SIGKILL at a random moment and
checks that every edit it printed is in the file.
"""

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import EventKind
from pir_desktop.services import ReviewLibrary

REFERENCE = "PIR-2024-031"
START = datetime(2024, 5, 2, 12, 0, tzinfo=UTC)


def storm(path: Path, seed: int) -> None:
    """Make random edits until the process is killed."""
    choose = random.Random(seed)
    library = ReviewLibrary.open(path)
    review_id = library.find(REFERENCE)
    facts = library.load(review_id).facts
    added: list[TimelineEvent] = []
    number = 0
    while True:
        number += 1
        kind = choose.choice(["add", "add", "facts", "update"])
        if kind == "update" and added:
            index = choose.randrange(len(added))
            changed = added[index].model_copy(update={"description": f"edit {number}"})
            added[index] = library.update(changed)  # type: ignore[assignment]
            report(f"update {changed.id} {number}")
        elif kind == "facts":
            facts = library.update_facts(facts.with_changes(summary=f"edit {number}"))
            report(f"facts {number}")
        else:
            event = TimelineEvent(
                occurred_at=START + timedelta(seconds=number),
                kind=EventKind.CONTEXT,
                description=f"event {number} " + "x" * choose.randrange(4000),
            )
            added.append(library.add(review_id, event))  # type: ignore[arg-type]
            report(f"add {event.id}")


def report(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    storm(Path(sys.argv[1]), int(sys.argv[2]))
