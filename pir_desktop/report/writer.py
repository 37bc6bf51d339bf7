"""Write a PDF report to disk atomically."""

import logging
from pathlib import Path

from ..domain.procedure import Procedure
from ..domain.review import Review
from ..fileio import write_atomic
from .builder import CancelCheck, ProgressCallback, RenderedReport, ReportRenderer
from .context import Variant

logger = logging.getLogger(__name__)


def write_pdf(
    review: Review,
    procedure: Procedure,
    path: Path,
    *,
    variant: Variant = "full",
    progress: ProgressCallback | None = None,
    is_cancelled: CancelCheck | None = None,
) -> RenderedReport:
    """Render a review and write the PDF to path, replacing it atomically.

    Rendering finishes before anything is written, so a cancelled or failed
    build leaves no file behind. Returns the rendered report with its warnings.

    The bytes go through fileio.write_atomic, so on any failure a file already
    at path is left unchanged. The new file gets mkstemp's permissions, which
    let only its owner read it.
    """
    report = ReportRenderer(
        review,
        procedure,
        variant=variant,
        progress=progress,
        is_cancelled=is_cancelled,
    ).render()
    data = report.data
    write_atomic(path, data)
    logger.info(
        "Wrote %s PDF report %s (%d pages, %d bytes)",
        variant,
        path,
        report.page_count,
        len(data),
    )
    return report
