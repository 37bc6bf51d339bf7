"""Jira CSV, iCalendar and Markdown exports, and JSON import conflicts."""

import csv
import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import uuid4

import pytest
from icalendar import Calendar
from test_cli import run

from pir_desktop.domain.entities import ActionItem
from pir_desktop.domain.enums import ActionPriority, ActionStatus, ActionType
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.action_exports import (
    export_actions_csv,
    export_ics,
    export_markdown,
)
from pir_desktop.services.exports import export_json, import_json
from pir_desktop.services.sample import sample_review
from pir_desktop.store import LibraryError

REFERENCE = "MATRIX-2019-04"


@pytest.fixture
def library(tmp_path: Path):
    library = ReviewLibrary.create(tmp_path / "sample.pir")
    review = library.add_review(sample_review())
    dated = review.actions[0].with_changes(due_date=date(2019, 6, 1))
    library.update(dated)
    library.add(
        review.id,
        ActionItem(
            title="Retire, the old | host",
            owner="Operations",
            due_date=date(2019, 7, 15),
            priority=ActionPriority.LOW,
            action_type=ActionType.ELIMINATE,
            success_criteria='No "legacy" host answers on any port',
        ),
    )
    yield library
    library.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_round_trip(library, tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    count = export_actions_csv(library, [library.find(REFERENCE)], path)
    rows = read_csv(path)
    assert count == 12
    assert len(rows) == 12
    assert rows[0]["Summary"] == "Disable SSH agent forwarding"
    assert rows[0]["Assignee"] == "Operations"
    assert rows[0]["Due date"] == "2019-06-01"
    assert rows[0]["Priority"] == "High"
    assert rows[0]["Issue Type"] == "Task"
    assert "Success criteria: An audit of all servers" in rows[0]["Description"]
    assert REFERENCE in rows[0]["Description"]
    assert rows[-1]["Summary"] == "Retire, the old | host"
    assert rows[-1]["Priority"] == "Low"
    assert '"legacy"' in rows[-1]["Description"]


def test_csv_labels_repeat_header(library, tmp_path: Path) -> None:
    path = tmp_path / "actions.csv"
    export_actions_csv(library, [library.find(REFERENCE)], path)
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    label_columns = [i for i, name in enumerate(header) if name == "Labels"]
    assert len(label_columns) == 3
    labels = [rows[-1][i] for i in label_columns]
    assert labels == ["post-incident-review", REFERENCE, "eliminate"]


def test_ics_events_and_dates(library, tmp_path: Path) -> None:
    path = tmp_path / "review.ics"
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    export_ics(library, library.find(REFERENCE), path, now=stamp)
    calendar = Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 3
    meeting = events[0]
    assert meeting.decoded("dtstart") == datetime(2019, 4, 24, 12, tzinfo=UTC)
    assert "meeting" in str(meeting["summary"])
    due = [e.decoded("dtstart") for e in events[1:]]
    assert due == [date(2019, 6, 1), date(2019, 7, 15)]
    assert events[2].decoded("dtend") == date(2019, 7, 16)
    assert "Retire, the old | host" in str(events[2]["summary"])


def test_ics_uses_deadline_without_meeting(library, tmp_path: Path) -> None:
    review_id = library.find(REFERENCE)
    facts = library.load(review_id).facts
    library.update_facts(facts.with_changes(meeting_at=None))
    path = tmp_path / "review.ics"
    export_ics(library, review_id, path)
    events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    # Closed 2019-04-12 11:00 UTC; a P1 review is due 72 hours later.
    assert events[0].decoded("dtstart") == datetime(2019, 4, 15, 11, tzinfo=UTC)
    assert "due" in str(events[0]["summary"])


def test_ics_skips_cancelled(library, tmp_path: Path) -> None:
    review_id = library.find(REFERENCE)
    last = library.load(review_id).actions[-1]
    library.update(
        last.with_changes(status=ActionStatus.CANCELLED, cancel_reason="Merged")
    )
    path = tmp_path / "review.ics"
    export_ics(library, review_id, path)
    events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert len(events) == 2


def test_markdown_headings_and_values(library, tmp_path: Path) -> None:
    path = tmp_path / "review.md"
    export_markdown(library, library.find(REFERENCE), path)
    text = path.read_text(encoding="utf-8")
    for heading in (
        f"# {REFERENCE}: Matrix.org production compromise",
        "## Facts",
        "## Timeline",
        "## Contributing factors",
        "## Why-tree",
        "## Lessons learned",
        "## Action items",
    ):
        assert heading in text, heading
    assert "- Severity: P1" in text
    assert "- Closed: 2019-04-12 11:00 UTC" in text
    assert "CVE-2019-1003000" in text


def test_markdown_timeline_precision(library, tmp_path: Path) -> None:
    path = tmp_path / "review.md"
    export_markdown(library, library.find(REFERENCE), path)
    text = path.read_text(encoding="utf-8")
    assert "Times in Europe/London." in text
    assert "- 2019-03-13 to 2019-04-04 (UTC): From Jenkins the attacker" in text
    assert "- ~2019-04-11 02:00 +01:00: " in text
    assert "| Disable SSH agent forwarding | Operations | 2019-06-01 |" in text
    assert r"Retire, the old \| host" in text


def test_json_import_conflict_unchanged(library, tmp_path: Path) -> None:
    document = tmp_path / "review.json"
    review_id = library.find(REFERENCE)
    export_json(library, review_id, document)
    before = library.load(review_id)
    with pytest.raises(LibraryError) as caught:
        import_json(library, document)
    assert REFERENCE in str(caught.value)
    assert "the same id" in str(caught.value)
    assert library.load(review_id) == before
    assert [r.reference for r in library.reviews()] == [REFERENCE]


@pytest.mark.parametrize(
    ("changes", "clash"),
    [
        ({"reference": "OTHER-1"}, "the same id"),
        ({"id": uuid4()}, "the same reference"),
    ],
)
def test_import_conflict_kinds(library, changes: dict, clash: str) -> None:
    review_id = library.find(REFERENCE)
    copy = library.load(review_id).model_copy(update=changes)
    with pytest.raises(LibraryError) as caught:
        library.add_review(copy)
    assert clash in str(caught.value)
    assert f"{REFERENCE!r} (id {review_id})" in str(caught.value)
    assert [r.reference for r in library.reviews()] == [REFERENCE]


def test_json_import_conflict_cli(tmp_path: Path) -> None:
    path = tmp_path / "s.pir"
    document = tmp_path / "review.json"
    assert run("sample", path).returncode == 0
    assert run("export-json", path, "-o", document).returncode == 0
    before = run("export-json", path, "-o", tmp_path / "before.json")
    assert before.returncode == 0
    result = run("import-json", path, document)
    assert result.returncode == 1
    assert REFERENCE in result.stderr
    after = tmp_path / "after.json"
    assert run("export-json", path, "-o", after).returncode == 0
    digest = hashlib.sha256
    assert (
        digest(after.read_bytes()).digest()
        == digest((tmp_path / "before.json").read_bytes()).digest()
    )


def test_cli_exports_write_files(tmp_path: Path) -> None:
    path = tmp_path / "s.pir"
    assert run("sample", path).returncode == 0
    for command, name in (
        ("export-actions-csv", "a.csv"),
        ("export-ics", "a.ics"),
        ("export-markdown", "a.md"),
    ):
        result = run(command, path, "--review", REFERENCE, "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 0, name
