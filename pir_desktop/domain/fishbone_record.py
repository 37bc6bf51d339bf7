"""Fishbone analyses stored in a review, with their categories and sub-cause links.

The causes of every fishbone are the review's contributing factors, each on
the rib named by its own `category`, so editing a factor anywhere changes
every view. A record keeps what belongs to one analysis only: its title and
head text, its ordered category list, which ribs are collapsed and which
factors hang under another factor as sub-causes.
"""

from typing import Self
from uuid import UUID

from pydantic import Field, field_validator, model_validator

from .entities import Entity, RequiredText, Text


def category_key(name: str) -> str:
    """Return the key that category names are compared by, stripped and casefolded."""
    return name.strip().casefold()


class FishboneRecord(Entity):
    """One fishbone of a review. A review may contain several."""

    title: RequiredText
    problem: Text = Field(
        default="",
        description="Text of the head; empty means the review's problem statement",
    )
    preset: Text = Field(
        default="", description="Id of the category preset the fishbone started from"
    )
    categories: list[str] = Field(
        description="Rib names in drawing order, unique without regard to case"
    )
    collapsed: list[str] = Field(
        default_factory=list,
        description="Names of the ribs that show only a count of their causes",
    )
    parents: dict[UUID, UUID] = Field(
        default_factory=dict,
        description="Sub-cause links: factor id -> id of the factor it hangs under",
    )

    @field_validator("categories")
    @classmethod
    def _valid_categories(cls, value: list[str]) -> list[str]:
        names = [name.strip() for name in value]
        if not names:
            raise ValueError("a fishbone needs at least one category: add one")
        seen: dict[str, str] = {}
        for position, name in enumerate(names, start=1):
            if not name:
                raise ValueError(
                    f"category {position} has an empty name: name it or remove it"
                )
            key = category_key(name)
            if key in seen:
                raise ValueError(
                    f"category {name!r} is listed twice (as {seen[key]!r} too): "
                    "rename or remove one of them"
                )
            seen[key] = name
        return names

    @field_validator("collapsed")
    @classmethod
    def _unique_collapsed(cls, value: list[str]) -> list[str]:
        unique = {category_key(name): name.strip() for name in value if name.strip()}
        return sorted(unique.values(), key=category_key)

    @model_validator(mode="after")
    def _no_cycles(self) -> Self:
        for factor_id, parent_id in self.parents.items():
            if factor_id == parent_id:
                raise ValueError(
                    f"factor {factor_id} is linked as its own sub-cause: "
                    "remove that link"
                )
        for factor_id in self.parents:
            if self._on_cycle(factor_id):
                raise ValueError(
                    f"the sub-cause links form a cycle through factor {factor_id}: "
                    "remove one of the links in the cycle"
                )
        return self

    def _on_cycle(self, start: UUID) -> bool:
        seen = {start}
        current = self.parents.get(start)
        while current is not None:
            if current in seen:
                return True
            seen.add(current)
            current = self.parents.get(current)
        return False

    def is_collapsed(self, category: str) -> bool:
        """Return whether the rib with this name shows only a count of its causes."""
        return category_key(category) in {category_key(c) for c in self.collapsed}

    def with_collapse_toggled(self, category: str) -> Self:
        """Return a copy with this rib collapsed, or expanded when it was collapsed."""
        key = category_key(category)
        if self.is_collapsed(category):
            remaining = [n for n in self.collapsed if category_key(n) != key]
            return self.with_changes(collapsed=remaining)
        return self.with_changes(collapsed=[*self.collapsed, category])

    def with_category_renamed(self, old: str, new: str) -> Self:
        """Return a copy with a category renamed in the list and the collapsed set."""
        key = category_key(old)

        def rename(names: list[str]) -> list[str]:
            return [new if category_key(name) == key else name for name in names]

        return self.with_changes(
            categories=rename(self.categories), collapsed=rename(self.collapsed)
        )

    def descendants(self, factor_id: UUID) -> list[UUID]:
        """Return the ids of the factors under this one, nearest first."""
        children: dict[UUID, list[UUID]] = {}
        for child, parent in self.parents.items():
            children.setdefault(parent, []).append(child)
        found: list[UUID] = []
        pending = list(children.get(factor_id, []))
        while pending:
            current = pending.pop(0)
            found.append(current)
            pending.extend(children.get(current, []))
        return found

    def with_parent(self, factor_id: UUID, parent_id: UUID | None) -> Self:
        """Return a copy where a factor hangs under another, or is a cause of its own.

        Raises ValueError, naming the factors, when the link would form a cycle.
        """
        parents = dict(self.parents)
        parents.pop(factor_id, None)
        if parent_id is not None:
            if parent_id == factor_id:
                raise ValueError(
                    f"factor {factor_id} cannot be its own parent: "
                    "choose another factor"
                )
            if parent_id in self.descendants(factor_id):
                raise ValueError(
                    f"factor {parent_id} hangs under factor {factor_id}, so it "
                    "cannot also be its parent: move it out first"
                )
            parents[factor_id] = parent_id
        return self.with_changes(parents=parents)

    def without_cause(self, factor_id: UUID) -> Self:
        """Return a copy without a factor's links, moving its sub-causes up a level."""
        parent = self.parents.get(factor_id)
        parents: dict[UUID, UUID] = {}
        for child, current in self.parents.items():
            if child == factor_id:
                continue
            if current == factor_id:
                if parent is None:
                    continue
                current = parent
            parents[child] = current
        return self.with_changes(parents=parents)
