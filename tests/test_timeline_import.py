"""Timeline import service: preview, de-duplication, atomic apply and the CLI."""

import shutil
from pathlib import Path

import pytest
from cli_process import run_cli
from conftest import REFERENCE, example_review
from sqlalchemy.exc import IntegrityError

from pir_desktop.domain.entities import Observation
from pir_desktop.domain.enums import ObservationKind
from pir_desktop.importers.csv_events import ColumnMapping
from pir_desktop.importers.result import ImportCancelled
from pir_desktop.services import ReviewLibrary, timeline_import
from pir_desktop.services.timeline_import import ImportFormat
from pir_desktop.store import StaleEditError

TIMELINE = Path(__file__).parent / "fixtures" / "timeline"
PAGERDUTY = ImportFormat.PAGERDUTY


@pytest.fixture
def review_library(tmp_path: Path) -> ReviewLibrary:
    library = ReviewLibrary.create(tmp_path / "timeline.pir")
    library.add_review(example_review())
    return library


def import_file(
    library: ReviewLibrary, path: Path, format: ImportFormat, **options: object
) -> timeline_import.ImportPreview:
    review_id = library.find(REFERENCE)
    preview = timeline_import.preview(library, review_id, path, format, **options)
    timeline_import.apply(library, preview)
    return preview


def test_preview_lists_new_and_errors(review_library: ReviewLibrary) -> None:
    review_id = review_library.find(REFERENCE)
    preview = timeline_import.preview(
        review_library, review_id, TIMELINE / "pagerduty.json", ImportFormat.PAGERDUTY
    )
    assert [row for row, _ in preview.new] == [1, 2, 3, 5]
    assert preview.updated == []
    assert [error.line for error in preview.errors] == [12, 16]
    assert len(review_library.load(review_id).events) == 3


def test_same_file_twice_adds_nothing(review_library: ReviewLibrary) -> None:
    for format, name in [
        (ImportFormat.PAGERDUTY, "pagerduty.json"),
        (ImportFormat.JSON, "events.json"),
        (ImportFormat.TEXT, "lines.txt"),
        (ImportFormat.SLACK, "slack"),
    ]:
        first = import_file(review_library, TIMELINE / name, format)
        second = import_file(review_library, TIMELINE / name, format)
        assert second.new == [], name
        assert len(second.unchanged) == len(first.new), name
    events = review_library.load(review_library.find(REFERENCE)).events
    assert len(events) == 3 + 4 + 2 + 2 + 4


def test_csv_twice_adds_nothing(review_library: ReviewLibrary) -> None:
    mapping = ColumnMapping.load(TIMELINE / "mapping.json")
    first = import_file(
        review_library, TIMELINE / "events.csv", ImportFormat.CSV, mapping=mapping
    )
    second = import_file(
        review_library, TIMELINE / "events.csv", ImportFormat.CSV, mapping=mapping
    )
    assert len(first.new) == 3
    assert second.new == []
    assert len(second.unchanged) == 3


def test_edited_slack_message_updates(review_library: ReviewLibrary) -> None:
    import_file(review_library, TIMELINE / "slack", ImportFormat.SLACK)
    preview = import_file(review_library, TIMELINE / "slack-edited", ImportFormat.SLACK)
    assert preview.new == []
    [update] = preview.updated
    assert set(update.differences) == {"description"}
    old, new = update.differences["description"]
    assert "check <script> tags" in old
    assert new == "佐藤 健二: Blocked 203.0.113.7 & 198.51.100.2, revoked tokens 🚨"
    events = review_library.load(review_library.find(REFERENCE)).events
    stored = [e for e in events if e.source_key == update.stored.source_key]
    assert len(stored) == 1
    assert stored[0].description == new
    assert stored[0].version == 2


def test_apply_only_accepted_rows(review_library: ReviewLibrary) -> None:
    review_id = review_library.find(REFERENCE)
    preview = timeline_import.preview(
        review_library, review_id, TIMELINE / "pagerduty.json", ImportFormat.PAGERDUTY
    )
    applied = timeline_import.apply(review_library, preview, {2, 5})
    assert [e.source_key for e in applied.added] == ["pagerduty:R1", "pagerduty:R5"]
    assert len(review_library.load(review_id).events) == 5


def test_apply_failure_stores_nothing(review_library: ReviewLibrary) -> None:
    review_id = review_library.find(REFERENCE)
    stored = review_library.load(review_id).events
    preview = timeline_import.preview(
        review_library, review_id, TIMELINE / "pagerduty.json", ImportFormat.PAGERDUTY
    )
    # The third new event reuses a stored event's id, so the insert fails
    # after the first two rows were written in the same transaction.
    row, event = preview.new[2]
    preview.new[2] = (row, event.model_copy(update={"id": stored[0].id}))
    with pytest.raises(IntegrityError):
        timeline_import.apply(review_library, preview)
    assert review_library.load(review_id).events == stored


