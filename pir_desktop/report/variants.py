"""The audience variants of the report: full, and redacted for wider distribution."""

from ..domain.redaction import (
    MASK,
    find_sensitive_names,
    mask,
    redacted_review,
    sensitive_names,
)
from ..domain.review import Review
from .context import VARIANTS, Variant

MARKING = "REDACTED"


def check_variant(variant: str) -> Variant:
    """Return variant when it names a report variant, else raise ValueError."""
    if variant not in VARIANTS:
        choices = ", ".join(VARIANTS)
        raise ValueError(f"invalid report variant {variant!r}: use one of {choices}")
    return variant  # type: ignore[return-value]


def redacted_copy(review: Review) -> Review:
    """Return the review as the redacted report shows it.

    redacted_review masks marked records, marked fact fields and the names of
    participants marked sensitive. The report also prints approvals, control
    assessments and agenda items, which cannot be marked, so those names are
    masked there too.
    """
    names = sensitive_names(review)
    copy = redacted_review(review)
    if not names:
        return copy

    def hide(text: str) -> str:
        return mask(text, find_sensitive_names(text, names), MASK) if text else text

    approvals = [
        a.model_copy(
            update={
                "approver": hide(a.approver),
                "comment": hide(a.comment),
                "override_reason": hide(a.override_reason),
            }
        )
        for a in copy.approvals
    ]
    controls = [
        c.model_copy(
            update={
                "control": hide(c.control),
                "description": hide(c.description),
                "owner": hide(c.owner),
            }
        )
        for c in copy.controls
    ]
    agenda = [a.model_copy(update={"title": hide(a.title)}) for a in copy.agenda]
    return copy.model_copy(
        update={"approvals": approvals, "controls": controls, "agenda": agenda}
    )
