"""Dialogs of the Fishbone page: title and preset, categories, deleting a cause."""

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.diagrams.presets import FishbonePreset
from ...domain.fishbone_record import category_key
from .. import errors
from .choices import shorten

PROBLEM_PLACEHOLDER = "Empty: the review's problem statement"
NEW_CATEGORY = "New category"
# Item data role that stores a category's name from before the dialog opened.
ORIGINAL_ROLE = Qt.ItemDataRole.UserRole


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class FishboneDialog(QDialog):
    """Dialog for the title, the starting preset (new fishbones only) and head text."""

    def __init__(
        self,
        title: str,
        initial: Mapping[str, str],
        presets: list[FishbonePreset],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.title = QLineEdit(initial.get("title", ""), self)
        self.preset = QComboBox(self)
        for preset in presets:
            self.preset.addItem(preset.name, preset.id)
            self.preset.setItemData(
                self.preset.count() - 1,
                ", ".join(preset.categories),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.preset.setCurrentIndex(
            max(0, self.preset.findData(initial.get("preset", "")))
        )
        self.problem = QPlainTextEdit(initial.get("problem", ""), self)
        self.problem.setPlaceholderText(PROBLEM_PLACEHOLDER)

        form = QFormLayout()
        rows: list[tuple[str, QWidget]] = [("Title:", self.title)]
        if presets:
            rows.append(("Categories from:", self.preset))
        else:
            self.preset.hide()
        rows.append(("Problem (head):", self.problem))
        for text, widget in rows:
            widget.setAccessibleName(text.rstrip(":"))
            form.addRow(text, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "preset": self.preset.currentData() or "",
            "problem": self.problem.toPlainText(),
        }


class CategoryDialog(QDialog):
    """Dialog that adds, renames, removes and reorders a fishbone's categories.

    Double-click or F2 renames an item in place. On OK, `check` validates the
    list, and the dialog closes only if it returns a value other than None.
    When it raises a user error, the dialog shows it and stays open.
    """

    def __init__(
        self,
        categories: list[str],
        counts: Mapping[str, int],
        check: Callable[[list[str]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit categories")
        self.check = check
        self.counts = counts
        self._build(categories)
        self._lay_out()
        self._connect()

    def _build(self, categories: list[str]) -> None:
        self.list = QListWidget(self)
        self.list.setAccessibleName("Categories")
        for name in categories:
            self._append(name, name)
        self.list.setCurrentRow(0)
        self.buttons: dict[str, QPushButton] = {}
        for text in ("Add", "Rename", "Remove", "Move up", "Move down"):
            button = QPushButton(text, self)
            button.setAccessibleName(text)
            self.buttons[text] = button
        self.note = QLabel(
            "Renaming a category renames it on its factors too. A removed "
            "category that factors still use stays on the diagram until they "
            "move.",
            self,
        )
        self.note.setWordWrap(True)

    def _lay_out(self) -> None:
        side = QVBoxLayout()
        for button in self.buttons.values():
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(_buttons(self))

    def _connect(self) -> None:
        self.buttons["Add"].clicked.connect(self.add)
        self.buttons["Rename"].clicked.connect(self.rename)
        self.buttons["Remove"].clicked.connect(self.remove)
        self.buttons["Move up"].clicked.connect(lambda: self.move(-1))
        self.buttons["Move down"].clicked.connect(lambda: self.move(1))

    def _append(self, name: str, original: str | None) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(ORIGINAL_ROLE, original)
        count = self.counts.get(category_key(name), 0) if original else 0
        if count:
            item.setToolTip(f"{count} factor{'' if count == 1 else 's'}")
        self.list.addItem(item)
        return item

    def add(self) -> None:
        """Add a category after the current one and start typing its name."""
        item = self._append(NEW_CATEGORY, None)
        row = self.list.currentRow() + 1 if self.list.currentItem() else 0
        self.list.takeItem(self.list.row(item))
        self.list.insertItem(row, item)
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def move(self, step: int) -> None:
        """Move the current category up (-1) or down (+1) one place."""
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def categories(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def renames(self) -> dict[str, str]:
        """Map the old name to the new one for every kept category that was renamed."""
        changed: dict[str, str] = {}
        for row in range(self.list.count()):
            item = self.list.item(row)
            original = item.data(ORIGINAL_ROLE)
            if original and item.text().strip() != original:
                changed[original] = item.text().strip()
        return changed

    def accept(self) -> None:
        categories = self.categories()
        checked = errors.attempt(
            self, "Edit categories: invalid value", lambda: self.check(categories)
        )
        if checked is not None:
            super().accept()


class DeleteChoice(Enum):
    """User's choice when deleting a cause: delete its factor, keep it, or cancel."""

    FACTOR = "factor"
    LINKS_ONLY = "links"
    CANCEL = "cancel"


def ask_delete_factor(parent: QWidget, statement: str) -> DeleteChoice:
    """Ask whether deleting a cause also deletes its factor from the review."""
    box = QMessageBox(QMessageBox.Icon.Question, "Delete cause", "", parent=parent)
    box.setText(
        f"Remove “{shorten(statement, 60)}” from this fishbone's sub-cause links. "
        "Delete the factor from the review as well?"
    )
    box.setInformativeText(
        "Every diagram of the review shows its factors, so the cause stays on "
        "this fishbone unless the factor is deleted."
    )
    delete = box.addButton("Delete the factor", QMessageBox.ButtonRole.YesRole)
    links = box.addButton("Keep the factor", QMessageBox.ButtonRole.NoRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    # Enter keeps the factor, because deleting it changes every view.
    box.setDefaultButton(links)
    box.exec()
    clicked = box.clickedButton()
    if clicked is delete:
        return DeleteChoice.FACTOR
    if clicked is links:
        return DeleteChoice.LINKS_ONLY
    return DeleteChoice.CANCEL
