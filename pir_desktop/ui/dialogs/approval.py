"""The dialog that records a sign-off decision."""

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ...domain.enums import ApprovalDecision
from ...domain.procedure import Procedure
from .fields import EnumCombo, text_box
from .record_dialog import RecordDialog

APPROVER_ROLE = "ciso"
TEXT_FIELDS = ("approver", "role", "comment", "override_reason")


@dataclass(frozen=True)
class ApprovalRequest:
    """A decision as entered, before the library binds it to the content hash."""

    approver: str
    role: str
    decision: ApprovalDecision
    comment: str
    override_reason: str


def make_request(values: dict[str, Any], problems: list[str]) -> ApprovalRequest:
    """Check the entered decision and return it, or raise ValueError naming the field.

    Approving a review whose readiness check lists problems needs an override
    reason. Other decisions do not, because they do not claim readiness.
    """
    texts = {name: str(values[name]).strip() for name in TEXT_FIELDS}
    request = ApprovalRequest(decision=values["decision"], **texts)
    if not request.approver:
        raise ValueError("approver: enter the name of the person deciding")
    if not request.role:
        raise ValueError("role: enter the approver's role")
    needs_reason = problems and request.decision is ApprovalDecision.APPROVED
    if needs_reason and not request.override_reason:
        raise ValueError(
            f"override reason: the readiness check lists {len(problems)} problems, "
            "so approving needs a reason to override them"
        )
    return request


class ApprovalDialog(RecordDialog[ApprovalRequest]):
    """Enter the approver, role, decision, comment and any override reason."""

    def __init__(
        self, procedure: Procedure, problems: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__("Record approval", lambda v: make_request(v, problems), parent)
        self._build(procedure, problems)
        self._lay_out(problems)

    def _build(self, procedure: Procedure, problems: list[str]) -> None:
        self.warning = QLabel(_warning_text(problems))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #9a3b00;")
        self.approver = QLineEdit()
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems([role.name for role in procedure.roles])
        self.role.setCurrentText(procedure.role_name(APPROVER_ROLE))
        self.decision = EnumCombo(ApprovalDecision)
        self.comment = text_box(lines=3)
        self.override_reason = text_box(lines=2)

    def _lay_out(self, problems: list[str]) -> None:
        if problems:
            self.form.addRow(self.warning)
        self.form.addRow("&Approver", self.approver)
        self.form.addRow("&Role", self.role)
        self.form.addRow("&Decision", self.decision)
        self.form.addRow("&Comment", self.comment)
        self.form.addRow("&Override reason", self.override_reason)

    def values(self) -> dict[str, Any]:
        return {
            "approver": self.approver.text(),
            "role": self.role.currentText(),
            "decision": self.decision.value(),
            "comment": self.comment.toPlainText(),
            "override_reason": self.override_reason.toPlainText(),
        }


def _warning_text(problems: list[str]) -> str:
    listed = "".join(f"\n• {problem}" for problem in problems[:8])
    more = f"\n… and {len(problems) - 8} more" if len(problems) > 8 else ""
    return (
        f"The readiness check lists {len(problems)} problems. Approving anyway "
        f"needs an override reason, which the approval record keeps.{listed}{more}"
    )
