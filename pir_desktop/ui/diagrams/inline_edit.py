"""A line edit laid over a diagram box to change its text in place."""

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit

from .view import DiagramView

# The editor is at least this wide in pixels, so short texts leave room to type.
MIN_WIDTH = 180


class InlineEditor(QLineEdit):
    """Line edit for one box's text. Enter or leaving the field commits, Esc cancels.

    The editor is a child of the view's viewport, placed over the box and
    moved with the scroll bars. It emits `committed` or `cancelled` once,
    then gives the keyboard focus back to the view and deletes itself.
    """

    committed = Signal(str)
    cancelled = Signal()

    def __init__(self, view: DiagramView, box_id: str, text: str) -> None:
        super().__init__(text, view.viewport())
        self.view = view
        self.box_id = box_id
        self._finished = False
        self.setAccessibleName("Box text")
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.place)

    def open(self) -> None:
        """Show the editor over its box with the whole text selected."""
        self.place()
        self.selectAll()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def place(self) -> None:
        """Cover the box, or cancel when the shown diagram no longer has it."""
        if self._finished:
            return
        diagram = self.view.diagram_scene().diagram
        try:
            box = diagram.box(self.box_id)
        except KeyError:
            self.finish(commit=False)
            return
        scene_rect = QRectF(box.x, box.y, box.width, box.height)
        rect = self.view.mapFromScene(scene_rect).boundingRect()
        height = max(rect.height(), self.sizeHint().height())
        width = max(rect.width(), MIN_WIDTH)
        self.setGeometry(rect.x(), rect.center().y() - height // 2, width, height)

    def is_finished(self) -> bool:
        return self._finished

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(commit=True)
        elif key == Qt.Key.Key_Escape:
            self.finish(commit=False)
        else:
            super().keyPressEvent(event)
        # Keys the line edit leaves alone, such as Up and Down, must not reach
        # the view behind it, where they would move the diagram selection.
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish(commit=True)

    def finish(self, commit: bool) -> None:
        """End the edit once: emit the outcome and hand the focus back to the view."""
        if self._finished:
            return
        self._finished = True
        self.hide()
        self.deleteLater()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if commit:
            self.committed.emit(self.text())
        else:
            self.cancelled.emit()


class EditorSlot:
    """Holder of the one inline editor that a diagram page has open, if any."""

    def __init__(self, view: DiagramView) -> None:
        self.view = view
        self.editor: InlineEditor | None = None

    def open(
        self,
        box_id: str,
        text: str,
        on_commit: Callable[[str], None],
        on_cancel: Callable[[], None] = lambda: None,
    ) -> None:
        """Open an editor over a box that calls `on_commit` or `on_cancel` once.

        The slot drops its reference to the editor before either call, so the
        callback may open the next editor.
        """
        editor = InlineEditor(self.view, box_id, text)

        def committed(value: str) -> None:
            self._forget(editor)
            on_commit(value)

        def cancelled() -> None:
            self._forget(editor)
            on_cancel()

        editor.committed.connect(committed)
        editor.cancelled.connect(cancelled)
        self.editor = editor
        editor.open()

    def _forget(self, editor: InlineEditor) -> None:
        if self.editor is editor:
            self.editor = None

    def close(self) -> None:
        """Cancel the open edit, if any, which calls its `on_cancel`."""
        editor, self.editor = self.editor, None
        if editor is not None and not editor.is_finished():
            editor.finish(commit=False)
