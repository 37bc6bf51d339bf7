"""The bundled DejaVu Sans for diagrams, and a text measure that matches the PDF's.

Text is set at a large reference pixel size and scaled down, because Qt's
integer pixel sizes and point-to-pixel conversion would otherwise round the
advances that the layout relies on. Kerning and hinting are off so that
advances equal the font's own metrics, as in ReportLab's stringWidth.
"""

import logging
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

from ...paths import resources_dir

logger = logging.getLogger(__name__)

REFERENCE_PIXELS = 64
FONT_FILE = "DejaVuSans.ttf"


@cache
def diagram_font() -> QFont:
    """Load DejaVu Sans into the application once and return it at the reference size.

    Needs a QGuiApplication. Raises FileNotFoundError when the font cannot be loaded.
    """
    path = resources_dir() / "fonts" / FONT_FILE
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise FileNotFoundError(
            f"bundled font {path} could not be loaded: reinstall PIR Desktop or set "
            "PIR_DESKTOP_RESOURCES to a resources folder that contains it"
        )
    font = QFont(families[0])
    font.setPixelSize(REFERENCE_PIXELS)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    logger.debug("Loaded diagram font %s from %s", families[0], path)
    return font


@cache
def _metrics() -> QFontMetricsF:
    return QFontMetricsF(diagram_font())


def measure(text: str, size: float) -> float:
    """Return the advance width of text in DejaVu Sans at `size` points, in points."""
    return _metrics().horizontalAdvance(text) * size / REFERENCE_PIXELS


def ascent(size: float) -> float:
    """Return the font's ascent at `size` points, in points."""
    return _metrics().ascent() * size / REFERENCE_PIXELS
