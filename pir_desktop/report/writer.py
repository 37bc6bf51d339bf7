"""Write a PDF report to disk atomically."""

import contextlib
import logging
import os
import tempfile
from pathlib import Path

from ..domain.procedure import Procedure
from ..domain.review import Review
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

    The bytes go to a temporary file in the same folder, which is flushed to
    disk and then renamed over path. On any failure the temporary file is
    removed and a file already at path is left unchanged. The new file gets
    mkstemp's permissions, which let only its owner read it.
    """
    report = ReportRenderer(
        review,
        procedure,
        variant=variant,
        progress=progress,
        is_cancelled=is_cancelled,
    ).render()
    data = report.data
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        logger.warning(
            "Writing PDF report %s failed (%s), so the temporary file %s is removed",
            path,
            exc,
            temporary,
        )
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise

    _fsync_folder(path.parent)
    logger.info(
        "Wrote %s PDF report %s (%d pages, %d bytes)",
        variant,
        path,
        report.page_count,
        len(data),
    )
    return report


def _fsync_folder(folder: Path) -> None:
    """Flush a folder entry to disk so that the rename survives a crash."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
