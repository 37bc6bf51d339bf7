"""Dialogs of the Fault tree page: a node, a tree's details, trees to import."""

import math
from collections.abc import Callable
from typing import Any
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.entities import ContributingFactor
from ...domain.faulttree import FaultTree, NodeKind
from ...domain.faulttree.model import GATE_KINDS
from .. import errors
from .choices import shorten

GATE_CHOICES = [
    (NodeKind.AND, "AND: all inputs"),
    (NodeKind.OR, "OR: any input"),
    (NodeKind.VOTE, "k-of-n vote"),
    (NodeKind.NOT, "NOT: the input does not occur"),
    (NodeKind.XOR, "XOR: exactly one of two inputs"),
    (NodeKind.INHIBIT, "INHIBIT: input and condition"),
]
EVENT_CHOICES = [
    (NodeKind.BASIC, "Basic event"),
    (NodeKind.UNDEVELOPED, "Undeveloped event"),
    (NodeKind.HOUSE, "House event (constant)"),
]
DELETED_FACTOR_NOTE = (
    "The contributing factor this node was linked to has been deleted. Choose "
    "another factor, or (none) to remove the link."
)


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def add_row(self, text: str, widget: QWidget) -> None:
        widget.setAccessibleName(text.rstrip(":"))
        self.form.addRow(text, widget)


class NodeDialog(_Dialog):
    """Dialog for a node's kind, label, k, probability, observation and factor link.

    `gate` selects which kinds and fields are offered. A gate stays a gate and
    an event stays an event, so no edit has to invent or drop inputs.
    `build` makes the changed tree from the field values. OK closes the
    dialog only when it succeeds, and otherwise shows why and keeps what
    was typed.
    """

    def __init__(
        self,
        title: str,
        gate: bool,
        initial: dict[str, Any],
        factors: list[ContributingFactor],
        parent: QWidget | None = None,
        build: Callable[[dict[str, Any]], FaultTree] | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.gate = gate
        self.build = build
        self._built: FaultTree | None = None
        self._build(initial, factors)
        self.kind.currentIndexChanged.connect(self._show_fields)
        self._show_fields()

    def built_tree(self) -> FaultTree:
        """Return the tree that `build` makes from the fields, built once.

        Raises ValueError, naming the field or node, for invalid values.
        """
        if self._built is None:
            if self.build is None:
                raise ValueError(
                    "internal error: NodeDialog was created without build=, "
                    "so it cannot build a tree"
                )
            self._built = self.build(self.values())
        return self._built

    def accept(self) -> None:
        if self.build is not None:
            title = f"{self.windowTitle()}: invalid value"
            if errors.attempt(self, title, self.built_tree) is None:
                return
        super().accept()

    def _build(
        self, initial: dict[str, Any], factors: list[ContributingFactor]
    ) -> None:
        self.kind = QComboBox(self)
        for kind, text in GATE_CHOICES if self.gate else EVENT_CHOICES:
            self.kind.addItem(text, kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(initial.get("kind")))))
        self.label = QLineEdit(initial.get("label", ""), self)
        self.k = QSpinBox(self)
        self.k.setRange(1, 99)
        self.k.setValue(initial.get("k") or 1)
        probability = initial.get("probability")
        self.probability = QLineEdit("" if probability is None else f"{probability}")
        self.probability.setPlaceholderText("empty: unknown")
        self.observed = QCheckBox("Occurred in this incident", self)
        self.state = QCheckBox("True", self)
        self.state.setChecked(bool(initial.get("state")))
        self.observed.setChecked(bool(initial.get("observed")))
        self.factor = QComboBox(self)
        self.factor.addItem("(none)", None)
        for factor in factors:
            self.factor.addItem(shorten(factor.statement, 70), factor.id)
        self.factor_note = QLabel(self)
        self.factor_note.setWordWrap(True)
        linked = initial.get("factor_id")
        if linked is not None and self.factor.findData(linked) < 0:
            # Keeping the link lets an undo of the factor's deletion restore it.
            self.factor.addItem("(deleted factor)", linked)
            self.factor_note.setText(DELETED_FACTOR_NOTE)
        self.factor.setCurrentIndex(max(0, self.factor.findData(linked)))

        self.add_row("Kind:", self.kind)
        self.add_row("Label:", self.label)
        self.add_row("Votes needed (k):", self.k)
        self.add_row("Probability:", self.probability)
        self.add_row("Observed:", self.observed)
        self.add_row("House state:", self.state)
        self.add_row("Contributing factor:", self.factor)
        if self.factor_note.text():
            self.form.addRow("", self.factor_note)

    def _show_fields(self) -> None:
        kind = self.selected_kind()
        visible = {
            self.k: kind is NodeKind.VOTE,
            self.probability: kind in (NodeKind.BASIC, NodeKind.UNDEVELOPED),
            self.observed: kind in (NodeKind.BASIC, NodeKind.UNDEVELOPED),
            self.state: kind is NodeKind.HOUSE,
        }
        for widget, is_visible in visible.items():
            self.form.setRowVisible(widget, is_visible)

    def selected_kind(self) -> NodeKind:
        return NodeKind(self.kind.currentData())

    def values(self) -> dict[str, Any]:
        """Return the node fields. Raise ValueError for a non-numeric probability."""
        kind = self.selected_kind()
        factor_id: UUID | None = self.factor.currentData()
        values: dict[str, Any] = {
            "kind": kind,
            "label": self.label.text(),
            "factor_id": factor_id,
        }
        if kind in GATE_KINDS:
            values["k"] = self.k.value() if kind is NodeKind.VOTE else None
            return values
        if kind is NodeKind.HOUSE:
            values.update(
                state=self.state.isChecked(), probability=None, observed=False
            )
            return values
        values.update(
            probability=parse_probability(self.probability.text()),
            observed=self.observed.isChecked(),
            state=False,
        )
        return values


