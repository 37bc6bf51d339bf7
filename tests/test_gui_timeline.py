"""The Timeline tab on real widgets and a real library file."""

from datetime import UTC, datetime
from pathlib import Path

from conftest import stored_review, wall_clock
from PySide6.QtCore import Qt

from pir_desktop.domain.enums import EventKind
from pir_desktop.ui.dialogs.event import EventDialog
from pir_desktop.ui.tabs.timeline import TimelineTab
from pir_desktop.ui.timeline.model import DECISION, DESCRIPTION, TIME
from pir_desktop.ui.timeline.proxy import TimelineFilter


def cell(tab: TimelineTab, row: int, column: int) -> str:
    return tab.proxy.data(tab.proxy.index(row, column))


def descriptions(tab: TimelineTab) -> list[str]:
    return [cell(tab, row, DESCRIPTION) for row in range(tab.proxy.rowCount())]


def fill_new_event(dialog: EventDialog) -> None:
    """Enter 03:00 New York time (07:00 UTC), the earliest event of the review."""
    dialog.zone.setCurrentText("America/New_York")
    dialog.occurred.setDateTime(wall_clock(2024, 5, 2, 3, 0))
    dialog.kind.setCurrentIndex(dialog.kind.findData(EventKind.ATTACKER_ACTIVITY.value))
    dialog.description.setPlainText("Attacker registered a new MFA device")
    dialog.source.setText("IdP audit log")
    dialog.decision.setChecked(True)


def add_event(qtbot, tab: TimelineTab) -> None:
    dialog = tab.add_event()
    assert dialog is not None
    fill_new_event(dialog)
    dialog.accept()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 4)


def test_rows_in_time_order(timeline: TimelineTab) -> None:
    assert descriptions(timeline) == [
        "Phishing mail opened",
        "Impossible-travel alert",
        "Sessions revoked",
    ]


def test_times_in_display_zone(timeline: TimelineTab) -> None:
    assert cell(timeline, 1, TIME) == "11:15 +02:00"


def test_date_shown_where_day_changes(qtbot, timeline: TimelineTab) -> None:
    timeline.zone.setCurrentText("Pacific/Kiritimati")
    timeline.zone.lineEdit().editingFinished.emit()

    qtbot.waitUntil(lambda: timeline.zone_name == "Pacific/Kiritimati")
    assert cell(timeline, 0, TIME) == "~2024-05-02 21:40 +14:00"
    assert cell(timeline, 1, TIME) == "23:15 +14:00"
    assert cell(timeline, 2, TIME) == "2024-05-03 01:00 +14:00"


def test_approximate_time_marked(timeline: TimelineTab) -> None:
    assert cell(timeline, 0, TIME) == "~2024-05-02 09:40 +02:00"


def test_decision_point_column(timeline: TimelineTab) -> None:
    assert cell(timeline, 2, DECISION) == "Yes"
    assert cell(timeline, 1, DECISION) == ""


def test_event_added_through_dialog(qtbot, timeline, library_path: Path) -> None:
    add_event(qtbot, timeline)

    assert descriptions(timeline)[0] == "Attacker registered a new MFA device"
    assert cell(timeline, 0, TIME) == "2024-05-02 09:00 +02:00"
    stored = stored_review(library_path).sorted_events()[0]
    assert stored.description == "Attacker registered a new MFA device"
    assert stored.occurred_at == datetime(2024, 5, 2, 7, 0, tzinfo=UTC)
    assert stored.zone == "America/New_York"
    assert stored.kind is EventKind.ATTACKER_ACTIVITY
    assert stored.decision_point


def test_add_undone_and_redone(qtbot, window, timeline, library_path) -> None:
    add_event(qtbot, timeline)
    assert window.actions.undo.text() == "&Undo Add event"

    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 3)
    assert len(stored_review(library_path).events) == 3

    window.actions.redo.trigger()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 4)
    assert len(stored_review(library_path).events) == 4


def test_ctrl_z_undoes_add(qtbot, window, timeline, library_path) -> None:
    add_event(qtbot, timeline)
    window.activateWindow()
    timeline.view.setFocus()
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(timeline.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 3)
    assert len(stored_review(library_path).events) == 3


def test_event_edited_through_dialog(qtbot, timeline, library_path) -> None:
    timeline.view.selectRow(1)
    dialog = timeline.edit_event()
    assert dialog is not None
    assert dialog.description.toPlainText() == "Impossible-travel alert"
    dialog.description.setPlainText("Impossible-travel alert from the IdP")
    dialog.accept()

    qtbot.waitUntil(lambda: cell(timeline, 1, DESCRIPTION).endswith("from the IdP"))
    stored = stored_review(library_path).sorted_events()[1]
    assert stored.description == "Impossible-travel alert from the IdP"
    assert stored.occurred_at == datetime(2024, 5, 2, 9, 15, tzinfo=UTC)


def test_end_before_start_rejected(qtbot, timeline, shown_errors, library_path) -> None:
    dialog = timeline.add_event()
    assert dialog is not None
    fill_new_event(dialog)
    dialog.end_check.setChecked(True)
    dialog.end.setDateTime(wall_clock(2024, 5, 1, 3, 0))
    dialog.accept()

    assert len(shown_errors) == 1
    assert "ends_at" in shown_errors[0][1]
    assert dialog.isVisible()
    assert len(stored_review(library_path).events) == 3
    dialog.reject()


