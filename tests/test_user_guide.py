"""The user guide shows every tab, and its screenshots come from the script."""

import re
import subprocess
import sys
from pathlib import Path

from pir_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "user-guide.md"
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import slug  # noqa: E402


def test_guide_has_image_per_tab(qtbot, library) -> None:
    window = MainWindow(library)
    qtbot.addWidget(window)
    guide = GUIDE.read_text(encoding="utf-8")
    images = set(re.findall(r"!\[[^\]]*\]\((images/[^)]+\.png)\)", guide))

    for index in range(window.tabs.count()):
        image = f"images/tab-{slug(window.tabs.tabText(index))}.png"
        assert image in images, f"{GUIDE.name} has no screenshot {image}"
        assert (GUIDE.parent / image).is_file(), f"{image} is missing"


def test_screenshot_script_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "scripts/screenshots.py", "--output", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in tmp_path.glob("tab-*.png"))
    committed = sorted(
        path.name for path in (GUIDE.parent / "images").glob("tab-*.png")
    )
    assert written == committed
    for path in tmp_path.glob("tab-*.png"):
        assert path.stat().st_size < 400_000, f"{path.name} is too large"
