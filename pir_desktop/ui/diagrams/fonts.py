"""The bundled fonts for diagrams, and a text measure that matches the PDF's.

Diagram text is set in DejaVu Sans, with the bundled WenQuanYi Micro Hei for
the CJK characters that DejaVu Sans lacks, the same fallback as in the PDF.

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
# The CJK font of the PDF (see report/fonts.py). Its first face is Micro Hei.
CJK_FONT_FILE = "wqy-microhei.ttc"


@cache
def diagram_font() -> QFont:
    """Load the bundled fonts into the application once and return the diagram font.

    The font is DejaVu Sans at the reference size, falling back to the bundled
    WenQuanYi Micro Hei for CJK characters, as the PDF does, rather than to
    whatever CJK font the system has. Needs a QGuiApplication. Raises
    FileNotFoundError when a font cannot be loaded.
    """
    families = [_load_family(FONT_FILE), _load_family(CJK_FONT_FILE)]
    font = QFont(families[0])
    font.setFamilies(families)
    font.setPixelSize(REFERENCE_PIXELS)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _load_family(filename: str) -> str:
    """Add a bundled font file to the application and return its first family."""
    path = resources_dir() / "fonts" / filename
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise FileNotFoundError(
            f"bundled font {path} could not be loaded: reinstall PIR Desktop or set "
            "PIR_DESKTOP_RESOURCES to a resources folder that contains it"
        )
    logger.debug("Loaded diagram font %s from %s", families[0], path)
    return families[0]


@cache
def _metrics() -> QFontMetricsF:
    return QFontMetricsF(diagram_font())


def measure(text: str, size: float) -> float:
    """Return the advance width of text in the diagram font at `size` pt, in points.

    NOTE: a character that no bundled font has, such as an emoji, is measured
    in the system font that Qt falls back to. The PDF prints and measures it as
    "[U+XXXX]", so a box containing one differs in width on screen and in print.
    """
    return _metrics().horizontalAdvance(text) * size / REFERENCE_PIXELS


def ascent(size: float) -> float:
    """Return the font's ascent at `size` points, in points."""
    return _metrics().ascent() * size / REFERENCE_PIXELS
