"""Importing a timeline through the Timeline tab: source, mapping, preview, apply."""

from pathlib import Path

import pytest
from conftest import stored_review
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog

from pir_desktop.domain.enums import EventKind, Provenance
from pir_desktop.importers.csv_events import ColumnMapping
from pir_desktop.services.timeline_import import ImportFormat
from pir_desktop.ui import errors
from pir_desktop.ui.dialogs.import_mapping import ColumnMappingDialog
from pir_desktop.ui.dialogs.import_preview import ImportPreviewDialog
from pir_desktop.ui.dialogs.import_source import ImportRequest, ImportSourceDialog
from pir_desktop.ui.tabs.timeline import TimelineTab
from pir_desktop.ui.timeline.importing import TimelineImporter

FIXTURES = Path(__file__).parent / "fixtures" / "timeline"
CSV_TEXT = """When,Zone,What happened,Type,Who,Ref
2024-05-02 09:20,UTC,Mail gateway quarantined the campaign,containment,system,R1
2024-05-02 09:40,UTC,On-call lead opened the bridge,communication,defender,R2
2024-05-02 10:05,Europe/Berlin,Firewall rule pushed,containment,defender,R3
not a time,UTC,Broken row,other,defender,R4
"""


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    return path


def choose_source(qtbot, importer: TimelineImporter, format, path=None, text=""):
    dialog = importer.start()
    dialog.set_format(format)
    if path is not None:
        dialog.path.setText(str(path))
    dialog.paste.setPlainText(text)
    dialog.zone.setCurrentText("UTC")
    dialog.accept()


def map_columns(qtbot, importer: TimelineImporter) -> ColumnMappingDialog:
    qtbot.waitUntil(lambda: importer.mapping_dialog is not None)
    dialog = importer.mapping_dialog
    assert dialog is not None
    dialog.show_mapping(
        ColumnMapping(
            time="When",
            zone="Zone",
            description="What happened",
            kind="Type",
            actor="Who",
            source_key="Ref",
        )
    )
    return dialog


def wait_preview(qtbot, importer: TimelineImporter) -> ImportPreviewDialog:
    qtbot.waitUntil(lambda: importer.preview_dialog is not None, timeout=10_000)
    dialog = importer.preview_dialog
    assert dialog is not None
    return dialog


def import_csv(qtbot, tab: TimelineTab, path: Path) -> ImportPreviewDialog:
    importer = tab.importer
    importer.preview_dialog = None
    choose_source(qtbot, importer, ImportFormat.CSV, path)
    map_columns(qtbot, importer).accept()
    return wait_preview(qtbot, importer)


def test_csv_preview_lists_rows(qtbot, timeline, csv_file) -> None:
    preview = import_csv(qtbot, timeline, csv_file)

    assert len(preview.preview.new) == 3
    assert len(preview.preview.errors) == 1
    assert preview.preview.errors[0].line == 5
    assert preview.error_group.child(0).text(0) == "5"
    assert "not a time" in preview.error_group.child(0).text(2)
    assert preview.accepted_rows() == {2, 3, 4}
    preview.reject()


def test_error_row_shows_file_line(qtbot, timeline, csv_file) -> None:
    preview = import_csv(qtbot, timeline, csv_file)

    item = preview.error_group.child(0)

    assert item.text(0) == "5"
    assert item.text(1) == preview.preview.errors[0].location
    preview.reject()


def test_check_all_and_none(qtbot, timeline, csv_file) -> None:
    preview = import_csv(qtbot, timeline, csv_file)

    preview.set_all_checked(False)
    assert preview.accepted_rows() == set()
    assert not preview.apply_button.isEnabled()

    preview.set_all_checked(True)
    assert preview.accepted_rows() == {2, 3, 4}
    assert preview.apply_button.isEnabled()
    preview.reject()


