"""Registration of the bundled DejaVu Sans fonts with ReportLab."""

import logging
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resources_dir

logger = logging.getLogger(__name__)

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register_fonts() -> None:
    """Register DejaVu Sans and its bold face so every PDF embeds them.

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
        pdfmetrics.registerFont(TTFont(name, str(path)))

    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    logger.debug("Registered report fonts from %s", folder)
