"""Packaging metadata: the AppStream file, the .desktop entry, the icons, the spec."""

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
METAINFO = PACKAGING / "io.github.pirdesktop.PIRDesktop.metainfo.xml"
DESKTOP = PACKAGING / "pir-desktop.desktop"
ICONS = ROOT / "resources" / "icons"


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="appstreamcli is not installed (Debian package appstream)",
)
def test_metainfo_validates() -> None:
    result = run("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is not installed (Debian desktop-file-utils)",
)
def test_desktop_file_validates() -> None:
    result = run("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_desktop_file_opens_pir_files() -> None:
    text = DESKTOP.read_text(encoding="utf-8")
    assert "MimeType=application/x-pir-library;" in text
    assert "Exec=pir-desktop %f" in text
    mime = ElementTree.parse(PACKAGING / "pir-desktop-mime.xml").getroot()
    namespace = "{http://www.freedesktop.org/standards/shared-mime-info}"
    kind = mime.find(f"{namespace}mime-type")
    assert kind is not None
    assert kind.get("type") == "application/x-pir-library"
    assert kind.find(f"{namespace}glob").get("pattern") == "*.pir"


def test_metainfo_names_desktop_file() -> None:
    root = ElementTree.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/mediatype") == "application/x-pir-library"


@pytest.mark.parametrize("size", [48, 128, 256])
def test_png_icons_rendered(size: int) -> None:
    image = QImage(
        str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / "pir-desktop.png")
    )
    assert not image.isNull()
    assert (image.width(), image.height()) == (size, size)


def test_icon_script_runs(tmp_path: Path) -> None:
    shutil.copy(ICONS / "pir-desktop.svg", tmp_path / "pir-desktop.svg")
    code = (
        "import sys, pathlib; sys.path.insert(0, 'scripts'); import render_icons; "
        f"render_icons.main(pathlib.Path({str(tmp_path)!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "hicolor" / "256x256" / "apps" / "pir-desktop.png").is_file()


def test_spec_bundles_migrations() -> None:
    spec = (PACKAGING / "pir-desktop.spec").read_text(encoding="utf-8")
    assert '"pir_desktop/store/migrations"' in spec
    assert '"alembic.op"' in spec
    for folder in ("resources", "forms"):
        assert f'(str(root / "{folder}"), "{folder}")' in spec


def test_make_targets_present() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("package:", "package-check:", "icons:"):
        assert target in makefile
