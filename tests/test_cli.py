"""The pir-desktop command run as a user runs it, in a subprocess."""

import hashlib
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from cli_process import run_cli
from pypdf import PdfReader

from pir_desktop.cli.handlers import ProgressLine
from pir_desktop.domain.interchange import load_document
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.exports import export_pdf

SECTIONS = (
    "Incident summary",
    "Timeline",
    "Discussion",
    "Contributing factors",
    "Why-tree",
    "Lessons learned",
    "Action plan",
    "Standards mapping",
    "Sign-off",
)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args)


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "sample.pir"
    result = run("sample", path)
    assert result.returncode == 0, result.stderr
    return path


def test_list_shows_sample(sample_file: Path) -> None:
    result = run("list", sample_file)
    assert result.returncode == 0, result.stderr
    assert "MATRIX-2019-04\tP1" in result.stdout


def test_export_pdf_has_every_section(sample_file: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.pdf"
    result = run("export-pdf", sample_file, "--review", "MATRIX-2019-04", "-o", output)
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(output).pages)
    for heading in SECTIONS:
        assert heading in text, heading
    assert "MATRIX-2019-04" in text
    assert "CVE-2019-1003000" in text


def test_export_json_round_trips(sample_file: Path, tmp_path: Path) -> None:
    output = tmp_path / "review.json"
    result = run("export-json", sample_file, "-o", output)
    assert result.returncode == 0, result.stderr
    review = load_document(output.read_text(encoding="utf-8"))
    assert review.reference == "MATRIX-2019-04"
    assert json.loads(output.read_text())["format_version"] == 1


def test_import_json_into_new_library(sample_file: Path, tmp_path: Path) -> None:
    document = tmp_path / "review.json"
    assert run("export-json", sample_file, "-o", document).returncode == 0
    target = tmp_path / "other.pir"
    result = run("import-json", target, document)
    assert result.returncode == 0, result.stderr
    assert "MATRIX-2019-04" in run("list", target).stdout


def test_export_leaves_library_unchanged(sample_file: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(sample_file.read_bytes()).hexdigest()
    assert run("export-json", sample_file, "-o", tmp_path / "r.json").returncode == 0
    assert hashlib.sha256(sample_file.read_bytes()).hexdigest() == before


def test_random_file_fails_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "random.pir"
    path.write_bytes(os.urandom(4096))
    before = path.read_bytes()
    result = run("export-pdf", path, "-o", tmp_path / "out.pdf")
    assert result.returncode == 1
    assert str(path) in result.stderr
    assert "not a PIR library" in result.stderr
    assert path.read_bytes() == before
    assert not (tmp_path / "out.pdf").exists()


def test_unknown_review_lists_references(sample_file: Path, tmp_path: Path) -> None:
    result = run(
        "export-json", sample_file, "--review", "NOPE", "-o", tmp_path / "x.json"
    )
    assert result.returncode == 1
    assert "'NOPE' not found" in result.stderr
    assert "MATRIX-2019-04" in result.stderr


def test_sample_refuses_to_overwrite(sample_file: Path) -> None:
    result = run("sample", sample_file)
    assert result.returncode == 1
    assert "--force" in result.stderr


def test_invalid_json_names_field(tmp_path: Path) -> None:
    document = tmp_path / "bad.json"
    payload = {
        "format": "pir-desktop-review",
        "format_version": 1,
        "review": {"title": "x"},
    }
    document.write_text(json.dumps(payload))
    result = run("import-json", tmp_path / "new.pir", document)
    assert result.returncode == 1
    assert "review.reference" in result.stderr
    assert not (tmp_path / "new.pir").exists()


def test_usage_error_exit_status() -> None:
    result = run("export-pdf")
    assert result.returncode == 2


def test_upgrade_old_library(tmp_path: Path) -> None:
    path = tmp_path / "old.pir"
    fixture = Path(__file__).parent / "fixtures" / "library-0001.pir"
    path.write_bytes(fixture.read_bytes())
    result = run("upgrade", path)
    assert result.returncode == 0, result.stderr
    assert "newest schema" in result.stdout
    assert (tmp_path / "old.pir.schema-0001.bak").exists()
    assert "MATRIX-2019-04" in run("list", path).stdout


class TerminalBuffer(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_terminal() -> None:
    stream = TerminalBuffer()
    progress = ProgressLine("writing a.pdf", stream)

    for done in (0, 1, 2, 4):
        progress(done, 4)
    progress.close()

    assert stream.getvalue() == (
        "\rwriting a.pdf: 0%\rwriting a.pdf: 25%\rwriting a.pdf: 50%"
        "\rwriting a.pdf: 100%\n"
    )


def test_progress_line_silent_in_pipe() -> None:
    stream = io.StringIO()
    progress = ProgressLine("writing a.pdf", stream)

    progress(1, 2)
    progress.close()

    assert stream.getvalue() == ""


def test_export_reports_progress(sample_file: Path, tmp_path: Path) -> None:
    library = ReviewLibrary.open(sample_file)
    calls: list[tuple[int, int]] = []
    review_id = library.reviews()[0].id

    def record(done: int, total: int) -> None:
        calls.append((done, total))

    export_pdf(library, review_id, tmp_path / "p.pdf", progress=record)
    library.close()

    assert calls
    assert calls[-1][0] == calls[-1][1]
