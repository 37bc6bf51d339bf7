"""A zoomable view of a diagram scene that can also edit it with keys and drags.

Zoom with Ctrl++ (or Ctrl+=), Ctrl+-, Ctrl+0 and Ctrl+wheel. These keys win
over the window's text-size shortcuts while the view has the keyboard focus.

In editable mode a click selects a box, and keys emit edit requests for the
selected box. Enter adds a sibling, Tab a child, F2 renames and Delete
removes. Dropping a dragged box onto another requests a move under it. The
view only emits the requests. The page that owns the diagram changes the
records and shows the new layout. `ViewDrag` tracks mouse drags.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from ...domain.diagrams import Diagram
from .navigation import Direction, entry_box, nearest_box
from .scene import BOX_ID_ROLE, RECORD_ID_ROLE, DiagramScene
from .view_drag import ViewDrag

ZOOM_STEP = 1.25
MIN_ZOOM = 0.05
MAX_ZOOM = 8.0
# Room in pixels kept around a box that the selection scrolls into view.
VISIBLE_MARGIN = 24

ARROWS = {
    Qt.Key.Key_Left: Direction.LEFT,
    Qt.Key.Key_Right: Direction.RIGHT,
    Qt.Key.Key_Up: Direction.UP,
    Qt.Key.Key_Down: Direction.DOWN,
}
EDIT_KEYS = {
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Tab,
    Qt.Key.Key_F2,
    Qt.Key.Key_Delete,
}


class DiagramView(QGraphicsView):
    """Graphics view of one diagram that emits edit requests for its boxes.

    Double-clicking a box emits its box and record ids.

    Every request signal carries the box id and the record id of the box it
    concerns, as the scene stores them in BOX_ID_ROLE and RECORD_ID_ROLE.
    `move_requested` carries the dragged box's ids, then the target box's.
    """

    box_activated = Signal(str, str)
    add_sibling_requested = Signal(str, str)
    add_child_requested = Signal(str, str)
    rename_requested = Signal(str, str)
    delete_requested = Signal(str, str)
    move_requested = Signal(str, str, str, str)
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editable = False
        self._selected: str | None = None
        self._selecting = False
        self._fitted = False
        self._drag = ViewDrag(self)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._add_zoom_actions()
        self.show_diagram(Diagram(width=0.0, height=0.0))
        self.reset_zoom()

    def _add_zoom_actions(self) -> None:
        """Add the zoom commands to the context menu, which shows their keys.

        The keys themselves are handled in `keyPressEvent`. The actions'
        shortcuts apply only while the view has the focus, and by then the
        view has already taken the key, so they do not clash with the
        window's shortcuts for the same keys.
        """
        actions = [
            ("Zoom in", QKeySequence("Ctrl++"), self.zoom_in),
            ("Zoom out", QKeySequence("Ctrl+-"), self.zoom_out),
            ("Fit diagram", QKeySequence("Ctrl+0"), self.fit),
        ]
        for text, keys, slot in actions:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def show_diagram(self, diagram: Diagram) -> None:
        """Replace the scene, keeping the zoom level and the selected box.

        The selection is kept when the new diagram has a box with the same id.
        Otherwise it is cleared and `selection_changed` is emitted.
        """
        selected_id = self._selected
        self._drag.cancel()
        old = self.scene()
        scene = DiagramScene(diagram, self)
        self._selected = None
        self.setScene(scene)
        scene.selectionChanged.connect(self._follow_scene_selection)
        if old is not None:
            old.deleteLater()
        if selected_id is not None and scene.box_item(selected_id) is not None:
            self._select(selected_id, scroll=False)
        elif selected_id is not None:
            self.selection_changed.emit()

    def diagram_scene(self) -> DiagramScene:
        scene = self.scene()
        assert isinstance(scene, DiagramScene)
        return scene

    # Editing mode and selection

    def set_editable(self, editable: bool) -> None:
        """Switch keyboard and drag editing on or off."""
        self._editable = editable
        self._drag.cancel()
        mode = QGraphicsView.DragMode
        self.setDragMode(mode.NoDrag if editable else mode.ScrollHandDrag)
        if editable:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.viewport().unsetCursor()

    def is_editable(self) -> bool:
        return self._editable

    def selected_box(self) -> tuple[str, str] | None:
        """Return (box id, record id) of the selected box, or None."""
        item = self._selected_item()
        if item is None:
            return None
        return item.data(BOX_ID_ROLE), item.data(RECORD_ID_ROLE)

    def select_box(self, box_id: str | None) -> bool:
        """Select the box with this id and scroll to it.

        None or an unknown id clears the selection. Return whether a box is
        selected afterwards.
        """
        return self._select(box_id, scroll=True)

    def _select(self, box_id: str | None, scroll: bool) -> bool:
        scene = self.diagram_scene()
        item = scene.box_item(box_id) if box_id else None
        before = self._selected
        self._selecting = True
        scene.clearSelection()
        if item is not None:
            item.setSelected(True)
        self._selecting = False
        self._selected = None if item is None else box_id
        scene.show_focus(self._selected)
        if item is not None and scroll:
            self.ensureVisible(item, VISIBLE_MARGIN, VISIBLE_MARGIN)
        if self._selected != before:
            self.selection_changed.emit()
        return item is not None

    def _selected_item(self) -> QGraphicsItem | None:
        if self._selected is None:
            return None
        item = self.diagram_scene().box_item(self._selected)
        return item if item is not None and item.isSelected() else None

    def _follow_scene_selection(self) -> None:
        """Track selections made on the scene itself, such as cut-set highlights."""
        if self._selecting:
            return
        scene = self.diagram_scene()
        chosen = [i.data(BOX_ID_ROLE) for i in scene.selectedItems()]
        chosen = [box_id for box_id in chosen if box_id]
        before = self._selected
        if before not in chosen:
            self._selected = chosen[0] if len(chosen) == 1 else None
        scene.show_focus(self._selected)
        if self._selected != before:
            self.selection_changed.emit()

    def move_selection(self, direction: Direction) -> bool:
        """Select the nearest box in a direction, or an entry box if none is.

        Return whether a box is selected afterwards.
        """
        diagram = self.diagram_scene().diagram
        if self._selected is None:
            entry = entry_box(diagram.boxes, direction)
            return entry is not None and self.select_box(entry.id)
        target = nearest_box(diagram.boxes, diagram.box(self._selected), direction)
        if target is not None:
            self.select_box(target.id)
        return True

    # Zoom

    def natural_zoom(self) -> float:
        """Return the zoom at which a point of the diagram is a point on screen."""
        return self.logicalDpiX() / 72

    def reset_zoom(self) -> None:
        self.resetTransform()
        self.scale(self.natural_zoom(), self.natural_zoom())
        self._fitted = False

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Scale the view by a factor, kept within MIN_ZOOM and MAX_ZOOM."""
        current = self.zoom()
        ratio = min(max(current * factor, MIN_ZOOM), MAX_ZOOM) / current
        self.scale(ratio, ratio)
        self._fitted = False

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        """Fit the whole diagram into the view, never enlarging past natural size.

        The view fits the diagram again whenever its viewport is resized,
        until the zoom is changed otherwise. The viewport shrinks when a
        status line appears below the view, and it grows when the scroll
        bars of the earlier zoom disappear.
        """
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > self.natural_zoom():
            self.reset_zoom()
        self._fitted = True

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    # Keyboard

    def event(self, event: QEvent) -> bool:
        """Take Tab for "add child" while a box is selected, before focus moves.

        Shift+Tab moves the focus back as usual, and Ctrl+Tab moves it on.
        Keys that the view handles, the zoom keys included, also win over
        window shortcuts.
        """
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.ShortcutOverride
            and self._zoom_command(event) is not None
        ):
            event.accept()
            return True
        if self._editable and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.ShortcutOverride and self._handles(event):
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
                if _modifiers(event) == Qt.KeyboardModifier.ControlModifier:
                    self.focusNextPrevChild(True)
                    return True
                if self._handles(event):
                    self.keyPressEvent(event)
                    return True
        return super().event(event)

    def _handles(self, event: QKeyEvent) -> bool:
        if _modifiers(event) != Qt.KeyboardModifier.NoModifier:
            return False
        key = event.key()
        if key in ARROWS:
            return True
        return key in EDIT_KEYS and self.selected_box() is not None

    def _zoom_command(self, event: QKeyEvent) -> Callable[[], None] | None:
        """Return the zoom method that a key press runs, or None for other keys.

        Shift is ignored, because "+" needs it on many keyboard layouts, and so
        is the keypad flag.
        """
        ignored = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        if event.modifiers() & ~ignored != Qt.KeyboardModifier.ControlModifier:
            return None
        commands = {
            Qt.Key.Key_Plus: self.zoom_in,
            Qt.Key.Key_Equal: self.zoom_in,
            Qt.Key.Key_Minus: self.zoom_out,
            Qt.Key.Key_0: self.fit,
        }
        return commands.get(Qt.Key(event.key()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        zoom = self._zoom_command(event)
        if zoom is not None:
            zoom()
            event.accept()
            return
        if not self._editable:
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape and self._drag.on_box():
            self._drag.cancel()
            event.accept()
            return
        if self._handles(event) and self._handle_key(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)

    def _handle_key(self, key: int) -> bool:
        if key in ARROWS:
            return self.move_selection(ARROWS[key])
        selected = self.selected_box()
        if selected is None:
            return False
        signal = {
            Qt.Key.Key_Return: self.add_sibling_requested,
            Qt.Key.Key_Enter: self.add_sibling_requested,
            Qt.Key.Key_Tab: self.add_child_requested,
            Qt.Key.Key_F2: self.rename_requested,
            Qt.Key.Key_Delete: self.delete_requested,
        }[key]
        signal.emit(*selected)
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._drag.cancel()
        super().focusOutEvent(event)

    # Mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._editable or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._drag.press(event.position().toPoint())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._drag.move(event.position().toPoint()):
            super().mouseMoveEvent(event)
            return
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._editable or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._drag.release(event.position().toPoint())
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        item = self.diagram_scene().box_at(self.mapToScene(event.position().toPoint()))
        if item is None:
            super().mouseDoubleClickEvent(event)
            return
        self.box_activated.emit(item.data(BOX_ID_ROLE), item.data(RECORD_ID_ROLE))
        event.accept()


def _modifiers(event: QKeyEvent) -> Qt.KeyboardModifier:
    """Return the event's modifiers without the keypad flag of the Enter key."""
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
