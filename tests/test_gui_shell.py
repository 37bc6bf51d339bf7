"""The main window and the Overview tab on real widgets and a real library file."""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import REFERENCE, stored_review
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QApplication, QWidget

from pir_desktop import app
from pir_desktop.domain.enums import P3Criterion, Severity
from pir_desktop.services import ReviewLibrary
from pir_desktop.ui import library_files
from pir_desktop.ui.main_window import MainWindow
from pir_desktop.ui.tabs.overview import OverviewTab


@pytest.fixture
def overview(window: MainWindow) -> OverviewTab:
    tab = window.tabs_shown[0]
    assert isinstance(tab, OverviewTab)
    return tab


def type_line(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_tabs_in_order(window: MainWindow) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "Overview",
        "Timeline",
        "Discussion",
        "Root cause",
        "Action plan",
        "Controls",
        "Sign-off",
        "Procedure",
    ]


def test_title_names_file(window: MainWindow) -> None:
    assert window.windowTitle() == "x.pir — PIR Desktop"


def test_first_review_selected(window: MainWindow) -> None:
    assert window.context is not None
    assert window.context.review is not None
    assert window.context.review.reference == REFERENCE
    assert window.reviews.list.currentItem().text().startswith(REFERENCE)


def test_title_edit_saved_and_undone(qtbot, window, overview, library_path) -> None:
    type_line(qtbot, overview.lines["title"], "Stolen admin session")

    assert stored_review(library_path).title == "Stolen admin session"
    assert window.actions.undo.text() == "&Undo Edit title"
    assert "All changes saved to" in window.save_label.text()
    assert str(library_path) in window.save_label.text()
    assert "Stolen admin session" in window.reviews.list.currentItem().text()

    window.actions.undo.trigger()
    qtbot.waitUntil(
        lambda: overview.lines["title"].text() == "Phished administrator session"
    )
    assert stored_review(library_path).title == "Phished administrator session"


def closed_before_detection() -> QDateTime:
    """Return 2024-05-01 10:00 wall-clock time, a day before detection in Berlin."""
    return QDateTime(QDate(2024, 5, 1), QTime(10, 0), QTimeZone.utc())


def test_closure_before_detection_rejected(
    overview, shown_errors, library_path
) -> None:
    editor = overview.milestones.editors["closed_at"]
    editor.setDateTime(closed_before_detection())
    editor.editingFinished.emit()

    assert len(shown_errors) == 1
    title, message = shown_errors[0]
    assert title == "Closure time not saved"
    assert "closed_at" in message
    stored = stored_review(library_path)
    assert stored.closed_at == datetime(2024, 5, 6, 16, 0, tzinfo=UTC)
    assert editor.dateTime().time() == QTime(18, 0)


def test_milestone_cleared_and_undone(qtbot, window, overview, library_path) -> None:
    overview.milestones.checks["contained_at"].setChecked(False)
    assert stored_review(library_path).contained_at is None
    assert not overview.milestones.editors["contained_at"].isEnabled()

    window.actions.undo.trigger()
    qtbot.waitUntil(overview.milestones.checks["contained_at"].isChecked)
    assert stored_review(library_path).contained_at is not None


def test_milestone_edited_in_display_zone(overview, library_path) -> None:
    editor = overview.milestones.editors["resolved_at"]
    overview.milestones.checks["resolved_at"].setChecked(True)
    editor.setDateTime(QDateTime(QDate(2024, 5, 3), QTime(14, 30), QTimeZone.utc()))
    editor.editingFinished.emit()

    resolved = stored_review(library_path).resolved_at
    assert resolved == datetime(2024, 5, 3, 12, 30, tzinfo=UTC)


def test_deadline_shows_overdue(overview) -> None:
    text = overview.deadline.text()
    assert text.startswith("Review meeting due 2024-05-09 18:00 +02:00")
    assert "overdue by" in text


def test_deadline_without_closure(overview) -> None:
    overview.milestones.checks["closed_at"].setChecked(False)
    assert "no closure time yet" in overview.deadline.text()


def test_metrics_label(overview) -> None:
    assert "Time to detect: 1 h 35 min" in overview.metrics.text()


