"""The installed Qt binding keeps Python's reference counts intact."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qtbot) -> None:  # noqa: ANN001
    # PySide6 6.12.0 released a reference to None on each call returning
    # None; after enough calls the interpreter aborts with none_dealloc.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
        label.property("missing")
    assert sys.getrefcount(None) >= before - 10
