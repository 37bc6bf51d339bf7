"""The presenter header: the current step, its timer and the time left."""

from datetime import datetime

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ...domain.meeting import AgendaItem, remaining_seconds, spent_seconds


def clock_text(seconds: int) -> str:
    """Return seconds as M:SS, or H:MM:SS from one hour on."""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def timer_texts(item: AgendaItem, now: datetime) -> tuple[str, str, bool]:
    """Return the elapsed / timebox text, the remaining text and whether it is over."""
    elapsed = spent_seconds(item, now)
    remaining = remaining_seconds(item, now)
    timebox = clock_text(item.timebox_minutes * 60)
    state = "" if item.running else " (paused)"
    elapsed_text = f"{clock_text(elapsed)} / {timebox}{state}"
    if remaining < 0:
        return elapsed_text, f"{clock_text(remaining)} over time", True
    return elapsed_text, f"{clock_text(remaining)} left", False


class Header(QWidget):
    """Step title, step counter and review on the left; the timer on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = QLabel()
        self.step.setObjectName("stepTitle")
        self.step.setProperty("role", "step")
        self.review = QLabel()
        self.review.setProperty("role", "title")
        self.timer = QLabel()
        self.timer.setObjectName("timer")
        self.timer.setProperty("role", "timer")
        self.remaining = QLabel()
        self.remaining.setObjectName("remaining")
        self.remaining.setProperty("role", "timer")
        self.over = False
        for label in (self.timer, self.remaining):
            label.setProperty("over", False)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.step, 0, 0)
        layout.addWidget(self.review, 1, 0)
        layout.addWidget(self.timer, 0, 1)
        layout.addWidget(self.remaining, 1, 1)
        layout.setColumnStretch(0, 1)

    def show_step(self, number: int, total: int, item: AgendaItem, review: str) -> None:
        self.step.setText(f"{number}/{total}  {item.title}")
        self.review.setText(review)

    def show_time(self, item: AgendaItem | None, now: datetime) -> None:
        if item is None:
            self.timer.setText("")
            self.remaining.setText("")
            return
        elapsed, remaining, over = timer_texts(item, now)
        self.timer.setText(elapsed)
        self.remaining.setText(remaining)
        if over == self.over:
            return
        self.over = over
        for label in (self.timer, self.remaining):
            label.setProperty("over", over)
            label.style().unpolish(label)
            label.style().polish(label)