def parse_probability(text: str) -> float | None:
    """Return the probability in a field, or None when it is empty.

    Raises ValueError, with the fix, for text that is not a number from 0 to 1.
    """
    text = text.strip()
    if not text:
        return None
    fix = "enter a number from 0 to 1, such as 0.05, or leave it empty"
    try:
        value = float(text)
    except ValueError:
        if "," in text:
            fix = "write the decimals after a point, such as 0.05"
        raise ValueError(f"probability {text!r} is not a number: {fix}") from None
    if not math.isfinite(value):
        raise ValueError(f"probability {text!r} is not a finite number: {fix}")
    if not 0 <= value <= 1:
        raise ValueError(f"probability {text!r} is outside 0 to 1: {fix}")
    return value


class TreeDialog(_Dialog):
    """The title, top-event label and notes of a stored fault tree."""

    def __init__(
        self, title: str, initial: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.title = QLineEdit(initial.get("title", ""), self)
        self.top_label = QLineEdit(initial.get("top_label", ""), self)
        self.notes = QPlainTextEdit(initial.get("notes", ""), self)
        self.add_row("Title:", self.title)
        self.add_row("Top event:", self.top_label)
        self.add_row("Notes:", self.notes)

    def values(self) -> dict[str, str]:
        return {
            "title": self.title.text(),
            "top_label": self.top_label.text(),
            "notes": self.notes.toPlainText(),
        }


class TreeChoiceDialog(QDialog):
    """Dialog that lists the fault trees in an MEF file to choose which to import.

    The first tree is selected at the start, and OK needs at least one selected.
    """

    def __init__(
        self, file_name: str, trees: list[tuple[str, str]], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import MEF")
        prompt = QLabel(
            f"{file_name} defines {len(trees)} fault trees. Choose the ones to "
            "import. Each becomes a fault tree of its own.",
            self,
        )
        prompt.setWordWrap(True)
        self.trees = QListWidget(self)
        self.trees.setAccessibleName("Fault trees in the file")
        self.trees.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for name, label in trees:
            item = QListWidgetItem(f"{label} ({name})" if label else name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.trees.addItem(item)
        self.trees.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.trees.itemSelectionChanged.connect(self._enable_ok)
        self.trees.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.trees)
        layout.addWidget(self.buttons)

    def chosen(self) -> list[str]:
        """Return the names of the chosen trees, in the file's order."""
        return [
            self.trees.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.trees.count())
            if self.trees.item(row).isSelected()
        ]

    def _enable_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.trees.selectedItems()))
