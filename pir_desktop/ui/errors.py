"""One place that shows errors to the user and logs them.

Every message box names what failed and what to do, and points at the log
file for details.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from pydantic import ValidationError
from PySide6.QtWidgets import QMessageBox, QWidget

from ..logging_setup import log_file
from ..store import LibraryError, StaleEditError

log = logging.getLogger(__name__)
Result = TypeVar("Result")

# Errors a user can cause and fix; anything else is a bug and reaches the excepthook.
USER_ERRORS = (ValidationError, LibraryError, ValueError, OSError)


def describe(exc: BaseException) -> str:
    """Return a message for the user, naming the invalid fields of a ValidationError.

    A validator's own message already names the value and the fix, so it is
    shown as raised, without pydantic's field name and "Value error" prefix.
    """
    if isinstance(exc, ValidationError):
        lines = []
        generic = False
        for error in exc.errors():
            raised = error.get("ctx", {}).get("error")
            if error["type"] == "value_error" and raised is not None:
                lines.append(str(raised))
                continue
            generic = True
            where = ".".join(str(part) for part in error["loc"]) or "value"
            lines.append(f"{where}: {error['msg']}")
        text = "; ".join(lines)
        return f"Invalid value. {text}" if generic else text
    if isinstance(exc, StaleEditError) and exc.current is not None:
        return f"{exc}. The stored value is now:\n{exc.current}\nReload and edit again."
    return str(exc)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Show a modal error with the message and the log file's location."""
    log.error("%s: %s", title, message)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.setInformativeText(f"Details are in the log: {log_file()}")
    box.setObjectName("errorBox")
    box.exec()


def attempt(
    parent: QWidget | None, title: str, action: Callable[[], Result]
) -> Result | None:
    """Run a user action; show a user error instead of raising it, and return None."""
    try:
        return action()
    except USER_ERRORS as exc:
        show_error(parent, title, describe(exc))
        return None
