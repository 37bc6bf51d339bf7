"""The timeline benchmark script runs end to end on a small generated review."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "timeline_bench.py"
FIGURES = (
    "open to first rows painted / raw sqlite3 fetch:",
    "open until every event is loaded and painted / raw sqlite3 fetch",
    "sort and filter proxy / sorted and scan:",
    "slack import / json and executemany of the same rows:",
    "slack import / json and executemany into a plain 24-column table",
    "peak RSS, review open - bare window:",
)


def test_timeline_bench_prints_figures():
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, str(SCRIPT), "--events", "200", "--repeat", "1"]
    result = subprocess.run(
        command, capture_output=True, text=True, env=environment, timeout=300
    )
    assert result.returncode == 0, result.stderr
    for figure in FIGURES:
        assert figure in result.stdout
    assert "events imported: 200" in result.stdout
    assert "full collection after open" in result.stdout
