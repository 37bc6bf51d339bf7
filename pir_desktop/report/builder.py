"""Assemble the report's sections into a PDF document in memory."""

import io
import logging
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from ..domain.procedure import Procedure
from ..domain.review import Review
from .analysis import factors_section, lessons_section
from .canvas import NumberedCanvas
from .context import ReportContext, Variant
from .controls import emergency_controls_section
from .cover import cover_page
from .executive import executive_summary_section
from .fonts import REGULAR, register_fonts
from .glyphs import substitution_log
from .meeting import meeting_section
from .plan import action_plan_section
from .signoff import sign_off_section
from .standards import standards_section
from .styles import H1, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_SIZE
from .summary import summary_section
from .timeline import discussion_section, timeline_section
from .toc import TocEntry, contents_page
from .variants import MARKING, check_variant, redacted_copy
from .whytree import why_tree_section

logger = logging.getLogger(__name__)

AUTHOR = "PIR Desktop"

Section = Callable[[ReportContext], list[Flowable]]
# Called with the number of story flowables laid out so far and their total.
ProgressCallback = Callable[[int, int], None]
# Returns True once the caller wants the build to stop.
CancelCheck = Callable[[], bool]

# The sections after the cover and the contents page, in print order.
SECTIONS: tuple[Section, ...] = (
    executive_summary_section,
    summary_section,
    meeting_section,
    timeline_section,
    discussion_section,
    factors_section,
    why_tree_section,
    lessons_section,
    action_plan_section,
    emergency_controls_section,
    standards_section,
    sign_off_section,
)


class Cancelled(Exception):
    """The caller cancelled a report build before it finished."""


@dataclass(frozen=True)
class RenderedReport:
    """A finished PDF with its page count and the renderer's warnings.

    substituted counts each character that no bundled font can draw and that
    the PDF shows as a "[U+XXXX]" substitute instead.
    """

    data: bytes
    page_count: int
    substituted: dict[str, int] = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """Return one readable line per substituted character."""
        return [
            substitution_warning(char, count)
            for char, count in self.substituted.items()
        ]


def substitution_warning(char: str, count: int) -> str:
    """Describe a character printed as a substitute, such as "[U+1F600]"."""
    name = unicodedata.name(char, "unnamed character")
    times = "once" if count == 1 else f"{count} times"
    return (
        f"[U+{ord(char):04X}] {name} cannot be printed with the bundled fonts ({times})"
    )


class ReportDocument(SimpleDocTemplate):
    """A document template that bookmarks section headings and reports progress.

    Every section heading gets a PDF bookmark and a contents entry. Between
    two story flowables the template calls the progress callback and raises
    Cancelled when the cancel check returns True.
    """

    def __init__(
        self,
        *args: Any,
        progress: ProgressCallback | None = None,
        is_cancelled: CancelCheck | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._progress = progress
        self._is_cancelled = is_cancelled
        self._story: list[Flowable] = []
        self._total = 0
        self._reported = -1

    def build(self, flowables: list[Flowable], **kwargs: Any) -> None:
        self._story = flowables
        self._total = len(flowables)
        super().build(flowables, **kwargs)
        self._report(self._total)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled("report build cancelled")
        # ReportLab also calls this for its own list of page-start flowables,
        # which does not measure progress. Split flowables go back on the
        # story list, so its length can briefly rise.
        if flowables is self._story:
            self._report(max(0, self._total - len(flowables)))
        super().handle_flowable(flowables)

    def _report(self, done: int) -> None:
        """Call the progress callback once per percent, never going backwards."""
        if self._progress is None or self._total == 0:
            return
        percent = min(done, self._total) * 100 // self._total
        if percent > self._reported:
            self._reported = percent
            self._progress(min(done, self._total), self._total)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Paragraph) and flowable.style is H1:
            text = flowable.getPlainText()
            key = f"section:{text}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.canv.toc_entries.append(TocEntry(text, key, self.page))


