"""A review as a Markdown page for a wiki.

User text is escaped so that it shows as written: Markdown punctuation is
backslash-escaped, and line breaks inside a table cell become spaces.
"""

import re
from datetime import datetime

from ..domain.entities import ActionItem, WhyNode
from ..domain.enums import label
from ..domain.review import Review
from ..domain.times import format_moment

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Return `text` with Markdown punctuation escaped and on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "not recorded"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def _facts(review: Review) -> list[str]:
    criteria = ", ".join(label(c) for c in review.p3_criteria) or "none"
    lines = [
        f"# {escape(review.reference)}: {escape(review.title)}",
        "",
        "## Facts",
        "",
        f"- Severity: {review.severity.value}",
        f"- P3 criteria: {criteria}",
        f"- Classification: {escape(review.classification)}",
    ]
    for name in ("started_at", "detected_at", "contained_at", "resolved_at"):
        lines.append(f"- {label_of(name)}: {_time(getattr(review, name))}")
    lines += [
        f"- Closed: {_time(review.closed_at)}",
        f"- Review meeting: {_time(review.meeting_at)}",
        "",
    ]
    for heading, text in (("Summary", review.summary), ("Impact", review.impact)):
        if text:
            lines += [f"### {heading}", "", escape(text), ""]
    return lines


def label_of(field: str) -> str:
    """Return a milestone field's label: "detected_at" becomes "Detected"."""
    return field.removesuffix("_at").capitalize()


def _timeline(review: Review) -> list[str]:
    """List the events in time order, in the review's zone, as precise as given."""
    zone = review.display_zone
    lines = ["## Timeline", "", f"Times in {zone}.", ""]
    for event in review.sorted_events():
        when = format_moment(event.occurred_at, zone, event.precision, event.zone)
        if event.ends_at is not None:
            end = format_moment(event.ends_at, zone, event.precision, event.zone)
            when = f"{when} to {end}"
        marker = " (decision point)" if event.decision_point else ""
        lines.append(f"- {escape(when)}: {escape(event.description)}{marker}")
    return lines + [""]


def _factors(review: Review) -> list[str]:
    rows = [
        [f.statement, f.category, label(f.status), ", ".join(label(r) for r in f.roles)]
        for f in review.factors
    ]
    header = ["Factor", "Category", "Status", "Roles"]
    return ["## Contributing factors", "", *_table(header, rows)]


def _why_lines(review: Review, node: WhyNode, depth: int) -> list[str]:
    text = escape(node.text)
    if node.evidence:
        text += f" (evidence: {escape(node.evidence)})"
    factor = review.factor(node.factor_id)
    if factor is not None:
        text += f" → factor: {escape(factor.statement)}"
    lines = ["  " * depth + f"- {text}"]
    children = [n for n in review.why_nodes if n.parent_id == node.id]
    for child in sorted(children, key=lambda n: n.position):
        lines += _why_lines(review, child, depth + 1)
    return lines


def _why_tree(review: Review) -> list[str]:
    lines = ["## Why-tree", ""]
    for root in [n for n in review.why_nodes if n.parent_id is None]:
        lines += _why_lines(review, root, 0)
    return lines + [""]


def _lessons(review: Review) -> list[str]:
    lines = ["## Lessons learned", ""]
    lines += [
        f"- {label(lesson.kind)}: {escape(lesson.text)}" for lesson in review.lessons
    ]
    return lines + [""]


def _action_row(action: ActionItem) -> list[str]:
    return [
        action.title,
        action.owner,
        action.due_date.isoformat() if action.due_date else "",
        label(action.status),
        label(action.priority),
        label(action.action_type) if action.action_type else "",
        action.success_criteria,
    ]


def _actions(review: Review) -> list[str]:
    header = [
        "Action",
        "Owner",
        "Due",
        "Status",
        "Priority",
        "Type",
        "Success criteria",
    ]
    rows = [_action_row(a) for a in review.actions]
    return ["## Action items", "", *_table(header, rows)]


def review_markdown(review: Review) -> str:
    """Return the review's facts, timeline, analysis, lessons and actions."""
    lines = _facts(review) + _timeline(review) + _factors(review)
    lines += _why_tree(review) + _lessons(review) + _actions(review)
    return "\n".join(lines).rstrip() + "\n"
