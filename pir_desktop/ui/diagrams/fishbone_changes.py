"""Compute the record changes of a fishbone edit before any of them is stored.

Each function returns (before, after) pairs of records, which the page
stores as one undo step, or raises EditRejected with a message for the user
when the edit cannot be made. Nothing here touches Qt or the library.

A sub-cause is drawn on its top cause's rib, so every edit that links a
factor under another also gives it, and the factors under it, that rib's
category. Then the factor table and other fishbones show them in the same
category.
"""

from collections.abc import Mapping

from ...domain.diagrams.presets import factor_category, factors_in_category
from ...domain.entities import ContributingFactor, Entity
from ...domain.fishbone_record import FishboneRecord, category_key
from ...domain.review import Review
from ..dialogs.choices import shorten

Change = tuple[Entity, Entity]


class EditRejected(ValueError):
    """Error for an edit that would change nothing or break the fishbone.

    The message gives the reason and is shown to the user.
    """


def without_missing_links(review: Review, record: FishboneRecord) -> FishboneRecord:
    """Return the record without sub-cause links to or from missing factors."""
    known = {factor.id for factor in review.factors}
    valid_parents = {
        child: parent
        for child, parent in record.parents.items()
        if child in known and parent in known
    }
    return (
        record
        if valid_parents == record.parents
        else record.with_changes(parents=valid_parents)
    )


def rib_category(
    review: Review, record: FishboneRecord, factor: ContributingFactor
) -> str:
    """Return the category of the rib a factor is drawn on, which is its top cause's."""
    top, seen = factor, {factor.id}
    while (parent := review.factor(record.parents.get(top.id))) is not None:
        if parent.id in seen:
            break
        seen.add(parent.id)
        top = parent
    return top.category


def category_changes(
    review: Review,
    record: FishboneRecord,
    categories: list[str],
    renames: Mapping[str, str],
) -> list[Change]:
    """Return the changes that store a category list and rename factors' categories.

    `renames` maps old names to new ones. Each factor changes at most once,
    from its category before the edit, so swapping two names works. Raises
    ValidationError for an invalid category list.
    """
    by_key = {category_key(old): new for old, new in renames.items()}
    collapsed = [by_key.get(category_key(name), name) for name in record.collapsed]
    after = record.with_changes(categories=categories, collapsed=collapsed)
    changes: list[Change] = []
    if (after.categories, after.collapsed) != (record.categories, record.collapsed):
        changes.append((record, after))
    for old, new in renames.items():
        for factor in factors_in_category(review.factors, old):
            renamed = factor.with_changes(category=factor_category(new))
            if renamed.category != factor.category:
                changes.append((factor, renamed))
    return changes


def removed_category(review: Review, record: FishboneRecord, name: str) -> list[Change]:
    """Return the change that drops a category without causes from the list."""
    used = factors_in_category(review.factors, name)
    if used:
        count = f"{len(used)} factor{'' if len(used) == 1 else 's'}"
        raise EditRejected(
            f"Category “{name}” not removed: {count} still use it. Move or "
            "delete those causes first."
        )
    remaining = [c for c in record.categories if category_key(c) != category_key(name)]
    return category_changes(review, record, remaining, {})


def reordered(record: FishboneRecord, name: str, target: str) -> list[str]:
    """Return the category list with one listed category just before another."""
    keys = [category_key(c) for c in record.categories]
    if category_key(name) not in keys or category_key(target) not in keys:
        raise EditRejected(
            "Only categories of this fishbone's list can be reordered: add the "
            "category with Edit categories first."
        )
    moved = record.categories[keys.index(category_key(name))]
    others = [c for c in record.categories if c != moved]
    others.insert([category_key(c) for c in others].index(category_key(target)), moved)
    return others


def moved_to_category(
    review: Review, record: FishboneRecord, factor: ContributingFactor, rib: str
) -> list[Change]:
    """Return the changes that make a factor a cause of its own on a rib."""
    category = factor_category(rib)
    linked = factor.id in record.parents
    if not linked and category_key(factor.category) == category_key(category):
        raise EditRejected(f"“{shorten(factor.statement, 40)}” is already on “{rib}”.")
    changes: list[Change] = []
    if linked:
        changes.append((record, record.with_parent(factor.id, None)))
    return changes + recategorised(review, record, factor, category)


def moved_under(
    review: Review,
    record: FishboneRecord,
    factor: ContributingFactor,
    target: ContributingFactor,
) -> list[Change]:
    """Return the changes that make a factor a sub-cause of another."""
    name, target_name = shorten(factor.statement, 40), shorten(target.statement, 40)
    if record.parents.get(factor.id) == target.id:
        raise EditRejected(f"“{name}” is already a sub-cause of “{target_name}”.")
    if target.id in record.descendants(factor.id):
        raise EditRejected(
            f"Cannot move “{name}” under “{target_name}”, which is one of its "
            "own sub-causes. Nothing changed."
        )
    changes: list[Change] = [(record, record.with_parent(factor.id, target.id))]
    category = rib_category(review, record, target)
    return changes + recategorised(review, record, factor, category)


def recategorised(
    review: Review, record: FishboneRecord, factor: ContributingFactor, category: str
) -> list[Change]:
    """Return the changes that put a factor and those under it in a category."""
    changes: list[Change] = []
    for moved_id in [factor.id, *record.descendants(factor.id)]:
        current = review.factor(moved_id)
        if current is not None and current.category != category:
            changes.append((current, current.with_changes(category=category)))
    return changes
