"""The dialog that adds or edits a review participant."""

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from ...domain.entities import Participant
from ...domain.procedure import Procedure
from .base import FormDialog
from .record_dialog import sensitive_box


class ParticipantDialog(FormDialog[Participant]):
    """Name, procedure role and attendance of one participant."""

    def __init__(
        self,
        procedure: Procedure,
        participant: Participant | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Add participant" if participant is None else "Edit participant"
        super().__init__("participant_dialog", title, parent)
        self.participant = participant
        self.name = self.field(QLineEdit, "nameEdit")
        self.role = self.field(QComboBox, "roleCombo")
        self.attended = self.field(QCheckBox, "attendedCheck")
        self.sensitive = sensitive_box(False)
        self.sensitive.setText("Sensiti&ve: mask this name in the redacted report")
        self.form.layout().addRow("", self.sensitive)
        for role in procedure.roles:
            self.role.addItem(role.name, role.id)
        if participant is not None:
            self._show(participant)

    def _show(self, participant: Participant) -> None:
        self.name.setText(participant.name)
        index = self.role.findData(participant.role)
        if index < 0:
            # A role that the procedure no longer defines stays selectable.
            self.role.addItem(participant.role, participant.role)
            index = self.role.count() - 1
        self.role.setCurrentIndex(index)
        self.attended.setChecked(participant.attended)
        self.sensitive.setChecked(participant.sensitive)

    def values(self) -> dict[str, object]:
        return {
            "name": self.name.text(),
            "role": self.role.currentData(),
            "attended": self.attended.isChecked(),
            "sensitive": self.sensitive.isChecked(),
        }

    def build(self) -> Participant:
        if self.participant is None:
            return Participant.model_validate(self.values())
        return self.participant.with_changes(**self.values())
