"""Left-button drags on an editable DiagramView, which pan it or move boxes.

A press on empty space pans the diagram, and a release there without
moving clears the selection. A press on a box selects it and, once the
mouse has moved the platform's start-drag distance, drags it. The box under
the mouse is outlined as the drop target, and a release on it emits the
view's `move_requested`. The records change only in the page that handles
that request.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QGraphicsItem

from .scene import BOX_ID_ROLE, RECORD_ID_ROLE, DiagramScene

if TYPE_CHECKING:
    from .view import DiagramView


@dataclass
class _Press:
    """A left-button press on a box, which becomes a drag once the mouse moves."""

    box_id: str
    record_id: str
    origin: QPoint
    dragging: bool = False
    target: QGraphicsItem | None = None


class ViewDrag:
    """Tracker of one DiagramView's left-button press, from press to release."""

    def __init__(self, view: "DiagramView") -> None:
        self.view = view
        self._press: _Press | None = None
        self._pan_from: QPoint | None = None

    def on_box(self) -> bool:
        """Return whether a box is pressed or being dragged."""
        return self._press is not None

    def press(self, position: QPoint) -> None:
        """Start a pan on empty space, or select the box under the mouse."""
        item = self._box_at(position)
        if item is None:
            self._pan_from = position
            self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        self.view.select_box(item.data(BOX_ID_ROLE))
        self._press = _Press(
            item.data(BOX_ID_ROLE), item.data(RECORD_ID_ROLE), position
        )

    def move(self, position: QPoint) -> bool:
        """Follow the mouse, and return whether a pan or a press was followed."""
        if self._pan_from is not None:
            self._pan(position)
        elif self._press is not None:
            self._drag_to(position)
        else:
            return False
        return True

    def release(self, position: QPoint) -> None:
        """End the press.

        A click on empty space clears the selection, and a dragged box is dropped.
        """
        if self._pan_from is not None:
            moved = position - self._pan_from
            if moved.manhattanLength() < QApplication.startDragDistance():
                self.view.select_box(None)
        press = self._press
        self.cancel()
        if press is not None and press.dragging and press.target is not None:
            target = press.target
            self.view.move_requested.emit(
                press.box_id,
                press.record_id,
                target.data(BOX_ID_ROLE),
                target.data(RECORD_ID_ROLE),
            )

    def cancel(self) -> None:
        """End a pan or a drag without dropping, and restore the box and cursor."""
        press, self._press, self._pan_from = self._press, None, None
        scene = self.view.scene()
        if isinstance(scene, DiagramScene):
            scene.show_drop_target(None)
            dragged = scene.box_item(press.box_id) if press else None
            if dragged is not None:
                dragged.setOpacity(1.0)
        if self.view.is_editable():
            self.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)

    def _box_at(self, position: QPoint, skip: str = "") -> QGraphicsItem | None:
        view = self.view
        return view.diagram_scene().box_at(view.mapToScene(position), skip)

    def _pan(self, position: QPoint) -> None:
        assert self._pan_from is not None
        delta = position - self._pan_from
        self._pan_from = position
        bars = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        bars[0].setValue(bars[0].value() - delta.x())
        bars[1].setValue(bars[1].value() - delta.y())

    def _drag_to(self, position: QPoint) -> None:
        """Follow a box drag, outlining the box it would be dropped on."""
        press = self._press
        assert press is not None
        distance = (position - press.origin).manhattanLength()
        if not press.dragging and distance < QApplication.startDragDistance():
            return
        press.dragging = True
        press.target = self._box_at(position, skip=press.box_id)
        scene = self.view.diagram_scene()
        dragged = scene.box_item(press.box_id)
        if dragged is not None:
            dragged.setOpacity(0.5)
        target_id = None if press.target is None else press.target.data(BOX_ID_ROLE)
        scene.show_drop_target(target_id)
        shape = Qt.CursorShape
        cursor = shape.DragMoveCursor if press.target else shape.ForbiddenCursor
        self.view.viewport().setCursor(cursor)
