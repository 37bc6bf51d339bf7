"""The preview of a timeline import: new, updated, unchanged and rejected rows.

New and updated rows have check boxes; Apply stores only the checked ones.
"""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import TimelineEvent
from ...domain.times import format_moment
from ...importers.result import rejected
from ...services.timeline_import import ImportPreview

ROW_ROLE = Qt.ItemDataRole.UserRole
HEADERS = ("Row", "Time", "Description or value", "Details")
EDITED_NOTE = "Edited in the review since its import"
DELETED_NOTE = "Deleted in the review after an earlier import"
DELETED_TIP = (
    "A reviewer deleted the event that this row imported. Check the row to "
    "import it again."
)
EDITED_TIP = (
    "This event was changed in the review after it was imported. Check the row "
    "to replace those changes with the file's values."
)


def _value_text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(getattr(value, "value", value))


class ImportPreviewDialog(QDialog):
    """List what an import would change; `accepted_rows()` returns the checked rows."""

    def __init__(
        self, preview: ImportPreview, zone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import preview")
        self.preview = preview
        self.zone = zone
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Import preview")
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self._fill()
        self._layout()

    def _layout(self) -> None:
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The second column shows a time, or an error's file and line.
        for column, width in enumerate((90, 280, 330)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        summary = QLabel(summary_text(self.preview))
        summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText("&Apply checked rows")
        self.apply_button.clicked.connect(self.accept)
        role = QDialogButtonBox.ButtonRole.ActionRole
        check_all = self.buttons.addButton("Check &all", role)
        check_all.clicked.connect(lambda: self.set_all_checked(True))
        uncheck_all = self.buttons.addButton("&Uncheck all", role)
        uncheck_all.clicked.connect(lambda: self.set_all_checked(False))
        self.buttons.rejected.connect(self.reject)
        self.tree.itemChanged.connect(lambda _item, _column: self._update_apply())
        self._update_apply()
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(1060, 560)

    def _group(self, title: str, count: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [f"{title} ({count})"])
        group.setFirstColumnSpanned(True)
        group.setExpanded(count > 0)
        return group

    def _event_item(
        self, parent: QTreeWidgetItem, row: int, event: TimelineEvent, checkable: bool
    ) -> QTreeWidgetItem:
        time = format_moment(event.occurred_at, self.zone, event.precision, event.zone)
        item = QTreeWidgetItem(parent, [str(row), time, event.description])
        item.setToolTip(2, event.description)
        if checkable:
            item.setData(0, ROW_ROLE, row)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
        return item

    def _fill(self) -> None:
        preview = self.preview
        self.tree.setUpdatesEnabled(False)
        self.new_group = self._group("New", len(preview.new))
        for row, event in preview.new:
            self._event_item(self.new_group, row, event, True)
        self.deleted_group = self._group("Deleted in the review", len(preview.deleted))
        for row, event in preview.deleted:
            item = self._event_item(self.deleted_group, row, event, True)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setText(3, DELETED_NOTE)
            item.setToolTip(3, DELETED_TIP)
        self.updated_group = self._group("Updated", len(preview.updated))
        for update in preview.updated:
            item = self._event_item(
                self.updated_group, update.row, update.imported, True
            )
            item.setText(3, ", ".join(update.differences))
            if update.edited:
                # The reviewer's edits win unless the user checks the row.
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setText(3, f"{EDITED_NOTE}: {item.text(3)}")
                item.setToolTip(3, EDITED_TIP)
            for name, (old, new) in update.differences.items():
                change = f"{_value_text(old)} → {_value_text(new)}"
                QTreeWidgetItem(item, ["", name, change]).setToolTip(2, change)
        self.unchanged_group = self._group("Unchanged", len(preview.unchanged))
        self.unchanged_group.setExpanded(False)
        for row, event in preview.unchanged:
            self._event_item(self.unchanged_group, row, event, False)
        self.error_group = self._group("Errors and warnings", len(preview.errors))
        for error in preview.errors:
            # The row number goes in the narrow first column and the file and
            # line in the wider second one.
            row = str(error.line) if error.line else ""
            where = error.location
            item = QTreeWidgetItem(
                self.error_group, [row, where, error.text, error.message]
            )
            item.setToolTip(1, where)
            item.setToolTip(3, error.message)
            if error.warning:
                item.setText(3, f"Warning: {error.message}")
        self.tree.setUpdatesEnabled(True)

    def _checkable_items(self) -> list[QTreeWidgetItem]:
        items = []
        for group in (self.new_group, self.deleted_group, self.updated_group):
            items.extend(group.child(i) for i in range(group.childCount()))
        return items

    def set_checked(self, row: int, checked: bool) -> None:
        """Check or uncheck the new or updated event from a source row."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item in self._checkable_items():
            if item.data(0, ROW_ROLE) == row:
                item.setCheckState(0, state)

    def set_all_checked(self, checked: bool) -> None:
        """Check or uncheck every checkable row, then update the Apply button once."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        # Each itemChanged would count every checked row again.
        self.tree.blockSignals(True)
        try:
            for item in self._checkable_items():
                item.setCheckState(0, state)
        finally:
            self.tree.blockSignals(False)
        self._update_apply()

    def accepted_rows(self) -> set[int]:
        """Return the source rows whose check box is checked."""
        return {
            item.data(0, ROW_ROLE)
            for item in self._checkable_items()
            if item.checkState(0) == Qt.CheckState.Checked
        }

    def _update_apply(self) -> None:
        self.apply_button.setEnabled(bool(self.accepted_rows()))


def summary_text(preview: ImportPreview) -> str:
    """Return the preview's counts and what is left unchecked, in sentences."""
    failed = len(rejected(preview.errors))
    warnings = len(preview.errors) - failed
    counts = (
        f"{preview.source}: {len(preview.new)} new, {len(preview.updated)} "
        f"updated, {len(preview.unchanged)} unchanged, {failed} rejected"
    )
    if warnings:
        counts += f", {_count(warnings, 'warning')}"
    sentences = [f"{counts}."]
    unchecked = []
    if preview.edited():
        updated = _count(len(preview.edited()), "updated event")
        unchecked.append(f"{updated} edited in the review since the last import")
    if preview.deleted:
        unchecked.append(f"{_count(len(preview.deleted), 'row')} of deleted events")
    if unchecked:
        listed = " and ".join(unchecked)
        sentences.append(
            f"Left unchecked, so the review's changes stay: {listed}. "
            "Check a row to take the file's version."
        )
    sentences.append(
        "Undo (Ctrl+Z) removes the imported events and restores the events it updated."
    )
    return " ".join(sentences)


def _count(number: int, noun: str) -> str:
    """Return "1 warning" or "2 warnings": the noun in the singular or plural."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
