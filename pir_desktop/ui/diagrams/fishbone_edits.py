"""Edits of a stored fishbone made on its diagram with keys, drags and typing.

Causes are the review's factors, so adding a cause adds a factor, renaming
a cause changes the factor's statement and moving a cause to another rib
changes the factor's category, which every view shows. The fishbone record
itself changes only in its sub-cause links, its category list and its head.
Each request is one undo step, so one that changes several records runs
inside one undo macro.

Text is typed in an inline editor over the box. A new cause is first drawn
as a draft box under the editor (see `fishbone_drafts`).
"""

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from ...domain.diagrams.presets import UNCATEGORISED, factor_category
from ...domain.entities import ContributingFactor, Entity
from ...domain.fishbone_record import FishboneRecord, category_key
from ...domain.review import Review
from .. import errors
from ..board.commands import undo_macro
from ..dialogs.choices import shorten
from ..dialogs.fishbone import DeleteChoice
from .fishbone_changes import (
    Change,
    EditRejected,
    category_changes,
    moved_to_category,
    moved_under,
    removed_category,
    reordered,
    rib_category,
    without_missing_links,
)
from .fishbone_drafts import CauseDraft, CauseDrafts, with_draft
from .inline_edit import EditorSlot, InlineEditor

if TYPE_CHECKING:
    from ..context import ReviewContext
    from .fishbone_panel import FishbonePanel

CATEGORY_PREFIX = "category:"
HEAD_ID = "head"
Result = TypeVar("Result")


