"""A re-import updates imported events but keeps the reviewer's edits to them."""

from pathlib import Path
from subprocess import CompletedProcess
from uuid import UUID

import pytest
from cli_process import run_cli
from conftest import REFERENCE, example_review

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.domain.enums import EventKind
from pir_desktop.importers.result import ImportResult
from pir_desktop.services import ReviewLibrary, timeline_import
from pir_desktop.services.timeline_import import ImportFormat
from pir_desktop.ui.dialogs.import_preview import ImportPreviewDialog, summary_text

TIMELINE = Path(__file__).parent / "fixtures" / "timeline"
SLACK = ImportFormat.SLACK
# The message that the "slack-edited" export changes.
CHANGED_KEY_TEXT = "Blocked 203.0.113.7"


@pytest.fixture
def imported(tmp_path: Path) -> tuple[ReviewLibrary, UUID]:
    """A library whose review has the Slack fixture imported once."""
    library = ReviewLibrary.create(tmp_path / "reimport.pir")
    review_id = library.add_review(example_review()).id
    preview = timeline_import.preview(library, review_id, TIMELINE / "slack", SLACK)
    timeline_import.apply(library, preview)
    yield library, review_id
    library.close()


def slack_events(library: ReviewLibrary, review_id: UUID) -> list[TimelineEvent]:
    return [e for e in library.load(review_id).events if e.source_key]


def message_event(
    library: ReviewLibrary, review_id: UUID, changed: bool
) -> TimelineEvent:
    """Return the event of the message that the edited export changes, or another."""
    return next(
        e
        for e in slack_events(library, review_id)
        if (CHANGED_KEY_TEXT in e.description) == changed
    )


def stored_event(
    library: ReviewLibrary, review_id: UUID, event_id: UUID
) -> TimelineEvent:
    return next(e for e in slack_events(library, review_id) if e.id == event_id)


def curate(library: ReviewLibrary, event: TimelineEvent) -> TimelineEvent:
    """Reclassify an event and mark it sensitive, as a reviewer would."""
    return library.update(
        event.with_changes(
            kind=EventKind.CONTAINMENT,
            description="Firewall block of the attacker's addresses",
            sensitive=True,
            decision_point=True,
            attack_technique="T1190",
        )
    )


def test_unchanged_message_keeps_edits(imported) -> None:
    library, review_id = imported
    target = next(
        e
        for e in slack_events(library, review_id)
        if CHANGED_KEY_TEXT not in e.description
    )
    curated = curate(library, target)

    preview = timeline_import.preview(
        library, review_id, TIMELINE / "slack-edited", SLACK
    )
    timeline_import.apply(library, preview)

    [edited] = preview.edited()
    assert edited.stored.id == target.id
    stored = stored_event(library, review_id, target.id)
    assert stored == curated


def test_changed_message_still_updates(imported) -> None:
    library, review_id = imported
    other = next(
        e
        for e in slack_events(library, review_id)
        if CHANGED_KEY_TEXT not in e.description
    )
    curate(library, other)

    preview = timeline_import.preview(
        library, review_id, TIMELINE / "slack-edited", SLACK
    )
    applied = timeline_import.apply(library, preview)

    [update] = [u for u in preview.updated if not u.edited]
    assert CHANGED_KEY_TEXT in update.stored.description
    assert [e.id for e in applied.updated] == [update.stored.id]
    stored = next(
        e for e in slack_events(library, review_id) if e.id == update.stored.id
    )
    assert "198.51.100.2" in stored.description


def test_edited_changed_message_kept(imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=True)
    curated = curate(library, target)

    preview = timeline_import.preview(
        library, review_id, TIMELINE / "slack-edited", SLACK
    )
    applied = timeline_import.apply(library, preview)

    assert [u.stored.id for u in preview.edited()] == [target.id]
    assert applied.updated == []
    stored = stored_event(library, review_id, target.id)
    assert stored == curated
    assert stored.sensitive