def test_stale_update_stores_nothing(review_library: ReviewLibrary) -> None:
    review_id = review_library.find(REFERENCE)
    import_file(review_library, TIMELINE / "slack", ImportFormat.SLACK)
    events = review_library.load(review_id).events
    edited_key = "slack:incident:1714645800.000300"
    other = next(
        e
        for e in events
        if e.source_key.startswith("slack:") and e.source_key != edited_key
    )
    review_library.delete(review_id, other)
    preview = timeline_import.preview(
        review_library, review_id, TIMELINE / "slack-edited", ImportFormat.SLACK
    )
    # The deleted event's row is listed apart; accepting it imports it again.
    assert len(preview.deleted) == 1
    [update] = preview.updated
    edited = update.stored.with_changes(description="Edited in the meeting")
    review_library.update(edited)
    before = review_library.load(review_id).events

    with pytest.raises(StaleEditError) as raised:
        timeline_import.apply(review_library, preview, set(preview.rows()))
    assert raised.value.current.description == "Edited in the meeting"
    assert review_library.load(review_id).events == before


def test_deleted_event_update_is_stale(review_library: ReviewLibrary) -> None:
    review_id = review_library.find(REFERENCE)
    import_file(review_library, TIMELINE / "slack", ImportFormat.SLACK)
    preview = timeline_import.preview(
        review_library, review_id, TIMELINE / "slack-edited", ImportFormat.SLACK
    )
    [update] = preview.updated
    review_library.delete(review_id, update.stored)

    with pytest.raises(StaleEditError, match="changed or deleted") as raised:
        timeline_import.apply(review_library, preview)
    assert raised.value.current is None


def test_cancel_leaves_timeline(review_library: ReviewLibrary) -> None:
    review_id = review_library.find(REFERENCE)
    done: list[int] = []
    with pytest.raises(ImportCancelled):
        timeline_import.preview(
            review_library,
            review_id,
            TIMELINE / "pagerduty.json",
            ImportFormat.PAGERDUTY,
            progress=lambda count, total: done.append(count),
            cancelled=lambda: len(done) >= 2,
        )
    assert len(review_library.load(review_id).events) == 3


def test_cli_reports_rejected_rows(library_file: Path) -> None:
    result = run_cli(
        "import-timeline",
        str(library_file),
        "--review",
        REFERENCE,
        "--format",
        "csv",
        "--mapping",
        str(TIMELINE / "mapping.json"),
        str(TIMELINE / "events.csv"),
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("line 5: '2024-05-02 09:15;UTC;semicolon row")
    assert "found 1" in lines[0]
    assert lines[1].startswith("line 6: ")
    assert "does not exist in Europe/Berlin" in lines[1]
    assert lines[-1] == "added 3, updated 0, unchanged 0, rejected 3"


def test_cli_exit_zero_when_clean(library_file: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("2024-05-02 09:14 EDR alert\n", encoding="utf-8")
    arguments = ["import-timeline", str(library_file), "--format", "text"]
    result = run_cli(*arguments, "--zone", "Asia/Tokyo", str(clean))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "added 1, updated 0, unchanged 0, rejected 0"
    again = run_cli(*arguments, "--zone", "Asia/Tokyo", str(clean))
    assert again.stdout.strip() == "added 0, updated 0, unchanged 1, rejected 0"


def test_cli_slack_folder(library_file: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(TIMELINE / "slack-edited", export)
    result = run_cli(
        "import-timeline", str(library_file), "--format", "slack", str(export)
    )
    assert result.returncode == 1
    assert "incident/2024-05-02.json line 7 (message 6):" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "added 4, updated 0, unchanged 0, rejected 1"
    )


def test_remove_and_restore_events(review_library: ReviewLibrary) -> None:
    review_id = review_library.find(REFERENCE)
    preview = import_file(review_library, TIMELINE / "pagerduty.json", PAGERDUTY)
    added = [event for _, event in preview.new]
    note = Observation(
        kind=ObservationKind.WENT_WELL,
        text="Paging worked",
        event_ids=[added[0].id, added[1].id],
    )
    review_library.add(review_id, note)
    before = review_library.load(review_id)

    deletion = timeline_import.remove_events(review_library, review_id, added)
    removed = review_library.load(review_id)
    assert len(removed.events) == 3
    assert removed.observations[0].event_ids == []
    assert [e.id for e in deletion.removed] == [e.id for e in added]
    assert [r.id for r in deletion.unlinked] == [note.id]

    timeline_import.restore_events(review_library, deletion)
    restored = review_library.load(review_id)
    assert restored.events[:3] == before.events[:3]
    assert [e.model_dump(exclude={"version"}) for e in restored.events] == [
        e.model_dump(exclude={"version"}) for e in before.events
    ]
    assert restored.observations[0].event_ids == before.observations[0].event_ids


def test_remove_skips_deleted_events(review_library: ReviewLibrary) -> None:
    review_id = review_library.find(REFERENCE)
    preview = import_file(review_library, TIMELINE / "pagerduty.json", PAGERDUTY)
    added = [event for _, event in preview.new]
    review_library.delete(review_id, added[0])

    deletion = timeline_import.remove_events(review_library, review_id, added)
    assert [e.id for e in deletion.removed] == [e.id for e in added[1:]]
    assert len(review_library.load(review_id).events) == 3
