"""Registration of the bundled fonts with ReportLab.

DejaVu Sans draws Latin, Greek, Cyrillic, Arabic and Hebrew text and a few
symbols. WenQuanYi Micro Hei draws the Chinese, Japanese and Korean characters
that DejaVu Sans lacks.
"""

import logging
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resources_dir

logger = logging.getLogger(__name__)

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
CJK = "WenQuanYiMicroHei"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "wqy-microhei.ttc",
}


@cache
def register_fonts() -> None:
    """Register DejaVu Sans, its bold face and the CJK font so every PDF embeds them.

    No italic face is bundled, so italic markup maps to the upright faces.
    Raises FileNotFoundError naming the font file when it is missing.
    """
    folder = resources_dir() / "fonts"
    for name, filename in _FILES.items():
        path = folder / filename
        if not path.is_file():
            raise FileNotFoundError(
                f"bundled font {path} is missing: reinstall PIR Desktop or set "
                "PIR_DESKTOP_RESOURCES to a resources folder that contains it"
            )
        # The .ttc collection contains Micro Hei at index 0 and its mono twin at 1.
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))

    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)
    logger.debug("Registered report fonts from %s", folder)


@cache
def code_points(font_name: str) -> frozenset[int]:
    """Return the code points that a registered font has a glyph for."""
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)
