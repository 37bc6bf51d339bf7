"""Every interactive control of the main window and its dialogs has an accessible name.

The name is the one Qt's accessibility layer reports to screen readers: the
control's accessibleName, its own text (buttons, check boxes) or the text of
the label whose buddy it is. The walk covers every tab and every dialog that
a button ending in "…" opens, with a row selected in each table first so that
the Edit… buttons are enabled.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)

from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review
from pir_desktop.ui.main_window import MainWindow

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
    QSlider,
)
# Qt builds these controls inside composite widgets and names them itself.
COMPOSITES = (
    QComboBox,
    QAbstractSpinBox,
    QTabBar,
    QAbstractItemView,
    QMenuBar,
    QLineEdit,
)


@pytest.fixture
def sample_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    library = ReviewLibrary.create(tmp_path / "sample.pir")
    library.add_review(sample_review())
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    return interface.text(QAccessible.Text.Name).strip()


def is_internal(widget: QWidget) -> bool:
    """Return whether Qt created the widget as part of a composite control."""
    if isinstance(widget, QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def describe(widget: QWidget) -> str:
    parents = []
    parent = widget.parentWidget()
    while parent is not None:
        parents.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    name = widget.objectName() or "(no objectName)"
    return f"{type(widget).__name__} {name} in {' / '.join(parents[:4])}"


def unnamed_controls(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or is_internal(widget):
            continue
        if not accessible_name(widget):
            found.append(describe(widget))
    return found


def select_first_rows(root: QWidget) -> None:
    for view in root.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView) or view.model() is None:
            continue
        if view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))


@pytest.fixture
def opened_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QDialog]]:
    """Capture dialogs instead of showing them, and report each one as rejected."""
    dialogs: list[QDialog] = []

    def capture(dialog: QDialog) -> int:
        dialogs.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", capture)
    monkeypatch.setattr(QDialog, "open", capture)
    yield dialogs


@pytest.fixture
def modal_closer() -> Iterator[None]:
    """Reject Qt's own modal dialogs (file and input dialogs) so no click hangs."""

    def close_modal() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            modal.reject()

    timer = QTimer()
    timer.timeout.connect(close_modal)
    timer.start(50)
    yield
    timer.stop()


def test_main_window_controls_named(sample_window: MainWindow) -> None:
    missing = unnamed_controls(sample_window)
    assert missing == [], "controls without an accessible name:\n" + "\n".join(missing)


def test_every_tab_walked(sample_window: MainWindow) -> None:
    assert sample_window.tabs.count() >= 6
    missing = []
    for index in range(sample_window.tabs.count()):
        sample_window.tabs.setCurrentIndex(index)
        tab = sample_window.tabs.widget(index)
        select_first_rows(tab)
        title = sample_window.tabs.tabText(index)
        missing += [f"{title} tab: {control}" for control in unnamed_controls(tab)]
    assert missing == [], "unnamed controls:\n" + "\n".join(missing)


def test_dialog_controls_named(sample_window, opened_dialogs, modal_closer) -> None:
    for index in range(sample_window.tabs.count()):
        sample_window.tabs.setCurrentIndex(index)
        tab = sample_window.tabs.widget(index)
        select_first_rows(tab)
        for button in tab.findChildren(QPushButton):
            # Export buttons open Qt's file dialog, which is not ours to name.
            opens_dialog = button.text().endswith("…") and "Export" not in button.text()
            if opens_dialog and button.isEnabled():
                button.click()
    sample_window.new_review()
    sample_window.about()
    sample_window.show_shortcuts()

    titles = {dialog.windowTitle() for dialog in opened_dialogs}
    assert len(titles) >= 8, f"too few dialogs reached: {sorted(titles)}"
    missing = []
    for dialog in opened_dialogs:
        title = dialog.windowTitle()
        missing += [f"{title}: {control}" for control in unnamed_controls(dialog)]
    assert missing == [], "unnamed controls:\n" + "\n".join(missing)


def test_controls_reachable_by_tab(sample_window: MainWindow) -> None:
    """Every enabled control on the Overview tab is in the Tab focus chain."""
    unreachable = []
    for widget in sample_window.tabs.widget(0).findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or is_internal(widget):
            continue
        if not widget.isEnabled() or widget.isHidden():
            continue
        if not widget.focusPolicy() & widget.focusPolicy().TabFocus:
            unreachable.append(describe(widget))
    assert unreachable == []


def test_focus_chain_covers_window(sample_window: MainWindow) -> None:
    """Tabbing from the review list reaches the tab bar and the Overview fields."""
    start = sample_window.reviews.list
    seen: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not start and len(seen) < 2000:
        seen.append(widget)
        widget = widget.nextInFocusChain()
    overview = sample_window.tabs.widget(0)
    assert sample_window.reviews.new_button in seen
    assert any(w is sample_window.tabs.tabBar() for w in seen)
    assert any(overview.isAncestorOf(w) for w in seen)


def teardown_module() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.deleteLater()


def menu_actions(window: MainWindow) -> list:
    actions = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            actions += [a for a in top.menu().actions() if a.menu() is None]
    return actions


# Commands that open Qt's file dialogs, which are not ours to name.
FILE_COMMANDS = ("Open", "Save", "Export", "Import", "New library")


def test_menu_windows_named(sample_window, opened_dialogs, modal_closer) -> None:
    """Dialogs and windows opened from the menus, such as search and trackers."""
    before = set(QApplication.topLevelWidgets())
    for action in menu_actions(sample_window):
        text = action.text().replace("&", "")
        if text.endswith("…") and not text.startswith(FILE_COMMANDS):
            action.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if w not in before]
    windows = [w for w in opened if w.isVisible() and w is not sample_window]

    missing = []
    for root in [*opened_dialogs, *windows]:
        title = root.windowTitle()
        missing += [f"{title}: {control}" for control in unnamed_controls(root)]
    for window in windows:
        window.close()
    assert missing == [], "unnamed controls:\n" + "\n".join(missing)
