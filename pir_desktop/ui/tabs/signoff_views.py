"""Read-only views of the Sign-off tab: readiness, compliance and approvals."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.canonical import content_hash
from ...domain.entities import Approval
from ...domain.enums import label
from ...domain.readiness import ComplianceRow, StepCheck
from ...domain.review import Review
from ...domain.times import format_moment
from ..record_model import Column, RecordTableModel
from .panel import FlaggedTableModel, fit_columns

# Colours of the approval state, chosen to read on light window backgrounds.
STATE_COLOURS = {
    "approved": "#1b7f3b",
    "superseded": "#c25400",
    "changes requested": "#9a6b00",
    "rejected": "#b00020",
    "not approved": "#555555",
}
STATE_NOTES = {
    "approved": "The approved content hash matches the review as it is now.",
    "superseded": "The review changed after its approval: approve it again.",
    "changes requested": "The approver asked for changes.",
    "rejected": "The approver rejected the review.",
    "not approved": "No decision is recorded yet.",
}


def table_view(model: RecordTableModel, parent: QWidget, stretch: int) -> QTableView:
    """Return a read-only table view over a model; column `stretch` fills the width."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    fit_columns(view, stretch)
    return view


def boxed(title: str, *widgets: QWidget) -> QGroupBox:
    """Return a group box that stacks the widgets, the last one stretching."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for widget in widgets[:-1]:
        layout.addWidget(widget)
    layout.addWidget(widgets[-1], 1)
    return box


def readiness_model() -> FlaggedTableModel[StepCheck]:
    columns = [
        Column[StepCheck]("Step", lambda c: str(c.step.number)),
        Column[StepCheck](
            "Title", lambda c: c.step.title, lambda c: c.step.description
        ),
        Column[StepCheck]("Evidence", lambda c: "yes" if c.has_evidence else "no"),
        Column[StepCheck]("Detail", lambda c: c.detail),
    ]
    return FlaggedTableModel[StepCheck](
        columns, lambda c: not c.has_evidence and not c.step.after_sign_off
    )


def compliance_model() -> FlaggedTableModel[ComplianceRow]:
    def steps(row: ComplianceRow) -> str:
        return ", ".join(map(str, row.reference.steps))

    columns = [
        Column[ComplianceRow]("Standard", lambda r: r.reference.standard),
        Column[ComplianceRow](
            "Reference", lambda r: r.reference.reference, lambda r: r.reference.note
        ),
        Column[ComplianceRow](
            "Current reference", lambda r: r.reference.current_reference
        ),
        Column[ComplianceRow]("Steps", steps),
        Column[ComplianceRow]("Status", lambda r: r.status),
        Column[ComplianceRow]("Detail", lambda r: r.detail),
    ]
    return FlaggedTableModel[ComplianceRow](
        columns, lambda r: r.status == "evidence missing"
    )


class ApprovalHistory(RecordTableModel[Approval]):
    """Approvals newest first, each marked current or changed since."""

    def __init__(self) -> None:
        self.review: Review | None = None
        self.current_hash = ""
        super().__init__(
            [
                Column[Approval]("Decided", self._decided),
                Column[Approval]("Approver", lambda a: a.approver),
                Column[Approval]("Role", lambda a: a.role),
                Column[Approval]("Decision", lambda a: label(a.decision)),
                Column[Approval]("Content", self._content, lambda a: a.content_hash),
                Column[Approval]("Comment", lambda a: a.comment),
                Column[Approval]("Override reason", lambda a: a.override_reason),
            ]
        )

    def show_review(self, review: Review | None) -> None:
        self.review = review
        self.current_hash = "" if review is None else content_hash(review)
        approvals = [] if review is None else review.approvals
        self.set_records(sorted(approvals, key=lambda a: a.decided_at, reverse=True))

    def _decided(self, approval: Approval) -> str:
        zone = "UTC" if self.review is None else self.review.display_zone
        return format_moment(approval.decided_at, zone)

    def _content(self, approval: Approval) -> str:
        state = (
            "current" if approval.content_hash == self.current_hash else "changed since"
        )
        return f"{approval.content_hash[:12]}… ({state})"


class ProblemList(QWidget):
    """The readiness problems that block a clean sign-off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Readiness problems")
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def show_problems(
        self, problems: list[str], warnings: list[str] | None = None
    ) -> None:
        """List the blocking problems, then the warnings, which do not block."""
        self.list.clear()
        self.list.addItems(problems)
        self.list.addItems([f"⚠ Warning: {text}" for text in warnings or []])
        if problems:
            self.heading.setText(f"<b>{len(problems)} problems before sign-off</b>")
        else:
            self.heading.setText("<b>Ready for sign-off:</b> every step has evidence.")
