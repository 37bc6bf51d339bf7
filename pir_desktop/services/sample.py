"""The bundled sample review: the 2019 Matrix.org infrastructure compromise.

The sample is an interchange document written from the Matrix.org team's public
post-mortem of 8 May 2019, so a new user can explore every part of a review.
"""

from pathlib import Path

from ..domain import interchange
from ..domain.review import Review
from ..paths import resources_dir

SAMPLE_PATH: Path = resources_dir() / "sample" / "matrix-2019.json"


def sample_review() -> Review:
    """Load and validate the bundled sample review.

    Raises OSError when the file cannot be read and InterchangeError when it is
    not a valid review document.
    """
    text = SAMPLE_PATH.read_text(encoding="utf-8")
    return interchange.load_document(text, source=str(SAMPLE_PATH))
