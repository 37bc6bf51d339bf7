"""The Action plan tab's commands on the selected action after it is defined.

Life-cycle changes, progress updates and effectiveness checks go through the
library's use cases, which enforce the action-plan rules, and each pushes one
undo command.
"""

from collections.abc import Callable
from datetime import date

from ...domain.entities import ActionItem, ProgressUpdate
from ...domain.enums import ActionStatus, label
from .. import action_commands, errors
from ..dialogs.progress import CancelDialog, EffectivenessDialog, ProgressDialog
from .editing import EditingTab


class ActionFollowUp(EditingTab):
    """Handlers for the life-cycle buttons and the progress and check dialogs.

    The Action plan tab inherits these and provides `selected_action` and
    `today`.
    """

    today: Callable[[], date]

    def selected_action(self) -> ActionItem | None:
        raise NotImplementedError

    def change_status(self, status: ActionStatus) -> None:
        """Move the selected action to `status`, asking what the status needs."""
        action = self.selected_action()
        if action is None:
            return
        if status is ActionStatus.NOT_EFFECTIVE:
            self.record_check(False)
            return
        reason = ""
        if status is ActionStatus.CANCELLED:
            dialog = CancelDialog(action, self)
            if not self.exec_dialog(dialog) or dialog.record is None:
                return
            reason = dialog.record
        title = f"Action not marked {label(status)}"
        errors.attempt(
            self,
            title,
            lambda: action_commands.change_status(self.context, action, status, reason),
        )

    def record_check(self, effective: bool | None) -> None:
        """Ask for an effectiveness check of the selected Done action and store it."""
        action = self.selected_action()
        if action is None:
            return
        dialog = EffectivenessDialog(action, effective, self)
        if not self.exec_dialog(dialog) or dialog.record is None:
            return
        check = dialog.record
        errors.attempt(
            self,
            "Effectiveness check not recorded",
            lambda: action_commands.record_check(
                self.context, action, check.checked_by, check.evidence, check.effective
            ),
        )

    def add_progress(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        dialog = ProgressDialog(action, self.today(), self)
        if not self.exec_dialog(dialog) or dialog.record is None:
            return
        update = dialog.record
        errors.attempt(
            self,
            "Progress not recorded",
            lambda: action_commands.add_progress(
                self.context,
                action,
                update.reported_on,
                update.percent,
                update.note,
                update.by,
            ),
        )

    def edit_progress(self, before: ProgressUpdate) -> None:
        action = self.selected_action()
        if action is None:
            return
        dialog = ProgressDialog(action, before.reported_on, self)
        dialog.make = lambda values: before.with_changes(**values)
        dialog.percent.setValue(before.percent)
        dialog.note.setPlainText(before.note)
        dialog.by.setText(before.by)
        self.edit_through(before, dialog, "Edit progress update")

    def delete_progress(self, update: ProgressUpdate) -> None:
        self.delete(update, "Delete progress update")
