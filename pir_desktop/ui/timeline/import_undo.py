"""The undo command of a timeline import: one step for all its events."""

from typing import TYPE_CHECKING

from ...domain.entities import TimelineEvent
from ...services import Deletion
from ...services.timeline_import import (
    AppliedImport,
    ImportPreview,
    remove_events,
    restore_events,
)
from ..undo import _SavedCommand, shown_version

if TYPE_CHECKING:
    from ..context import ReviewContext


class ImportTimeline(_SavedCommand):
    """Undo deletes the added events and writes back the updated events' old values.

    NOTE: the added events are deleted in one transaction, but each updated
    event is written back in its own, so a failure part way through leaves
    some updated events with their imported values. The command is then
    retired and the error shown.
    """

    def __init__(
        self,
        context: "ReviewContext",
        preview: ImportPreview,
        applied: AppliedImport,
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.review_id = preview.review_id
        self.added = list(applied.added)
        stored = {update.stored.id: update.stored for update in preview.updated}
        # (value before the import, value after it), with the version last written
        self.updated: list[tuple[TimelineEvent, TimelineEvent]] = [
            (stored[event.id], event) for event in applied.updated
        ]
        self.written = {event.id: event.version for event in applied.updated}
        self.deletion = Deletion(self.review_id)

    def apply_undo(self) -> None:
        library = self.context.library
        self.deletion = remove_events(library, self.review_id, self.added)
        for before, _after in self.updated:
            self._write(before)

    def apply_redo(self) -> None:
        restore_events(self.context.library, self.deletion)
        for _before, after in self.updated:
            self._write(after)

    def _write(self, values: TimelineEvent) -> None:
        version = shown_version(self.context, values, self.written[values.id])
        update = {"version": version}
        stored = self.context.library.update(values.model_copy(update=update))
        self.written[values.id] = stored.version
