"""The review library as the GUI, CLI and tests use it.

Every method is one use case and one short transaction, so each edit is
saved as soon as it is made. Methods return the stored records with their
new version, which the caller passes back on its next edit of that record.
"""

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

from ..domain.canonical import content_hash
from ..domain.entities import (
    ActionItem,
    Approval,
    ContributingFactor,
    EffectivenessCheck,
    Entity,
    Lesson,
    Observation,
    ProgressUpdate,
    TimelineEvent,
    WhyNode,
)
from ..domain.enums import ApprovalDecision
from ..domain.procedure import Procedure, default_procedure
from ..domain.review import Review, ReviewFacts
from ..store import Library, LibraryError, records
from ..store.search import review_of_record
from . import action_plan
from .action_rules import check_action, check_approver_role

log = logging.getLogger(__name__)


@dataclass
class Deletion:
    """The records a deletion removed or changed, enough to undo it.

    `removed` lists the deleted records, parents first; `unlinked` lists other
    records as they were before the deletion dropped their links to them.
    """

    review_id: UUID
    removed: list[Entity] = field(default_factory=list)
    unlinked: list[Entity] = field(default_factory=list)


class ReviewLibrary:
    """An open library file and the use cases on its reviews."""

    def __init__(self, library: Library) -> None:
        self.library = library

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> "ReviewLibrary":
        return cls(Library.open(path, read_only=read_only))

    @classmethod
    def create(cls, path: Path) -> "ReviewLibrary":
        return cls(Library.create(path))

    @classmethod
    def connect(cls, url: str) -> "ReviewLibrary":
        """Open a team library in a PostgreSQL database given by an SQLAlchemy URL."""
        return cls(Library.connect(url))

    @property
    def location(self) -> str:
        return self.library.location

    @property
    def read_only(self) -> bool:
        return self.library.read_only

    def close(self) -> None:
        self.library.close()

    def reviews(self) -> list[ReviewFacts]:
        return records.list_reviews(self.library)

    def find(self, reference_or_id: str) -> UUID:
        return records.find_review(self.library, reference_or_id)

    def load(self, review_id: UUID, known: Review | None = None) -> Review:
        """Load a review, reusing the unchanged events of `known`, an earlier load."""
        return records.load_review(self.library, review_id, known)

    def timeline_head(
        self, review_id: UUID, count: int, min_total: int = 0
    ) -> records.TimelineHead:
        """Read a review's facts and its first `count` events in timeline order.

        A review with fewer than `min_total` events gets no events.
        """
        return records.load_timeline_head(self.library, review_id, count, min_total)

    def add_review(self, review: Review) -> Review:
        """Store a whole review; raise LibraryError if its id or reference exists."""
        self._check_new(review)
        stored = records.insert_review(self.library, review)
        log.info("Added review %s to %s", review.id, self.location)
        return stored

    def _check_new(self, review: Review) -> None:
        for existing in self.reviews():
            if existing.id == review.id:
                clash = "the same id"
            elif existing.reference == review.reference:
                clash = "the same reference"
            else:
                continue
            raise LibraryError(
                f"review {review.reference!r} (id {review.id}) conflicts with review "
                f"{existing.reference!r} (id {existing.id}), which has {clash} and "
                f"is already in {self.location}: nothing was imported. Delete the "
                "existing review first, or import into another library"
            )

    def delete_review(self, review_id: UUID) -> None:
        records.delete_review(self.library, review_id)

    def update_facts(self, facts: ReviewFacts) -> ReviewFacts:
        return records.update_facts(self.library, facts)

    def add(self, review_id: UUID, entity: Entity) -> Entity:
        """Store a new record; an action item must pass the action-plan rules."""
        if isinstance(entity, ActionItem):
            self._require_writable()
            check_action(entity, self.load(review_id), None)
        return records.add_record(self.library, review_id, entity)

    def update(
        self, entity: Entity, force: bool = False, check_transition: bool = True
    ) -> Entity:
        """Store a changed record; an action item must pass the action-plan rules.

        With `check_transition` False a changed action status is not checked
        against the allowed transitions, so undo can restore an earlier status.
        """
        if isinstance(entity, ActionItem):
            self._check_action_update(entity, check_transition)
        return records.update_record(self.library, entity, force=force)

    def _check_action_update(self, action: ActionItem, transition: bool) -> None:
        self._require_writable()
        review_id = review_of_record(self.library, ActionItem, action.id)
        if review_id is None:
            raise LibraryError(
                f"action {action.id} not found: it was deleted elsewhere, so "
                "reload the review"
            )
        review = self.load(review_id)
        stored = next(a for a in review.actions if a.id == action.id)
        check_action(action, review, stored, transition=transition)

    def _require_writable(self) -> None:
        if self.read_only:
            raise LibraryError(
                f"{self.location} is open read-only: changes are not saved"
            )

    def add_progress(
        self,
        review_id: UUID,
        action_id: UUID,
        percent: int,
        note: str,
        by: str,
        reported_on: date,
    ) -> ProgressUpdate:
        """Store an owner's progress report on an action that is not final."""
        return action_plan.add_progress(
            self, review_id, action_id, percent, note, by, reported_on
        )

    def record_effectiveness(
        self,
        review_id: UUID,
        action_id: UUID,
        checked_by: str,
        evidence: str,
        effective: bool,
    ) -> EffectivenessCheck:
        """Store an effectiveness check; a failed one makes the action Not effective."""
        return action_plan.record_effectiveness(
            self, review_id, action_id, checked_by, evidence, effective
        )

    def delete(self, review_id: UUID, entity: Entity) -> Deletion:
        """Delete a record and return what undo needs to put everything back."""
        review = self.load(review_id)
        deletion = Deletion(
            review_id, _subtree(review, entity), _linked_to(review, entity)
        )
        records.delete_record(self.library, type(entity), entity.id)
        return deletion

    def restore(self, deletion: Deletion) -> None:
        """Undo a deletion: the records return with their links."""
        records.restore_records(
            self.library, deletion.review_id, deletion.removed + deletion.unlinked
        )

    def record_approval(
        self,
        review_id: UUID,
        approver: str,
        role: str,
        decision: ApprovalDecision,
        comment: str = "",
        override_reason: str = "",
        procedure: Procedure | None = None,
    ) -> Approval:
        """Record a sign-off decision bound to the review's current content hash.

        Only the role that the procedure names for the approval step may decide.
        """
        check_approver_role(role, procedure or default_procedure())
        review = self.load(review_id)
        approval = Approval(
            approver=approver,
            role=role,
            decision=decision,
            comment=comment,
            override_reason=override_reason,
            decided_at=datetime.now(UTC),
            content_hash=content_hash(review),
        )
        stored = self.add(review_id, approval)
        log.info("Recorded %s for review %s", decision.value, review_id)
        return stored  # type: ignore[return-value]

    def save_copy(self, destination: Path) -> None:
        """Write the library to a new SQLite file.

        A file library is copied with SQLite's backup API. A database server's
        library is copied review by review through add_review, so record ids
        are kept and version counters start again.
        """
        if self.library.is_sqlite:
            self.library.save_copy(destination)
            return
        copy = ReviewLibrary.create(destination)
        try:
            for facts in self.reviews():
                copy.add_review(self.load(facts.id))
        except BaseException:
            copy.close()
            Path(destination).unlink(missing_ok=True)
            raise
        copy.close()
        log.info("Copied %s to %s review by review", self.location, destination)


