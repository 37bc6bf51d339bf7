"""Dialogs for contributing factors and 5 Whys answers."""

from typing import Any
from uuid import UUID

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from ...domain.entities import ContributingFactor, WhyNode
from ...domain.enums import FactorRole, FactorStatus, label
from ...domain.review import Review
from .choices import event_choices, factor_choices
from .fields import CheckList, EnumCombo, text_box
from .record_dialog import Maker, RecordDialog

# Fishbone ribs for security incidents. The combo box also accepts other text.
SECURITY_CATEGORIES = (
    "People and knowledge",
    "Process and policy",
    "Technology and configuration",
    "Identity and access",
    "Detection and monitoring",
    "Response and recovery",
    "Third parties",
    "Environment and organisation",
)


class FactorDialog(RecordDialog[ContributingFactor]):
    """Edit a contributing factor: statement, category, status, roles, evidence."""

    def __init__(
        self,
        title: str,
        make: Maker[ContributingFactor],
        review: Review,
        initial: ContributingFactor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, make, parent)
        self.initial_id = initial.id
        self.initial_sensitive = initial.sensitive
        self._build(review, initial)
        self._lay_out(review)

    def _build(self, review: Review, initial: ContributingFactor) -> None:
        self.statement = text_box(initial.statement, lines=2)
        self.category = QComboBox()
        self.category.setEditable(True)
        known = {f.category for f in review.factors} - set(SECURITY_CATEGORIES)
        self.category.addItems([*SECURITY_CATEGORIES, *sorted(known - {""})])
        self.category.setCurrentText(initial.category)
        self.status = EnumCombo(FactorStatus)
        self.status.set_value(initial.status)
        self.roles = {role: QCheckBox(label(role)) for role in FactorRole}
        for role, box in self.roles.items():
            box.setChecked(role in initial.roles)
        self.evidence = text_box(initial.evidence, lines=3)
        self.events = CheckList()
        self.events.set_choices(event_choices(review), initial.event_ids)

    def _lay_out(self, review: Review) -> None:
        roles = QWidget()
        grid = QGridLayout(roles)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, box in enumerate(self.roles.values()):
            grid.addWidget(box, index // 2, index % 2)
        self.form.addRow("&Statement", self.statement)
        self.form.addRow("&Category", self.category)
        self.form.addRow("S&tatus", self.status)
        self.form.addRow("Roles", roles)
        self.form.addRow("&Evidence", self.evidence)
        self.form.addRow("Timeline e&vents", self.events)
        self.watch_wording(self.statement, review, self.initial_id)
        self.track_sensitive(self.initial_sensitive)

    def values(self) -> dict[str, Any]:
        return {
            "statement": self.statement.toPlainText(),
            "category": self.category.currentText(),
            "status": self.status.value(),
            "roles": [role for role, box in self.roles.items() if box.isChecked()],
            "evidence": self.evidence.toPlainText(),
            "event_ids": self.events.checked_ids(),
        }


class WhyDialog(RecordDialog[WhyNode]):
    """Edit one 5 Whys answer: its text, evidence and linked factor."""

    def __init__(
        self,
        title: str,
        make: Maker[WhyNode],
        review: Review,
        initial: WhyNode,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, make, parent)
        is_problem = initial.parent_id is None
        self.text = QLineEdit(initial.text)
        self.evidence = text_box(initial.evidence, lines=3)
        self.factor = factor_combo(review, initial.factor_id)

        self.form.addRow("&Problem" if is_problem else "&Answer", self.text)
        self.form.addRow("&Evidence", self.evidence)
        self.form.addRow("Linked &factor", self.factor)
        self.watch_wording(self.text, review, initial.id)
        self.track_sensitive(initial.sensitive)

    def values(self) -> dict[str, Any]:
        return {
            "text": self.text.text(),
            "evidence": self.evidence.toPlainText(),
            "factor_id": selected_factor(self.factor),
        }


def factor_combo(review: Review, current: UUID | None) -> QComboBox:
    """Return a combo box of the review's factors, with "(none)" first."""
    combo = QComboBox()
    combo.addItem("(none)", "")
    for factor_id, text in factor_choices(review):
        combo.addItem(text, str(factor_id))
    combo.setCurrentIndex(max(0, combo.findData(str(current or ""))))
    return combo


def selected_factor(combo: QComboBox) -> UUID | None:
    """Return the id chosen in a `factor_combo`, or None for "(none)"."""
    data = combo.currentData()
    return UUID(data) if data else None
