"""Widgets about the selected action: life-cycle buttons, SMART findings, checks."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.actions import SmartFinding
from ...domain.entities import ActionItem, EffectivenessCheck, ProgressUpdate
from ...domain.enums import ActionStatus, label
from ...domain.lifecycle import NEXT_STATUSES
from ...domain.review import Review
from ...domain.times import format_moment
from ..record_model import Column, RecordTableModel
from .panel import FlaggedTableModel

BUTTON_TEXT = {
    ActionStatus.APPROVED: "Approve",
    ActionStatus.IN_PROGRESS: "Start",
    ActionStatus.DONE: "Mark done",
    ActionStatus.VERIFIED: "Verify effective",
    ActionStatus.NOT_EFFECTIVE: "Not effective…",
    ActionStatus.CANCELLED: "Cancel…",
}
NO_POSITIVE_CHECK = (
    "Record an effectiveness check that finds the action effective first."
)


def latest_check(review: Review, action: ActionItem) -> EffectivenessCheck | None:
    """Return the action's most recent effectiveness check, or None."""
    own = [c for c in review.effectiveness if c.action_id == action.id]
    return max(own, key=lambda c: c.checked_at) if own else None


class LifecycleBar(QWidget):
    """One button per status the selected action may move to next.

    Buttons for other statuses are hidden, so only allowed transitions are
    offered. Verify effective is disabled until the latest check is positive.
    """

    transition_requested = Signal(object)  # ActionStatus
    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_label = QLabel(self)
        self.buttons = {
            status: QPushButton(text, self) for status, text in BUTTON_TEXT.items()
        }
        self.check_button = QPushButton("Record effectiveness check…", self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        for status, button in self.buttons.items():
            layout.addWidget(button)
            button.clicked.connect(
                lambda _checked=False, s=status: self.transition_requested.emit(s)
            )
        layout.addWidget(self.check_button)
        layout.addStretch(1)
        self.check_button.clicked.connect(self.check_requested)
        self.show_action(None, None)

    def show_action(self, action: ActionItem | None, review: Review | None) -> None:
        allowed = () if action is None else NEXT_STATUSES[action.status]
        for status, button in self.buttons.items():
            button.setVisible(status in allowed)
        self.check_button.setVisible(
            action is not None and action.status is ActionStatus.DONE
        )
        if action is None or review is None:
            self.status_label.setText("Select an action to change its status.")
            return

        self.status_label.setText(f"<b>Status: {label(action.status)}</b>")
        reopen = action.status is ActionStatus.NOT_EFFECTIVE
        self.buttons[ActionStatus.IN_PROGRESS].setText("Reopen" if reopen else "Start")
        check = latest_check(review, action)
        verify = self.buttons[ActionStatus.VERIFIED]
        verify.setEnabled(check is not None and check.effective)
        verify.setToolTip("" if verify.isEnabled() else NO_POSITIVE_CHECK)

    def allowed(self) -> list[ActionStatus]:
        """Return the statuses whose buttons are offered now."""
        return [s for s, b in self.buttons.items() if not b.isHidden()]


class SmartList(QWidget):
    """The SMART findings of the selected action, or a note that it passes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("SMART findings")
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def show_findings(self, findings: list[SmartFinding] | None) -> None:
        self.list.clear()
        if findings is None:
            self.heading.setText("Select an action to check it.")
        elif findings:
            count = "1 gap" if len(findings) == 1 else f"{len(findings)} gaps"
            self.heading.setText(f"<b>⚠ {count}:</b> the action is missing")
            self.list.addItems([finding.message for finding in findings])
        else:
            self.heading.setText(
                "<b>✓ Specific and measurable:</b> owner, due date, measurable "
                "success criterion and a link to a factor or lesson."
            )


def progress_model() -> RecordTableModel[ProgressUpdate]:
    return RecordTableModel[ProgressUpdate](
        [
            Column[ProgressUpdate]("Date", lambda p: p.reported_on.isoformat()),
            Column[ProgressUpdate]("Done", lambda p: f"{p.percent} %"),
            Column[ProgressUpdate]("Note", lambda p: p.note),
            Column[ProgressUpdate]("By", lambda p: p.by),
        ]
    )


class CheckModel(FlaggedTableModel[EffectivenessCheck]):
    """Effectiveness checks, newest first, with failed checks shaded."""

    def __init__(self) -> None:
        self.zone = "UTC"
        super().__init__(
            [
                Column[EffectivenessCheck]("Checked", self._when),
                Column[EffectivenessCheck]("By", lambda c: c.checked_by),
                Column[EffectivenessCheck](
                    "Result", lambda c: "effective" if c.effective else "not effective"
                ),
                Column[EffectivenessCheck]("Evidence", lambda c: c.evidence),
            ],
            lambda c: not c.effective,
        )

    def show_checks(self, review: Review, action: ActionItem | None) -> None:
        self.zone = review.display_zone
        own = [c for c in review.effectiveness if action and c.action_id == action.id]
        self.set_records(sorted(own, key=lambda c: c.checked_at, reverse=True))

    def _when(self, check: EffectivenessCheck) -> str:
        return format_moment(check.checked_at, self.zone)
