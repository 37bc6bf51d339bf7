"""The File › Open recent submenu and the library files dropped on a window."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QMenu

from ..settings import Settings
from .library_files import SUFFIX


def fill_recent_menu(
    menu: QMenu, settings: Settings, open_path: Callable[[Path], object]
) -> list[Path]:
    """List the recent libraries in `menu`, and drop and return the missing ones."""
    menu.clear()
    missing = [Path(p) for p in settings.recent_libraries if not Path(p).is_file()]
    for path in missing:
        settings.remove_recent(path)

    for number, text in enumerate(settings.recent_libraries, start=1):
        path = Path(text)
        label = f"&{number} {path.name}" if number < 10 else path.name
        action = menu.addAction(label)
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if not settings.recent_libraries:
        menu.addAction("No recent libraries").setEnabled(False)
    return missing


def missing_note(missing: list[Path]) -> str:
    names = ", ".join(path.name for path in missing)
    return f"Removed from Open recent because the file no longer exists: {names}"


def dropped_libraries(mime: QMimeData) -> list[Path]:
    """Return the local `.pir` files among the URLs of a drag."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() == SUFFIX]
