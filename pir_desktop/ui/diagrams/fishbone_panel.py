"""The Fishbone page of the Root cause tab: choose, create and edit fishbones.

A review without a stored fishbone shows the one derived from its factors
under the security categories, read-only, with a command that saves it as
an analysis. A stored fishbone is edited on the diagram (see
`fishbone_edits`) and through the buttons here. Every change is one undo
step. A record change stores the whole FishboneRecord through
`FishboneEdits.update`, which drops links to deleted factors. Changes that
also touch factors are grouped into one undo macro.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QVBoxLayout, QWidget

from ...domain.diagrams import Diagram
from ...domain.diagrams.presets import (
    DERIVED_PRESET,
    category_counts,
    default_presets,
    review_fishbone,
)
from ...domain.fishbone_record import FishboneRecord, category_key
from ...domain.review import Review
from ..context import ReviewContext
from ..dialogs.fishbone import (
    CategoryDialog,
    DeleteChoice,
    FishboneDialog,
    ask_delete_factor,
)
from .fishbone_edits import CATEGORY_PREFIX, HEAD_ID, FishboneEdits
from .fonts import measure
from .record_page import RecordPage

EDIT_HINT = (
    "Select a box: on a category, Enter or Tab adds a cause; on a cause, Enter "
    "adds a cause beside it and Tab a sub-cause. F2 renames, Delete removes, "
    "Space or a double-click collapses or expands a category. Drag a cause onto "
    "a category to move it there, or onto another cause to make it a sub-cause. "
    "Dashed: hypothesis; struck through: refuted."
)
DERIVED_HINT = (
    "Derived from the factors under the security categories and not saved. "
    "Save it as an analysis, or start a new fishbone, to edit it on the diagram. "
    "Space or a double-click collapses or expands a category."
)
DERIVED_ENTRY = "Derived from the factors (not saved)"
# (parent, title, label, initial text) -> the text entered, or None on cancel.
TextPrompt = Callable[[QWidget, str, str, str], str | None]


def ask_text(parent: QWidget, title: str, label: str, initial: str) -> str | None:
    text, accepted = QInputDialog.getText(parent, title, label, text=initial)
    return text if accepted else None


class FishbonePanel(RecordPage[FishboneRecord]):
    """Page with a chooser of a review's fishbones, commands and the diagram.

    The title prompt, the dialog runner and the delete question are
    attributes, so a test can answer them without a dialog. Text on the
    diagram is typed in place (see `FishboneEdits`).
    """

    EMPTY_ENTRY = DERIVED_ENTRY

    def __init__(self, context: ReviewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.derived_collapsed: set[str] = set()
        self.ask_text: TextPrompt = ask_text
        self.ask_delete_factor: Callable[[QWidget, str], DeleteChoice] = (
            ask_delete_factor
        )
        self._build()
        self.edits = FishboneEdits(self)
        self._lay_out()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        buttons = [
            ("New fishbone…", "A new fishbone with the categories of a preset"),
            ("Save as analysis", "Store the derived fishbone so it can be edited"),
            ("Rename…", "Change the title of the chosen fishbone"),
            ("Edit problem", "Type the head's text; empty uses the review's"),
            ("Edit categories…", "Add, rename, remove and reorder categories"),
            ("Delete fishbone", "Delete the chosen fishbone; its factors stay"),
        ]
        self._build_common("Fishbone", buttons)
        self.collapse_action = QAction("Collapse or expand category", self.view)
        self.collapse_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.collapse_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.view.addAction(self.collapse_action)

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.chooser, 1)
        for button in self.buttons.values():
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)

    def _connect(self) -> None:
        actions = {
            "New fishbone…": self.new_fishbone,
            "Save as analysis": self.save_derived,
            "Rename…": self.rename_fishbone,
            "Edit problem": self.edit_problem,
            "Edit categories…": self.edit_categories,
            "Delete fishbone": self.delete_fishbone,
        }
        for text, slot in actions.items():
            self.buttons[text].clicked.connect(slot)
        self.chooser.activated.connect(self._choose)
        self.collapse_action.triggered.connect(self.toggle_selected)
        self.view.box_activated.connect(self._activated)
        self.view.add_sibling_requested.connect(self.edits.add_sibling)
        self.view.add_child_requested.connect(self.edits.add_child)
        self.view.rename_requested.connect(self.edits.rename)
        self.view.delete_requested.connect(self.edits.delete)
        self.view.move_requested.connect(self.edits.move)
        self.context.review_changed.connect(self.refresh)

    # Showing

    def review_records(self, review: Review) -> list[FishboneRecord]:
        return review.fishbones

    def enable_commands(self, has_review: bool, has_records: bool) -> None:
        self.buttons["New fishbone…"].setEnabled(has_review)
        self.buttons["Save as analysis"].setEnabled(has_review and not has_records)
        for text in ("Rename…", "Edit problem", "Edit categories…", "Delete fishbone"):
            self.buttons[text].setEnabled(has_records)
        self.chooser.setEnabled(has_records)
        self.view.set_editable(has_records)
        self.hint.setText(EDIT_HINT if has_records else DERIVED_HINT)

    def show_record(self) -> None:
        review = self.context.review
        if review is None:
            self.view.show_diagram(Diagram(width=0.0, height=0.0))
            return
        record = self.current()
        if record is None:
            diagram = review_fishbone(review, None, measure, self.derived_collapsed)
        else:
            review, record = self.edits.drawn(review, record)
            diagram = review_fishbone(review, record, measure)
        self.view.show_diagram(diagram)
        if self.edits.editor is not None:
            self.edits.editor.place()

    def chosen_changed(self) -> None:
        """Discard an open inline edit and show the fishbone just chosen."""
        self.status.clear()
        self.edits.close_editor()
        self.show_record()

    # Collapsing

    def _activated(self, box_id: str, record_id: str) -> None:
        if box_id.startswith(CATEGORY_PREFIX):
            self.toggle_category(box_id)
        elif record_id and self.current() is not None:
            self.edits.rename(box_id, record_id)

    def toggle_selected(self) -> None:
        """Collapse or expand the selected category, or the selected cause's rib."""
        selected = self.view.selected_box()
        if selected is None:
            self.tell("Select a category to collapse or expand it.")
            return
        box_id = self.edits.rib_box(selected[0])
        if box_id is not None:
            self.toggle_category(box_id)

    def toggle_category(self, box_id: str) -> None:
        """Collapse or expand a rib, storing the state if the fishbone is stored."""
        name = box_id.removeprefix(CATEGORY_PREFIX)
        record = self.current()
        if record is None:
            keys = {category_key(n): n for n in self.derived_collapsed}
            self.derived_collapsed ^= {keys.get(category_key(name), name)}
            self.show_record()
        else:
            verb = "Expand" if record.is_collapsed(name) else "Collapse"
            title = f"{verb} category “{name}”"
            after = record.with_collapse_toggled(name)
            self.attempt(title, lambda: self.edits.update(record, after, title))
        self.view.select_box(box_id)

    # Whole fishbones

    def new_fishbone(self) -> None:
        """Create a fishbone with the categories of the preset chosen in a dialog."""
        review = self.context.review
        if review is None:
            return
        presets = default_presets().presets
        initial = {"title": self._next_title(), "preset": DERIVED_PRESET}
        dialog = FishboneDialog("New fishbone", initial, presets, self)
        if not self.run_dialog(dialog):
            return
        values = dialog.values()

        def build() -> FishboneRecord:
            preset = default_presets().preset(values["preset"])
            return FishboneRecord(
                title=values["title"],
                problem=values["problem"],
                preset=preset.id,
                categories=preset.categories,
            )

        record = self.attempt("New fishbone", build)
        if record is not None:
            self.attempt("New fishbone", lambda: self._add(record, "New fishbone"))

    def save_derived(self) -> None:
        """Store the derived fishbone, with its collapsed categories, as an analysis."""
        if self.context.review is None or self.records():
            return
        record = FishboneRecord(
            title=self._next_title(),
            preset=DERIVED_PRESET,
            categories=default_presets().preset(DERIVED_PRESET).categories,
            collapsed=sorted(self.derived_collapsed),
        )
        title = "Save fishbone as analysis"
        self.attempt(title, lambda: self._add(record, title))

    def _next_title(self) -> str:
        return f"Fishbone {len(self.records()) + 1}"

    def rename_fishbone(self) -> None:
        record = self.current()
        if record is None:
            return
        text = self.ask_text(self, "Rename fishbone", "Title:", record.title)
        if text is None or text.strip() == record.title:
            return
        title = f"Rename fishbone “{record.title}”"
        self.attempt(
            title,
            lambda: self.edits.update(record, record.with_changes(title=text), title),
        )

    def edit_problem(self) -> None:
        """Open an inline editor over the head. Empty text uses the review's problem."""
        if self.current() is not None:
            self.edits.rename(HEAD_ID, "")

    def edit_categories(self) -> None:
        """Edit the category list in a dialog and store it and the renamed factors."""
        record, review = self.current(), self.context.review
        if record is None or review is None:
            return
        dialog = CategoryDialog(
            record.categories,
            category_counts(review.factors),
            lambda names: record.with_changes(categories=names),
            self,
        )
        if self.run_dialog(dialog):
            self.edits.change_categories(record, dialog.categories(), dialog.renames())

    def delete_fishbone(self) -> None:
        self.delete_chosen("fishbone")
