"""The Sign-off tab: readiness, compliance, approvals and the PDF export."""

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.canonical import hashes_reused
from ...domain.procedure import Procedure, default_procedure
from ...domain.readiness import approval_state, compliance, readiness
from ...domain.review import Review
from .. import errors, worker
from ..context import ReviewContext
from ..dialogs.approval import ApprovalDialog, ApprovalRequest
from .editing import EditingTab
from .signoff_views import (
    STATE_COLOURS,
    STATE_NOTES,
    ApprovalHistory,
    ProblemList,
    boxed,
    compliance_model,
    readiness_model,
    table_view,
)

if TYPE_CHECKING:
    from ...report import Variant

log = logging.getLogger(__name__)


class SignOffTab(EditingTab):
    """The sign-off view: readiness, compliance, approval history and PDF export."""

    TITLE = "Sign-off"

    def __init__(
        self,
        context: ReviewContext,
        parent: QWidget | None = None,
        procedure: Procedure | None = None,
    ) -> None:
        super().__init__(context, parent)
        # NOTE: the bundled procedure applies unless the caller passes another.
        self.procedure = procedure or default_procedure()
        # True when a review change arrived while the tab was a hidden page.
        self.outdated = False
        self.export_task: worker.Task | None = None
        self.export_target: Path | None = None
        self.exported_path: Path | None = None
        self._build()
        self._lay_out()
        self._connect()
        self.start()

    def _build(self) -> None:
        self.state_label = QLabel(self)
        self.state_label.setObjectName("approvalState")
        self.state_note = QLabel(self)
        self.approve_button = QPushButton("Record approval…", self)
        self.export_button = QPushButton("Export PDF…", self)
        self.export_redacted_button = QPushButton("Export redacted PDF…", self)
        self.export_redacted_button.setToolTip(
            "Export a copy for wider distribution, with text marked sensitive "
            "masked and REDACTED on every page"
        )
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.hide()
        self.export_label = QLabel(self)
        self.export_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.open_button = QPushButton("Open", self)
        self.open_button.hide()
        self.readiness = readiness_model()
        self.problems = ProblemList(self)
        self.compliance = compliance_model()
        self.history = ApprovalHistory()

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        state = QVBoxLayout()
        state.addWidget(self.state_label)
        state.addWidget(self.state_note)
        header.addLayout(state, 1)
        for widget in (
            self.export_label,
            self.open_button,
            self.progress,
            self.cancel_button,
        ):
            header.addWidget(widget)
        header.addWidget(self.export_button)
        header.addWidget(self.export_redacted_button)
        header.addWidget(self.approve_button)

        checks = QSplitter(Qt.Orientation.Horizontal, self)
        checks.addWidget(boxed("Readiness", table_view(self.readiness, self, 3)))
        checks.addWidget(boxed("Problems", self.problems))
        checks.setStretchFactor(0, 3)
        checks.setStretchFactor(1, 2)
        tables = QSplitter(Qt.Orientation.Vertical, self)
        tables.addWidget(checks)
        tables.addWidget(
            boxed("Standards compliance", table_view(self.compliance, self, 5))
        )
        tables.addWidget(boxed("Approval history", table_view(self.history, self, 5)))
        for index, share in enumerate((3, 2, 1)):
            tables.setStretchFactor(index, share)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(tables, 1)

    def _connect(self) -> None:
        self.approve_button.clicked.connect(self.record_approval)
        self.export_button.clicked.connect(lambda: self.export_pdf())
        self.export_redacted_button.clicked.connect(lambda: self.export_pdf("redacted"))
        self.cancel_button.clicked.connect(self.cancel_export)
        self.open_button.clicked.connect(self.open_export)

    def refresh(self) -> None:
        """Fill the tab now if it can be seen, or else when it is next shown.

        The readiness checks and the approval history hash the review's
        canonical JSON, which takes 0.7 to 0.9 s at 50,000 events (measured in
        docs/benchmarks.md). So a page hidden behind another tab skips that on
        every edit. `showEvent` fills it before its
        first paint, so a stale hash is never shown.
        """
        if self._is_hidden_page():
            self.outdated = True
            return
        self.outdated = False
        # The checks and the history each read the hash of the same review.
        with hashes_reused():
            super().refresh()

    def _is_hidden_page(self) -> bool:
        # A tab widget hides its other pages explicitly. A widget that was never
        # shown is hidden too, but not explicitly, so it is filled at once.
        explicit = self.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        return self.isHidden() and explicit

    def showEvent(self, event: QShowEvent) -> None:
        if self.outdated:
            self.refresh()
        super().showEvent(event)

    def show_review(self, review: Review | None) -> None:
        check = None if review is None else readiness(review, self.procedure)
        self.readiness.set_records([] if check is None else check.checks)
        if check is None:
            self.problems.show_problems([])
        else:
            self.problems.show_problems(check.problems, check.warnings)
        rows = [] if review is None else compliance(review, self.procedure)
        self.compliance.set_records(rows)
        self.history.show_review(review)
        self._show_state(None if review is None else approval_state(review))

    def _show_state(self, state: str | None) -> None:
        if state is None:
            self.state_label.setText("")
            self.state_note.setText("")
            return
        colour = STATE_COLOURS.get(state, "#000000")
        self.state_label.setText(
            f'<span style="font-size: 16pt; font-weight: 600; color: {colour}">'
            f"Approval: {state}</span>"
        )
        self.state_note.setText(STATE_NOTES.get(state, ""))

    def record_approval(self) -> None:
        """Ask for a decision and store it, bound to the review's content hash.

        An approval is an audit record, so recording one is not an undoable
        edit: it never enters the undo stack, and a later decision supersedes it.
        """
        review = self.context.review
        if review is None:
            return
        problems = readiness(review, self.procedure).problems
        dialog = ApprovalDialog(self.procedure, problems, self)
        if not self.exec_dialog(dialog) or dialog.record is None:
            return
        request = dialog.record
        stored = errors.attempt(self, "Record approval", lambda: self._store(request))
        if stored is not None:
            self.context.reload()

    def _store(self, request: ApprovalRequest) -> object:
        return self.context.library.record_approval(
            self.context.review_id,
            request.approver,
            request.role,
            request.decision,
            comment=request.comment,
            override_reason=request.override_reason,
        )

    def choose_pdf_path(
        self, review: Review, variant: "Variant" = "full"
    ) -> Path | None:
        """Ask where to save the PDF. Tests replace this method to supply a path."""
        suffix = "-redacted" if variant == "redacted" else ""
        suggested = f"{review.reference}{suffix}.pdf"
        title = "Export redacted PDF" if variant == "redacted" else "Export PDF"
        name, _ = QFileDialog.getSaveFileName(
            self, title, suggested, "PDF documents (*.pdf)"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

    def export_pdf(self, variant: "Variant" = "full") -> None:
        """Write the PDF on a pool thread, with progress and a Cancel button.

        The export buttons stay disabled until the export ends. A cancelled
        export writes no file.
        """
        review = self.context.review
        if review is None or self.export_task is not None:
            return
        # The full export keeps the one-argument call that tests replace.
        if variant == "full":
            path = self.choose_pdf_path(review)
        else:
            path = self.choose_pdf_path(review, variant)
        if path is None:
            return
        snapshot = review.model_copy(deep=True)
        procedure = self.procedure
        # Importing the report and ReportLab grows RSS by 14 to 17 MB, so it
        # waits for the first export.
        from ...report import write_pdf

        def export() -> object:
            return write_pdf(
                snapshot,
                procedure,
                path,
                variant=variant,
                progress=task.signals.progress.emit,
                is_cancelled=task.is_cancel_requested,
            )

        task = worker.Task(f"export {path.name}", export)
        # Bound methods of this widget make Qt queue the calls to the GUI thread.
        task.signals.finished.connect(self._export_done)
        task.signals.failed.connect(self._export_failed)
        task.signals.progress.connect(self._export_progress)
        task.signals.cancelled.connect(self._export_cancelled)
        self._set_exporting(True, f"Exporting {path.name}…")
        self.export_task = task
        self.export_target = path
        log.info("Exporting review %s to %s", review.id, path)
        worker.start(task)

    def cancel_export(self) -> None:
        """Ask the running export to stop before it writes the file."""
        if self.export_task is not None:
            self.export_task.cancel()
            self.cancel_button.setEnabled(False)
            self.export_label.setText("Cancelling export…")

    def _set_exporting(self, running: bool, text: str) -> None:
        self.export_button.setEnabled(not running)
        self.export_redacted_button.setEnabled(not running)
        self.progress.setRange(0, 0)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.export_label.setText(text)
        self.open_button.setVisible(not running and self.exported_path is not None)

    def _export_done(self, _: object) -> None:
        self.export_task = None
        self.exported_path = self.export_target
        self._set_exporting(False, f"Exported to {self.export_target}")

    def _export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _export_cancelled(self) -> None:
        self.export_task = None
        self._set_exporting(False, "Export cancelled")

    def _export_failed(self, exc: BaseException) -> None:
        self.export_task = None
        self.exported_path = None
        self._set_exporting(False, "")
        errors.show_error(self, "Export PDF failed", errors.describe(exc))

    def open_export(self) -> None:
        if self.exported_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported_path)))
