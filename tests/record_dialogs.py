"""Fill in and accept the record dialogs an editing tab opens, without showing them."""

from collections.abc import Callable

from PySide6.QtWidgets import QDialog

from pir_desktop.ui.dialogs.record_dialog import RecordDialog
from pir_desktop.ui.tabs.editing import EditingTab

Fill = Callable[[RecordDialog], None]


def answer_dialogs(tab: EditingTab, *fills: Fill) -> list[RecordDialog]:
    """Make the tab's next dialogs run `fills` in turn and press OK."""
    pending = list(fills)
    seen: list[RecordDialog] = []

    def exec_dialog(dialog: RecordDialog) -> bool:
        seen.append(dialog)
        pending.pop(0)(dialog)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    tab.exec_dialog = exec_dialog  # type: ignore[method-assign]
    return seen
