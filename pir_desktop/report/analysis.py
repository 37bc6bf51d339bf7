"""The "Contributing factors" (with fishbone and fault trees) and "Lessons learned"."""

from reportlab.platypus import Flowable

from ..domain.entities import ContributingFactor
from ..domain.enums import LessonKind, label
from .context import ReportContext
from .diagrams import fishbone_flowables
from .faulttree import fault_tree_flowables
from .styles import BODY, CELL, H1, H2
from .tables import data_table, value
from .text import bullet, para, with_notes

FACTORS_HEADING = "Contributing factors"
LESSONS_HEADING = "Lessons learned"

LESSON_HEADINGS = {
    LessonKind.PROCESS: "Process improvements",
    LessonKind.TOOL: "Tool enhancements",
    LessonKind.TRAINING: "Training needs",
}


def factors_section(context: ReportContext) -> list[Flowable]:
    """Build the table of contributing factors, labelled F1, F2, ..."""
    story: list[Flowable] = [para(FACTORS_HEADING, H1)]
    factors = context.review.factors
    if not factors:
        return [*story, para("No contributing factors recorded.", BODY)]

    rows = [_factor_row(context, factor) for factor in factors]
    headers = ["", "Statement", "Category", "Status", "Roles"]
    story.append(data_table(headers, rows, [0.05, 0.47, 0.17, 0.12, 0.19]))
    story.extend(fishbone_flowables(context.review))
    story.extend(fault_tree_flowables(context))
    return story


def _factor_row(context: ReportContext, factor: ContributingFactor) -> list[Flowable]:
    evidence = f"Evidence: {factor.evidence}" if factor.evidence else ""
    roles = ", ".join(label(role) for role in factor.roles)
    return [
        value(context.factor_labels[factor.id]),
        with_notes(factor.statement, [evidence], CELL),
        value(factor.category or "uncategorised"),
        value(label(factor.status)),
        value(roles or "none"),
    ]


def lessons_section(context: ReportContext) -> list[Flowable]:
    """Build the lessons learned, grouped by process, tool and training."""
    story: list[Flowable] = [para(LESSONS_HEADING, H1)]
    for kind, heading in LESSON_HEADINGS.items():
        story.append(para(heading, H2))
        lessons = [item for item in context.review.lessons if item.kind is kind]
        if not lessons:
            story.append(para("None recorded.", BODY))
        for lesson in lessons:
            refs = context.factor_refs(lesson.factor_ids)
            story.append(bullet(lesson.text, [f"Factors: {refs}" if refs else ""]))
    return story
