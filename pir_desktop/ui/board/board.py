"""The discussion board: cards by kind, dot voting, groups and card turns.

The board shows a redacted copy of the review while presenting and edits the
stored records through the context, so each click is saved and undoable.
"""

from collections.abc import Callable
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.blameless import Hit
from ...domain.entities import Observation, Participant
from ...domain.enums import ObservationKind
from ...domain.redaction import redacted_review
from ...domain.review import Review
from ...domain.voting import votes_left
from ...services import meeting
from ...services.meeting import CardTarget
from .. import errors
from ..context import ReviewContext
from ..dialogs.discussion import OBSERVATION_LABELS
from ..hints import findings_by_record, hits_tooltip, marked, warning_icon
from ..status import show_status
from .cards import board_order, card_text, find_card
from .commands import undo_macro

ID_ROLE = Qt.ItemDataRole.UserRole
# (parent, title, label, current text) -> (text, accepted)
TextAsker = Callable[[QWidget, str, str, str], tuple[str, bool]]


def ask_text(parent: QWidget, title: str, label: str, text: str) -> tuple[str, bool]:
    return QInputDialog.getText(parent, title, label, text=text)


class Board(QWidget):
    """Three card columns with a voter, dot buttons, grouping and card turns."""

    card_chosen = Signal(object)  # the stored Observation, or None

    def __init__(
        self,
        context: ReviewContext,
        budget: int,
        presenting: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.budget = budget
        self.presenting = presenting
        # Tests replace this to answer without a dialog.
        self.ask_text: TextAsker = ask_text
        self._build()
        self._lay_out()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        self.voter = QComboBox()
        self.voter.setObjectName("voter")
        self.voter.setAccessibleName("Voter")
        self.votes_label = QLabel()
        self.add_dot_button = QPushButton("+ Dot")
        self.remove_dot_button = QPushButton("− Dot")
        self.group_button = QPushButton("Group…")
        self.turn_button = QPushButton("Turn into")
        self.turn_menu = QMenu(self)
        self.turn_actions = {
            target: self.turn_menu.addAction(target.value.capitalize())
            for target in CardTarget
        }
        self.turn_button.setMenu(self.turn_menu)
        self.columns = {kind: QListWidget() for kind in ObservationKind}
        for kind, column in self.columns.items():
            column.setAccessibleName(f"{OBSERVATION_LABELS[kind]} cards")
            column.setWordWrap(True)
            column.setAlternatingRowColors(True)
            column.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(QLabel("Voter"))
        tools.addWidget(self.voter, 1)
        tools.addWidget(self.votes_label)
        buttons = QHBoxLayout()
        for button in (
            self.add_dot_button,
            self.remove_dot_button,
            self.group_button,
            self.turn_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        cards = QHBoxLayout()
        for kind, column in self.columns.items():
            box = QVBoxLayout()
            heading = QLabel(OBSERVATION_LABELS[kind])
            heading.setProperty("role", "heading")
            box.addWidget(heading)
            box.addWidget(column, 1)
            cards.addLayout(box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addLayout(buttons)
        layout.addLayout(cards, 1)

    def _connect(self) -> None:
        self.context.review_changed.connect(self.refresh)
        self.voter.currentIndexChanged.connect(self._show_votes_left)
        self.add_dot_button.clicked.connect(self.add_dot)
        self.remove_dot_button.clicked.connect(self.remove_dot)
        self.group_button.clicked.connect(self.group_card)
        for target, action in self.turn_actions.items():
            action.triggered.connect(lambda _c=False, t=target: self.turn_card(t))
        for column in self.columns.values():
            column.itemDoubleClicked.connect(lambda _item: self.add_dot())
            column.itemSelectionChanged.connect(self._selection_changed)
            column.customContextMenuRequested.connect(self._card_menu)

    def shown_review(self) -> Review | None:
        review = self.context.review
        if review is None or not self.presenting:
            return review
        return redacted_review(review)

    def refresh(self) -> None:
        chosen = self.selected_id()
        review = self.shown_review()
        self._fill_voters(review)
        for column in self.columns.values():
            column.clear()
        # Hints and sensitive markers are for the editors, not the meeting audience.
        findings = {} if self.presenting else findings_by_record(review)
        if review is not None:
            for card, dots in board_order(review):
                text = card_text(card, dots)
                item = QListWidgetItem(text)
                if not self.presenting:
                    item.setText(marked(text, card.sensitive))
                    self._show_hints(item, [f.hit for f in findings.get(card.id, [])])
                item.setData(ID_ROLE, str(card.id))
                self.columns[card.kind].addItem(item)
                if card.id == chosen:
                    self.columns[card.kind].setCurrentItem(item)
        self._show_votes_left()

    def _show_hints(self, item: QListWidgetItem, hits: list[Hit]) -> None:
        if hits:
            item.setIcon(warning_icon())
            item.setToolTip(f"{item.text()}\n\nWording hints:\n{hits_tooltip(hits)}")

    def _fill_voters(self, review: Review | None) -> None:
        current = self.voter.currentData() if self.voter.count() else ""
        self.voter.blockSignals(True)
        self.voter.clear()
        for participant in [] if review is None else review.participants:
            self.voter.addItem(participant.name, str(participant.id))
        index = self.voter.findData(current)
        self.voter.setCurrentIndex(max(index, 0))
        self.voter.blockSignals(False)

    def _show_votes_left(self) -> None:
        review = self.context.review
        voter = self.voter_id()
        if review is None or voter is None:
            self.votes_label.setText("")
            return
        left = votes_left(review.votes, voter, self.budget)
        self.votes_label.setText(f"{left} of {self.budget} dots left")

    def voter_id(self) -> UUID | None:
        if self.voter.currentIndex() < 0:
            return None
        return UUID(self.voter.currentData())

    def voter_record(self) -> Participant | None:
        review = self.context.review
        voter = self.voter_id()
        if review is None or voter is None:
            return None
        return next((p for p in review.participants if p.id == voter), None)

    def set_voter(self, participant_id: UUID) -> None:
        self.voter.setCurrentIndex(self.voter.findData(str(participant_id)))

    def selected_id(self) -> UUID | None:
        for column in self.columns.values():
            row = column.currentRow()
            if row >= 0 and column.item(row).isSelected():
                return UUID(column.item(row).data(ID_ROLE))
        return None

    def selected_card(self) -> Observation | None:
        """Return the stored (unredacted) card that is selected, if any."""
        review = self.context.review
        card_id = self.selected_id()
        if review is None or card_id is None:
            return None
        return find_card(review, card_id)

    def select_card(self, card_id: UUID) -> None:
        for column in self.columns.values():
            for row in range(column.count()):
                if column.item(row).data(ID_ROLE) == str(card_id):
                    column.setCurrentRow(row)
                    column.setFocus()
                    return

    def _selection_changed(self) -> None:
        sender = self.sender()
        if isinstance(sender, QListWidget) and sender.selectedItems():
            for column in self.columns.values():
                if column is not sender:
                    column.clearSelection()
        self.card_chosen.emit(self.selected_card())

    def _card_menu(self, position) -> None:  # noqa: ANN001
        column = self.sender()
        if not isinstance(column, QListWidget) or self.selected_card() is None:
            return
        menu = QMenu(self)
        menu.addAction("Add dot", self.add_dot)
        menu.addAction("Remove dot", self.remove_dot)
        menu.addAction("Group…", self.group_card)
        menu.addMenu(self.turn_menu)
        menu.addAction("Toggle sensitive", self.toggle_sensitive)
        menu.exec(column.viewport().mapToGlobal(position))

    def _need_card_and_voter(self) -> tuple[Observation, UUID] | None:
        card = self.selected_card()
        voter = self.voter_id()
        if card is None:
            show_status(self, "Select a card first")
            return None
        if voter is None:
            show_status(self, "Add participants to vote")
            return None
        return card, voter

    def add_dot(self) -> None:
        chosen = self._need_card_and_voter()
        review = self.context.review
        if chosen is None or review is None:
            return
        card, voter = chosen
        errors.attempt(
            self,
            "Dot not added",
            lambda: meeting.cast_vote(
                self.context, review, card.id, voter, self.budget
            ),
        )

    def remove_dot(self) -> None:
        chosen = self._need_card_and_voter()
        review = self.context.review
        if chosen is None or review is None:
            return
        card, voter = chosen
        removed = errors.attempt(
            self,
            "Dot not removed",
            lambda: meeting.remove_vote(self.context, review, card.id, voter),
        )
        if removed is False:
            show_status(self, "This voter has no dot on the card")

    def group_card(self) -> None:
        card = self.selected_card()
        if card is None:
            show_status(self, "Select a card first")
            return
        label, accepted = self.ask_text(
            self, "Group card", "Group name (empty to ungroup):", card.group_label
        )
        if not accepted or label.strip() == card.group_label:
            return
        after = card.with_changes(group_label=label)
        errors.attempt(
            self,
            "Card not grouped",
            lambda: self.context.update_record(card, after, "Group card"),
        )

    def turn_card(self, target: CardTarget) -> None:
        """Make a lesson, factor or action from the selected card, as one step."""
        card = self.selected_card()
        review = self.context.review
        if card is None or review is None:
            show_status(self, "Select a card first")
            return
        owner = self.voter_record()

        def convert() -> object:
            with undo_macro(self.context, f"Turn card into {target.value}"):
                return meeting.convert_card(self.context, review, card, target, owner)

        if errors.attempt(self, f"Card not turned into {target.value}", convert):
            show_status(self, f"Added {target.value} from the card — Ctrl+Z to undo")

    def toggle_sensitive(self) -> None:
        card = self.selected_card()
        if card is None:
            return
        after = card.with_changes(sensitive=not card.sensitive)
        text = "Mark card sensitive" if after.sensitive else "Unmark card sensitive"
        errors.attempt(
            self, text, lambda: self.context.update_record(card, after, text)
        )