def test_p3_without_criterion_warned(overview, library_path) -> None:
    overview.severity.setCurrentText("P3")
    assert stored_review(library_path).severity is Severity.P3
    assert overview.criteria_warning.isVisibleTo(overview)

    overview.criteria[P3Criterion.REGULATORY_IMPLICATIONS].setChecked(True)
    assert stored_review(library_path).p3_criteria == [
        P3Criterion.REGULATORY_IMPLICATIONS
    ]
    assert not overview.criteria_warning.isVisibleTo(overview)


def test_unknown_display_zone_rejected(qtbot, overview, shown_errors) -> None:
    type_line(qtbot, overview.zone.lineEdit(), "Europe/Atlantis")

    assert len(shown_errors) == 1
    assert shown_errors[0][0] == "Display zone not saved"
    assert overview.zone.currentText() == "Europe/Berlin"


def test_summary_saved_on_focus_out(qtbot, window, overview, library_path) -> None:
    window.activateWindow()
    overview.texts["summary"].setFocus()
    qtbot.waitUntil(overview.texts["summary"].hasFocus)
    overview.texts["summary"].setPlainText("An administrator entered a password.")
    overview.lines["source"].setFocus()

    qtbot.waitUntil(
        lambda: (
            stored_review(library_path).summary
            == "An administrator entered a password."
        )
    )


def test_participant_added_through_dialog(qtbot, overview, library_path) -> None:
    panel = overview.participants
    dialog = panel.add_participant()
    dialog.name.setText("Sam Okafor")
    dialog.role.setCurrentIndex(dialog.role.findData("root_cause_analyst"))
    dialog.attended.setChecked(True)
    dialog.accept()

    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    texts = [panel.model.data(panel.model.index(1, c)) for c in range(3)]
    assert texts == ["Sam Okafor", "Root Cause Analyst", "Yes"]
    added = stored_review(library_path).participants[1]
    assert added.role == "root_cause_analyst"
    assert added.attended


def test_participant_removed_and_undone(qtbot, window, overview, library_path):
    panel = overview.participants
    panel.view.selectRow(0)
    panel.remove_participant()
    assert stored_review(library_path).participants == []

    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)


def test_new_review_added_and_selected(qtbot, window, library_path) -> None:
    dialog = window.new_review()
    assert dialog is not None
    dialog.reference.setText("PIR-2024-040")
    dialog.title.setText("Exposed storage bucket")
    dialog.severity.setCurrentText("P1")
    dialog.accept()

    qtbot.waitUntil(lambda: window.reviews.list.count() == 2)
    assert window.context.review.reference == "PIR-2024-040"
    fresh = ReviewLibrary.open(library_path)
    assert {r.reference for r in fresh.reviews()} == {REFERENCE, "PIR-2024-040"}
    fresh.close()


def test_duplicate_reference_rejected(window, shown_errors) -> None:
    dialog = window.new_review()
    dialog.reference.setText(REFERENCE)
    dialog.title.setText("Same reference again")
    dialog.accept()

    assert len(shown_errors) == 1
    assert REFERENCE in shown_errors[0][1]
    assert window.reviews.list.count() == 1


def test_next_tab_action(window: MainWindow) -> None:
    window.actions.next_tab.trigger()
    assert window.tabs.currentIndex() == 1
    window.actions.previous_tab.trigger()
    window.actions.previous_tab.trigger()
    assert window.tabs.currentIndex() == window.tabs.count() - 1


def test_save_copy(window, tmp_path, monkeypatch) -> None:
    copy = tmp_path / "copy.pir"
    monkeypatch.setattr(library_files, "choose_path", lambda *_args, **_kw: copy)
    window.save_copy()

    fresh = ReviewLibrary.open(copy)
    assert [r.reference for r in fresh.reviews()] == [REFERENCE]
    fresh.close()
    assert "copy.pir" in window.statusBar().currentMessage()


def test_close_library(window: MainWindow) -> None:
    window.close_library()
    assert window.windowTitle() == "PIR Desktop"
    assert window.context is None
    assert not window.actions.save_copy.isEnabled()
    assert window.pages.currentWidget() is window.placeholder


