"""Sentences that present a fault-tree analysis, shared by the app and the PDF.

Events are named by their ids, or by the texts in `labels` where given.
"""

from collections.abc import Mapping

from .analysis import FaultTreeAnalysis
from .cutsets import CutSet, format_cut_set, format_literal


def format_probability(value: float) -> str:
    """Return a probability with four significant digits."""
    return f"{value:.4g}"


def cut_set_text(cut_set: CutSet, labels: Mapping[str, str] | None = None) -> str:
    """Return a cut set as "a AND b AND NOT c", ordered as `format_cut_set` orders."""
    if labels is None:
        return " AND ".join(format_cut_set(cut_set))
    ordered = sorted(cut_set, key=lambda literal: (literal[0], not literal[1]))
    return " AND ".join(
        format_literal((labels.get(event_id, event_id), polarity))
        for event_id, polarity in ordered
    )


def cut_set_heading(analysis: FaultTreeAnalysis) -> str:
    """Return "Minimal cut sets (n)", or "Prime implicants (n)" when non-coherent."""
    count = len(analysis.cut_sets)
    if analysis.coherent:
        return f"Minimal cut sets ({count})"
    return f"Prime implicants ({count}); the tree is non-coherent"


def probability_lines(
    analysis: FaultTreeAnalysis, labels: Mapping[str, str] | None = None
) -> list[str]:
    """Return the exact probability, then its approximations labelled as such."""
    probability = analysis.probability
    if probability.missing_probabilities:
        names = labels or {}
        missing = ", ".join(
            names.get(event_id, event_id)
            for event_id in probability.missing_probabilities
        )
        return [f"Top-event probability not computed: no probability for {missing}."]
    assert probability.exact is not None
    exact = format_probability(probability.exact)
    lines = [f"Top-event probability (exact, BDD): {exact}"]
    if probability.rare_event is None or probability.min_cut_upper_bound is None:
        lines.append("Approximations apply to coherent trees only.")
        return lines
    lines.append(
        "Approximations, for comparison only: rare-event "
        f"{format_probability(probability.rare_event)}; min-cut upper bound "
        f"{format_probability(probability.min_cut_upper_bound)}"
    )
    return lines


def observed_summary(analysis: FaultTreeAnalysis) -> str:
    """Return how many cut sets the observed events complete and the top's value."""
    observed = analysis.observed
    top = "occurred" if observed.top_occurred else "did not occur"
    return (
        f"Observed events complete {len(observed.completed)} of "
        f"{len(analysis.cut_sets)} cut sets; the top event {top}."
    )
