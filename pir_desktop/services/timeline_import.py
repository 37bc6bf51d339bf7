"""Importing timeline events into a review: preview the changes, then apply them.

`preview` parses a file and compares each event with the review's events by
source_key: a new key is a new event, a known key with different content is
an update, and a known key with the same content is unchanged. An update of
an event that was edited in the review since an import last wrote it is
marked `edited` and is not applied unless the user accepts its row, so a
re-import never silently undoes a reviewer's changes. Likewise a row whose
event a reviewer deleted is listed apart and not imported again unless
accepted. `apply` writes the
accepted rows of a preview in one transaction, so a failure or a cancel
leaves the timeline as it was.
"""

import logging
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import Connection

from ..collector import collector_paused
from ..domain.entities import ContributingFactor, Entity, Observation, TimelineEvent
from ..importers.csv_events import ColumnMapping, parse_csv
from ..importers.json_events import parse_json_events
from ..importers.pagerduty import parse_pagerduty
from ..importers.pasted_lines import parse_lines
from ..importers.result import CancelCheck, ImportResult, ProgressCallback, RowError
from ..importers.slack_export import parse_slack_export
from ..store import LibraryError, StaleEditError, bulk
from ..store.schema import ReviewRow
from .library_service import Deletion, ReviewLibrary

log = logging.getLogger(__name__)

# Fields that record where an event was read from, not its content, so a
# re-import from another file or row with the same content is unchanged.
BOOKKEEPING = {"id", "version", "source_file", "source_row", "provenance"}


class ImportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    SLACK = "slack"
    PAGERDUTY = "pagerduty"
    TEXT = "text"


@dataclass(frozen=True)
class EventUpdate:
    """Stored event that an imported row changes, with its old and new values.

    `imported` carries the stored event's id and version, so that apply
    writes it only over the version the preview compared with. `edited` is
    set when the stored event was changed in the review after an import
    last wrote it: applying the update would overwrite those changes.
    """

    row: int
    stored: TimelineEvent
    imported: TimelineEvent
    differences: dict[str, tuple[Any, Any]]
    edited: bool = False


