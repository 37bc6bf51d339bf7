"""Export a review to PDF or JSON, and import a review from JSON."""

import logging
import time
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

from ..domain.interchange import dump_document, load_document
from ..domain.procedure import Procedure, default_procedure
from ..domain.review import Review
from ..fileio import write_atomic
from .library_service import ReviewLibrary

log = logging.getLogger(__name__)


def export_pdf(
    library: ReviewLibrary,
    review_id: UUID,
    path: Path,
    procedure: Procedure | None = None,
    variant: str = "full",
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Render a review's report and write it atomically to `path`.

    variant is "full" or "redacted". `progress(done, total)` receives the
    laid-out share of the report as it grows. Returns the renderer's
    warnings, such as characters that print as substitutes.
    """
    from ..report import write_pdf

    started = time.perf_counter()
    review = library.load(review_id)
    report = write_pdf(
        review,
        procedure or default_procedure(),
        Path(path),
        variant=variant,  # type: ignore[arg-type]
        progress=progress,
    )
    log.info(
        "Exported %s PDF of review %s to %s in %.2f s",
        variant,
        review.id,
        path,
        time.perf_counter() - started,
    )
    return report.warnings


def export_json(library: ReviewLibrary, review_id: UUID, path: Path) -> None:
    """Write a review as the versioned JSON document."""
    review = library.load(review_id)
    write_atomic(Path(path), dump_document(review).encode("utf-8"))
    log.info("Exported JSON of review %s to %s", review.id, path)


def read_json(path: Path) -> Review:
    """Read and validate the review in a JSON document."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    return load_document(text, source=str(path))


def import_json(library: ReviewLibrary, path: Path) -> Review:
    """Validate the review in a JSON document and add it to the library."""
    stored = library.add_review(read_json(path))
    log.info("Imported review %s from %s", stored.id, path)
    return stored
