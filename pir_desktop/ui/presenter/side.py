"""The presenter's side panel: attendance with role warnings, and the parking lot."""

from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain.procedure import Procedure
from ...domain.review import Review
from ...services.meeting import absent_roles
from .. import errors
from ..context import ReviewContext

ID_ROLE = Qt.ItemDataRole.UserRole


def absence_text(review: Review, procedure: Procedure) -> str:
    """Return the warning about required roles with no attending participant, or ""."""
    missing = absent_roles(review, procedure)
    if not missing:
        return ""
    return "⚠ Absent: " + ", ".join(missing)


class AttendancePanel(QWidget):
    """Participants with a check box each: checked means attended."""

    def __init__(
        self,
        context: ReviewContext,
        procedure: Procedure,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.procedure = procedure
        heading = QLabel("Attendance")
        heading.setProperty("role", "heading")
        self.warning = QLabel()
        self.warning.setObjectName("absenceWarning")
        self.warning.setProperty("role", "warning")
        self.warning.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.warning)
        layout.addWidget(self.list, 1)
        self.list.itemChanged.connect(self._toggled)

    def show_review(self, shown: Review) -> None:
        """Fill the list from the review as shown, which may be redacted."""
        self.list.blockSignals(True)
        self.list.clear()
        for participant in shown.participants:
            role = self.procedure.role_name(participant.role)
            item = QListWidgetItem(f"{participant.name} — {role}")
            item.setData(ID_ROLE, str(participant.id))
            checked = (
                Qt.CheckState.Checked
                if participant.attended
                else Qt.CheckState.Unchecked
            )
            item.setCheckState(checked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        text = absence_text(shown, self.procedure)
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def _toggled(self, item: QListWidgetItem) -> None:
        review = self.context.review
        if review is None:
            return
        participant_id = UUID(item.data(ID_ROLE))
        before = next(p for p in review.participants if p.id == participant_id)
        attended = item.checkState() == Qt.CheckState.Checked
        if attended == before.attended:
            return
        after = before.with_changes(attended=attended)
        text = "Check in participant" if attended else "Check out participant"
        errors.attempt(
            self, text, lambda: self.context.update_record(before, after, text)
        )


class ParkingLotPanel(QWidget):
    """Topics set aside during the meeting, newest last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("Parking lot")
        heading.setProperty("role", "heading")
        self.list = QListWidget()
        self.list.setObjectName("parkingLot")
        self.list.setWordWrap(True)
        hint = QLabel("Ctrl+J to add")
        hint.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)

    def show_review(self, shown: Review) -> None:
        self.list.clear()
        for item in sorted(shown.parking_lot, key=lambda i: i.created_at):
            self.list.addItem(item.text)
