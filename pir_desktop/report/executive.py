"""The "Executive summary" section: the review on half a page for the CISO."""

from collections import Counter
from datetime import timedelta

from reportlab.platypus import Flowable

from ..domain.entities import ContributingFactor
from ..domain.enums import FactorRole, FactorStatus, label
from ..domain.rules import incident_metrics
from ..domain.times import format_duration
from .context import NOT_RECORDED, ReportContext
from .styles import CELL, CELL_WARNING, H1
from .tables import label_table, value
from .text import para

HEADING = "Executive summary"
TOP_FACTOR_COUNT = 3

# Stronger evidence first; refuted factors are not listed.
STATUS_RANK = {
    FactorStatus.CONFIRMED: 0,
    FactorStatus.SUPPORTED: 1,
    FactorStatus.HYPOTHESIS: 2,
}


def executive_summary_section(context: ReportContext) -> list[Flowable]:
    """Build the severity, impact, metrics, top factors, actions and approval."""
    review = context.review
    approved = context.approval_state == "approved"
    rows = [
        ("Severity", value(review.severity.value)),
        ("Impact", value(review.impact or NOT_RECORDED)),
        ("Key metrics", value(_metrics(context))),
        ("Top factors", value(_top_factors(context))),
        ("Actions", value(_actions(context))),
        ("Emergency controls", value(_controls(context))),
        (
            "Approval state",
            para(
                context.approval_state.capitalize(), CELL if approved else CELL_WARNING
            ),
        ),
    ]
    return [para(HEADING, H1), label_table(rows, label_fraction=0.22)]


def _metrics(context: ReportContext) -> str:
    metrics = incident_metrics(context.review.facts)
    parts = [
        ("detect", metrics.time_to_detect),
        ("contain", metrics.time_to_contain),
        ("resolve", metrics.time_to_resolve),
    ]
    return "\n".join(f"Time to {name}: {_duration(delta)}" for name, delta in parts)


def _duration(delta: timedelta | None) -> str:
    return "not known" if delta is None else format_duration(delta)


def top_factors(factors: list[ContributingFactor]) -> list[ContributingFactor]:
    """Return the factors to name first: best supported, then triggers first."""
    candidates = [f for f in factors if f.status in STATUS_RANK]
    candidates.sort(
        key=lambda f: (STATUS_RANK[f.status], FactorRole.TRIGGER not in f.roles)
    )
    return candidates[:TOP_FACTOR_COUNT]


def _top_factors(context: ReportContext) -> str:
    chosen = top_factors(context.review.factors)
    if not chosen:
        return "No contributing factors recorded."
    lines = [
        f"{context.factor_labels[f.id]} {f.statement} ({label(f.status).lower()})"
        for f in chosen
    ]
    others = len(context.review.factors) - len(chosen)
    if others > 0:
        lines.append(f"and {others} more in the section Contributing factors")
    return "\n".join(lines)


def _actions(context: ReportContext) -> str:
    actions = context.review.actions
    if not actions:
        return "No action items recorded."
    counts = Counter(label(a.status).lower() for a in actions)
    detail = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    noun = "action" if len(actions) == 1 else "actions"
    return f"{len(actions)} {noun}: {detail}"


def _controls(context: ReportContext) -> str:
    controls = context.review.controls
    if not controls:
        return "None assessed."
    needed = sum(1 for c in controls if c.still_needed)
    return f"{len(controls)} assessed, {needed} still needed"
