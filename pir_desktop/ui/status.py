"""Short messages in the main window's status bar, shown from any widget."""

from PySide6.QtWidgets import QMainWindow, QWidget

MESSAGE_TIMEOUT_MS = 10_000


def show_status(widget: QWidget, text: str) -> None:
    """Show a temporary message in the status bar of the widget's main window."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS)
