"""The Action plan tab: action items and the factors they address."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.entities import ActionItem
from ...domain.enums import ActionStatus, label
from ...domain.review import Review
from ..context import ReviewContext
from ..dialogs.action import ActionDialog
from ..dialogs.choices import factor_names, shorten
from ..record_model import Column
from .editing import EditingTab
from .panel import FlaggedTableModel, RecordPanel


class ActionPlanTab(EditingTab):
    """Action items with owner, due date and success criteria."""

    TITLE = "Action plan"

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._build()
        self._lay_out()
        self._connect()
        self.start()

    def _build(self) -> None:
        columns = [
            Column[ActionItem]("Title", lambda a: a.title, lambda a: a.description),
            Column[ActionItem]("Owner", lambda a: a.owner),
            Column[ActionItem]("Due", lambda a: str(a.due_date or "")),
            Column[ActionItem]("Success criteria", lambda a: a.success_criteria),
            Column[ActionItem]("Status", lambda a: label(a.status)),
            Column[ActionItem]("Factors", self._factor_text),
        ]
        model = FlaggedTableModel[ActionItem](columns, lambda a: not a.factor_ids)
        self.actions = RecordPanel("Action items", model, "action")
        self.unlinked_label = QLabel(self)
        self.unlinked_label.setWordWrap(True)

    def _lay_out(self) -> None:
        self.actions.layout().insertWidget(1, self.unlinked_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.actions)

    def _connect(self) -> None:
        self.actions.add_requested.connect(self.add_action)
        self.actions.edit_requested.connect(self.edit_action)
        self.actions.delete_requested.connect(self.delete_action)

    def show_review(self, review: Review | None) -> None:
        actions = [] if review is None else review.actions
        self.actions.set_records(actions)
        self.unlinked_label.setText(
            _unlinked_text([a for a in actions if not a.factor_ids])
        )

    def _factor_text(self, action: ActionItem) -> str:
        review = self.context.review
        if review is None or not action.factor_ids:
            return "none"
        return factor_names(review, action.factor_ids)

    def add_action(self) -> None:
        review = self.context.review
        if review is None:
            return
        initial = ActionItem.model_construct(
            title="",
            description="",
            owner="",
            due_date=None,
            success_criteria="",
            status=ActionStatus.PROPOSED,
            factor_ids=[],
        )
        dialog = ActionDialog(
            "Add action item", ActionItem.model_validate, review, initial, self
        )
        self.add_through(dialog, "Add action item")

    def edit_action(self, before: ActionItem) -> None:
        review = self.context.review
        if review is None:
            return
        dialog = ActionDialog(
            "Edit action item", lambda v: before.with_changes(**v), review, before, self
        )
        self.edit_through(before, dialog, "Edit action item")

    def delete_action(self, action: ActionItem) -> None:
        self.delete(action, f"Delete action item “{shorten(action.title, 40)}”")


def _unlinked_text(actions: list[ActionItem]) -> str:
    if not actions:
        return ""
    count = (
        "1 action addresses" if len(actions) == 1 else f"{len(actions)} actions address"
    )
    names = "; ".join(shorten(a.title, 60) for a in actions)
    return f"⚠ {count} no contributing factor (shaded): {names}"
