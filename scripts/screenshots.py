"""Take a screenshot of each tab of the main window for the user guide.

Builds a library holding the bundled sample review in a temporary folder,
shows it in a 1280×800 main window, and writes docs/images/tab-SLUG.png for
each tab (SLUG is the tab title in lower case with dashes). Runs on Qt's
offscreen platform unless QT_QPA_PLATFORM is set, for example to xcb under
Xvfb. Usage: python scripts/screenshots.py [--output FOLDER]
"""

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.services.sample import sample_review  # noqa: E402
from pir_desktop.settings import CONFIG_DIR_VARIABLE  # noqa: E402

SIZE = (1280, 800)
# A 256-colour palette keeps each screenshot near a third of its RGB size,
# and window text stays sharp because a screen uses few distinct colours.
COLOURS = 256


def slug(title: str) -> str:
    """Return the file-name form of a tab title: "Root cause" → "root-cause"."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def optimise(path: Path) -> None:
    """Rewrite a PNG with a colour palette and the strongest compression."""
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(COLOURS, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)


def take_screenshots(output: Path) -> list[Path]:
    """Write one PNG per tab into `output` and return their paths."""
    from pir_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        library = ReviewLibrary.create(Path(scratch) / "sample.pir")
        library.add_review(sample_review())
        window = MainWindow(library)
        window.resize(*SIZE)
        window.show()
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            app.processEvents()
            path = output / f"tab-{slug(window.tabs.tabText(index))}.png"
            if not window.grab().save(str(path), "PNG"):
                raise SystemExit(f"screenshots: could not write {path}")
            optimise(path)
            written.append(path)
            print(f"wrote {path}")
        window.close()
        window.deleteLater()
        app.processEvents()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "docs" / "images",
        help="folder for the PNG files (default: docs/images)",
    )
    args = parser.parse_args()
    # Fresh settings, so the window ignores the user's saved size and theme.
    with tempfile.TemporaryDirectory() as config:
        os.environ[CONFIG_DIR_VARIABLE] = config
        take_screenshots(args.output)


if __name__ == "__main__":
    main()
