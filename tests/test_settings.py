"""Settings: typed, stored as JSON in the config folder, and safe to load."""

import json
import logging
from pathlib import Path

import pytest
from conftest import REFERENCE
from PySide6.QtWidgets import QApplication

from pir_desktop.services import ReviewLibrary
from pir_desktop.settings import (
    MAX_RECENT,
    Settings,
    Theme,
    load_settings,
    save_settings,
    settings_path,
)
from pir_desktop.ui.main_window import MainWindow
from pir_desktop.ui.tabs.timeline import TimelineTab
from pir_desktop.ui.windows import REGISTRY


def test_path_follows_override(fresh_settings: Path) -> None:
    assert settings_path() == fresh_settings / "settings.json"


def test_missing_file_gives_defaults() -> None:
    assert load_settings() == Settings()


def test_round_trip(tmp_path: Path) -> None:
    settings = Settings(display_zone="Europe/Berlin", theme=Theme.DARK)
    settings.add_recent(tmp_path / "a.pir")
    assert save_settings(settings)
    loaded = load_settings()
    assert loaded.display_zone == "Europe/Berlin"
    assert loaded.theme is Theme.DARK
    assert loaded.recent_libraries == [str((tmp_path / "a.pir").resolve())]


def test_invalid_json_gives_defaults(caplog: pytest.LogCaptureFixture) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="pir_desktop.settings"):
        assert load_settings() == Settings()
    assert str(path) in caplog.text
    assert "invalid" in caplog.text


def test_invalid_value_gives_defaults(caplog: pytest.LogCaptureFixture) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"theme": "purple"}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="pir_desktop.settings"):
        assert load_settings().theme is Theme.SYSTEM
    assert "theme" in caplog.text


def test_unknown_zone_rejected() -> None:
    with pytest.raises(ValueError, match="Mars/Olympus"):
        Settings(display_zone="Mars/Olympus")


def test_recent_list_capped(tmp_path: Path) -> None:
    settings = Settings()
    for number in range(MAX_RECENT + 3):
        settings.add_recent(tmp_path / f"{number}.pir")
    assert len(settings.recent_libraries) == MAX_RECENT
    assert settings.recent_libraries[0].endswith(f"{MAX_RECENT + 2}.pir")


def test_recent_entry_moves_first(tmp_path: Path) -> None:
    settings = Settings()
    settings.add_recent(tmp_path / "a.pir")
    settings.add_recent(tmp_path / "b.pir")
    settings.add_recent(tmp_path / "a.pir")
    assert [Path(p).name for p in settings.recent_libraries] == ["a.pir", "b.pir"]


def test_write_is_atomic(tmp_path: Path) -> None:
    save_settings(Settings(theme=Theme.LIGHT))
    leftovers = [p.name for p in settings_path().parent.iterdir()]
    assert leftovers == ["settings.json"]


def test_settings_survive_restart(qtbot, library, library_path) -> None:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.move(40, 30)
    window.resize(760, 560)
    window.splitter.setSizes([250, 510])
    shown_size = window.size()
    REGISTRY.settings.display_zone = "America/New_York"
    window.set_theme(Theme.DARK)
    window.close()

    REGISTRY.reset()
    settings = REGISTRY.settings
    assert settings.recent_libraries == [str(library_path.resolve())]
    assert settings.last_review[str(library_path.resolve())] == REFERENCE
    assert settings.display_zone == "America/New_York"
    assert settings.theme is Theme.DARK
    assert "main" in settings.windows

    fresh = MainWindow(None)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitExposed(fresh)
    assert fresh.size() == shown_size
    assert fresh.splitter.sizes()[0] == 250
    assert fresh.actions.themes[Theme.DARK].isChecked()
    fresh.set_theme(Theme.SYSTEM)


def test_font_scale_saved(qtbot) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.actions.larger_text.trigger()
    assert REGISTRY.settings.presenter_font_scale == pytest.approx(1.1)
    window.actions.reset_text.trigger()
    REGISTRY.reset()
    assert REGISTRY.settings.presenter_font_scale == 1.0


def test_review_remembered(qtbot, library: ReviewLibrary, library_path) -> None:
    window = MainWindow(library)
    qtbot.addWidget(window)
    REGISTRY.reset()
    assert REGISTRY.settings.last_review == {str(library_path.resolve()): REFERENCE}


def test_dark_theme_palette(qtbot) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.set_theme(Theme.DARK)
    dark = QApplication.palette().window().color().value()
    window.set_theme(Theme.LIGHT)
    light = QApplication.palette().window().color().value()
    window.set_theme(Theme.SYSTEM)
    assert dark < 80
    assert light > 200


def test_display_zone_used_by_timeline(qtbot, library) -> None:
    window = MainWindow(library)
    qtbot.addWidget(window)
    timeline = window.findChild(TimelineTab)
    timeline.zone.setEditText("Asia/Tokyo")
    timeline._zone_edited()
    window.close()

    REGISTRY.reset()
    assert REGISTRY.settings.display_zone == "Asia/Tokyo"
    fresh = MainWindow(library)
    qtbot.addWidget(fresh)
    assert fresh.findChild(TimelineTab).zone_name == "Asia/Tokyo"
