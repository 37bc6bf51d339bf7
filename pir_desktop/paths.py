"""Locations of bundled resources and of the user's data folders."""

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "pir-desktop"


def resources_dir() -> Path:
    """Return the folder with the bundled font, procedure, sample and icons.

    PIR_DESKTOP_RESOURCES overrides it; a PyInstaller bundle keeps it next to
    the unpacked code; a source checkout keeps it at the top level.
    """
    override = os.environ.get("PIR_DESKTOP_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def forms_dir() -> Path:
    """Return the folder with the Qt Designer files."""
    return resources_dir().parent / "forms"


def user_log_dir() -> Path:
    """Return the folder for the rotating log file, creating it if needed."""
    path = Path(platformdirs.user_log_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
