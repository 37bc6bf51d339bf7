"""The File menu's exports and JSON import, read back by the matching library."""

import csv
from datetime import date
from pathlib import Path

import pytest
from conftest import REFERENCE
from icalendar import Calendar

from pir_desktop import app
from pir_desktop.domain.entities import ActionItem
from pir_desktop.domain.enums import ActionPriority
from pir_desktop.domain.interchange import load_document
from pir_desktop.services import ReviewLibrary
from pir_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, library: ReviewLibrary) -> MainWindow:
    library.add(
        library.find(REFERENCE),
        ActionItem(
            title="Enforce phishing-resistant MFA",
            owner="Dana Reyes",
            due_date=date(2024, 6, 28),
            priority=ActionPriority.HIGH,
            success_criteria="Every admin account uses a FIDO2 key",
        ),
    )
    window = app.create_main_window(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def save_to(window: MainWindow, path: Path) -> list[str]:
    """Make the save chooser return `path`; return the titles it was asked with."""
    titles: list[str] = []

    def choose(title: str, _filter: str, _name: str) -> Path:
        titles.append(title)
        return path

    window.action_plan.choose_save_path = choose  # type: ignore[method-assign]
    return titles


def test_export_menu_entries(window) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    for text in (
        "Export actions as &CSV…",
        "Export ca&lendar (.ics)…",
        "Export &Markdown…",
        "Export &JSON…",
        "&Import JSON…",
    ):
        assert text in texts
    assert texts[-1] == "&Quit"


def test_csv_export_read_back(qtbot, window, tmp_path) -> None:
    path = tmp_path / "actions.csv"
    titles = save_to(window, path)

    window.action_plan.export_csv.trigger()

    assert titles == ["Export actions as CSV"]
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Summary"] for r in rows] == ["Enforce phishing-resistant MFA"]
    assert rows[0]["Assignee"] == "Dana Reyes"
    assert rows[0]["Due date"] == "2024-06-28"
    assert rows[0]["Priority"] == "High"
    assert str(path) in window.statusBar().currentMessage()


def test_ics_export_read_back(window, tmp_path) -> None:
    path = tmp_path / "review.ics"
    save_to(window, path)

    window.action_plan.export_ics.trigger()

    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(e.get("summary")): e for e in calendar.walk("VEVENT")}
    due = events[f"Due: Enforce phishing-resistant MFA ({REFERENCE})"]
    assert due.decoded("dtstart") == date(2024, 6, 28)
    assert f"Post-incident review due: {REFERENCE}" in events


def test_markdown_export_read_back(window, tmp_path) -> None:
    path = tmp_path / "review.md"
    save_to(window, path)

    window.action_plan.export_markdown.trigger()

    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# {REFERENCE}: Phished administrator session")
    assert "| Enforce phishing-resistant MFA | Dana Reyes | 2024-06-28 |" in text


def test_json_export_read_back(window, tmp_path) -> None:
    path = tmp_path / "review.json"
    save_to(window, path)

    window.action_plan.export_json.trigger()

    review = load_document(path.read_text(encoding="utf-8"), source=str(path))
    assert review.reference == REFERENCE
    assert [a.title for a in review.actions] == ["Enforce phishing-resistant MFA"]


def test_cancelled_chooser_writes_nothing(window, tmp_path) -> None:
    window.action_plan.choose_save_path = lambda *_: None  # type: ignore[method-assign]

    assert window.action_plan.save_json() is None
    assert list(tmp_path.glob("*.json")) == []


def test_import_conflict_changes_nothing(window, tmp_path, shown_errors) -> None:
    path = tmp_path / "review.json"
    save_to(window, path)
    window.action_plan.export_json.trigger()
    window.action_plan.choose_open_path = lambda *_: path  # type: ignore[method-assign]

    window.action_plan.import_json.trigger()

    assert shown_errors[0][0] == "Review not imported"
    assert "is already in" in shown_errors[0][1]
    assert len(window.context.library.reviews()) == 1
    assert window.reviews.list.count() == 1


def test_import_into_other_library(qtbot, window, tmp_path) -> None:
    path = tmp_path / "review.json"
    save_to(window, path)
    window.action_plan.export_json.trigger()
    other = ReviewLibrary.create(tmp_path / "other.pir")
    window.set_library(other)
    assert window.reviews.list.count() == 0
    window.action_plan.choose_open_path = lambda *_: path  # type: ignore[method-assign]

    window.action_plan.import_json.trigger()

    qtbot.waitUntil(lambda: window.reviews.list.count() == 1)
    assert window.context.review is not None
    assert window.context.review.reference == REFERENCE
    assert [a.title for a in window.context.review.actions] == [
        "Enforce phishing-resistant MFA"
    ]
