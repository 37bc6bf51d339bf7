"""The CSV column mapping step of a timeline import, with save and load as JSON."""

import csv
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...importers.csv_events import DELIMITERS, ColumnMapping
from .. import errors

HEADER_BYTES = 65536  # enough of the file to hold its header line
# Mapping field, form label, and whether the column is required.
FIELDS = (
    ("time", "&Time", True),
    ("zone", "&Zone", False),
    ("description", "&Description", True),
    ("kind", "&Kind", False),
    ("actor", "&Actor", False),
    ("source_key", "&Key (stable row id)", False),
)


def read_header(path: Path) -> tuple[list[str], str]:
    """Return the CSV file's column names and the delimiter they are split on."""
    with Path(path).open("rb") as handle:
        head = handle.read(HEADER_BYTES)
    text = head.decode("utf-8-sig", errors="replace").lstrip("\r\n")
    first = text.split("\n", 1)[0].rstrip("\r")
    try:
        delimiter = csv.Sniffer().sniff(first, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    names = next(csv.reader([first], delimiter=delimiter), [])
    return [name.strip() for name in names], delimiter


class ColumnMappingDialog(QDialog):
    """Choose the CSV column of each event field; `mapping` is set on OK."""

    def __init__(
        self,
        headers: list[str],
        mapping: ColumnMapping | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("CSV columns")
        self.headers = headers
        self.mapping: ColumnMapping | None = None
        self.combos: dict[str, QComboBox] = {}
        self._build()
        if mapping is not None:
            self.show_mapping(mapping)
        else:
            self._guess()

    def _build(self) -> None:
        form = QFormLayout()
        for name, text, required in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"{name}Column")
            if not required:
                combo.addItem("(none)", "")
            for header in self.headers:
                combo.addItem(header, header)
            self.combos[name] = combo
            form.addRow(text, combo)
        save = QPushButton("&Save mapping…")
        save.clicked.connect(self._save)
        load = QPushButton("&Load mapping…")
        load.clicked.connect(self._load)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(load, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Columns found: {', '.join(self.headers)}"))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _guess(self) -> None:
        """Preselect columns whose header names the field."""
        for name, _text, _required in FIELDS:
            words = {"source_key": ("key", "ref", "id")}.get(name, (name,))
            for header in self.headers:
                if any(word in header.casefold() for word in words):
                    self._select(name, header)
                    break

    def _select(self, name: str, header: str) -> None:
        combo = self.combos[name]
        index = combo.findData(header)
        if index < 0:
            raise ValueError(
                f"column {header!r} for {name} not found in this file: "
                f"the columns are {', '.join(self.headers)}"
            )
        combo.setCurrentIndex(index)

    def show_mapping(self, mapping: ColumnMapping) -> None:
        """Select the mapping's columns; raise ValueError for a column not present."""
        for name, _text, _required in FIELDS:
            value = getattr(mapping, name)
            if value:
                self._select(name, value)
            elif name in self.combos and self.combos[name].findData("") >= 0:
                self.combos[name].setCurrentIndex(0)

    def build(self) -> ColumnMapping:
        values = {name: combo.currentData() for name, combo in self.combos.items()}
        return ColumnMapping.model_validate(values)

    # File choosers, replaced in tests

    def choose_save_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save column mapping", "mapping.json", "JSON files (*.json)"
        )
        return Path(path) if path else None

    def choose_open_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Load column mapping", "", "JSON files (*.json)"
        )
        return Path(path) if path else None

    def _save(self) -> None:
        path = self.choose_save_path()
        if path is not None:
            errors.attempt(self, "Mapping not saved", lambda: self.build().save(path))

    def _load(self) -> None:
        path = self.choose_open_path()
        if path is not None:
            errors.attempt(
                self,
                "Mapping not loaded",
                lambda: self.show_mapping(ColumnMapping.load(path)),
            )

    def accept(self) -> None:
        mapping = errors.attempt(self, "Invalid column mapping", self.build)
        if mapping is None:
            return
        self.mapping = mapping
        super().accept()
