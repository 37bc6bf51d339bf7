"""The input of every report section: the review, its procedure, derived values."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ..domain.canonical import content_hash
from ..domain.enums import TimePrecision
from ..domain.procedure import Procedure
from ..domain.readiness import approval_state
from ..domain.review import Review
from ..domain.times import format_moment

NOT_RECORDED = "not recorded"

Variant = Literal["full", "redacted"]
VARIANTS: tuple[Variant, ...] = ("full", "redacted")


@dataclass(frozen=True)
class ReportContext:
    """A review prepared for rendering, with values computed once per report.

    Factors are labelled F1, F2, ... in their stored order, so the why-tree,
    the lessons and the action plan can refer to them briefly. In the redacted
    variant, review is the masked copy, while content_hash, approval_state and
    version describe the full review, because approvals bind to its content.
    The version is 1 before any approval decision and grows by one with each
    recorded decision, so a report reissued after a decision has a new number.
    """

    review: Review
    procedure: Procedure
    generated_at: datetime
    content_hash: str
    approval_state: str
    factor_labels: dict[UUID, str]
    variant: Variant = "full"
    version: int = 1

    @classmethod
    def create(
        cls,
        review: Review,
        procedure: Procedure,
        generated_at: datetime,
        shown: Review | None = None,
        variant: Variant = "full",
    ) -> "ReportContext":
        """Derive the shared values of a report from a review.

        shown is the copy to print, such as a redacted one; it defaults to review.
        """
        labels = {f.id: f"F{i}" for i, f in enumerate(review.factors, start=1)}
        return cls(
            review=review if shown is None else shown,
            procedure=procedure,
            generated_at=generated_at,
            content_hash=content_hash(review),
            approval_state=approval_state(review),
            factor_labels=labels,
            variant=variant,
            version=1 + len(review.approvals),
        )

    @property
    def redacted(self) -> bool:
        """Whether this report is the redacted variant for wider distribution."""
        return self.variant == "redacted"

    def moment(
        self,
        value: datetime | None,
        precision: TimePrecision = TimePrecision.EXACT,
        source_zone: str = "",
    ) -> str:
        """Format a moment in the review's display zone, with its offset.

        `source_zone` is the zone of an event's source, in which a day or
        month precision is shown (see `format_moment`).
        """
        if value is None:
            return NOT_RECORDED
        return format_moment(value, self.review.display_zone, precision, source_zone)

    def factor_refs(self, factor_ids: Iterable[UUID]) -> str:
        """Return the labels of factors, such as "F1, F3", or an empty string."""
        return ", ".join(
            self.factor_labels.get(i, "unknown factor") for i in factor_ids
        )


def format_date(value: date | None) -> str:
    """Format a calendar date as ISO 8601, or as "not recorded" when it is None."""
    return NOT_RECORDED if value is None else value.isoformat()
