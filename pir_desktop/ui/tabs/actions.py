"""The Action plan tab: action items, their life cycle, progress and checks."""

from collections.abc import Callable
from datetime import date
from uuid import UUID

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ...domain.actions import smart_findings
from ...domain.entities import ActionItem
from ...domain.enums import ActionPriority, ActionStatus, label
from ...domain.procedure import Procedure, default_procedure
from ...domain.review import Review
from ..context import ReviewContext
from ..dialogs.action import ActionDialog
from ..dialogs.choices import factor_names, shorten
from ..record_model import Column
from .action_details import CheckModel, LifecycleBar, SmartList, progress_model
from .action_followup import ActionFollowUp
from .panel import FlaggedTableModel, RecordPanel
from .signoff_views import boxed, table_view


class ActionPlanTab(ActionFollowUp):
    """Action items with owner, due date, success criteria and life cycle."""

    TITLE = "Action plan"

    def __init__(
        self,
        context: ReviewContext,
        parent: QWidget | None = None,
        procedure: Procedure | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(context, parent)
        self.procedure = procedure or default_procedure()
        self.today = today
        self.selected_id: UUID | None = None
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
            Column[ActionItem]("Status", lambda a: label(a.status), _status_tip),
            Column[ActionItem]("Priority", lambda a: label(a.priority)),
            Column[ActionItem]("Type", _type_text),
            Column[ActionItem]("Factors", self._factor_text),
        ]
        model = FlaggedTableModel[ActionItem](columns, lambda a: not a.factor_ids)
        self.actions = RecordPanel("Action items", model, "action", stretch=3)
        self.unlinked_label = QLabel(self)
        self.unlinked_label.setWordWrap(True)
        self.lifecycle = LifecycleBar(self)
        self.smart = SmartList(self)
        self.progress = RecordPanel("Progress updates", progress_model(), "progress")
        self.progress.add_button.setText("Add progress…")
        self.progress.table.setAccessibleName("Progress updates")
        self.actions.table.setAccessibleName("Action items")
        self.checks = CheckModel()

    def _lay_out(self) -> None:
        self.actions.layout().insertWidget(1, self.unlinked_label)
        self.actions.layout().addWidget(self.lifecycle)
        details = QSplitter(Qt.Orientation.Horizontal, self)
        details.addWidget(boxed("SMART check of the selected action", self.smart))
        details.addWidget(self.progress)
        checks = table_view(self.checks, self, 3)
        checks.setAccessibleName("Effectiveness checks")
        details.addWidget(boxed("Effectiveness checks", checks))
        for index, share in enumerate((2, 3, 3)):
            details.setStretchFactor(index, share)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.actions)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.actions.add_requested.connect(self.add_action)
        self.actions.edit_requested.connect(self.edit_action)
        self.actions.delete_requested.connect(self.delete_action)
        selection = self.actions.table.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        self.lifecycle.transition_requested.connect(self.change_status)
        self.lifecycle.check_requested.connect(lambda: self.record_check(None))
        self.progress.add_requested.connect(self.add_progress)
        self.progress.edit_requested.connect(self.edit_progress)
        self.progress.delete_requested.connect(self.delete_progress)

    # Showing

    def show_review(self, review: Review | None) -> None:
        actions = [] if review is None else review.actions
        self.actions.set_records(actions)
        self.unlinked_label.setText(
            _unlinked_text([a for a in actions if not a.factor_ids])
        )
        ids = [a.id for a in actions]
        if self.selected_id in ids:
            self._select_row(ids.index(self.selected_id))
        self._show_selected()

    def _selection_changed(self) -> None:
        action = self.actions.selected()
        self.selected_id = None if action is None else action.id
        self._show_selected()

    def _show_selected(self) -> None:
        review = self.context.review
        action = self.selected_action()
        self.lifecycle.show_action(action, review)
        if review is None or action is None:
            self.smart.show_findings(None)
            self.progress.set_records([])
            self.progress.add_button.setEnabled(False)
            self.checks.set_records([])
            return
        self.smart.show_findings(
            smart_findings(action, review, self.procedure, self.today())
        )
        own = [p for p in review.progress if p.action_id == action.id]
        self.progress.set_records(sorted(own, key=lambda p: p.reported_on))
        self.progress.add_button.setEnabled(True)
        self.checks.show_checks(review, action)

    def selected_action(self) -> ActionItem | None:
        return self.actions.selected()

    def select_action(self, action_id: UUID) -> bool:
        """Select an action by id and return whether the review contains it."""
        for row, action in enumerate(self.actions.model.records):
            if action.id == action_id:
                self._select_row(row)
                return True
        return False

    def _select_row(self, row: int) -> None:
        # NOTE: QTableView.selectRow was seen to select nothing on a view that
        # was never shown, so the row is selected through the selection model.
        flags = QItemSelectionModel.SelectionFlag
        self.actions.table.selectionModel().setCurrentIndex(
            self.actions.model.index(row, 0), flags.ClearAndSelect | flags.Rows
        )

    def _factor_text(self, action: ActionItem) -> str:
        review = self.context.review
        if review is None or not action.factor_ids:
            return "none"
        return factor_names(review, action.factor_ids)

    # Editing the action

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
            priority=ActionPriority.MEDIUM,
            action_type=None,
            ticket_url="",
            cancel_reason="",
            factor_ids=[],
            lesson_ids=[],
        )
        dialog = ActionDialog(
            "Add action item", ActionItem.model_validate, review, initial, self
        )
        added = self.add_through(dialog, "Add action item")
        if added is not None:
            self.select_action(added.id)

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


def _type_text(action: ActionItem) -> str:
    return "" if action.action_type is None else label(action.action_type)


def _status_tip(action: ActionItem) -> str:
    if action.status is ActionStatus.CANCELLED:
        return f"Cancelled: {action.cancel_reason}"
    return label(action.status)


def _unlinked_text(actions: list[ActionItem]) -> str:
    if not actions:
        return ""
    count = (
        "1 action addresses" if len(actions) == 1 else f"{len(actions)} actions address"
    )
    names = "; ".join(shorten(a.title, 60) for a in actions)
    return f"⚠ {count} no contributing factor (shaded): {names}"
