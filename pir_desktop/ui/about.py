"""The About box: versions of the app, Qt and PySide, and the font licence."""

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..paths import resources_dir
from .window_text import APP_TITLE

FONT_LICENCE_NAME = "Bitstream Vera Fonts licence"


def font_licence_path() -> Path:
    return resources_dir() / "fonts" / "LICENSE-DejaVu.txt"


def about_text() -> str:
    """Return the About box's rich text: versions and the bundled font's licence."""
    return (
        f"<h3>{APP_TITLE} {__version__}</h3>"
        "<p>Runs security post-incident reviews from the timeline to sign-off.</p>"
        f"<p>Qt {qVersion()}, PySide6 {PySide6.__version__}, "
        f"Python {platform.python_version()}</p>"
        "<p>PDF reports embed the DejaVu Sans font, distributed under the "
        f"{FONT_LICENCE_NAME}. The DejaVu changes are in the public domain. "
        "The full licence text follows.</p>"
    )


class AboutDialog(QDialog):
    """Versions and the DejaVu font licence text, read from the bundled resources."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_TITLE}")
        self.summary = QLabel(about_text())
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.licence = QPlainTextEdit(self._licence_text())
        self.licence.setReadOnly(True)
        self.licence.setAccessibleName("DejaVu font licence")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.licence, 1)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().height()
        self.resize(40 * em, 30 * em)

    @staticmethod
    def _licence_text() -> str:
        path = font_licence_path()
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            return f"The licence file {path} could not be read: {exc}"