def test_csv_apply_accepted_rows(qtbot, timeline, csv_file, library_path) -> None:
    preview = import_csv(qtbot, timeline, csv_file)
    preview.set_checked(3, False)
    preview.apply_button.click()

    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 5)
    stored = stored_review(library_path).events
    imported = [e for e in stored if e.provenance is Provenance.IMPORTED]
    assert {e.source_key for e in imported} == {"csv:R1", "csv:R3"}
    assert {e.kind for e in imported} == {EventKind.CONTAINMENT}
    assert timeline.importer.progress_values[-1] == 100


def test_reimport_shows_unchanged(qtbot, timeline, csv_file) -> None:
    first = import_csv(qtbot, timeline, csv_file)
    first.set_checked(3, False)
    first.apply_button.click()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 5)

    second = import_csv(qtbot, timeline, csv_file)

    assert len(second.preview.unchanged) == 2
    assert [row for row, _ in second.preview.new] == [3]
    assert second.unchanged_group.childCount() == 2
    second.reject()


def test_changed_row_listed_as_updated(qtbot, timeline, csv_file) -> None:
    first = import_csv(qtbot, timeline, csv_file)
    first.apply_button.click()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 6)
    csv_file.write_text(
        CSV_TEXT.replace("Firewall rule pushed", "Firewall rule pushed to edge"),
        encoding="utf-8",
    )

    second = import_csv(qtbot, timeline, csv_file)

    assert len(second.preview.updated) == 1
    item = second.updated_group.child(0)
    assert item.text(3) == "description"
    assert item.child(0).text(2) == (
        "Firewall rule pushed → Firewall rule pushed to edge"
    )
    second.apply_button.click()
    qtbot.waitUntil(
        lambda: any(
            "to edge" in timeline.proxy.event_at(row).description
            for row in range(timeline.proxy.rowCount())
        )
    )


def test_import_undone_in_one_step(
    qtbot, window, timeline, csv_file, library_path
) -> None:
    preview = import_csv(qtbot, timeline, csv_file)
    preview.apply_button.click()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 6)
    assert window.actions.undo.text() == "&Undo Import 3 timeline events"

    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 3)
    assert len(stored_review(library_path).events) == 3

    window.actions.redo.trigger()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 6)
    assert len(stored_review(library_path).events) == 6


def test_slack_export_imported(qtbot, timeline, library_path) -> None:
    importer = timeline.importer
    choose_source(qtbot, importer, ImportFormat.SLACK, FIXTURES / "slack")
    preview = wait_preview(qtbot, importer)
    count = len(preview.preview.new)
    assert count > 0
    preview.apply_button.click()

    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 3 + count)
    stored = stored_review(library_path).events
    slack = [e for e in stored if e.provenance is Provenance.IMPORTED]
    assert len(slack) == count
    assert all(e.source_key for e in slack)


def test_slack_export_written_in_test(qtbot, timeline, tmp_path) -> None:
    export = tmp_path / "export"
    (export / "ir").mkdir(parents=True)
    (export / "channels.json").write_text('[{"id": "C1", "name": "ir"}]')
    (export / "users.json").write_text(
        '[{"id": "U1", "name": "dana", "real_name": "Dana Reyes"}]'
    )
    (export / "ir" / "2024-05-02.json").write_text(
        '[{"type": "message", "user": "U1", "text": "Bridge opened",'
        ' "ts": "1714640400.000100"}]'
    )
    importer = timeline.importer
    choose_source(qtbot, importer, ImportFormat.SLACK, export)
    preview = wait_preview(qtbot, importer)

    assert len(preview.preview.new) == 1
    assert "Bridge opened" in preview.preview.new[0][1].description
    preview.reject()


def test_pasted_lines_imported(qtbot, timeline, library_path) -> None:
    importer = timeline.importer
    text = "2024-05-02 09:30 UTC Firewall rule pushed\nnot a timeline line\n"
    choose_source(qtbot, importer, ImportFormat.TEXT, text=text)
    preview = wait_preview(qtbot, importer)

    assert len(preview.preview.new) == 1
    assert len(preview.preview.errors) == 1
    preview.apply_button.click()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 4)


