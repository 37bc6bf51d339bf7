"""Fishbone category presets as data, and the grouping of factors into ribs."""

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..entities import ContributingFactor
from .fishbone import Cause, Rib

FORMAT_VERSION = 1
UNCATEGORISED = "Uncategorised"


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
) -> list[Rib]:
    """Group factors into one rib per category, in the order given.

    Category names match without regard to case or surrounding spaces.
    Categories not in `categories` follow in the order they first appear,
    and factors without a category end on an "Uncategorised" rib. Listed
    categories without factors get a rib only when show_empty is true.
    """
    names: dict[str, str] = {}
    grouped: dict[str, list[Cause]] = {}
    for name in categories:
        key = name.strip().casefold()
        names.setdefault(key, name.strip())
        grouped.setdefault(key, [])
    for factor in factors:
        name = factor.category.strip() or UNCATEGORISED
        key = name.casefold()
        names.setdefault(key, name)
        grouped.setdefault(key, []).append(
            Cause(id=str(factor.id), text=factor.statement, status=factor.status)
        )

    uncategorised = UNCATEGORISED.casefold()
    order = [k for k in grouped if k != uncategorised] + [uncategorised]
    return [
        Rib(category=names[key], causes=tuple(grouped[key]))
        for key in order
        if key in grouped and (grouped[key] or show_empty)
    ]
