"""Edits of a stored fishbone made on its diagram with keys and drags.

Causes are the review's factors, so adding a cause adds a factor, renaming
a cause changes the factor's statement and moving a cause to another rib
changes the factor's category, which every view shows. The fishbone record
itself changes only in its sub-cause links, its category list and its head.
Each request is one undo step, so one that changes several records runs
inside one undo macro.

A sub-cause is drawn on its top cause's rib, so every edit that links a
factor under another also gives it, and the factors under it, that rib's
category. Then the factor table and other fishbones show them in the same
category.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from ...domain.diagrams.presets import (
    UNCATEGORISED,
    factor_category,
    factors_in_category,
)
from ...domain.entities import ContributingFactor, Entity
from ...domain.fishbone_record import FishboneRecord, category_key
from ...domain.review import Review
from .. import errors
from ..board.commands import undo_macro
from ..dialogs.choices import shorten
from ..dialogs.fishbone import DeleteChoice

if TYPE_CHECKING:
    from ..context import ReviewContext
    from .fishbone_panel import FishbonePanel

CATEGORY_PREFIX = "category:"
HEAD_ID = "head"
Result = TypeVar("Result")


class FishboneEdits:
    """The diagram requests of a FishbonePanel, applied to its chosen fishbone."""

    def __init__(self, page: "FishbonePanel") -> None:
        self.page = page

    @property
    def context(self) -> "ReviewContext":
        return self.page.context

    def _state(self) -> tuple[Review, FishboneRecord] | None:
        review, record = self.context.review, self.page.current()
        if review is None or record is None:
            return None
        return review, record

    # Adding causes

    def add_sibling(self, box_id: str, record_id: str) -> None:
        """Add a cause on a category, or a cause beside the selected cause."""
        state = self._state()
        if state is None:
            return
        review, record = state
        if box_id.startswith(CATEGORY_PREFIX):
            self._add_cause(factor_category(_rib_name(box_id)), None)
            return
        factor = _factor(review, record_id)
        if factor is None:
            self.page.tell("Select a category or a cause to add a cause.")
            return
        parent = review.factor(record.parents.get(factor.id))
        category = self._rib_category(review, record, factor)
        self._add_cause(category, parent)

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
        self._add_cause(self._rib_category(review, record, factor), factor)

    def _add_cause(self, category: str, parent: ContributingFactor | None) -> None:
        noun = "cause" if parent is None else "sub-cause"
        statement = self.page.ask_text(
            self.page, f"Add {noun}", "Statement of the new factor:", ""
        )
        if statement is None:
            return
        if not statement.strip():
            self.page.tell(f"Nothing added: type the statement of the new {noun}.")
            return
        factor = ContributingFactor(statement=statement, category=category)
        title = f"Add {noun} “{shorten(factor.statement, 40)}”"

        def change() -> None:
            self.context.add_record(factor, title)
            if parent is not None:
                record = self._fresh_record()
                linked = record.with_parent(factor.id, parent.id)
                self.context.update_record(record, linked, title)

        if self._in_macro(title, change):
            self.page.view.select_box(str(factor.id))

    # Renaming

    def rename(self, box_id: str, record_id: str) -> None:
        """Rename a category, a cause's factor or the head, asking for the text."""
        state = self._state()
        if state is None:
            return
        review, record = state
        if box_id == HEAD_ID:
            self.rename_problem(record)
        elif box_id.startswith(CATEGORY_PREFIX):
            self._rename_category(record, _rib_name(box_id))
        elif (factor := _factor(review, record_id)) is not None:
            self._rename_factor(factor)

    def rename_problem(self, record: FishboneRecord) -> None:
        text = self.page.ask_text(
            self.page,
            "Problem (head)",
            "Text of the head; empty uses the review's problem statement:",
            record.problem,
        )
        if text is None or text.strip() == record.problem:
            return
        title = f"Edit the head of “{record.title}”"
        after = record.with_changes(problem=text)
        self._attempt(title, lambda: self.context.update_record(record, after, title))

    def _rename_category(self, record: FishboneRecord, name: str) -> None:
        text = self.page.ask_text(self.page, "Rename category", "Category:", name)
        if text is None or text.strip() == name:
            return
        if not text.strip():
            self.page.tell("Category not renamed: a category needs a name.")
            return
        new = text.strip()
        listed = [
            new if category_key(c) == category_key(name) else c
            for c in record.categories
        ]
        title = f"Rename category “{name}”"
        if self.change_categories(record, listed, {name: new}, title):
            self.page.view.select_box(CATEGORY_PREFIX + new)

    def _rename_factor(self, factor: ContributingFactor) -> None:
        text = self.page.ask_text(
            self.page, "Rename cause", "Statement of the factor:", factor.statement
        )
        if text is None or text.strip() == factor.statement:
            return
        title = f"Rename cause “{shorten(factor.statement, 40)}”"
        self._attempt(
            title,
            lambda: self.context.update_record(
                factor, factor.with_changes(statement=text), title
            ),
        )

    def change_categories(
        self,
        record: FishboneRecord,
        categories: list[str],
        renames: Mapping[str, str],
        title: str = "Edit categories",
    ) -> bool:
        """Store a new category list and rename the renamed categories' factors.

        `renames` maps old names to new ones. Return whether anything changed.
        """
        review = self.context.review
        if review is None:
            return False
        by_key = {category_key(old): new for old, new in renames.items()}
        collapsed = [by_key.get(category_key(n), n) for n in record.collapsed]
        after = self._attempt(
            title,
            lambda: record.with_changes(categories=categories, collapsed=collapsed),
        )
        if after is None:
            return False
        changes: list[tuple[Entity, Entity]] = []
        if after.categories != record.categories or after.collapsed != record.collapsed:
            changes.append((record, after))
        for old, new in renames.items():
            for factor in factors_in_category(review.factors, old):
                renamed = factor.with_changes(category=factor_category(new))
                if renamed.category != factor.category:
                    changes.append((factor, renamed))
        return self._store_all(title, changes)

    # Deleting

    def delete(self, box_id: str, record_id: str) -> None:
        """Remove a cause's links, and its factor if the user agrees, or a category."""
        state = self._state()
        if state is None:
            return
        review, record = state
        if box_id == HEAD_ID:
            self.page.tell("The head cannot be deleted: F2 changes its text.")
        elif box_id.startswith(CATEGORY_PREFIX):
            self._remove_category(review, record, _rib_name(box_id))
        elif (factor := _factor(review, record_id)) is not None:
            self._delete_cause(review, record, factor)

    def _remove_category(
        self, review: Review, record: FishboneRecord, name: str
    ) -> None:
        used = factors_in_category(review.factors, name)
        if used:
            count = f"{len(used)} factor{'' if len(used) == 1 else 's'}"
            self.page.tell(
                f"Category “{name}” not removed: {count} still use it. Move or "
                "delete those causes first."
            )
            return
        remaining = [
            c for c in record.categories if category_key(c) != category_key(name)
        ]
        title = f"Remove category “{name}”"
        self.change_categories(record, remaining, {}, title)

    def _delete_cause(
        self, review: Review, record: FishboneRecord, factor: ContributingFactor
    ) -> None:
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
                self.context.update_record(record, after, title)
            if delete:
                self.context.delete_record(factor, title)

        if self._in_macro(title, change) and parent is not None:
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
        factor = _factor(review, record_id)
        if factor is None:
            if box_id.startswith(CATEGORY_PREFIX) and target_box.startswith(
                CATEGORY_PREFIX
            ):
                self._reorder(record, _rib_name(box_id), _rib_name(target_box))
            return
        if target_box.startswith(CATEGORY_PREFIX):
            self._move_to_category(review, record, factor, _rib_name(target_box))
        elif (target := _factor(review, target_id)) is not None:
            self._move_under(review, record, factor, target)
        else:
            self.page.tell("Drop a cause onto a category or onto another cause.")

    def _move_to_category(
        self,
        review: Review,
        record: FishboneRecord,
        factor: ContributingFactor,
        rib: str,
    ) -> None:
        name = shorten(factor.statement, 40)
        category = factor_category(rib)
        linked = factor.id in record.parents
        if not linked and category_key(factor.category) == category_key(category):
            self.page.tell(f"“{name}” is already a cause on “{rib}”.")
            return
        changes: list[tuple[Entity, Entity]] = []
        if linked:
            changes.append((record, record.with_parent(factor.id, None)))
        changes.extend(self._recategorised(review, record, factor, category))
        if self._store_all(f"Move cause “{name}” to “{rib}”", changes):
            self.page.view.select_box(str(factor.id))

    def _move_under(
        self,
        review: Review,
        record: FishboneRecord,
        factor: ContributingFactor,
        target: ContributingFactor,
    ) -> None:
        name, target_name = shorten(factor.statement, 40), shorten(target.statement, 40)
        if target.id == factor.id:
            return
        if record.parents.get(factor.id) == target.id:
            self.page.tell(f"“{name}” is already a sub-cause of “{target_name}”.")
            return
        if target.id in record.descendants(factor.id):
            self.page.tell(
                f"Cannot move “{name}” under “{target_name}”, which is one of its "
                "own sub-causes. Nothing changed."
            )
            return
        changes: list[tuple[Entity, Entity]] = [
            (record, record.with_parent(factor.id, target.id))
        ]
        category = self._rib_category(review, record, target)
        changes.extend(self._recategorised(review, record, factor, category))
        title = f"Make “{name}” a sub-cause of “{target_name}”"
        if self._store_all(title, changes):
            self.page.view.select_box(str(factor.id))

    def _recategorised(
        self,
        review: Review,
        record: FishboneRecord,
        factor: ContributingFactor,
        category: str,
    ) -> list[tuple[Entity, Entity]]:
        """Return the changes that put a factor and those under it in a category."""
        moved = [factor.id, *record.descendants(factor.id)]
        changes: list[tuple[Entity, Entity]] = []
        for moved_id in moved:
            current = review.factor(moved_id)
            if current is not None and current.category != category:
                changes.append((current, current.with_changes(category=category)))
        return changes

    def _reorder(self, record: FishboneRecord, name: str, target: str) -> None:
        """Put a listed category just before another listed one."""
        keys = [category_key(c) for c in record.categories]
        if category_key(name) not in keys or category_key(target) not in keys:
            self.page.tell(
                "Only categories of this fishbone's list can be reordered: add "
                "the category with Edit categories first."
            )
            return
        moved = record.categories[keys.index(category_key(name))]
        others = [c for c in record.categories if c != moved]
        others.insert(
            [category_key(c) for c in others].index(category_key(target)), moved
        )
        if self.change_categories(record, others, {}, f"Move category “{moved}”"):
            self.page.view.select_box(CATEGORY_PREFIX + moved)

    # Ribs

    def rib_box(self, box_id: str) -> str | None:
        """Return the category box of a box: itself, or the rib a cause is on."""
        if box_id.startswith(CATEGORY_PREFIX):
            return box_id
        review = self.context.review
        factor = None if review is None else _factor(review, box_id)
        if review is None or factor is None:
            return None
        record = self.page.current()
        category = (
            factor.category
            if record is None
            else self._rib_category(review, record, factor)
        )
        key = category_key(category or UNCATEGORISED)
        for box in self.page.view.diagram_scene().diagram.boxes:
            if (
                box.id.startswith(CATEGORY_PREFIX)
                and category_key(_rib_name(box.id)) == key
            ):
                return box.id
        return None

    def _rib_category(
        self, review: Review, record: FishboneRecord, factor: ContributingFactor
    ) -> str:
        """Return the category of the rib a factor is drawn on: its top cause's."""
        top, seen = factor, {factor.id}
        while (parent := review.factor(record.parents.get(top.id))) is not None:
            if parent.id in seen:
                break
            seen.add(parent.id)
            top = parent
        return top.category

    # Storing

    def _fresh_record(self) -> FishboneRecord:
        record = self.page.current()
        if record is None:
            raise ValueError("the fishbone no longer exists: choose another one")
        return record

    def _store_all(self, title: str, changes: Sequence[tuple[Entity, Entity]]) -> bool:
        """Store every (before, after) pair as one undo step; return whether stored."""
        if not changes:
            return False

        def change() -> None:
            for before, after in changes:
                self.context.update_record(before, after, title)

        return self._in_macro(title, change)

    def _in_macro(self, title: str, change: Callable[[], None]) -> bool:
        """Run a change as one undo step and return whether it ran.

        A user error is shown, and the edits already stored are undone.
        """

        def run() -> bool:
            with undo_macro(self.context, title):
                change()
            return True

        return bool(self._attempt(title, run))

    def _attempt(self, title: str, action: Callable[[], Result]) -> Result | None:
        self.page.status.clear()
        return errors.attempt(self.page, title, action)


def _rib_name(box_id: str) -> str:
    return box_id.removeprefix(CATEGORY_PREFIX)


def _factor(review: Review, record_id: str) -> ContributingFactor | None:
    try:
        return review.factor(UUID(record_id))
    except (TypeError, ValueError):
        return None
