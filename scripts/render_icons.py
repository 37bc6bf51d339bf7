"""Render the app icon's PNG sizes from resources/icons/pir-desktop.svg with Qt.

Writes resources/icons/hicolor/SIZExSIZE/apps/pir-desktop.png, the layout of
the freedesktop hicolor icon theme, for SIZE in 48, 128 and 256.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (48, 128, 256)


def render(svg: Path, size: int, output: Path) -> None:
    """Draw the SVG into a transparent square PNG of `size` pixels."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    output.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(output), "PNG"):
        raise SystemExit(f"render_icons: could not write {output}")


def main(icons: Path = ICONS) -> list[Path]:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    written = []
    for size in SIZES:
        output = icons / "hicolor" / f"{size}x{size}" / "apps" / "pir-desktop.png"
        render(icons / "pir-desktop.svg", size, output)
        written.append(output)
        print(f"wrote {output}")
    del app
    return written


if __name__ == "__main__":
    main()
