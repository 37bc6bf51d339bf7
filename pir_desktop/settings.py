"""User preferences as a typed pydantic model, stored as JSON in the config folder.

PIR_DESKTOP_CONFIG_DIR overrides the folder, which tests use to start from
fresh settings. A missing, unreadable or invalid file gives the defaults and a
logged warning, never an error.
"""

import logging
import os
from enum import StrEnum
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .fileio import write_atomic
from .paths import APP_NAME

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
MAX_RECENT = 10
CONFIG_DIR_VARIABLE = "PIR_DESKTOP_CONFIG_DIR"


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class WindowState(BaseModel):
    """Geometry and splitter state of one window, as base64 of Qt's saved bytes."""

    geometry: str = ""
    splitter: str = ""


class Settings(BaseModel):
    """Preferences that outlive one run of the app."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    recent_libraries: list[str] = Field(default_factory=list, max_length=MAX_RECENT)
    # Library path (resolved, as text) to the reference of the review last shown.
    last_review: dict[str, str] = Field(default_factory=dict)
    # IANA zone name for times without a review's own zone. Empty means local time.
    # The Timeline tab shows times in this zone; empty means each review's own.
    display_zone: str = ""
    theme: Theme = Theme.SYSTEM
    windows: dict[str, WindowState] = Field(default_factory=dict)
    presenter_font_scale: float = Field(default=1.0, ge=0.5, le=3.0)

    @field_validator("recent_libraries", mode="before")
    @classmethod
    def _keep_newest(cls, paths: object) -> object:
        return paths[:MAX_RECENT] if isinstance(paths, list) else paths

    @field_validator("display_zone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        if zone and zone not in _zone_names():
            raise ValueError(f"unknown time zone {zone!r}")
        return zone

    def add_recent(self, path: Path) -> None:
        """Put a library first in the recent list, keeping at most MAX_RECENT."""
        text = str(Path(path).resolve())
        others = [p for p in self.recent_libraries if p != text]
        self.recent_libraries = [text, *others][:MAX_RECENT]

    def remove_recent(self, path: Path | str) -> None:
        text = str(Path(path).resolve())
        self.recent_libraries = [p for p in self.recent_libraries if p != text]
        self.last_review.pop(text, None)

    def remember_review(self, library: Path, reference: str) -> None:
        self.last_review = {**self.last_review, str(Path(library).resolve()): reference}


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def config_dir() -> Path:
    """Return PIR_DESKTOP_CONFIG_DIR if set, else the user config folder."""
    override = os.environ.get(CONFIG_DIR_VARIABLE)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; return the defaults if it is missing or invalid."""
    path = settings_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        log.warning("Settings file %s not read, using defaults: %s", path, exc)
        return Settings()

    try:
        return Settings.model_validate_json(text)
    except ValidationError as exc:
        log.warning("Settings file %s is invalid, using defaults: %s", path, exc)
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings atomically; log and return False if writing fails."""
    path = settings_path() if path is None else path
    data = (settings.model_dump_json(indent=2) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        log.warning("Settings file %s not written: %s", path, exc)
        return False
    return True
