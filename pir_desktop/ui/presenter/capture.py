"""The capture bar: type one line and add it as an event, card, why, factor,
action or parking-lot topic.

A prefix such as "i: " or "action: " chooses the kind for one line; without
one, the kind chosen in the combo box applies.
"""

from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget


class CaptureKind(StrEnum):
    WENT_WELL = "Went well"
    TO_IMPROVE = "To improve"
    LUCKY = "Where we got lucky"
    EVENT = "Timeline event"
    WHY = "Why (answer)"
    FACTOR = "Contributing factor"
    ACTION = "Action item"
    PARKING = "Parking lot"


PREFIXES = {
    "w": CaptureKind.WENT_WELL,
    "well": CaptureKind.WENT_WELL,
    "i": CaptureKind.TO_IMPROVE,
    "improve": CaptureKind.TO_IMPROVE,
    "l": CaptureKind.LUCKY,
    "lucky": CaptureKind.LUCKY,
    "e": CaptureKind.EVENT,
    "event": CaptureKind.EVENT,
    "y": CaptureKind.WHY,
    "why": CaptureKind.WHY,
    "f": CaptureKind.FACTOR,
    "factor": CaptureKind.FACTOR,
    "a": CaptureKind.ACTION,
    "action": CaptureKind.ACTION,
    "p": CaptureKind.PARKING,
    "park": CaptureKind.PARKING,
}
HINT = (
    "w: went well · i: improve · l: lucky · e: event · y: why · f: factor · "
    "a: action · p: park"
)


def parse_capture(line: str, default: CaptureKind) -> tuple[CaptureKind, str]:
    """Split a typed line into its kind and text; an unknown prefix is text."""
    head, colon, rest = line.partition(":")
    kind = PREFIXES.get(head.strip().lower()) if colon else None
    if kind is None:
        return default, line.strip()
    return kind, rest.strip()


class CaptureBar(QWidget):
    """A kind combo and a line edit; Return emits `captured`, Esc hides the bar."""

    captured = Signal(object, str)  # CaptureKind, text
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("captureKind")
        for kind in CaptureKind:
            self.kind.addItem(kind.value, kind)
        self.line = QLineEdit()
        self.line.setObjectName("captureLine")
        self.line.setPlaceholderText(HINT)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Add:"))
        layout.addWidget(self.kind)
        layout.addWidget(self.line, 1)
        self.line.returnPressed.connect(self._submit)

    def open(self, kind: CaptureKind | None = None) -> None:
        """Show the bar with the cursor in the line, optionally preset to a kind."""
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.show()
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_bar(self) -> None:
        self.line.clear()
        self.hide()
        self.closed.emit()

    def _submit(self) -> None:
        kind, text = parse_capture(self.line.text(), self.kind.currentData())
        if not text:
            return
        self.line.clear()
        self.captured.emit(kind, text)
