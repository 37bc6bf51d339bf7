"""Running the pir-desktop command line in a subprocess, as a user would."""

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m pir_desktop` with the arguments and capture its output."""
    command = [sys.executable, "-m", "pir_desktop", *map(str, arguments)]
    environment = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