class ReportRenderer:
    """Render one review as a PDF report.

    Subclasses can change the sections, the story or the canvas by overriding
    sections, story() and canvasmaker(). The build runs in memory; write_pdf
    puts the bytes on disk.
    """

    sections: tuple[Section, ...] = SECTIONS

    def __init__(
        self,
        review: Review,
        procedure: Procedure,
        *,
        variant: Variant = "full",
        generated_at: datetime | None = None,
        progress: ProgressCallback | None = None,
        is_cancelled: CancelCheck | None = None,
    ) -> None:
        self.review = review
        self.procedure = procedure
        self.variant = check_variant(variant)
        self.generated_at = generated_at or datetime.now(UTC)
        self.progress = progress
        self.is_cancelled = is_cancelled

    def context(self) -> ReportContext:
        """Prepare the review for rendering, masked in the redacted variant."""
        shown = redacted_copy(self.review) if self.variant == "redacted" else None
        return ReportContext.create(
            self.review, self.procedure, self.generated_at, shown, self.variant
        )

    def story(self, context: ReportContext) -> list[Flowable]:
        """Build the cover, the contents page and every section."""
        body = [flowable for section in self.sections for flowable in section(context)]
        headings = sum(1 for f in body if isinstance(f, Paragraph) and f.style is H1)
        return [*cover_page(context), *contents_page(headings), *body]

    def canvasmaker(self, context: ReportContext) -> Callable[..., NumberedCanvas]:
        """Return the canvas factory with this report's header and marking."""
        return partial(
            NumberedCanvas,
            header_left=context.review.classification or "Unclassified",
            header_right=f"{context.review.reference} \u00b7 Post-incident review",
            marking=MARKING if context.redacted else "",
        )

    def render(self) -> RenderedReport:
        """Build the PDF and return it with its page count and warnings.

        Raises Cancelled when is_cancelled returns True during the build.
        """
        started = time.perf_counter()
        register_fonts()
        buffer = io.BytesIO()
        with substitution_log() as substituted:
            context = self.context()
            story = self.story(context)
            document = ReportDocument(
                buffer,
                progress=self.progress,
                is_cancelled=self.is_cancelled,
                **_document_options(context),
            )
            document.build(story, canvasmaker=self.canvasmaker(context))

        result = RenderedReport(buffer.getvalue(), document.page, dict(substituted))
        _log_substitutions(substituted)
        logger.debug(
            "Rendered %s PDF report of %d pages, %d bytes in %.2f s",
            self.variant,
            result.page_count,
            len(result.data),
            time.perf_counter() - started,
        )
        return result


def _log_substitutions(substituted: Counter[str]) -> None:
    if not substituted:
        return
    # Code points only: incident text stays out of the log.
    points = ", ".join(f"U+{ord(c):04X}" for c in sorted(substituted))
    logger.warning(
        "PDF report prints %d characters without a glyph in the bundled fonts "
        "as [U+XXXX] substitutes: %s",
        sum(substituted.values()),
        points,
    )


def render_pdf(
    review: Review,
    procedure: Procedure,
    *,
    generated_at: datetime | None = None,
    variant: Variant = "full",
    progress: ProgressCallback | None = None,
    is_cancelled: CancelCheck | None = None,
) -> bytes:
    """Render a review as a PDF report and return the file's bytes.

    generated_at is printed on the cover. It defaults to the current time.
    variant "redacted" masks sensitive text and marks every page REDACTED.
    """
    renderer = ReportRenderer(
        review,
        procedure,
        variant=variant,
        generated_at=generated_at,
        progress=progress,
        is_cancelled=is_cancelled,
    )
    return renderer.render().data


def _document_options(context: ReportContext) -> dict[str, Any]:
    review = context.review
    title = f"{review.reference}: {review.title}"
    subject = f"Post-incident review of {review.reference} ({review.severity})"
    if context.redacted:
        title = f"{title} ({MARKING})"
        subject = f"{subject}, {MARKING.lower()} for wider distribution"
    return {
        "pagesize": PAGE_SIZE,
        "leftMargin": MARGIN_LEFT,
        "rightMargin": MARGIN_RIGHT,
        "topMargin": MARGIN_TOP,
        "bottomMargin": MARGIN_BOTTOM,
        "title": title,
        "author": AUTHOR,
        "creator": AUTHOR,
        "subject": subject,
        "keywords": [
            "post-incident review",
            review.reference,
            review.severity.value,
            review.classification,
            *([MARKING] if context.redacted else []),
        ],
        "initialFontName": REGULAR,
    }
