"""The fault trees of the root-cause analysis: diagram, cut sets and probability."""

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.diagrams import fault_tree_diagram
from ..domain.diagrams.faulttree import event_labels
from ..domain.fault_tree_record import FaultTreeRecord
from ..domain.faulttree import CutSet, FaultTree, FaultTreeAnalysis, analyse
from ..domain.faulttree.summary import (
    cut_set_heading,
    cut_set_text,
    observed_summary,
    probability_lines,
)
from .context import ReportContext
from .diagrams import diagram_flowables, measure
from .styles import BODY, CELL, CELL_LABEL, H2, NOTE, NOTE_LEAD
from .tables import Row, data_table
from .text import para

HEADING = "Fault tree"


def fault_tree_flowables(context: ReportContext) -> list[Flowable]:
    """Build one subsection per stored fault tree, or nothing when there is none."""
    story: list[Flowable] = []
    for record in context.review.fault_trees:
        story.extend(_tree_section(context, record))
    return story


def _tree_section(context: ReportContext, record: FaultTreeRecord) -> list[Flowable]:
    tree = record.tree
    analysis = analyse(tree)
    lead: list[Flowable] = [para(f"{HEADING}: {record.title}", H2)]
    if record.notes:
        lead.append(para(record.notes, BODY))
    factors = context.review.factors
    drawing = diagram_flowables(fault_tree_diagram(tree, measure, factors=factors))
    # The heading moves to the next page with the first part of the diagram.
    story: list[Flowable] = [KeepTogether([*lead, drawing[0]]), *drawing[1:]]
    story.append(
        para(
            "Shaded boxes are events observed in this incident; bold cut sets "
            "are the ones those events complete.",
            NOTE,
        )
    )
    story.append(para(cut_set_heading(analysis), NOTE_LEAD))
    labels = event_labels(tree, factors)
    if analysis.cut_sets:
        story.append(_cut_set_table(context, tree, analysis, labels))
        story.append(Spacer(1, 4))
    story.append(para(observed_summary(analysis), BODY))
    story.extend(para(line, BODY) for line in probability_lines(analysis, labels))
    return story


def _cut_set_table(
    context: ReportContext,
    tree: FaultTree,
    analysis: FaultTreeAnalysis,
    labels: dict[str, str],
) -> Flowable:
    completed = set(analysis.observed.completed)
    missing = {p.cut_set: p.missing for p in analysis.observed.partial}
    rows: list[Row] = []
    for number, cut_set in enumerate(analysis.cut_sets, start=1):
        style = CELL_LABEL if cut_set in completed else CELL
        if cut_set in completed:
            status = "completed"
        elif cut_set in missing:
            names = sorted(labels[event_id] for event_id in missing[cut_set])
            status = "missing " + ", ".join(names)
        else:
            status = ""
        rows.append(
            [
                para(f"C{number}", style),
                para(cut_set_text(cut_set, labels), style),
                para(_event_notes(context, tree, cut_set), CELL),
                para(status, style),
            ]
        )
    headers = ["", "Cut set", "Events", "Observed"]
    return data_table(headers, rows, [0.06, 0.32, 0.44, 0.18])


def _event_notes(context: ReportContext, tree: FaultTree, cut_set: CutSet) -> str:
    """Return each event's label, with the label of the factor it is linked to."""
    nodes = tree.node_map()
    lines = []
    for event_id, _ in sorted(cut_set):
        node = nodes[event_id]
        text = f"{event_id}: {node.label}" if node.label else event_id
        factor = context.review.factor(node.factor_id)
        if factor is not None:
            text += f" (factor {context.factor_labels[factor.id]})"
        lines.append(text)
    return "\n".join(lines)
