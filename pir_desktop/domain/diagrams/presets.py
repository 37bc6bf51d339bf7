"""Fishbone category presets as data, and the grouping of factors into ribs."""

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..entities import ContributingFactor
from ..fishbone_record import FishboneRecord, category_key
from ..review import Review
from .fishbone import Cause, FishboneStyle, Rib, fishbone_diagram
from .geometry import Diagram, Measure
from .whytree import problem_statement

FORMAT_VERSION = 1
UNCATEGORISED = "Uncategorised"
# Preset of the derived fishbone, shown for a review that stores none.
DERIVED_PRESET = "security"
# Prefix of a sub-cause drawn one level higher than it is linked.
SUBCAUSE_MARK = "↳ "


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FishbonePreset(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_-]+$")
    name: str = Field(min_length=1)
    description: str = ""
    categories: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_categories(self) -> Self:
        folded = [c.strip().casefold() for c in self.categories]
        if "" in folded:
            raise ValueError(f"preset {self.id}: a category name is empty")
        if len(set(folded)) != len(folded):
            raise ValueError(f"preset {self.id}: a category is listed twice")
        return self


class FishbonePresets(_Strict):
    format_version: int
    presets: list[FishbonePreset] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.format_version != FORMAT_VERSION:
            raise ValueError(
                f"format_version {self.format_version} is not supported: "
                f"expected {FORMAT_VERSION}"
            )
        ids = [p.id for p in self.presets]
        if len(set(ids)) != len(ids):
            raise ValueError("a preset id is used twice")
        return self

    def preset(self, preset_id: str) -> FishbonePreset:
        """Return the preset with this id; raise KeyError when there is none."""
        for preset in self.presets:
            if preset.id == preset_id:
                return preset
        raise KeyError(f"fishbone preset {preset_id!r} not found")


class PresetError(ValueError):
    """A fishbone preset file that cannot be read or is invalid."""