class FishboneEdits:
    """Handler that applies a FishbonePanel's diagram requests to its fishbone."""

    def __init__(self, page: "FishbonePanel") -> None:
        self.page = page
        self.editing = EditorSlot(page.view)
        self.drafts = CauseDrafts(self)

    @property
    def context(self) -> "ReviewContext":
        return self.page.context

    @property
    def editor(self) -> InlineEditor | None:
        """The open inline editor, if any."""
        return self.editing.editor

    @property
    def draft(self) -> CauseDraft | None:
        """The new cause being typed in, if any."""
        return self.drafts.draft

    def _state(self) -> tuple[Review, FishboneRecord] | None:
        review, record = self.context.review, self.page.current()
        if review is None or record is None:
            return None
        return review, record

    def drawn(
        self, review: Review, record: FishboneRecord
    ) -> tuple[Review, FishboneRecord]:
        """Return the review and fishbone to draw, including the draft cause if any."""
        draft = self.drafts.draft
        return (review, record) if draft is None else with_draft(review, record, draft)

    # Adding causes

    def add_sibling(self, box_id: str, record_id: str) -> None:
        """Add a cause on a category, or a cause beside the selected cause."""
        state = self._state()
        if state is None:
            return
        review, record = state
        if box_id.startswith(CATEGORY_PREFIX):
            self.drafts.start(_rib_name(box_id), None)
            return
        factor = _factor(review, record_id)
        if factor is None:
            self.page.tell("Select a category or a cause to add a cause.")
            return
        parent = review.factor(record.parents.get(factor.id))
        self.drafts.start(rib_category(review, record, factor), parent)

    def add_child(self, box_id: str, record_id: str) -> None:
        """Add a cause on a category, or a sub-cause under the selected cause."""
        state = self._state()
        if state is None:
            return
        review, record = state
        factor = _factor(review, record_id)
        if factor is None:
            self.add_sibling(box_id, record_id)
            return
        self.drafts.start(rib_category(review, record, factor), factor)

    # Renaming

    def rename(self, box_id: str, record_id: str) -> None:
        """Type a new name over a category, a cause or the head."""
        state = self._state()
        if state is None:
            return
        review, record = state
        self.page.status.clear()
        if box_id == HEAD_ID:
            initial = self.page.view.diagram_scene().diagram.box(HEAD_ID).title
            store = partial(self._store_problem, initial)
        elif box_id.startswith(CATEGORY_PREFIX):
            initial = _rib_name(box_id)
            store = partial(self._rename_category, initial)
        elif (factor := _factor(review, record_id)) is not None:
            initial = factor.statement
            store = partial(self._rename_factor, factor)
        else:
            return
        self.close_editor()
        self.editing.open(box_id, initial, store)

    def _store_problem(self, initial: str, text: str) -> None:
        """Store the head text. Unchanged text is skipped and empty text clears it."""
        record = self.page.current()
        if record is None or text.strip() == initial:
            return
        title = f"Edit the head of “{record.title}”"
        after = record.with_changes(problem=text)
        self._attempt(title, lambda: self.update(record, after, title))

    def _rename_category(self, name: str, text: str) -> None:
        record = self.page.current()
        new = text.strip()
        if record is None or new == name:
            return
        if not new:
            self.page.tell("Category not renamed: a category needs a name.")
            return
        key = category_key(name)
        listed = [new if category_key(c) == key else c for c in record.categories]
        title = f"Rename category “{name}”"
        if self.change_categories(record, listed, {name: new}, title):
            self.page.view.select_box(CATEGORY_PREFIX + new)

    def _rename_factor(self, edited_factor: ContributingFactor, text: str) -> None:
        """Store the typed statement on the factor as the review has it now."""
        review = self.context.review
        before = None if review is None else review.factor(edited_factor.id)
        if before is None:
            self.page.tell(
                f"The cause “{shorten(edited_factor.statement, 40)}” was removed, "
                f"so the new statement “{shorten(text, 40)}” was not stored."
            )
            return
        if text.strip() == before.statement:
            return
        if not text.strip():
            self.page.tell("Cause not renamed: a factor needs a statement.")
            return
        title = f"Rename cause “{shorten(before.statement, 40)}”"
        after = before.with_changes(statement=text)
        self._attempt(title, lambda: self.context.update_record(before, after, title))

    def change_categories(
        self,
        record: FishboneRecord,
        categories: list[str],
        renames: dict[str, str],
        title: str = "Edit categories",
    ) -> bool:
        """Store a category list and rename the renamed categories on their factors.

        `renames` maps old names to new ones. Return whether anything changed.
        """
        review = self.context.review
        if review is None:
            return False
        changes = self._attempt(
            title, lambda: category_changes(review, record, categories, renames)
        )
        return self._store_all(title, changes or [])

    # Deleting

    def delete(self, box_id: str, record_id: str) -> None:
        """Remove a category, or unlink a cause and delete its factor if asked to."""
        state = self._state()
        if state is None:
            return
        review, record = state
        self.page.status.clear()
        if box_id == HEAD_ID:
            self.page.tell("The head cannot be deleted: F2 changes its text.")
        elif box_id.startswith(CATEGORY_PREFIX):
            name = _rib_name(box_id)
            self._apply(
                f"Remove category “{name}”",
                lambda: removed_category(review, record, name),
            )
        elif (factor := _factor(review, record_id)) is not None:
            self._delete_cause(record, factor)

    def _delete_cause(self, record: FishboneRecord, factor: ContributingFactor) -> None:
        choice = self.page.ask_delete_factor(self.page, factor.statement)
        if choice is DeleteChoice.CANCEL:
            return
        after = record.without_cause(factor.id)
        unlinked = after.parents != record.parents
        name = shorten(factor.statement, 40)
        if choice is DeleteChoice.LINKS_ONLY and not unlinked:
            self.page.tell(
                f"“{name}” has no sub-cause links in this fishbone, so nothing "
                "changed. Every fishbone shows all of the review's factors."
            )
            return
        parent = record.parents.get(factor.id)
        delete = choice is DeleteChoice.FACTOR
        title = f"{'Delete' if delete else 'Unlink'} cause “{name}”"

        def change() -> None:
            if unlinked:
                self.update(record, after, title)
            if delete:
                self.context.delete_record(factor, title)

        if self.in_macro(title, change) and parent is not None:
            self.page.view.select_box(str(parent))

    # Moving

    def move(
        self, box_id: str, record_id: str, target_box: str, target_id: str
    ) -> None:
        """Move a cause to a category or under another cause, or reorder categories."""
        state = self._state()
        if state is None:
            return
        review, record = state
        self.page.status.clear()
        factor = _factor(review, record_id)
        target = _factor(review, target_id)
        onto_category = target_box.startswith(CATEGORY_PREFIX)
        if factor is None and box_id.startswith(CATEGORY_PREFIX) and onto_category:
            name, before = _rib_name(box_id), _rib_name(target_box)
            self._apply(
                f"Move category “{name}”",
                lambda: category_changes(
                    review, record, reordered(record, name, before), {}
                ),
                select=box_id,
            )
        elif factor is not None and onto_category:
            rib = _rib_name(target_box)
            self._apply(
                f"Move cause “{shorten(factor.statement, 40)}” to “{rib}”",
                lambda: moved_to_category(review, record, factor, rib),
                select=box_id,
            )
        elif factor is not None and target is not None and target.id != factor.id:
            self._apply(
                f"Make “{shorten(factor.statement, 40)}” a sub-cause of "
                f"“{shorten(target.statement, 40)}”",
                lambda: moved_under(review, record, factor, target),
                select=box_id,
            )
        elif factor is not None:
            self.page.tell("Drop a cause onto a category or onto another cause.")

    # Ribs

    def rib_box(self, box_id: str) -> str | None:
        """Return the category box of a box: the box itself or the rib of its cause."""
        if box_id.startswith(CATEGORY_PREFIX):
            return box_id
        review, record = self.context.review, self.page.current()
        factor = None if review is None else _factor(review, box_id)
        if review is None or factor is None:
            return None
        category = (
            factor.category if record is None else rib_category(review, record, factor)
        )
        key = category_key(factor_category(category) or UNCATEGORISED)
        for box in self.page.view.diagram_scene().diagram.boxes:
            if box.id.startswith(CATEGORY_PREFIX) and (
                category_key(_rib_name(box.id)) == key
            ):
                return box.id
        return None

    # Inline editor

    def close_editor(self) -> None:
        """Cancel an open inline edit, dropping any draft cause."""
        self.editing.close()

    # Storing

    def fresh_record(self) -> FishboneRecord:
        record = self.page.current()
        if record is None:
            raise ValueError("the fishbone no longer exists: choose another one")
        return record

    def _apply(
        self, title: str, plan: Callable[[], list[Change]], select: str | None = None
    ) -> None:
        """Compute an edit's changes and store them, or show why it was rejected."""
        try:
            changes = plan()
        except EditRejected as exc:
            self.page.tell(str(exc))
            return
        except ValueError as exc:
            errors.show_error(self.page, title, errors.describe(exc))
            return
        if self._store_all(title, changes) and select is not None:
            self.page.view.select_box(select)

    def update(self, before: Entity, after: Entity, title: str) -> None:
        """Store one changed record, dropping a fishbone's links to deleted factors.

        Deleting a factor elsewhere leaves the links to it in every fishbone,
        so undoing the deletion restores them. A later edit of the fishbone
        stores only the links between factors that still exist.
        """
        review = self.context.review
        if isinstance(after, FishboneRecord) and review is not None:
            after = without_missing_links(review, after)
        self.context.update_record(before, after, title)

    def _store_all(self, title: str, changes: Sequence[Change]) -> bool:
        """Store every (before, after) pair as one undo step and return True if so."""
        if not changes:
            return False

        def change() -> None:
            for before, after in changes:
                self.update(before, after, title)

        return self.in_macro(title, change)

    def in_macro(self, title: str, change: Callable[[], None]) -> bool:
        """Run a change as one undo step and return whether it ran.

        On a user error, the edits already stored are undone and the error
        is shown.
        """

        def run() -> bool:
            with undo_macro(self.context, title):
                change()
            return True

        return bool(self._attempt(title, run))

    def _attempt(self, title: str, action: Callable[[], Result]) -> Result | None:
        return errors.attempt(self.page, title, action)


def _rib_name(box_id: str) -> str:
    return box_id.removeprefix(CATEGORY_PREFIX)


def _factor(review: Review, record_id: str) -> ContributingFactor | None:
    try:
        return review.factor(UUID(record_id))
    except (TypeError, ValueError):
        return None
