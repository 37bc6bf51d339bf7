"""Assemble the report's sections into a PDF document in memory."""

import io
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from ..domain.procedure import Procedure
from ..domain.review import Review
from .analysis import factors_section, lessons_section
from .canvas import NumberedCanvas
from .context import ReportContext
from .cover import cover_page
from .fonts import REGULAR, register_fonts
from .plan import action_plan_section
from .signoff import sign_off_section
from .standards import standards_section
from .styles import H1, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_SIZE
from .summary import summary_section
from .timeline import discussion_section, timeline_section
from .whytree import why_tree_section

logger = logging.getLogger(__name__)

AUTHOR = "PIR Desktop"

Section = Callable[[ReportContext], list[Flowable]]

SECTIONS: tuple[Section, ...] = (
    cover_page,
    summary_section,
    timeline_section,
    discussion_section,
    factors_section,
    why_tree_section,
    lessons_section,
    action_plan_section,
    standards_section,
    sign_off_section,
)


class ReportDocument(SimpleDocTemplate):
    """A document template that adds a PDF bookmark for every section heading."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Paragraph) and flowable.style is H1:
            text = flowable.getPlainText()
            key = f"section:{text}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)


def render_pdf(
    review: Review, procedure: Procedure, *, generated_at: datetime | None = None
) -> bytes:
    """Render a review as a PDF report and return the file's bytes.

    generated_at is printed on the cover. It defaults to the current time.
    """
    started = time.perf_counter()
    register_fonts()
    context = ReportContext.create(review, procedure, generated_at or datetime.now(UTC))

    buffer = io.BytesIO()
    document = ReportDocument(buffer, **_document_options(review))
    story = [flowable for section in SECTIONS for flowable in section(context)]
    canvasmaker = partial(
        NumberedCanvas,
        header_left=review.classification or "Unclassified",
        header_right=f"{review.reference} \u00b7 Post-incident review",
    )
    document.build(story, canvasmaker=canvasmaker)

    data = buffer.getvalue()
    logger.debug(
        "Rendered PDF report of %d bytes in %.2f s",
        len(data),
        time.perf_counter() - started,
    )
    return data


def _document_options(review: Review) -> dict[str, Any]:
    return {
        "pagesize": PAGE_SIZE,
        "leftMargin": MARGIN_LEFT,
        "rightMargin": MARGIN_RIGHT,
        "topMargin": MARGIN_TOP,
        "bottomMargin": MARGIN_BOTTOM,
        "title": f"{review.reference}: {review.title}",
        "author": AUTHOR,
        "creator": AUTHOR,
        "subject": f"Post-incident review of {review.reference} ({review.severity})",
        "keywords": [
            "post-incident review",
            review.reference,
            review.severity.value,
            review.classification,
        ],
        "initialFontName": REGULAR,
    }
