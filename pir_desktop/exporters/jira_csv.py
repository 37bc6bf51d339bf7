"""Action items as a CSV file for Jira's CSV importer.

Jira's importer maps each header to a field in its wizard. It reads repeated
"Labels" columns as several labels, so the file has one "Labels" column per
label. Due dates are ISO 8601 (2024-04-30): set the wizard's date format to
yyyy-MM-dd. Owners are names, which the wizard maps to Jira users.

NOTE: the file has not been imported into a Jira instance; the repeated
"Labels" columns follow Atlassian's CSV import guide for multi-value fields.
"""

import csv
import io
import re
from collections.abc import Iterable

from ..domain.entities import ActionItem
from ..domain.enums import ActionPriority, label
from ..domain.review import Review

COLUMNS = ("Summary", "Description", "Assignee", "Due date", "Priority", "Issue Type")
LABEL_COLUMNS = 3
ISSUE_TYPE = "Task"
PRIORITIES = {
    ActionPriority.HIGH: "High",
    ActionPriority.MEDIUM: "Medium",
    ActionPriority.LOW: "Low",
}


def jira_label(text: str) -> str:
    """Return `text` as a Jira label, which may not contain spaces."""
    return re.sub(r"\s+", "-", text.strip())


def _labels(action: ActionItem, review: Review) -> list[str]:
    labels = ["post-incident-review", jira_label(review.reference)]
    if action.action_type is not None:
        labels.append(action.action_type.value)
    return labels + [""] * (LABEL_COLUMNS - len(labels))


def _description(action: ActionItem, review: Review) -> str:
    parts = [action.description] if action.description else []
    if action.success_criteria:
        parts.append(f"Success criteria: {action.success_criteria}")
    factors = [review.factor(i) for i in action.factor_ids]
    statements = [f.statement for f in factors if f is not None]
    if statements:
        parts.append("Addresses: " + "; ".join(statements))
    parts.append(f"From post-incident review {review.reference}: {review.title}")
    parts.append(f"Status in the review: {label(action.status)}")
    return "\n\n".join(parts)


def _row(action: ActionItem, review: Review) -> list[str]:
    due = action.due_date.isoformat() if action.due_date else ""
    return [
        action.title,
        _description(action, review),
        action.owner,
        due,
        PRIORITIES[action.priority],
        ISSUE_TYPE,
        *_labels(action, review),
    ]


def actions_csv(reviews: Iterable[Review]) -> str:
    """Return the action items of `reviews` as CSV text with a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([*COLUMNS, *["Labels"] * LABEL_COLUMNS])
    for review in reviews:
        for action in review.actions:
            writer.writerow(_row(action, review))
    return buffer.getvalue()
