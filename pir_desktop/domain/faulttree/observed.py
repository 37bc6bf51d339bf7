"""Matching of the events observed in an incident against cut sets.

Observation is read as a closed world: an event marked observed occurred, and
every other event did not. A positive literal holds when its event was
observed, and a negated literal ("NOT event") holds when it was not.
"""

from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from .compile import CompiledTree
from .cutsets import CutSet, format_cut_set


@dataclass(frozen=True)
class PartialCutSet:
    """A cut set some of whose events were observed, with the events still missing."""

    cut_set: CutSet
    missing: frozenset[str]


@dataclass(frozen=True)
class ObservedCutSets:
    """Cut sets completed or partly completed by the observed events.

    A cut set is completed when every literal holds. It is partial when at
    least one positive literal holds, the others are still missing, and no
    negated literal is contradicted by an observation. `top_occurred` is the
    top event's value under the same closed-world reading.
    """

    completed: list[CutSet]
    partial: list[PartialCutSet]
    top_occurred: bool

    def report(self) -> dict[str, Any]:
        return {
            "top_occurred": self.top_occurred,
            "completed": [format_cut_set(c) for c in self.completed],
            "partial": [
                {"cut_set": format_cut_set(p.cut_set), "missing": sorted(p.missing)}
                for p in self.partial
            ],
        }


def match_observed(
    cut_sets: list[CutSet], observed: Set[str], compiled: CompiledTree
) -> ObservedCutSets:
    """Sort each cut set into completed, partial or neither, keeping their order."""
    completed: list[CutSet] = []
    partial: list[PartialCutSet] = []
    for cut_set in cut_sets:
        if any(not polarity and e in observed for e, polarity in cut_set):
            continue
        positive = {event_id for event_id, polarity in cut_set if polarity}
        missing = positive - observed
        if not missing:
            completed.append(cut_set)
        elif missing != positive:
            partial.append(PartialCutSet(cut_set, frozenset(missing)))

    order = compiled.order
    top = compiled.bdd.evaluate(compiled.root, lambda level: order[level] in observed)
    return ObservedCutSets(completed=completed, partial=partial, top_occurred=top)
