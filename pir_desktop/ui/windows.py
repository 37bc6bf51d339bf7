"""The open main windows of this process and the settings they share.

Opening a library goes through `open_in_window`, so a file already shown by
a window of this process (or, through `single_instance`, of another process)
brings that window forward instead of opening twice.
"""

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import Settings, load_settings, save_settings
from . import single_instance

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


class WindowRegistry:
    """The main windows of this process, and the settings loaded once for all."""

    def __init__(self) -> None:
        self.windows: list[MainWindow] = []
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    def save(self) -> None:
        if self._settings is not None:
            save_settings(self._settings)

    def add(self, window: "MainWindow") -> None:
        self.windows.append(window)

    def remove(self, window: "MainWindow") -> None:
        if window in self.windows:
            self.windows.remove(window)

    def window_showing(self, path: Path) -> "MainWindow | None":
        """Return the window of this process that shows the library at `path`."""
        resolved = Path(path).resolve()
        for window in self.windows:
            shown = window.library_path()
            if shown is not None and shown.resolve() == resolved:
                return window
        return None

    def reset(self) -> None:
        """Forget the windows and reload the settings on next use, as a new process."""
        self.windows.clear()
        self._settings = None


REGISTRY = WindowRegistry()


def focus_existing(path: Path, review: str | None = None) -> bool:
    """Bring forward the window that already shows `path`, and return whether one does.

    A window of this process is found in the registry. A window of another
    process is asked over its local socket.
    """
    window = REGISTRY.window_showing(path)
    if window is not None:
        window.bring_forward(review)
        return True
    return single_instance.ask_owner_to_activate(path, review)
