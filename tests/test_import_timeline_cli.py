"""`pir-desktop import-timeline` in a subprocess: messages, counts, exit status."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_process import run_cli

TIMELINE = Path(__file__).parent / "fixtures" / "timeline"


def run_import(
    library: Path, *arguments: str | Path
) -> subprocess.CompletedProcess[str]:
    return run_cli("import-timeline", library, *arguments)


def slack_export(folder: Path, messages: list[object], users: bool = True) -> Path:
    (folder / "incident").mkdir(parents=True)
    day = folder / "incident" / "2024-05-01.json"
    day.write_text(json.dumps(messages, indent=1), encoding="utf-8")
    if users:
        users_file = folder / "users.json"
        users_file.write_text('[{"id": "U1", "real_name": "Dana Reyes"}]')
    return folder


MESSAGES = [
    {"ts": "1714557600.000100", "user": "U1", "text": "Paging on-call"},
    {"ts": "1714557700.000100", "user": "U1", "text": "Bridge opened"},
]


def test_missing_users_is_warning(library_file: Path, tmp_path: Path) -> None:
    export = slack_export(tmp_path / "export", MESSAGES, users=False)
    result = run_import(library_file, "--format", "slack", export)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("warning: users.json: not found, so messages show")
    assert "line 0" not in result.stdout
    assert lines[-1] == "added 2, updated 0, unchanged 0, rejected 0, warnings 1"


def test_rejected_row_with_warning_exits_1(library_file: Path, tmp_path: Path) -> None:
    messages = [*MESSAGES, {"ts": "1714557800.000100", "user": "U1", "text": 5}]
    export = slack_export(tmp_path / "export", messages, users=False)
    result = run_import(library_file, "--format", "slack", export)
    assert result.returncode == 1
    assert "incident/2024-05-01.json line 12 (message 3): " in result.stdout
    last = result.stdout.splitlines()[-1]
    assert last == "added 2, updated 0, unchanged 0, rejected 1, warnings 1"


def test_empty_message_exits_0(library_file: Path, tmp_path: Path) -> None:
    messages = [*MESSAGES, {"ts": "1714557800.000100", "user": "U1", "text": ""}]
    export = slack_export(tmp_path / "export", messages)
    result = run_import(library_file, "--format", "slack", export)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "warning: incident/2024-05-01.json line 12 (message 3): "
    )
    assert "no text, rich text, attachment or file" in lines[0]
    assert lines[-1] == "added 2, updated 0, unchanged 0, rejected 0, warnings 1"


def test_clean_slack_import_exits_0(library_file: Path, tmp_path: Path) -> None:
    export = slack_export(tmp_path / "export", MESSAGES)
    result = run_import(library_file, "--format", "slack", export)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "added 2, updated 0, unchanged 0, rejected 0\n"


def test_not_an_export_fails(library_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "notexport"
    folder.mkdir()
    (folder / "readme.txt").write_text("notes")
    result = run_import(library_file, "--format", "slack", folder)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{folder} is not a Slack export" in result.stderr
    assert "users.json" in result.stderr


def test_nested_zip_imports(library_file: Path, tmp_path: Path) -> None:
    export = slack_export(tmp_path / "wrap" / "export", MESSAGES)
    archive = shutil.make_archive(
        str(tmp_path / "nested"), "zip", tmp_path / "wrap", "export"
    )
    result = run_import(library_file, "--format", "slack", archive)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "added 2, updated 0, unchanged 0, rejected 0\n"
    assert export.is_dir()


@pytest.mark.parametrize("format", ["json", "slack", "pagerduty"])
def test_zone_rejected_for_zoned_formats(library_file: Path, format: str) -> None:
    source = TIMELINE / {"json": "events.json", "slack": "slack"}.get(
        format, "pagerduty.json"
    )
    result = run_import(
        library_file, "--format", format, "--zone", "Europe/London", source
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert (
        f"--zone applies only to --format csv and text, not {format}" in result.stderr
    )


def test_invalid_zone_reported_once(library_file: Path, tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("2024-05-01 10:00 first\n2024-05-01 10:05 second\n")
    result = run_import(library_file, "--format", "text", "--zone", "Mars/Base", lines)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "pir-desktop import-timeline: error: invalid --zone 'Mars/Base': use an "
        "IANA name such as Europe/London, UTC, or an offset such as +01:00"
    ]


def test_zone_applies_to_text(library_file: Path, tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("2024-05-01 10:00 first\n")
    result = run_import(library_file, "--format", "text", "--zone", "+09:00", lines)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "added 1, updated 0, unchanged 0, rejected 0\n"


def test_missing_file_plain(library_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run_import(library_file, "--format", "text", missing)
    assert result.returncode == 1
    assert result.stderr == (
        f"pir-desktop import-timeline: error: {missing} not found: check the path\n"
    )


def test_folder_for_file_format_plain(library_file: Path, tmp_path: Path) -> None:
    result = run_import(library_file, "--format", "text", tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path} is a folder: choose a file" in result.stderr
    assert "Errno" not in result.stderr
