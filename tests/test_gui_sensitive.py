"""Sensitive marking from dialogs, the Overview and redaction suggestions.

Every test edits the sample review in a real library file through a real
review context, then reads the file back with a fresh connection.
"""

from datetime import UTC, datetime

from conftest import stored_sample
from PySide6.QtCore import Qt

from pir_desktop.domain.entities import TimelineEvent
from pir_desktop.services import ReviewLibrary
from pir_desktop.ui.dialogs.event import EventDialog
from pir_desktop.ui.dialogs.redaction import RedactionDialog
from pir_desktop.ui.hints import SENSITIVE_MARK
from pir_desktop.ui.main_window import MainWindow
from pir_desktop.ui.tabs.attendance import ATTENDED_COLUMN
from pir_desktop.ui.tabs.overview import OverviewTab


def test_event_dialog_marks_sensitive(qtbot, context, sample_path, shown_errors):
    event = context.review.events[0]
    dialog = EventDialog(context.review.display_zone, event.occurred_at, event)
    qtbot.addWidget(dialog)
    assert not dialog.sensitive.isChecked()

    dialog.sensitive.setChecked(True)
    dialog.accept()
    assert dialog.result_value is not None
    context.update_record(event, dialog.result_value, "Edit event")

    assert stored_sample(sample_path).events[0].sensitive
    context.undo_stack.undo()
    assert not stored_sample(sample_path).events[0].sensitive
    assert shown_errors == []


def test_summary_marked_on_overview(qtbot, context, sample_path):
    tab = OverviewTab(context)
    qtbot.addWidget(tab)
    assert tab.sensitive["impact"].isChecked()
    assert not tab.sensitive["summary"].isChecked()

    tab.sensitive["summary"].click()

    assert stored_sample(sample_path).sensitive_fields == ["impact", "summary"]
    assert context.undo_stack.undoText() == "Edit sensitive fields"
    context.undo_stack.undo()
    assert stored_sample(sample_path).sensitive_fields == ["impact"]
    assert not tab.sensitive["summary"].isChecked()


def test_suggestion_marks_record(qtbot, context, sample_path, shown_errors):
    leaked = TimelineEvent(
        occurred_at=datetime(2024, 5, 2, 9, 0, tzinfo=UTC),
        description="Login from 203.0.113.7 as dana@example.com",
    )
    added = context.add_record(leaked, "Add event")
    dialog = RedactionDialog(context)
    qtbot.addWidget(dialog)
    rows = [s.record_id for s in dialog.suggestions]
    assert rows == [added.id]
    assert "dana@example.com" in dialog.table.item(0, 2).text()
    assert "IPv4" in dialog.table.item(0, 3).text()

    dialog.table.cellWidget(0, 4).click()

    marked = next(e for e in stored_sample(sample_path).events if e.id == added.id)
    assert marked.sensitive
    assert dialog.table.rowCount() == 0
    context.undo_stack.undo()
    assert dialog.table.rowCount() == 1
    assert shown_errors == []


def test_fact_suggestion_marks_field(qtbot, context, sample_path):
    facts = context.review.facts.with_changes(source="Report from ops@example.com")
    context.update_facts(facts, "Edit source")
    dialog = RedactionDialog(context)
    qtbot.addWidget(dialog)
    assert [s.field for s in dialog.suggestions] == ["source"]

    dialog.mark(dialog.suggestions[0])

    assert "source" in stored_sample(sample_path).sensitive_fields
    assert dialog.suggestions == []


def test_attendance_toggled_on_overview(qtbot, context, sample_path):
    tab = OverviewTab(context)
    qtbot.addWidget(tab)
    model = tab.participants.model
    row = next(i for i, p in enumerate(model.records) if not p.attended)
    name = model.records[row].name
    index = model.index(row, ATTENDED_COLUMN)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)

    by_name = {p.name: p for p in stored_sample(sample_path).participants}
    assert by_name[name].attended
    assert model.index(row, ATTENDED_COLUMN).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    context.undo_stack.undo()
    by_name = {p.name: p for p in stored_sample(sample_path).participants}
    assert not by_name[name].attended


def test_sensitive_row_marked(qtbot, context):
    tab = OverviewTab(context)
    qtbot.addWidget(tab)
    participant = context.review.participants[0]
    after = participant.with_changes(sensitive=True)
    context.update_record(participant, after, "Mark participant sensitive")

    first = tab.participants.model.index(0, 0).data()
    assert first == f"{SENSITIVE_MARK} {participant.name}"


def test_menu_opens_suggestions(qtbot, sample_path):
    window = MainWindow(ReviewLibrary.open(sample_path))
    qtbot.addWidget(window)
    assert window.redaction.action.shortcut().toString() == "Ctrl+Shift+R"

    window.redaction.action.trigger()

    dialog = window.redaction.dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.close()
