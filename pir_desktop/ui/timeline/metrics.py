"""The milestone metrics strip: time to detect, acknowledge, contain and so on."""

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.enums import label
from ...domain.milestones import (
    METRIC_SPANS,
    MilestoneOrderError,
    TimelineMetrics,
    timeline_metrics,
)
from ...domain.review import Review
from ...domain.times import format_duration

METRIC_LABELS = {
    "time_to_detect": "Detect",
    "time_to_acknowledge": "Acknowledge",
    "time_to_contain": "Contain",
    "time_to_recover": "Recover",
    # "Resolve" alone would read like the Overview's time to resolve, which
    # runs from the detected to the resolved time of the incident's facts.
    "time_to_resolve": "Resolve (to closure)",
}


class MetricsPanel(QFrame):
    """Durations between milestones, or the reason they cannot be computed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Milestone metrics")
        self.values: dict[str, QLabel] = {}
        row = QHBoxLayout()
        row.addWidget(QLabel("<b>Time to</b>"))
        for name, text in METRIC_LABELS.items():
            value = QLabel("–")
            value.setObjectName(name)
            start, end = METRIC_SPANS[name]
            value.setToolTip(
                f"From the {label(start)} milestone to the {label(end)} milestone"
            )
            self.values[name] = value
            row.addWidget(QLabel(f"{text}:"))
            row.addWidget(value)
            row.addSpacing(12)
        row.addStretch()
        self.problem = QLabel()
        self.problem.setObjectName("milestoneProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(
            "color: white; background: #b3261e; padding: 2px 6px; border-radius: 3px"
        )
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(row)
        layout.addWidget(self.problem)

    def show_review(self, review: Review | None) -> None:
        """Compute the metrics from the review's milestones and facts, and show them."""
        self.problem.hide()
        metrics: TimelineMetrics | None = None
        if review is not None:
            try:
                metrics = timeline_metrics(review.events, review.facts)
            except MilestoneOrderError as exc:
                self.problem.setText(f"Milestones out of order: {exc}")
                self.problem.show()
        for name, value in self.values.items():
            duration = None if metrics is None else getattr(metrics, name)
            value.setText("–" if duration is None else format_duration(duration))
