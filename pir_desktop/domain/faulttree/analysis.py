"""Qualitative and quantitative analysis of a fault tree's top event."""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .compile import CompiledTree, compile_tree
from .cutsets import CutSet, format_cut_set, minimal_cut_sets, prime_implicants
from .model import FaultTree
from .observed import ObservedCutSets, match_observed


@dataclass(frozen=True)
class ProbabilityResult:
    """The exact top-event probability and two labelled approximations.

    `exact` comes from the BDD. `rare_event` (the sum of cut-set
    probabilities, which may exceed 1) and `min_cut_upper_bound`
    (1 − Π(1 − P(cut set))) are given for coherent trees only. Every value is
    None while an event the top event depends on has no probability; those
    events are listed in `missing_probabilities`.
    """

    exact: float | None
    rare_event: float | None
    min_cut_upper_bound: float | None
    missing_probabilities: tuple[str, ...]


@dataclass(frozen=True)
class FaultTreeAnalysis:
    """Results for one tree.

    `coherent` is True when the top event is a monotone function of the
    events once house events are fixed: no event's occurrence can make it
    false. A NOT or XOR gate makes a tree non-coherent only where it has that
    effect. `cut_sets` contains the minimal cut sets of a coherent tree and the
    prime implicants of any other.
    """

    top: str
    coherent: bool
    cut_sets: list[CutSet]
    probability: ProbabilityResult
    observed: ObservedCutSets

    def report(self, include_observed: bool = False) -> dict[str, Any]:
        """Return a JSON-ready summary. Negated literals read "NOT event"."""
        report: dict[str, Any] = {
            "top": self.top,
            "coherent": self.coherent,
            "minimal_cut_sets": [format_cut_set(c) for c in self.cut_sets],
            "probability": {
                "exact": self.probability.exact,
                "rare_event": self.probability.rare_event,
                "min_cut_upper_bound": self.probability.min_cut_upper_bound,
                "missing_probabilities": list(self.probability.missing_probabilities),
            },
        }
        if include_observed:
            report["observed"] = self.observed.report()
        return report


def analyse(tree: FaultTree) -> FaultTreeAnalysis:
    """Compile the tree to a BDD and compute cut sets, probabilities and matches."""
    compiled = compile_tree(tree)
    coherent = compiled.bdd.is_monotone(compiled.root)
    if coherent:
        cut_sets = minimal_cut_sets(compiled)
    else:
        cut_sets = prime_implicants(compiled)

    observed_ids = {event.id for event in tree.events() if event.observed}
    return FaultTreeAnalysis(
        top=tree.top,
        coherent=coherent,
        cut_sets=cut_sets,
        probability=_probabilities(tree, compiled, cut_sets, coherent),
        observed=match_observed(cut_sets, observed_ids, compiled),
    )


def _probabilities(
    tree: FaultTree, compiled: CompiledTree, cut_sets: list[CutSet], coherent: bool
) -> ProbabilityResult:
    known = {e.id: e.probability for e in tree.events() if e.probability is not None}
    needed = [compiled.order[level] for level in compiled.bdd.support(compiled.root)]
    missing = tuple(sorted(event_id for event_id in needed if event_id not in known))
    if missing:
        return ProbabilityResult(None, None, None, missing)

    by_level = [known.get(event_id, 0.0) for event_id in compiled.order]
    exact = compiled.bdd.probability(compiled.root, by_level)
    if not coherent:
        return ProbabilityResult(exact, None, None, ())
    set_probabilities = [_cut_set_probability(c, known) for c in cut_sets]
    return ProbabilityResult(
        exact=exact,
        rare_event=math.fsum(set_probabilities),
        min_cut_upper_bound=1 - math.prod(1 - p for p in set_probabilities),
        missing_probabilities=(),
    )


def _cut_set_probability(cut_set: CutSet, known: Mapping[str, float]) -> float:
    """Return the probability that every literal holds, events independent."""
    return math.prod(
        known[event_id] if polarity else 1 - known[event_id]
        for event_id, polarity in cut_set
    )