def _subtree(review: Review, entity: Entity) -> list[Entity]:
    """Return the record and the records the schema deletes with it, parents first.

    A why-tree node takes its descendants, an action its progress updates and
    effectiveness checks, and a discussion card its dot votes.
    """
    if isinstance(entity, ActionItem):
        followups: list[Entity] = [*review.progress, *review.effectiveness]
        return [entity] + [r for r in followups if r.action_id == entity.id]
    if isinstance(entity, Observation):
        return [entity] + [v for v in review.votes if v.observation_id == entity.id]
    if not isinstance(entity, WhyNode):
        return [entity]
    nodes: list[Entity] = [entity]
    frontier = [entity.id]
    while frontier:
        children = [n for n in review.why_nodes if n.parent_id in frontier]
        nodes.extend(children)
        frontier = [n.id for n in children]
    return nodes


def _linked_to(review: Review, entity: Entity) -> list[Entity]:
    """Return the records that refer to this one and would lose that link."""
    if isinstance(entity, TimelineEvent):
        linked: list[Entity] = [
            o for o in review.observations if entity.id in o.event_ids
        ]
        return linked + [f for f in review.factors if entity.id in f.event_ids]
    if isinstance(entity, ContributingFactor):
        holders: list[Lesson | ActionItem] = [*review.lessons, *review.actions]
        linked = [h for h in holders if entity.id in h.factor_ids]
        return linked + [n for n in review.why_nodes if n.factor_id == entity.id]
    if isinstance(entity, Observation):
        cards: list[Lesson | ActionItem | ContributingFactor] = [
            *review.lessons,
            *review.actions,
            *review.factors,
        ]
        return [c for c in cards if entity.id in c.observation_ids]
    if isinstance(entity, Lesson):
        return [a for a in review.actions if entity.id in a.lesson_ids]
    return []
