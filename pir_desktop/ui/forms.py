"""Loading the Qt Designer files in forms/ as widgets."""

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from ..paths import forms_dir

Widget = TypeVar("Widget", bound=QWidget)


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget described by forms/NAME.ui; raise OSError if it is missing."""
    path = forms_dir() / f"{name}.ui"
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise OSError(f"form {path} cannot be read: {handle.errorString()}")
    try:
        widget = QUiLoader().load(handle, parent)
    finally:
        handle.close()
    if widget is None:
        raise OSError(f"form {path} is invalid: open it in Qt Designer to fix it")
    return widget


def child(form: QWidget, kind: type[Widget], name: str) -> Widget:
    """Return the named child of a loaded form, checking its type."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"form {form.objectName()} has no {kind.__name__} {name!r}")
    return found
