"""Export action items to Jira CSV, a review to iCalendar or Markdown.

Every file is written atomically, so a failed export leaves any earlier file
at the same path untouched.
"""

import logging
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from ..domain.procedure import Procedure, default_procedure
from ..exporters.ics import review_calendar
from ..exporters.jira_csv import actions_csv
from ..exporters.markdown import review_markdown
from ..fileio import write_atomic
from .library_service import ReviewLibrary

log = logging.getLogger(__name__)


def export_actions_csv(
    library: ReviewLibrary, review_ids: list[UUID], path: Path
) -> int:
    """Write the action items of the given reviews as Jira CSV; return the count."""
    reviews = [library.load(review_id) for review_id in review_ids]
    write_atomic(Path(path), actions_csv(reviews).encode("utf-8"))
    count = sum(len(review.actions) for review in reviews)
    log.info("Exported %s action items of %s reviews to %s", count, len(reviews), path)
    return count


def export_ics(
    library: ReviewLibrary,
    review_id: UUID,
    path: Path,
    procedure: Procedure | None = None,
    now: datetime | None = None,
) -> None:
    """Write the review meeting and the action due dates as an .ics calendar."""
    review = library.load(review_id)
    stamp = now or datetime.now(UTC)
    data = review_calendar(review, procedure or default_procedure(), stamp)
    write_atomic(Path(path), data)
    log.info("Exported calendar of review %s to %s", review_id, path)


def export_markdown(library: ReviewLibrary, review_id: UUID, path: Path) -> None:
    """Write the review as a Markdown page."""
    review = library.load(review_id)
    write_atomic(Path(path), review_markdown(review).encode("utf-8"))
    log.info("Exported Markdown of review %s to %s", review_id, path)
