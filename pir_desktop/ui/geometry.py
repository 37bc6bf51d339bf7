"""Saving and restoring a window's geometry and splitter state, keyed by window name."""

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QSplitter, QWidget

from ..settings import Settings, WindowState


def _encode(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _decode(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))


def save_window_state(
    settings: Settings, name: str, window: QWidget, splitter: QSplitter | None = None
) -> None:
    """Store the window's geometry, and its splitter's sizes, under `name`."""
    state = WindowState(
        geometry=_encode(window.saveGeometry()),
        splitter=_encode(splitter.saveState()) if splitter is not None else "",
    )
    settings.windows = {**settings.windows, name: state}


def restore_window_state(
    settings: Settings, name: str, window: QWidget, splitter: QSplitter | None = None
) -> bool:
    """Apply the state stored under `name`, and return False if there is none.

    Qt ignores saved bytes it cannot parse, so a damaged entry leaves the
    window at its default size.
    """
    state = settings.windows.get(name)
    if state is None:
        return False
    restored = bool(state.geometry) and window.restoreGeometry(_decode(state.geometry))
    if splitter is not None and state.splitter:
        splitter.restoreState(_decode(state.splitter))
    return restored
