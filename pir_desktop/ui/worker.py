"""Background work on Qt's global thread pool, reported back through signals."""

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals of a Task, created in the GUI thread.

    Qt queues each emission to a receiver that lives in the GUI thread, so slots
    of widgets run there even though the task emits from a pool thread.
    """

    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception it raised
    progress = Signal(int, int)  # units done, units in total
    cancelled = Signal()  # the function stopped after cancel() was called


class Task(QRunnable):
    """Run one function on a pool thread and emit `finished` or `failed`.

    The function runs outside the GUI thread, so it must not touch widgets,
    the ReviewContext or the open library: give it copies of the data it
    needs (for example `review.model_copy(deep=True)`) and let the slots of
    `signals` update the screen. A cancellable function polls
    `is_cancel_requested` and stops by raising; an exception raised after
    `cancel()` is reported as `cancelled` instead of `failed`.
    """

    def __init__(self, name: str, function: Callable[[], Any]) -> None:
        super().__init__()
        self.name = name
        self.function = function
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the function to stop; safe to call from any thread."""
        self._cancel.set()

    def is_cancel_requested(self) -> bool:
        """Return whether cancel() was called."""
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread
            if self._cancel.is_set():
                log.info("Background task %s cancelled (%s)", self.name, exc)
                self.signals.cancelled.emit()
                return
            log.exception("Background task %s failed", self.name)
            self.signals.failed.emit(exc)
            return
        self.signals.finished.emit(result)


def start(task: Task) -> None:
    """Queue a task on the global thread pool."""
    log.debug("Starting background task %s", task.name)
    QThreadPool.globalInstance().start(task)
