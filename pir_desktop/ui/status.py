"""Short messages in the main window's status bar, shown from any widget."""

from PySide6.QtWidgets import QMainWindow, QWidget

MESSAGE_TIMEOUT_MS = 10_000
# Left margin in pixels of a permanent status-bar label. Qt clips a long
# temporary message 2 px before the first permanent widget, so without a
# margin the message runs into the label's text.
PERMANENT_LABEL_MARGIN = 16


def show_status(widget: QWidget, text: str) -> None:
    """Show a temporary message in the status bar of the widget's main window."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS)