def test_cancel_leaves_timeline_unchanged(
    qtbot, timeline, library_path, shown_errors
) -> None:
    importer = timeline.importer
    lines = "\n".join(f"2024-05-02 09:{n % 60:02d} UTC line {n}" for n in range(5000))
    request = ImportRequest(ImportFormat.TEXT, None, lines, "UTC")

    with qtbot.waitSignal(importer.finished, timeout=10_000) as outcome:
        importer.run(request, None)
        assert importer.progress is not None
        importer.progress.canceled.emit()

    assert outcome.args == ["cancelled"]
    assert importer.preview_dialog is None
    assert timeline.proxy.rowCount() == 3
    assert len(stored_review(library_path).events) == 3
    assert shown_errors == []


def test_preview_rejected_stores_nothing(qtbot, timeline, csv_file, library_path):
    preview = import_csv(qtbot, timeline, csv_file)
    preview.reject()

    assert len(stored_review(library_path).events) == 3


def test_mapping_saved_and_loaded(qtbot, timeline, csv_file, tmp_path) -> None:
    importer = timeline.importer
    choose_source(qtbot, importer, ImportFormat.CSV, csv_file)
    dialog = map_columns(qtbot, importer)
    saved = tmp_path / "mapping.json"
    dialog.choose_save_path = lambda: saved
    dialog._save()
    assert ColumnMapping.load(saved).description == "What happened"

    dialog.combos["description"].setCurrentIndex(0)
    dialog.choose_open_path = lambda: saved
    dialog._load()
    assert dialog.combos["description"].currentData() == "What happened"
    dialog.reject()


def test_ctrl_i_opens_import(qtbot, window, timeline) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentIndex(0)

    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: timeline.importer.source_dialog is not None)
    assert window.tabs.currentWidget() is timeline
    timeline.importer.source_dialog.reject()


def test_source_labels_have_buddies(qtbot) -> None:
    dialog = ImportSourceDialog("UTC")
    qtbot.addWidget(dialog)

    mnemonic_labels = [
        label for label in dialog.findChildren(QLabel) if "&" in label.text()
    ]

    assert mnemonic_labels
    for label in mnemonic_labels:
        assert label.buddy() is not None, label.text()


def test_fast_failure_hides_progress(qtbot, timeline, tmp_path, monkeypatch) -> None:
    not_export = tmp_path / "notes"
    not_export.mkdir()
    (not_export / "readme.txt").write_text("not a Slack export")
    progress_shown: list[bool] = []

    def modal_error(_parent, _title, _text) -> None:
        # A real message box runs a nested event loop until the user closes it.
        loop = QEventLoop()
        QTimer.singleShot(600, loop.quit)
        loop.exec()
        progress_shown.append(
            any(
                isinstance(widget, QProgressDialog) and widget.isVisible()
                for widget in QApplication.topLevelWidgets()
            )
        )

    monkeypatch.setattr(errors, "show_error", modal_error)
    importer = timeline.importer
    outcomes: list[str] = []
    importer.finished.connect(outcomes.append)

    choose_source(qtbot, importer, ImportFormat.SLACK, not_export)

    qtbot.waitUntil(lambda: outcomes == ["failed"], timeout=10_000)
    assert progress_shown == [False]


def test_source_dialog_offers_last_source(
    qtbot, timeline, tmp_path, shown_errors
) -> None:
    export = tmp_path / "notes"
    export.mkdir()
    importer = timeline.importer
    choose_source(qtbot, importer, ImportFormat.SLACK, export)
    importer.cancel()

    dialog = importer.start()

    assert dialog.chosen_format() is ImportFormat.SLACK
    assert dialog.path.text() == str(export)
    assert dialog.zone.currentText() == "UTC"
    dialog.reject()