def test_accepted_edited_row_overwrites(imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=True)
    curate(library, target)
    preview = timeline_import.preview(
        library, review_id, TIMELINE / "slack-edited", SLACK
    )

    timeline_import.apply(library, preview, set(preview.rows()))
    again = timeline_import.preview(
        library, review_id, TIMELINE / "slack-edited", SLACK
    )

    stored = stored_event(library, review_id, target.id)
    assert "198.51.100.2" in stored.description
    assert not stored.sensitive
    assert again.updated == []
    assert target.id in {event.id for _, event in again.unchanged}


def test_preview_leaves_edited_row_unchecked(qtbot, imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=True)
    curate(library, target)
    preview = timeline_import.preview(
        library, review_id, TIMELINE / "slack-edited", SLACK
    )
    [edited] = preview.edited()

    dialog = ImportPreviewDialog(preview, "UTC")
    qtbot.addWidget(dialog)

    assert edited.row not in dialog.accepted_rows()
    dialog.set_checked(edited.row, True)
    assert edited.row in dialog.accepted_rows()


def import_with_cli(library: ReviewLibrary, export: str) -> CompletedProcess[str]:
    """Close the library and import a Slack fixture into it with the CLI."""
    location = library.location
    library.close()
    return run_cli(
        "import-timeline",
        location,
        "--review",
        REFERENCE,
        "--format",
        "slack",
        TIMELINE / export,
    )


def test_cli_reports_kept_edits(imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=True)
    curate(library, target)
    result = import_with_cli(library, "slack-edited")

    assert f"kept: {target.source_key}: edited in the review" in result.stdout
    assert "kept 1 edited in the review" in result.stdout


def test_repeated_key_warns(imported) -> None:
    library, review_id = imported
    [first, second] = slack_events(library, review_id)[:2]
    repeat = second.with_changes(source_key=first.source_key)
    result = ImportResult(records=[(1, first), (2, repeat)])

    preview = timeline_import.compare(review_id, "two rows", result, [])

    [warning] = preview.errors
    assert warning.warning
    assert warning.line == 1
    assert "row 2 has the same source key" in warning.message
    assert [row for row, _ in preview.new] == [2]


def test_deleted_event_not_reimported(imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=False)
    library.delete(review_id, target)

    preview = timeline_import.preview(library, review_id, TIMELINE / "slack", SLACK)
    applied = timeline_import.apply(library, preview)

    assert [event.source_key for _, event in preview.deleted] == [target.source_key]
    assert applied.added == []
    keys = {e.source_key for e in slack_events(library, review_id)}
    assert target.source_key not in keys


def test_accepted_deleted_row_returns(imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=False)
    library.delete(review_id, target)
    preview = timeline_import.preview(library, review_id, TIMELINE / "slack", SLACK)

    timeline_import.apply(library, preview, set(preview.rows()))
    again = timeline_import.preview(library, review_id, TIMELINE / "slack", SLACK)

    keys = {e.source_key for e in slack_events(library, review_id)}
    assert target.source_key in keys
    assert again.deleted == []
    assert again.new == []


def test_undone_delete_forgets_key(imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=False)
    deletion = library.delete(review_id, target)
    library.restore(deletion)

    preview = timeline_import.preview(library, review_id, TIMELINE / "slack", SLACK)

    assert preview.deleted == []
    assert target.id in {event.id for _, event in preview.unchanged}


def test_preview_leaves_deleted_row_unchecked(qtbot, imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=False)
    library.delete(review_id, target)
    preview = timeline_import.preview(library, review_id, TIMELINE / "slack", SLACK)
    [(row, _event)] = preview.deleted

    dialog = ImportPreviewDialog(preview, "UTC")
    qtbot.addWidget(dialog)

    assert row not in dialog.accepted_rows()
    assert "1 row of deleted events" in summary_text(preview)
    dialog.set_checked(row, True)
    assert row in dialog.accepted_rows()


def test_cli_reports_skipped_deleted(imported) -> None:
    library, review_id = imported
    target = message_event(library, review_id, changed=False)
    library.delete(review_id, target)
    result = import_with_cli(library, "slack")

    assert f"skipped: {target.source_key}: deleted in the review" in result.stdout
    assert "skipped 1 deleted in the review" in result.stdout