def test_window_without_library(qtbot) -> None:
    window = app.create_main_window(None)
    qtbot.addWidget(window)
    assert window.windowTitle() == "PIR Desktop"
    assert not window.actions.new_review.isEnabled()
    assert window.tabs.count() == 0


def test_invalid_file_reported(qtbot, tmp_path, shown_errors) -> None:
    not_library = tmp_path / "notes.pir"
    not_library.write_text("plain text", encoding="utf-8")
    window = app.create_main_window(None)
    qtbot.addWidget(window)

    assert not window.open_library(not_library)
    assert len(shown_errors) == 1
    assert "not a PIR library" in shown_errors[0][1]
    assert window.context is None


def test_read_only_offered(qtbot, library, library_path, monkeypatch) -> None:
    library.close()
    real_access = os.access

    def access(path, mode: int) -> bool:  # noqa: ANN001
        if mode == os.W_OK and str(path).startswith(str(library_path.parent)):
            return False
        return real_access(path, mode)

    questions: list[str] = []
    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(
        library_files, "confirm", lambda _p, title, _q: questions.append(title) or True
    )
    window = app.create_main_window(None)
    qtbot.addWidget(window)

    assert window.open_library(library_path, REFERENCE)
    assert questions == ["Open read-only?"]
    assert window.windowTitle() == "x.pir — PIR Desktop [read-only]"
    assert window.save_label.text() == "Read-only: changes cannot be saved"
    assert not window.actions.new_review.isEnabled()


def test_unknown_review_reported(qtbot, library, library_path, shown_errors):
    library.close()
    window = app.create_main_window(None)
    qtbot.addWidget(window)

    assert window.open_library(library_path, "PIR-UNKNOWN") is True
    assert len(shown_errors) == 1
    assert "PIR-UNKNOWN" in shown_errors[0][1]
    assert window.context.review.reference == REFERENCE


def test_excepthook_shows_dialog(shown_errors) -> None:
    hook = app.ExceptionDialogHook()
    try:
        raise RuntimeError("renderer crashed")
    except RuntimeError as exc:
        hook(RuntimeError, exc, exc.__traceback__)

    assert len(shown_errors) == 1
    assert shown_errors[0][0] == "Unexpected error"
    assert "RuntimeError: renderer crashed" in shown_errors[0][1]


def test_main_opens_library(qtbot, library, library_path, monkeypatch) -> None:
    library.close()
    windows: list[MainWindow] = []

    def create(library: ReviewLibrary | None) -> MainWindow:
        window = MainWindow(library)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    monkeypatch.setattr(app, "configure_logging", lambda: None)
    monkeypatch.setattr(app, "create_main_window", create)
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)
    monkeypatch.setattr("sys.excepthook", app.sys.excepthook)

    assert app.main([str(library_path), "--review", REFERENCE]) == 0
    assert windows[0].windowTitle() == "x.pir — PIR Desktop"
    assert isinstance(app.sys.excepthook, app.ExceptionDialogHook)


def test_wait_returns_once_exposed(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()

    app.wait_until_exposed(window)

    assert window.windowHandle().isExposed()


def test_wait_gives_up_on_hidden(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.winId()  # creates the native window without showing it

    app.wait_until_exposed(window, timeout=0.1)

    assert not window.windowHandle().isExposed()


def test_main_shows_window_before_library(qtbot, library, library_path, monkeypatch):
    library.close()
    shown_when_opened: list[bool] = []

    def create(library: ReviewLibrary | None) -> MainWindow:
        window = MainWindow(library)
        qtbot.addWidget(window)
        opener = window.open_library

        def open_library(*args, **kwargs):
            shown_when_opened.append(window.windowHandle().isExposed())
            return opener(*args, **kwargs)

        window.open_library = open_library
        return window

    monkeypatch.setattr(app, "configure_logging", lambda: None)
    monkeypatch.setattr(app, "create_main_window", create)
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)
    monkeypatch.setattr("sys.excepthook", app.sys.excepthook)

    assert app.main([str(library_path)]) == 0
    assert shown_when_opened == [True]


def test_missing_file_not_read_only(tmp_path: Path) -> None:
    assert library_files.is_read_only_file(tmp_path / "missing.pir") is False