def test_delete_shows_undo_hint(qtbot, window, timeline, library_path) -> None:
    timeline.view.selectRow(0)
    timeline.delete_action.trigger()

    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 2)
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    assert len(stored_review(library_path).events) == 2

    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 3)
    assert len(stored_review(library_path).events) == 3


def test_zone_selector_changes_times(qtbot, timeline) -> None:
    timeline.zone.lineEdit().clear()
    qtbot.keyClicks(timeline.zone.lineEdit(), "Asia/Tokyo")
    qtbot.keyClick(timeline.zone.lineEdit(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: cell(timeline, 1, TIME) == "18:15 +09:00")


def test_unknown_zone_rejected(qtbot, timeline, shown_errors) -> None:
    timeline.zone.lineEdit().clear()
    qtbot.keyClicks(timeline.zone.lineEdit(), "Mars/Olympus")
    qtbot.keyClick(timeline.zone.lineEdit(), Qt.Key.Key_Return)

    assert len(shown_errors) == 1
    assert "Mars/Olympus" in shown_errors[0][1]
    assert timeline.zone.currentText() == "Europe/Berlin"
    assert cell(timeline, 1, TIME) == "11:15 +02:00"


def test_kind_filter_control(qtbot, timeline) -> None:
    kind = timeline.filters.kind
    kind.setCurrentIndex(kind.findData(EventKind.DETECTION.value))

    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 1)
    assert descriptions(timeline) == ["Impossible-travel alert"]
    assert timeline.count.text() == "1 of 3 events"

    kind.setCurrentIndex(0)
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 3)
    assert timeline.count.text() == "3 events"


def test_text_filter_control(qtbot, timeline) -> None:
    qtbot.keyClicks(timeline.filters.text, "SESSIONS")

    qtbot.waitUntil(lambda: descriptions(timeline) == ["Sessions revoked"])


def test_time_window_control(qtbot, timeline) -> None:
    filters = timeline.filters
    filters.from_edit.setDateTime(wall_clock(2024, 5, 2, 11, 0))
    filters.to_edit.setDateTime(wall_clock(2024, 5, 2, 12, 0))
    filters.from_check.setChecked(True)
    filters.to_check.setChecked(True)

    # The window is wall-clock time in Europe/Berlin: 09:00 to 10:00 UTC.
    qtbot.waitUntil(lambda: descriptions(timeline) == ["Impossible-travel alert"])

    filters.from_check.setChecked(False)
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 2)


def test_zone_change_keeps_window(qtbot, timeline) -> None:
    filters = timeline.filters
    filters.from_edit.setDateTime(wall_clock(2024, 5, 2, 11, 0))
    filters.from_check.setChecked(True)
    before = filters.values().start

    timeline.zone.setEditText("Asia/Tokyo")
    timeline.zone.lineEdit().editingFinished.emit()

    assert timeline.zone_name == "Asia/Tokyo"
    assert filters.values().start == before
    displayed = filters.from_edit.dateTime().time()
    assert (displayed.hour(), displayed.minute()) == (18, 0)


def test_filter_kept_after_edit(qtbot, timeline) -> None:
    kind = timeline.filters.kind
    kind.setCurrentIndex(kind.findData(EventKind.CONTAINMENT.value))
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 1)

    timeline.context.reload()

    assert descriptions(timeline) == ["Sessions revoked"]


def test_header_click_sorts(qtbot, timeline) -> None:
    header = timeline.view.horizontalHeader()

    timeline.view.sortByColumn(TIME, Qt.SortOrder.DescendingOrder)
    assert descriptions(timeline) == [
        "Sessions revoked",
        "Impossible-travel alert",
        "Phishing mail opened",
    ]

    timeline.view.sortByColumn(DESCRIPTION, Qt.SortOrder.AscendingOrder)
    assert descriptions(timeline) == sorted(descriptions(timeline))
    assert header.sortIndicatorSection() == DESCRIPTION


def test_sort_kept_after_reload(qtbot, timeline) -> None:
    timeline.view.sortByColumn(TIME, Qt.SortOrder.DescendingOrder)
    timeline.view.selectRow(1)

    timeline.context.reload()

    assert descriptions(timeline)[0] == "Sessions revoked"
    assert timeline.selected().description == "Impossible-travel alert"


def test_selection_follows_sort_and_filter(qtbot, timeline) -> None:
    timeline.view.selectRow(1)
    assert timeline.selected().description == "Impossible-travel alert"

    timeline.view.sortByColumn(TIME, Qt.SortOrder.DescendingOrder)
    assert timeline.selected().description == "Impossible-travel alert"
    assert timeline.view.currentIndex().row() == 1

    timeline.apply_filter(TimelineFilter(text="alert"))
    assert descriptions(timeline) == ["Impossible-travel alert"]
    assert timeline.selected().description == "Impossible-travel alert"
    assert timeline.view.currentIndex().row() == 0

    timeline.apply_filter(TimelineFilter(text="revoked"))
    assert descriptions(timeline) == ["Sessions revoked"]
    assert timeline.selected() is None

    timeline.apply_filter(TimelineFilter())
    assert timeline.proxy.rowCount() == 3
    assert timeline.count.text() == "3 events"
