"""Opening libraries: recent files, drag and drop, one window per file, Help."""

import warnings
from pathlib import Path

from conftest import REFERENCE
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from pir_desktop import __version__, app
from pir_desktop.services import ReviewLibrary
from pir_desktop.ui import single_instance
from pir_desktop.ui.about import FONT_LICENCE_NAME, about_text
from pir_desktop.ui.main_window import MainWindow
from pir_desktop.ui.shortcuts import shortcut_rows
from pir_desktop.ui.windows import REGISTRY


def make_library(path: Path) -> Path:
    from conftest import example_review

    library = ReviewLibrary.create(path)
    library.add_review(example_review())
    library.close()
    return path


def new_window(qtbot) -> MainWindow:
    window = MainWindow(None)
    qtbot.addWidget(window)
    return window


def test_missing_recent_dropped(qtbot, tmp_path: Path) -> None:
    kept = make_library(tmp_path / "kept.pir")
    REGISTRY.settings.add_recent(tmp_path / "gone.pir")
    REGISTRY.settings.add_recent(kept)
    window = new_window(qtbot)

    window.fill_recent_menu()

    texts = [a.text() for a in window.actions.open_recent.actions()]
    assert texts == ["&1 kept.pir"]
    assert REGISTRY.settings.recent_libraries == [str(kept.resolve())]
    assert "gone.pir" in window.statusBar().currentMessage()


def test_recent_entry_opens(qtbot, tmp_path: Path) -> None:
    path = make_library(tmp_path / "r.pir")
    REGISTRY.settings.add_recent(path)
    window = new_window(qtbot)
    window.fill_recent_menu()
    window.actions.open_recent.actions()[0].trigger()
    assert window.library_path() == path


def drop_events(mime: QMimeData, path: Path) -> tuple[QDragEnterEvent, QDropEvent]:
    """Return the enter and drop events of a file drag. `mime` must outlive them."""
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action = Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    # PySide6 6.12 marks this constructor deprecated but offers no other one.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), action, mime, buttons, modifiers)
    drop = QDropEvent(QPointF(10, 10), action, mime, buttons, modifiers)
    return enter, drop


def test_drop_opens_library(qtbot, tmp_path: Path) -> None:
    path = make_library(tmp_path / "dropped.pir")
    window = new_window(qtbot)
    mime = QMimeData()
    enter, drop = drop_events(mime, path)

    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)

    assert window.library_path() == path
    assert window.context.review.reference == REFERENCE


def test_drop_ignores_other_files(qtbot, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("notes", encoding="utf-8")
    window = new_window(qtbot)
    mime = QMimeData()
    enter, _drop = drop_events(mime, other)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_same_file_focuses_window(qtbot, tmp_path: Path) -> None:
    path = make_library(tmp_path / "once.pir")
    first = new_window(qtbot)
    first.show()
    assert first.open_library(path)
    second = new_window(qtbot)
    second.show()
    second.activateWindow()

    assert second.open_library(path)

    assert second.context is None
    assert REGISTRY.window_showing(path) is first
    qtbot.waitUntil(first.isActiveWindow)


def test_same_file_other_process(qtbot, tmp_path: Path, monkeypatch) -> None:
    """A request through the local socket, as a second process sends it."""
    path = make_library(tmp_path / "shared.pir")
    owner = new_window(qtbot)
    assert owner.open_library(path)
    assert owner.ownership is not None and owner.ownership.listening
    requests: list[str | None] = []
    monkeypatch.setattr(owner, "bring_forward", lambda review: requests.append(review))
    owner.ownership.activate = owner.bring_forward

    assert single_instance.ask_owner_to_activate(path, REFERENCE)

    qtbot.waitUntil(lambda: requests == [REFERENCE])


def test_no_owner_no_activation(tmp_path: Path) -> None:
    assert not single_instance.ask_owner_to_activate(tmp_path / "nobody.pir")


def test_closed_file_released(qtbot, tmp_path: Path) -> None:
    path = make_library(tmp_path / "released.pir")
    window = new_window(qtbot)
    window.open_library(path)
    window.close_library()
    assert not single_instance.ask_owner_to_activate(path)
    assert REGISTRY.window_showing(path) is None


def test_start_reopens_last_review(qtbot, tmp_path: Path, monkeypatch) -> None:
    path = make_library(tmp_path / "last.pir")
    REGISTRY.settings.add_recent(path)
    REGISTRY.settings.remember_review(path, REFERENCE)
    REGISTRY.save()
    REGISTRY.reset()
    windows: list[MainWindow] = []

    def create(library: ReviewLibrary | None) -> MainWindow:
        window = new_window(qtbot)
        windows.append(window)
        return window

    monkeypatch.setattr(app, "configure_logging", lambda: None)
    monkeypatch.setattr(app, "create_main_window", create)
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)
    monkeypatch.setattr("sys.excepthook", app.sys.excepthook)

    assert app.main([]) == 0
    assert windows[0].library_path() == path
    assert windows[0].context.review.reference == REFERENCE


def test_start_skips_missing_last(tmp_path: Path) -> None:
    REGISTRY.settings.add_recent(tmp_path / "deleted.pir")
    assert app.last_library(REGISTRY.settings) is None


def test_shortcuts_list_undo(qtbot) -> None:
    window = new_window(qtbot)
    rows = {row.command: row for row in shortcut_rows(window)}
    assert rows["Undo"].keys.split(", ")[0] == "Ctrl+Z"
    assert rows["Undo"].menu == "Edit"
    assert rows["Open"].keys == "Ctrl+O"
    dialog = window.show_shortcuts()
    commands = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Undo" in commands
    dialog.close()


def test_about_text() -> None:
    text = about_text()
    assert __version__ in text
    assert FONT_LICENCE_NAME in text
    assert "PySide6" in text


def test_about_dialog_shows_licence(qtbot) -> None:
    window = new_window(qtbot)
    dialog = window.about()
    assert "Bitstream" in dialog.licence.toPlainText()
    dialog.close()
