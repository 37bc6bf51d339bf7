"""The fault-tree command run in a subprocess, as a user runs it."""

import json
import subprocess
from pathlib import Path

import pytest
from cli_process import run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_cli("fault-tree", *args)


def test_prints_analysis_json() -> None:
    result = run(FIXTURES / "faulttree_noncoherent.xml")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["top"] == "T"
    assert report["coherent"] is False
    assert report["minimal_cut_sets"] == [["NOT a", "c"], ["a", "b"], ["b", "c"]]
    assert report["probability"] == {
        "exact": pytest.approx(0.29),
        "rare_event": None,
        "min_cut_upper_bound": None,
        "missing_probabilities": [],
    }
    assert "observed" not in report


def test_observed_option_adds_matches() -> None:
    result = run(FIXTURES / "faulttree_breach.xml", "--observed")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["coherent"] is True
    assert report["probability"]["exact"] == pytest.approx(0.084)
    assert report["observed"]["completed"] == []
    assert report["observed"]["partial"][0] == {
        "cut_set": ["alert_missed", "dlp_off", "phish"],
        "missing": ["alert_missed"],
    }


def test_malformed_file_exits_one(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<opsa-mef>\n<define-fault-tree name='x'>\n</opsa-mef>\n")

    result = run(path)

    assert result.returncode == 1
    assert result.stdout == ""
    assert "pir-desktop fault-tree: error: invalid XML: mismatched tag: line 3" in (
        result.stderr
    )


def test_missing_file_exits_one(tmp_path: Path) -> None:
    result = run(tmp_path / "absent.xml")

    assert result.returncode == 1
    assert "absent.xml" in result.stderr
