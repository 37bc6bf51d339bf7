"""The event dialog's new fields, local-time checks and the milestone metrics."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import stored_review, wall_clock

from pir_desktop.domain.enums import Actor, Milestone
from pir_desktop.domain.local_times import AmbiguousTimeError, localize
from pir_desktop.ui.dialogs.event import EventDialog, offset_choice
from pir_desktop.ui.tabs.timeline import TimelineTab
from pir_desktop.ui.timeline.model import PRECISION


def new_dialog(tab: TimelineTab, description: str) -> EventDialog:
    dialog = tab.add_event()
    assert dialog is not None
    dialog.zone.setCurrentText("UTC")
    dialog.occurred.setDateTime(wall_clock(2024, 5, 2, 10, 0))
    dialog.description.setPlainText(description)
    return dialog


def stored_event(path: Path, description: str):
    events = stored_review(path).events
    return next(event for event in events if event.description == description)


def test_new_fields_stored_and_shown(qtbot, timeline, library_path) -> None:
    dialog = new_dialog(timeline, "Provider blocked the source range")
    dialog.actor.setCurrentIndex(dialog.actor.findData(Actor.THIRD_PARTY.value))
    dialog.actor_role.setText("hosting provider")
    dialog.milestone.setCurrentIndex(
        dialog.milestone.findData(Milestone.CONTAINMENT.value)
    )
    dialog.attack.setText("t1059.001")
    dialog.evidence.setPlainText("https://tickets.example/INC-42\n\n  case/pcap-7  ")
    dialog.alternative_check.setChecked(True)
    dialog.alternative.setDateTime(wall_clock(2024, 5, 2, 10, 20))
    dialog.alternative_source.setText("Firewall log")
    dialog.accept()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 4)

    stored = stored_event(library_path, "Provider blocked the source range")
    assert stored.actor is Actor.THIRD_PARTY
    assert stored.actor_role == "hosting provider"
    assert stored.milestone is Milestone.CONTAINMENT
    assert stored.attack_technique == "T1059.001"
    assert stored.evidence_links == ["https://tickets.example/INC-42", "case/pcap-7"]
    assert stored.alternative_at == datetime(2024, 5, 2, 10, 20, tzinfo=UTC)
    assert stored.alternative_source == "Firewall log"

    timeline.select(stored.id)
    edit = timeline.edit_event()
    assert edit is not None
    assert edit.actor.currentData() == Actor.THIRD_PARTY.value
    assert edit.actor_role.text() == "hosting provider"
    assert edit.milestone.currentData() == Milestone.CONTAINMENT.value
    assert edit.attack.text() == "T1059.001"
    assert edit.evidence.toPlainText().splitlines() == stored.evidence_links
    assert edit.alternative_check.isChecked()
    assert edit.alternative_source.text() == "Firewall log"
    edit.reject()


def test_ticked_end_starts_at_event_time(qtbot, timeline) -> None:
    dialog = new_dialog(timeline, "Token revoked")
    dialog.occurred.setDateTime(wall_clock(2024, 5, 3, 14, 45))

    dialog.end_check.setChecked(True)
    dialog.alternative_check.setChecked(True)

    assert dialog.end.dateTime() == dialog.occurred.dateTime()
    assert dialog.alternative.dateTime() == dialog.occurred.dateTime()
    dialog.reject()


def test_edit_keeps_stored_end(qtbot, timeline, library_path) -> None:
    dialog = new_dialog(timeline, "Outage window")
    dialog.end_check.setChecked(True)
    dialog.end.setDateTime(wall_clock(2024, 5, 2, 13, 0))
    dialog.accept()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 4)
    stored = stored_event(library_path, "Outage window")

    timeline.select(stored.id)
    edit = timeline.edit_event()

    assert edit is not None
    assert edit.end.dateTime() == wall_clock(2024, 5, 2, 13, 0)
    edit.reject()


def test_disputed_marker_in_table(qtbot, timeline) -> None:
    dialog = new_dialog(timeline, "Disputed login")
    dialog.alternative_check.setChecked(True)
    dialog.alternative.setDateTime(wall_clock(2024, 5, 2, 9, 50))
    dialog.alternative_source.setText("VPN log")
    dialog.accept()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 4)

    texts = [
        timeline.proxy.data(timeline.proxy.index(row, PRECISION)) for row in range(4)
    ]
    assert sum("disputed" in text for text in texts) == 1


def test_invalid_attack_id_names_field(timeline, shown_errors, library_path) -> None:
    dialog = new_dialog(timeline, "Bad technique")
    dialog.attack.setText("X1190")
    dialog.accept()

    assert len(shown_errors) == 1
    assert "ATT&CK technique" in shown_errors[0][1]
    assert "X1190" in shown_errors[0][1]
    assert dialog.isVisible()
    assert len(stored_review(library_path).events) == 3
    dialog.reject()


def test_alternative_needs_source(timeline, shown_errors) -> None:
    dialog = new_dialog(timeline, "No source for the other time")
    dialog.alternative_check.setChecked(True)
    dialog.accept()

    assert len(shown_errors) == 1
    assert "alternative_source" in shown_errors[0][1]
    dialog.reject()


def test_dst_gap_rejected(timeline, shown_errors, library_path) -> None:
    dialog = new_dialog(timeline, "In the gap")
    dialog.zone.setCurrentText("Europe/Berlin")
    dialog.occurred.setDateTime(wall_clock(2024, 3, 31, 2, 30))
    dialog.accept()

    assert len(shown_errors) == 1
    assert "does not exist in Europe/Berlin" in shown_errors[0][1]
    assert dialog.isVisible()
    assert len(stored_review(library_path).events) == 3
    dialog.reject()


@pytest.mark.parametrize(
    ("fold", "utc_hour"),
    [(0, 0), (1, 1)],
)
def test_ambiguous_time_uses_chosen_offset(
    qtbot, monkeypatch, timeline, library_path, fold: int, utc_hour: int
) -> None:
    asked: list[AmbiguousTimeError] = []

    def choose(_dialog: EventDialog, error: AmbiguousTimeError) -> int:
        asked.append(error)
        return fold

    monkeypatch.setattr(EventDialog, "choose_fold", choose)
    dialog = new_dialog(timeline, "Fall-back time")
    dialog.zone.setCurrentText("Europe/Berlin")
    dialog.occurred.setDateTime(wall_clock(2024, 10, 27, 2, 30))
    dialog.accept()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 4)

    assert len(asked) == 1
    assert [str(offset) for offset in asked[0].offsets] == ["2:00:00", "1:00:00"]
    stored = stored_event(library_path, "Fall-back time")
    assert stored.occurred_at == datetime(2024, 10, 27, utc_hour, 30, tzinfo=UTC)


def test_ambiguous_time_unanswered_rejected(
    monkeypatch, timeline, shown_errors
) -> None:
    monkeypatch.setattr(EventDialog, "choose_fold", lambda _dialog, _error: None)
    dialog = new_dialog(timeline, "Unanswered")
    dialog.zone.setCurrentText("Europe/Berlin")
    dialog.occurred.setDateTime(wall_clock(2024, 10, 27, 2, 30))
    dialog.accept()

    assert len(shown_errors) == 1
    assert "occurs twice" in shown_errors[0][1]
    dialog.reject()


def test_unchanged_ambiguous_time_not_asked(
    qtbot, monkeypatch, timeline, library_path
) -> None:
    monkeypatch.setattr(EventDialog, "choose_fold", lambda _dialog, _error: 1)
    dialog = new_dialog(timeline, "Asked once")
    dialog.zone.setCurrentText("Europe/Berlin")
    dialog.occurred.setDateTime(wall_clock(2024, 10, 27, 2, 30))
    dialog.accept()
    qtbot.waitUntil(lambda: timeline.proxy.rowCount() == 4)
    stored = stored_event(library_path, "Asked once")

    timeline.select(stored.id)
    asked_again: list[object] = []
    monkeypatch.setattr(
        EventDialog, "choose_fold", lambda _dialog, error: asked_again.append(error)
    )
    edit = timeline.edit_event()
    assert edit is not None
    edit.description.setPlainText("Asked once, edited")
    edit.accept()

    qtbot.waitUntil(
        lambda: stored_event(library_path, "Asked once, edited") is not None
    )
    edited = stored_event(library_path, "Asked once, edited")
    assert edited.occurred_at == stored.occurred_at
    assert asked_again == []


def test_metrics_panel_shows_durations(timeline) -> None:
    values = {name: label.text() for name, label in timeline.metrics.values.items()}

    assert values["time_to_detect"] == "1 h 35 min"
    assert values["time_to_contain"] == "1 h 45 min"
    assert values["time_to_resolve"] == "4 d 6 h"
    assert values["time_to_acknowledge"] == "–"
    assert timeline.metrics.problem.isHidden()


def test_milestone_order_error_names_both(qtbot, timeline) -> None:
    dialog = new_dialog(timeline, "Early containment mark")
    dialog.occurred.setDateTime(wall_clock(2024, 5, 2, 8, 0))
    dialog.milestone.setCurrentIndex(
        dialog.milestone.findData(Milestone.CONTAINMENT.value)
    )
    dialog.accept()
    qtbot.waitUntil(lambda: not timeline.metrics.problem.isHidden())

    text = timeline.metrics.problem.text()
    assert "Early containment mark" in text
    assert "detected_at" in text


def test_overlap_choices_show_utc() -> None:
    with pytest.raises(AmbiguousTimeError) as caught:
        localize(datetime(2024, 10, 27, 1, 30), "Europe/London")

    assert offset_choice(caught.value) == [
        "Earlier: UTC offset +01:00 (00:30 UTC)",
        "Later: UTC offset +00:00 (01:30 UTC)",
    ]
