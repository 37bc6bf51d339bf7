"""The timeline import flow: source, CSV columns, parsing with progress, preview, apply.

Each step opens a window-modal dialog with `open()` and continues from its
`accepted` signal, so the flow never blocks the event loop and tests can
drive every step. Parsing runs on a pool thread through `worker.Task`; the
preview is compared with the review and applied on the GUI thread.
"""

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from ...domain.entities import TimelineEvent
from ...importers.csv_events import ColumnMapping
from ...importers.pasted_lines import parse_lines
from ...importers.result import ImportResult
from ...services.timeline_import import (
    ImportFormat,
    ImportPreview,
    apply,
    compare,
    import_state,
    read_source,
)
from .. import errors, worker
from ..dialogs.import_mapping import ColumnMappingDialog, read_header
from ..dialogs.import_preview import ImportPreviewDialog
from ..dialogs.import_source import ImportRequest, ImportSourceDialog
from ..status import show_status
from .import_undo import ImportTimeline

if TYPE_CHECKING:
    from ..tabs.timeline import TimelineTab

log = logging.getLogger(__name__)


def parse_request(
    request: ImportRequest, mapping: ColumnMapping | None, task: worker.Task
) -> ImportResult[TimelineEvent]:
    """Parse the source on a pool thread, reporting whole percents to the task."""
    last = -1

    def progress(done: int, total: int) -> None:
        nonlocal last
        percent = 100 if total <= 0 else done * 100 // total
        if percent != last:
            last = percent
            task.signals.progress.emit(percent, 100)

    cancelled = task.is_cancel_requested
    if request.format is ImportFormat.TEXT:
        return parse_lines(
            request.text, request.zone, "pasted text", progress, cancelled
        )
    assert request.path is not None
    return read_source(
        request.path, request.format, request.zone, mapping, progress, cancelled
    )


class TimelineImporter(QObject):
    """The import flow of one Timeline tab, with its open dialogs as attributes."""

    previewed = Signal(object)  # ImportPreview, once the preview dialog is open
    finished = Signal(str)  # "applied", "cancelled", "rejected" or "failed"

    def __init__(self, tab: "TimelineTab") -> None:
        super().__init__(tab)
        self.tab = tab
        self.source_dialog: ImportSourceDialog | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.progress: QProgressDialog | None = None
        self.task: worker.Task | None = None
        self.preview_dialog: ImportPreviewDialog | None = None
        self.progress_values: list[int] = []
        # The last source chosen, offered again: an export is often imported
        # again after it changed.
        self.last_request: ImportRequest | None = None

    def start(self) -> ImportSourceDialog:
        """Open the source dialog, filled with the last source; OK continues."""
        dialog = ImportSourceDialog(self.tab.zone_name, self.tab)
        last = self.last_request
        if last is not None:
            dialog.set_format(last.format)
            dialog.path.setText("" if last.path is None else str(last.path))
            dialog.zone.setCurrentText(last.zone)
        dialog.accepted.connect(lambda: self._source_chosen(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.source_dialog = dialog
        dialog.open()
        return dialog

    def _source_chosen(self, dialog: ImportSourceDialog) -> None:
        request = dialog.request
        assert request is not None
        self.last_request = request
        if request.format is not ImportFormat.CSV:
            self.run(request, None)
            return
        assert request.path is not None
        header = errors.attempt(
            self.tab, "CSV file not read", lambda: read_header(request.path)
        )
        if header is None:
            return
        mapping_dialog = ColumnMappingDialog(header[0], None, self.tab)
        mapping_dialog.accepted.connect(
            lambda: self.run(request, mapping_dialog.mapping)
        )
        mapping_dialog.finished.connect(mapping_dialog.deleteLater)
        self.mapping_dialog = mapping_dialog
        mapping_dialog.open()

    def run(self, request: ImportRequest, mapping: ColumnMapping | None) -> None:
        """Parse the source off the GUI thread and show a progress dialog."""
        review = self.tab.context.review
        if review is None:
            return
        log.info("Parsing %s import from %s", request.format.value, request.source_name)
        task = worker.Task("timeline import", lambda: None)
        task.function = lambda: parse_request(request, mapping, task)
        self.progress_values = []
        self.progress = self._progress_dialog(task)
        task.signals.progress.connect(self._progressed)
        task.signals.finished.connect(
            lambda result: self._parsed(request, review.id, result)
        )
        task.signals.failed.connect(self._failed)
        task.signals.cancelled.connect(self._cancelled)
        self.task = task
        worker.start(task)

    def _progress_dialog(self, task: worker.Task) -> QProgressDialog:
        dialog = QProgressDialog("Reading the timeline…", "Cancel", 0, 100, self.tab)
        dialog.setWindowTitle("Import timeline")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        dialog.setValue(0)
        return dialog

    def cancel(self) -> None:
        """Stop the parsing in progress, as the progress dialog's Cancel does."""
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.progress_values.append(done)
        if self.progress is not None:
            self.progress.setValue(done if total == 100 else done * 100 // total)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            # reset() stops the timer that shows the dialog after its minimum
            # duration. Left running, it showed the closed dialog over the
            # error message of an import that failed at once, and the two
            # window-modal dialogs blocked each other.
            self.progress.reset()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.task = None

    def _failed(self, exc: Exception) -> None:
        self._close_progress()
        errors.show_error(self.tab, "Import failed", errors.describe(exc))
        self.finished.emit("failed")

    def _cancelled(self) -> None:
        self._close_progress()
        show_status(self.tab, "Import cancelled; the timeline is unchanged")
        self.finished.emit("cancelled")

    def _parsed(
        self, request: ImportRequest, review_id: object, result: ImportResult
    ) -> None:
        cancelled = self.task is not None and self.task.is_cancel_requested()
        self._close_progress()
        review = self.tab.context.review
        if cancelled or review is None or review.id != review_id:
            self.finished.emit("cancelled")
            return
        state = errors.attempt(
            self.tab,
            "Import not previewed",
            lambda: import_state(self.tab.context.library, review.id),
        )
        if state is None:
            self.finished.emit("failed")
            return
        preview = compare(
            review.id,
            request.source_name,
            result,
            review.events,
            state.edited_ids,
            state.deleted_keys,
        )
        dialog = ImportPreviewDialog(preview, self.tab.zone_name, self.tab)
        dialog.accepted.connect(lambda: self._apply(preview, dialog.accepted_rows()))
        dialog.rejected.connect(lambda: self.finished.emit("rejected"))
        dialog.finished.connect(dialog.deleteLater)
        self.preview_dialog = dialog
        dialog.open()
        self.previewed.emit(preview)

    def _apply(self, preview: ImportPreview, rows: set[int]) -> None:
        context = self.tab.context
        applied = errors.attempt(
            self.tab,
            "Import not applied",
            lambda: apply(context.library, preview, rows),
        )
        if applied is None:
            self.finished.emit("failed")
            return
        count = len(applied.added) + len(applied.updated)
        text = f"Import {count:,} timeline event{'s' if count != 1 else ''}"
        context.undo_stack.push(ImportTimeline(context, preview, applied, text))
        context.reload()
        show_status(
            self.tab,
            f"Imported {len(applied.added)} new and {len(applied.updated)} updated "
            "events — Ctrl+Z to undo",
        )
        self.finished.emit("applied")
