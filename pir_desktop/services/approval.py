"""Sign-off use cases: approve a review after its readiness check, and verify it."""

from dataclasses import dataclass
from uuid import UUID

from ..domain.canonical import content_hash
from ..domain.entities import Approval
from ..domain.enums import ApprovalDecision
from ..domain.procedure import Procedure, default_procedure
from ..domain.readiness import approval_is_current, readiness
from .library_service import ReviewLibrary


class NotReadyError(ValueError):
    """An approval refused because readiness problems remain and no override."""

    def __init__(self, problems: list[str]) -> None:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(
            f"the review is not ready for sign-off:\n{listed}\n"
            "Fix these problems, or give an override reason to approve anyway"
        )
        self.problems = problems


def approve(
    library: ReviewLibrary,
    review_id: UUID,
    approver: str,
    role: str,
    decision: ApprovalDecision,
    comment: str = "",
    override_reason: str = "",
    procedure: Procedure | None = None,
) -> Approval:
    """Record a decision; an approval with readiness problems needs an override."""
    procedure = procedure or default_procedure()
    if decision is ApprovalDecision.APPROVED and not override_reason.strip():
        problems = readiness(library.load(review_id), procedure).problems
        if problems:
            raise NotReadyError(problems)
    return library.record_approval(
        review_id, approver, role, decision, comment, override_reason, procedure
    )


@dataclass(frozen=True)
class Verification:
    """The latest approved hash, the content hash now, and whether they match.

    `state` is "matches", "superseded" or "not approved"; the last covers a
    review never approved and one whose latest decision is not an approval.
    """

    approved_hash: str | None
    current_hash: str
    state: str


def verify(library: ReviewLibrary, review_id: UUID) -> Verification:
    """Compare the review's latest approval with its content now."""
    review = library.load(review_id)
    current = content_hash(review)
    approved = [a for a in review.approvals if a.decision is ApprovalDecision.APPROVED]
    approved_hash = (
        max(approved, key=lambda a: a.decided_at).content_hash if approved else None
    )
    latest = max(review.approvals, key=lambda a: a.decided_at, default=None)
    if latest is None or latest.decision is not ApprovalDecision.APPROVED:
        return Verification(approved_hash, current, "not approved")
    state = "matches" if approval_is_current(latest, review) else "superseded"
    return Verification(approved_hash, current, state)
