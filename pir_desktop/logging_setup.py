"""Logging to stderr and to a rotating file in the user log folder."""

import logging
import logging.handlers
from pathlib import Path

from .paths import user_log_dir

LOG_NAME = "pir-desktop.log"


def log_file() -> Path:
    return user_log_dir() / LOG_NAME


def configure_logging(level: int = logging.INFO) -> None:
    """Send log records to stderr (warnings and above) and to the rotating file."""
    root = logging.getLogger()
    if any(getattr(h, "pir_desktop", False) for h in root.handlers):
        return
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    to_file = logging.handlers.RotatingFileHandler(
        log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    to_file.setFormatter(formatter)
    to_stderr = logging.StreamHandler()
    to_stderr.setLevel(logging.WARNING)
    to_stderr.setFormatter(formatter)
    for handler in (to_file, to_stderr):
        handler.pir_desktop = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
