"""The participants table of the Overview tab, with its add, edit and remove buttons."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import Participant
from ...domain.procedure import Procedure
from .. import errors
from ..context import ReviewContext
from ..dialogs.participant import ParticipantDialog
from ..status import show_status
from .attendance import AttendanceModel


class ParticipantsPanel(QWidget):
    """The review's participants with their procedure roles and attendance."""

    def __init__(
        self,
        context: ReviewContext,
        procedure: Procedure,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.procedure = procedure
        self.dialog_factory = ParticipantDialog
        self._build()
        self._layout()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        self.model = AttendanceModel(self.procedure.role_name, self)
        self.view = QTableView()
        self.view.setAccessibleName("Participants")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("&Add…")
        self.edit_button = QPushButton("&Edit…")
        self.remove_button = QPushButton("Remo&ve")

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_participant)
        self.edit_button.clicked.connect(self.edit_participant)
        self.remove_button.clicked.connect(self.remove_participant)
        self.view.activated.connect(lambda _index: self.edit_participant())
        self.model.attendance_toggled.connect(self.set_attended)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.context.review_changed.connect(self.refresh)

    def refresh(self) -> None:
        review = self.context.review
        self.model.set_records([] if review is None else review.participants)
        self.add_button.setEnabled(review is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected() is not None
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def selected(self) -> Participant | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def add_participant(self) -> ParticipantDialog:
        """Open the participant dialog; accepting it saves a new participant."""
        dialog = self.dialog_factory(self.procedure, None, self)
        dialog.accepted.connect(lambda: self._save(None, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_participant(self) -> ParticipantDialog | None:
        """Open the dialog on the selected participant; accepting saves the change."""
        before = self.selected()
        if before is None:
            return None
        dialog = self.dialog_factory(self.procedure, before, self)
        dialog.accepted.connect(lambda: self._save(before, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _save(self, before: Participant | None, dialog: ParticipantDialog) -> None:
        after = dialog.result_value
        if after is None:
            return
        if before is None:
            errors.attempt(
                self,
                "Participant not added",
                lambda: self.context.add_record(after, "Add participant"),
            )
        else:
            errors.attempt(
                self,
                "Participant not saved",
                lambda: self.context.update_record(before, after, "Edit participant"),
            )

    def set_attended(self, before: Participant, attended: bool) -> None:
        """Check a participant in or out of the meeting, as one undoable edit."""
        if before.attended == attended:
            return
        after = before.with_changes(attended=attended)
        text = "Check in participant" if attended else "Check out participant"
        errors.attempt(
            self,
            "Attendance not saved",
            lambda: self.context.update_record(before, after, text),
        )

    def remove_participant(self) -> None:
        """Remove the selected participant; the removal is undoable."""
        participant = self.selected()
        if participant is None:
            return

        def remove() -> bool:
            self.context.delete_record(participant, "Remove participant")
            return True

        if errors.attempt(self, "Participant not removed", remove):
            show_status(self, "Removed participant — Ctrl+Z to undo")
