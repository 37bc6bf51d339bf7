"""New causes of a stored fishbone, typed into a draft box before they are stored.

Enter or Tab on the diagram draws a draft cause with an inline editor over
it. Enter stores the typed statement as a new factor, linked under its
parent cause when it is a sub-cause, as one undo step. Esc, or an empty
statement, drops the draft and selects the box that was selected before.
An undo or an edit elsewhere may remove the fishbone or the parent cause
while the draft is open. Then Enter stores nothing and shows why in the
status line.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from ...domain.diagrams.presets import UNCATEGORISED, factor_category
from ...domain.entities import ContributingFactor
from ...domain.fishbone_record import FishboneRecord, category_key
from ...domain.review import Review
from ..dialogs.choices import shorten

if TYPE_CHECKING:
    from .fishbone_edits import FishboneEdits

DRAFT_TEXT = "…"


@dataclass
class CauseDraft:
    """A cause being typed in, drawn in the diagram but not yet stored."""

    factor: ContributingFactor
    record_id: UUID
    parent_id: UUID | None
    parent_statement: str
    rib: str
    noun: str
    return_to: str | None


def with_draft(
    review: Review, record: FishboneRecord, draft: CauseDraft
) -> tuple[Review, FishboneRecord]:
    """Return the review and fishbone to draw with the draft cause added.

    The draft's rib is drawn expanded, so the draft box is on screen.
    """
    parents = dict(record.parents)
    if draft.parent_id is not None:
        parents[draft.factor.id] = draft.parent_id
    key = category_key(draft.rib)
    collapsed = [name for name in record.collapsed if category_key(name) != key]
    factors = [*review.factors, draft.factor]
    return (
        review.model_copy(update={"factors": factors}),
        record.model_copy(update={"parents": parents, "collapsed": collapsed}),
    )


class CauseDrafts:
    """Holder of a fishbone page's draft cause, from Enter or Tab until Enter or Esc."""

    def __init__(self, edits: "FishboneEdits") -> None:
        self.edits = edits
        self.page = edits.page
        self.draft: CauseDraft | None = None

    def start(self, rib: str, parent: ContributingFactor | None) -> None:
        """Draw a draft cause on a rib, under `parent` if given, and open its editor."""
        record = self.page.current()
        if record is None:
            return
        self.edits.close_editor()
        self.page.status.clear()
        factor = ContributingFactor.model_construct(
            id=uuid4(), statement=DRAFT_TEXT, category=factor_category(rib)
        )
        selected = self.page.view.selected_box()
        self.draft = CauseDraft(
            factor=factor,
            record_id=record.id,
            parent_id=None if parent is None else parent.id,
            parent_statement="" if parent is None else parent.statement,
            rib=rib or UNCATEGORISED,
            noun="cause" if parent is None else "sub-cause",
            return_to=None if selected is None else selected[0],
        )
        self.page.show_record()
        self.page.view.select_box(str(factor.id))
        self.edits.editing.open(str(factor.id), "", self._store, self._drop)

    def _store(self, text: str) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        if not text.strip():
            self.page.tell(
                f"Nothing added: type the statement of the new {draft.noun}."
            )
            self._after(draft, None)
            return
        removed_name = self._removed_target(draft)
        if removed_name:
            self.page.tell(
                f"{removed_name} was removed, so the new {draft.noun} "
                f"“{shorten(text, 40)}” was not added."
            )
            self._after(draft, None)
            return
        factor = ContributingFactor(
            id=draft.factor.id, statement=text, category=draft.factor.category
        )
        title = f"Add {draft.noun} “{shorten(factor.statement, 40)}”"

        def change() -> None:
            context = self.page.context
            context.add_record(factor, title)
            if draft.parent_id is not None:
                record = self.edits.fresh_record()
                linked = record.with_parent(factor.id, draft.parent_id)
                self.edits.update(record, linked, title)

        stored = self.edits.in_macro(title, change)
        self._after(draft, factor.id if stored else None)

    def _removed_target(self, draft: CauseDraft) -> str:
        """Return the name of the draft's fishbone or parent cause if it is gone.

        Return an empty string when both still exist.
        """
        record = self.page.current()
        if record is None or record.id != draft.record_id:
            return "The fishbone"
        review = self.page.context.review
        if draft.parent_id is None or review is None:
            return ""
        if review.factor(draft.parent_id) is None:
            return f"The cause “{shorten(draft.parent_statement, 40)}”"
        return ""

    def _drop(self) -> None:
        draft, self.draft = self.draft, None
        if draft is not None:
            self._after(draft, None)

    def _after(self, draft: CauseDraft, added: UUID | None) -> None:
        self.page.show_record()
        self.page.view.select_box(str(added) if added else draft.return_to)
