"""The first step of a timeline import: the format, the file or the pasted text."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.timeline_import import ImportFormat
from .. import errors
from ..datetimes import fill_zone_combo

FORMAT_LABELS = {
    ImportFormat.CSV: "CSV file",
    ImportFormat.JSON: "JSON events",
    ImportFormat.SLACK: "Slack export (zip or folder)",
    ImportFormat.PAGERDUTY: "PagerDuty log entries (JSON)",
    ImportFormat.TEXT: "Pasted lines",
}
FILE_FILTERS = {
    ImportFormat.CSV: "CSV files (*.csv *.txt);;All files (*)",
    ImportFormat.JSON: "JSON files (*.json);;All files (*)",
    ImportFormat.SLACK: "Slack export (*.zip);;All files (*)",
    ImportFormat.PAGERDUTY: "JSON files (*.json);;All files (*)",
}
PASTE_HINT = (
    "One event per line: a time, then the description, such as\n"
    "2024-05-02 09:14 Europe/Berlin EDR alert on the mail server"
)


@dataclass(frozen=True)
class ImportRequest:
    """A request to import a file, a folder or pasted text, with the default zone."""

    format: ImportFormat
    path: Path | None
    text: str
    zone: str

    @property
    def source_name(self) -> str:
        return "pasted text" if self.path is None else str(self.path)


class ImportSourceDialog(QDialog):
    """Ask for the format and the file, folder or text to import."""

    def __init__(self, zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import timeline")
        self.request: ImportRequest | None = None
        self._build(zone)
        self._layout()
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _build(self, zone: str) -> None:
        self.format = QComboBox()
        for value, text in FORMAT_LABELS.items():
            self.format.addItem(text, value.value)
        self.path = QLineEdit()
        self.path.setPlaceholderText("File to import")
        self.browse = QPushButton("&Browse…")
        self.browse.clicked.connect(self._browse_file)
        self.folder = QPushButton("F&older…")
        self.folder.setToolTip("Choose an unpacked Slack export folder")
        self.folder.clicked.connect(self._browse_folder)
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText(PASTE_HINT)
        self.paste.setTabChangesFocus(True)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        fill_zone_combo(self.zone, zone)
        self.zone.setToolTip("Zone of times that state no zone or offset")
        self.undo_note = QLabel(
            "You see a preview before anything is stored. Undo (Ctrl+Z) removes "
            "the imported events and restores the events it updated."
        )
        self.undo_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Next…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _layout(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        file_row.addWidget(self.folder)
        form = QFormLayout()
        form.addRow("&Format", self.format)
        # A label of a layout row has no buddy, so it would show "&File".
        file_label = QLabel("&File")
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        form.addRow("&Pasted lines", self.paste)
        form.addRow("Default &zone", self.zone)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.undo_note)
        layout.addWidget(self.buttons)
        self.resize(620, 380)

    def chosen_format(self) -> ImportFormat:
        return ImportFormat(self.format.currentData())

    def set_format(self, value: ImportFormat) -> None:
        self.format.setCurrentIndex(self.format.findData(value.value))

    def _format_changed(self) -> None:
        pasted = self.chosen_format() is ImportFormat.TEXT
        self.path.setEnabled(not pasted)
        self.browse.setEnabled(not pasted)
        self.folder.setEnabled(self.chosen_format() is ImportFormat.SLACK)
        self.paste.setEnabled(pasted)

    def _browse_file(self) -> None:
        name_filter = FILE_FILTERS.get(self.chosen_format(), "All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, "Import timeline", "", name_filter)
        if path:
            self.path.setText(path)

    def _browse_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Slack export folder")
        if path:
            self.path.setText(path)

    def build(self) -> ImportRequest:
        """Return the request; raise ValueError when the file or text is missing."""
        chosen = self.chosen_format()
        zone = self.zone.currentText().strip()
        if chosen is ImportFormat.TEXT:
            text = self.paste.toPlainText()
            if not text.strip():
                raise ValueError("pasted lines are missing: paste one event per line")
            return ImportRequest(chosen, None, text, zone)
        path = Path(self.path.text().strip())
        if not self.path.text().strip() or not path.exists():
            raise ValueError(
                f"file {self.path.text().strip()!r} not found: choose it with Browse"
            )
        return ImportRequest(chosen, path, "", zone)

    def accept(self) -> None:
        request = errors.attempt(self, "Import not started", self.build)
        if request is None:
            return
        self.request = request
        super().accept()