@dataclass
class ImportPreview:
    """The changes that importing a file would make to a review's timeline."""

    review_id: UUID
    source: str
    new: list[tuple[int, TimelineEvent]] = field(default_factory=list)
    # New rows whose source key belongs to an event deleted in the review.
    deleted: list[tuple[int, TimelineEvent]] = field(default_factory=list)
    updated: list[EventUpdate] = field(default_factory=list)
    unchanged: list[tuple[int, TimelineEvent]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def rows(self) -> list[int]:
        """Return the row numbers of every new, deleted and updated event."""
        added = [row for row, _ in [*self.new, *self.deleted]]
        return added + [u.row for u in self.updated]

    def default_rows(self) -> list[int]:
        """Return the rows applied unless the user chooses.

        They leave out updates of events edited in the review and rows of
        events deleted from it.
        """
        held_back = {update.row for update in self.edited()}
        held_back.update(row for row, _ in self.deleted)
        return [row for row in self.rows() if row not in held_back]

    def edited(self) -> list[EventUpdate]:
        """Return the updates of events edited in the review since their import."""
        return [update for update in self.updated if update.edited]


@dataclass
class AppliedImport:
    """The events an import stored."""

    added: list[TimelineEvent] = field(default_factory=list)
    updated: list[TimelineEvent] = field(default_factory=list)


@collector_paused()
def read_source(
    source: Path,
    format: ImportFormat,
    zone: str | None = None,
    mapping: ColumnMapping | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult[TimelineEvent]:
    """Parse a file in one of the import formats into events and row errors."""
    source = Path(source)
    name = source.name
    if format is ImportFormat.SLACK:
        return parse_slack_export(source, progress, cancelled)
    data = source.read_bytes()
    if format is ImportFormat.CSV:
        if mapping is None:
            raise ValueError("a CSV import needs a column mapping: pass --mapping")
        if zone and not mapping.default_zone:
            mapping = mapping.model_copy(update={"default_zone": zone})
        return parse_csv(data, mapping, name, progress, cancelled)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{source} is not UTF-8 ({exc}): save it as UTF-8") from exc
    if format is ImportFormat.JSON:
        return parse_json_events(text, name, progress, cancelled)
    if format is ImportFormat.PAGERDUTY:
        return parse_pagerduty(text, name, progress, cancelled)
    return parse_lines(text, zone, name, progress, cancelled)


def differences(
    stored: TimelineEvent, imported: TimelineEvent
) -> dict[str, tuple[Any, Any]]:
    """Return the fields whose values differ, as (stored, imported) pairs."""
    changed: dict[str, tuple[Any, Any]] = {}
    for name in TimelineEvent.model_fields:
        if name in BOOKKEEPING:
            continue
        old, new = getattr(stored, name), getattr(imported, name)
        if old != new:
            changed[name] = (old, new)
    return changed


@collector_paused()
def compare(
    review_id: UUID,
    source: str,
    result: ImportResult[TimelineEvent],
    existing: list[TimelineEvent],
    edited_ids: Collection[UUID] = frozenset(),
    deleted_keys: Collection[str] = frozenset(),
) -> ImportPreview:
    """Sort parsed events into new, deleted, updated and unchanged by source_key.

    `edited_ids` are the stored events edited since an import last wrote
    them, whose updates are marked `edited`, and `deleted_keys` the source
    keys of imported events deleted from the review (see `import_state`).
    """
    preview = ImportPreview(review_id, source, errors=list(result.errors))
    by_key = {e.source_key: e for e in existing if e.source_key}
    # A key that appears twice in one file keeps its last row, with a warning.
    latest: dict[str, tuple[int, TimelineEvent]] = {}
    for record in result.records:
        row, event = record
        key = event.source_key or f"row:{row}"
        earlier = latest.get(key)
        if earlier is not None:
            preview.errors.append(repeated_key_warning(earlier[0], row, key))
        latest[key] = record

    for record in sorted(latest.values(), key=itemgetter(0)):
        row, event = record
        stored = by_key.get(event.source_key) if event.source_key else None
        if stored is None and event.source_key in deleted_keys:
            preview.deleted.append(record)
            continue
        if stored is None:
            preview.new.append(record)
            continue
        changed = differences(stored, event)
        if not changed:
            preview.unchanged.append((row, stored))
            continue
        merged = event.model_copy(update={"id": stored.id, "version": stored.version})
        # NOTE: an edit is known per event, not per field. An event whose only
        # edit is its sensitive mark also keeps its old text, and accepting the
        # row takes every field from the file, the reviewer's ones included.
        edited = stored.id in edited_ids
        preview.updated.append(EventUpdate(row, stored, merged, changed, edited))
    return preview


def repeated_key_warning(earlier: int, later: int, key: str) -> RowError:
    """Return the warning for a row whose source key a later row repeats."""
    return RowError(
        earlier,
        key,
        f"row {later} has the same source key, so only row {later} is imported: "
        "give the rows different keys to import both",
        warning=True,
    )


def preview(
    library: ReviewLibrary,
    review_id: UUID,
    source: Path,
    format: ImportFormat,
    zone: str | None = None,
    mapping: ColumnMapping | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportPreview:
    """Parse a file and return what importing it into the review would change."""
    started = time.perf_counter()
    result = read_source(source, format, zone, mapping, progress, cancelled)
    keys = {event.source_key for _, event in result.records if event.source_key}
    existing = load_stored_events(library, review_id, keys)
    state = import_state(library, review_id)
    found = compare(
        review_id, str(source), result, existing, state.edited_ids, state.deleted_keys
    )
    log.info(
        "Previewed %s import of %s into review %s: %d new, %d updated, "
        "%d unchanged, %d rejected in %.2f s",
        format.value,
        source,
        review_id,
        len(found.new),
        len(found.updated),
        len(found.unchanged),
        len(found.errors),
        time.perf_counter() - started,
    )
    return found


def load_stored_events(
    library: ReviewLibrary, review_id: UUID, keys: set[str]
) -> list[TimelineEvent]:
    """Return the review's events whose source_key is one of `keys`."""
    with library.library.reading() as session:
        if session.get(ReviewRow, review_id) is None:
            raise LibraryError(f"review {review_id} not found in {library.location}")
        return bulk.events_with_keys(session.connection(), review_id, keys)


@dataclass(frozen=True)
class ImportState:
    """The review's changes to imported events, which `compare` needs."""

    edited_ids: set[UUID]
    deleted_keys: set[str]


def import_state(library: ReviewLibrary, review_id: UUID) -> ImportState:
    """Return the review's events edited since their import and deleted imports."""
    with library.library.reading() as session:
        connection = session.connection()
        return ImportState(
            bulk.edited_after_import(connection, review_id),
            bulk.deleted_import_keys(connection, review_id),
        )


@collector_paused()
def apply(
    library: ReviewLibrary,
    preview: ImportPreview,
    accepted_rows: set[int] | None = None,
) -> AppliedImport:
    """Store the accepted new and updated events in one transaction.

    `accepted_rows` defaults to the preview's `default_rows`: every row but
    the updates of events edited in the review since their import. Raises
    StaleEditError when a stored event changed since the preview was made,
    and then nothing is stored. Once stored, the preview's new events get
    the stored version and are returned in `added`.
    """
    # NOTE: a new row is not checked again for its source_key, so an event
    # with the same key added elsewhere after the preview is duplicated.
    if accepted_rows is None:
        accepted_rows = preview.default_rows()
    accepted = set(accepted_rows)
    new = [event for row, event in [*preview.new, *preview.deleted] if row in accepted]
    restored = [event.source_key for row, event in preview.deleted if row in accepted]
    updates = [update for update in preview.updated if update.row in accepted]
    started = time.perf_counter()
    with library.library.transaction() as session:
        if session.get(ReviewRow, preview.review_id) is None:
            raise LibraryError(f"review {preview.review_id} no longer exists")
        connection = session.connection()
        first_seq = bulk.next_event_seq(connection, preview.review_id)
        bulk.insert_events(connection, preview.review_id, new, first_seq)
        bulk.forget_deleted_imports(connection, preview.review_id, restored)
        _write_updates(connection, preview.review_id, updates)

    # Copying tens of thousands of events would cost as much as storing
    # them, so the added events are the preview's own, marked as stored.
    for event in new:
        event.version = bulk.FIRST_VERSION
    applied = AppliedImport(
        added=new,
        updated=[
            update.imported.model_copy(update={"version": update.stored.version + 1})
            for update in updates
        ],
    )
    log.info(
        "Imported timeline into review %s from %s: %d added, %d updated in %.2f s",
        preview.review_id,
        preview.source,
        len(applied.added),
        len(applied.updated),
        time.perf_counter() - started,
    )
    return applied


def _write_updates(
    connection: Connection, review_id: UUID, updates: list[EventUpdate]
) -> None:
    """Write updated events, or raise StaleEditError if one changed since preview."""
    if not updates:
        return
    versions = bulk.event_versions(connection, review_id)
    for update in updates:
        if versions.get(update.stored.id) != update.stored.version:
            raise StaleEditError(
                f"event {update.stored.description!r} was changed or deleted since "
                "the preview: preview the import again",
                bulk.load_event(connection, update.stored.id),
            )
    matched = bulk.update_events(connection, [u.imported for u in updates])
    if connection.dialect.supports_sane_multi_rowcount and matched != len(updates):
        # Another writer changed an event between the version check and the
        # update, which PostgreSQL's READ COMMITTED transactions allow.
        raise StaleEditError(
            f"{len(updates) - matched} events were changed while the import was "
            "stored: preview the import again",
            None,
        )


def remove_events(
    library: ReviewLibrary, review_id: UUID, events: list[TimelineEvent]
) -> Deletion:
    """Delete events in one transaction, as undoing their import does.

    Return the events as stored and the records that linked to them, as they
    were before, so that restore_events can put both back. Events that were
    already deleted elsewhere are skipped.
    """
    review = library.load(review_id)
    ids = {event.id for event in events}
    removed: list[Entity] = [event for event in review.events if event.id in ids]
    # Records whose links to the events ON DELETE CASCADE removes with them.
    linking: list[Observation | ContributingFactor] = [
        *review.observations,
        *review.factors,
    ]
    unlinked: list[Entity] = [r for r in linking if ids.intersection(r.event_ids)]
    with library.library.transaction() as session:
        bulk.delete_events(session.connection(), [event.id for event in removed])
    log.info("Removed %d imported events from review %s", len(removed), review_id)
    return Deletion(review_id, removed, unlinked)


def restore_events(library: ReviewLibrary, deletion: Deletion) -> None:
    """Put back the events that remove_events deleted, then the links to them.

    Events that are still missing go back in one insert. An event that exists
    again is overwritten, as ReviewLibrary.restore does.
    """
    removed = [e for e in deletion.removed if isinstance(e, TimelineEvent)]
    with library.library.transaction() as session:
        if session.get(ReviewRow, deletion.review_id) is None:
            raise LibraryError(f"review {deletion.review_id} no longer exists")
        connection = session.connection()
        stored = bulk.event_versions(connection, deletion.review_id)
        missing = [event for event in removed if event.id not in stored]
        first_seq = bulk.next_event_seq(connection, deletion.review_id)
        bulk.insert_events(connection, deletion.review_id, missing, first_seq)

    rest = [event for event in removed if event.id in stored] + deletion.unlinked
    if rest:
        # NOTE: these records are written in a second transaction, so a
        # failure here leaves the events back without their links.
        library.restore(Deletion(deletion.review_id, [], rest))
    log.info("Restored %d events in review %s", len(missing), deletion.review_id)
