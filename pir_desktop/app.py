"""Start the PIR Desktop GUI: logging, the Qt application, the main window."""

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from . import __version__
from .logging_setup import configure_logging
from .services import ReviewLibrary
from .settings import Settings
from .ui import errors, single_instance
from .ui.main_window import MainWindow
from .ui.theme import apply_appearance
from .ui.window_text import APP_TITLE
from .ui.windows import REGISTRY

log = logging.getLogger(__name__)

# Seconds to wait for the window system to show the main window at start-up.
EXPOSE_TIMEOUT = 2.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pir-desktop", description="Open the GUI.")
    parser.add_argument("library", nargs="?", type=Path, help="library file to open")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="open the team library in PostgreSQL at this URL instead of a file, "
        "such as postgresql+psycopg://USER:PASSWORD@HOST:5432/DATABASE",
    )
    parser.add_argument(
        "--review", metavar="REF", help="reference or id of the review to show first"
    )
    return parser


def create_main_window(library: ReviewLibrary | None) -> MainWindow:
    """Build the main window on an open library, or on none."""
    return MainWindow(library)


class ExceptionDialogHook:
    """A sys.excepthook that logs an unhandled error and shows it in a dialog.

    Qt calls Python slots from its event loop, so an exception there reaches
    this hook instead of ending the program; the window stays open.
    """

    def __init__(self) -> None:
        self.showing = False

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        log.critical("Unhandled error", exc_info=(kind, error, trace))
        if self.showing or QApplication.instance() is None:
            return
        self.showing = True
        try:
            message = (
                f"An unexpected error occurred: {kind.__name__}: {error}\n\n"
                "Your saved changes are safe. The last action may not have finished."
            )
            errors.show_error(None, "Unexpected error", message)
        finally:
            self.showing = False


def last_library(settings: Settings) -> tuple[Path, str | None] | None:
    """Return the most recent library and its last review, if the file still exists."""
    for text in settings.recent_libraries[:1]:
        path = Path(text)
        if path.is_file():
            return path, settings.last_review.get(text)
        log.info("Last library %s not found, so no library is opened", path)
    return None


def wait_until_exposed(window: QWidget, timeout: float = EXPOSE_TIMEOUT) -> None:
    """Process events until the window is on screen, or for `timeout` seconds at most.

    A window system maps a new window after a round trip, and a widget paints
    only once its window is exposed.
    """
    deadline = time.monotonic() + timeout
    handle = window.windowHandle()
    while handle is not None and not handle.isExposed():
        if time.monotonic() >= deadline:
            log.info("Window not exposed after %.1f s; opening the library", timeout)
            return
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the GUI; `argv` contains the arguments after the program name."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args, qt_arguments = _parser().parse_known_args(arguments)
    configure_logging()
    log.info("Starting %s %s", APP_TITLE, __version__)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_arguments])
    app.setApplicationName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("pir-desktop")
    sys.excepthook = ExceptionDialogHook()

    if args.library is not None and single_instance.ask_owner_to_activate(
        args.library, args.review
    ):
        log.info(
            "%s is open in another window, which was brought forward", args.library
        )
        return 0
    settings = REGISTRY.settings
    apply_appearance(settings.theme, settings.presenter_font_scale)
    window = create_main_window(None)
    # The window shows before the library opens, so a large review's first
    # timeline rows paint while the rest of it loads.
    window.show()
    wait_until_exposed(window)
    if args.database is not None:
        window.connect_database(args.database)
    elif args.library is not None:
        window.open_library(args.library, args.review)
    elif (last := last_library(settings)) is not None:
        window.open_library(*last)
    status = app.exec()
    log.info("Stopped with status %s", status)
    return status