def load_presets(path: Path) -> FishbonePresets:
    """Read and validate a preset file; raise PresetError naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return FishbonePresets.model_validate(data)
    except (OSError, json.JSONDecodeError, ValidationError) as exc:
        raise PresetError(f"fishbone preset file {path} is invalid: {exc}") from exc


@cache
def default_presets() -> FishbonePresets:
    """Return the bundled presets: security, 6M, 8M, 4S and 8P."""
    from ...paths import resources_dir

    return load_presets(resources_dir() / "diagrams" / "fishbone-presets.json")


def ribs_from_factors(
    factors: Sequence[ContributingFactor],
    categories: Sequence[str] = (),
    *,
    show_empty: bool = False,
    parents: Mapping[UUID, UUID] | None = None,
) -> list[Rib]:
    """Group factors into one rib per category, in the order given.

    Category names match without regard to case or surrounding spaces.
    Categories not in `categories` follow in the order they first appear,
    and factors without a category end on an "Uncategorised" rib. Listed
    categories without factors get a rib only when show_empty is true.

    A factor that `parents` links to another factor of the list is a
    sub-cause. It hangs under that factor, on that factor's rib, whatever
    its own category is. The layout draws one level of sub-causes, so deeper
    ones follow their top cause's sub-causes in depth-first order, each
    marked with SUBCAUSE_MARK once per extra level.
    """
    links = _acyclic_links(factors, parents or {})
    children: dict[UUID, list[ContributingFactor]] = {}
    for factor in factors:
        if factor.id in links:
            children.setdefault(links[factor.id], []).append(factor)

    names: dict[str, str] = {}
    grouped: dict[str, list[Cause]] = {}
    for name in categories:
        key = category_key(name)
        names.setdefault(key, name.strip())
        grouped.setdefault(key, [])
    for factor in factors:
        if factor.id in links:
            continue
        name = factor.category.strip() or UNCATEGORISED
        key = category_key(name)
        names.setdefault(key, name)
        subcauses = tuple(_subcauses(factor.id, children, 1))
        grouped.setdefault(key, []).append(_cause(factor, "", subcauses))

    uncategorised = category_key(UNCATEGORISED)
    order = [k for k in grouped if k != uncategorised] + [uncategorised]
    return [
        Rib(category=names[key], causes=tuple(grouped[key]))
        for key in order
        if key in grouped and (grouped[key] or show_empty)
    ]


def _acyclic_links(
    factors: Sequence[ContributingFactor], parents: Mapping[UUID, UUID]
) -> dict[UUID, UUID]:
    """Return the links between listed factors, without the links that close a cycle.

    Links to a deleted factor are left out, so its sub-causes become causes.
    """
    known = {factor.id for factor in factors}
    links = {
        child: parent
        for child, parent in parents.items()
        if child in known and parent in known and child != parent
    }
    for start in list(links):
        seen = {start}
        current = links.get(start)
        while current is not None and current not in seen:
            seen.add(current)
            current = links.get(current)
        if current == start:
            del links[start]
    return links


def _subcauses(
    parent: UUID, children: Mapping[UUID, list[ContributingFactor]], depth: int
) -> list[Cause]:
    found: list[Cause] = []
    for factor in children.get(parent, []):
        found.append(_cause(factor, SUBCAUSE_MARK * (depth - 1)))
        found.extend(_subcauses(factor.id, children, depth + 1))
    return found


def _cause(
    factor: ContributingFactor, mark: str, subcauses: tuple[Cause, ...] = ()
) -> Cause:
    return Cause(
        id=str(factor.id),
        text=mark + factor.statement,
        status=factor.status,
        subcauses=subcauses,
    )


def factor_category(rib: str) -> str:
    """Return the factor category of the rib with this name ("" for Uncategorised)."""
    name = rib.strip()
    return "" if category_key(name) == category_key(UNCATEGORISED) else name


def factors_in_category(
    factors: Sequence[ContributingFactor], rib: str
) -> list[ContributingFactor]:
    """Return the factors whose category puts them on this rib."""
    key = category_key(factor_category(rib))
    return [factor for factor in factors if category_key(factor.category) == key]


def category_counts(factors: Iterable[ContributingFactor]) -> dict[str, int]:
    """Return the number of factors per category, keyed by category_key."""
    counts: dict[str, int] = {}
    for factor in factors:
        key = category_key(factor.category or UNCATEGORISED)
        counts[key] = counts.get(key, 0) + 1
    return counts


def review_fishbone(
    review: Review,
    record: FishboneRecord | None,
    measure: Measure,
    collapsed: Collection[str] | None = None,
    show_empty: bool = True,
) -> Diagram:
    """Lay out a stored fishbone of a review, or the derived one if record is None.

    The derived fishbone groups every factor under the security preset's
    categories and leaves out categories without factors. A stored one
    shows its sub-cause links, under its own problem text when it has one,
    and all its categories unless show_empty is false. `collapsed` names the
    ribs to collapse. None takes the record's collapsed categories, and none
    for the derived fishbone.
    """
    if record is None:
        categories = default_presets().preset(DERIVED_PRESET).categories
        ribs = ribs_from_factors(review.factors, categories)
        head = problem_statement(review)
        folded = collapsed or ()
    else:
        ribs = record_ribs(review, record, show_empty)
        head = record.problem or problem_statement(review)
        folded = record.collapsed if collapsed is None else collapsed
    keys = {category_key(name) for name in folded}
    names = frozenset(
        rib.category for rib in ribs if category_key(rib.category) in keys
    )
    return fishbone_diagram(head, ribs, measure, FishboneStyle(collapsed=names))


def record_ribs(
    review: Review, record: FishboneRecord, show_empty: bool = True
) -> list[Rib]:
    """Group a review's factors into the ribs of a stored fishbone."""
    return ribs_from_factors(
        review.factors,
        record.categories,
        show_empty=show_empty,
        parents=record.parents,
    )
