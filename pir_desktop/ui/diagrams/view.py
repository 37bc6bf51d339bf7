"""A zoomable view of a diagram scene: Ctrl++, Ctrl+-, Ctrl+0 and Ctrl+wheel."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from ...domain.diagrams import Diagram
from .scene import BOX_ID_ROLE, RECORD_ID_ROLE, DiagramScene

ZOOM_STEP = 1.25
MIN_ZOOM = 0.05
MAX_ZOOM = 8.0


class DiagramView(QGraphicsView):
    """Shows one diagram; double-clicking a box emits its box and record ids."""

    box_activated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._add_zoom_actions()
        self.show_diagram(Diagram(width=0.0, height=0.0))
        self.reset_zoom()

    def _add_zoom_actions(self) -> None:
        actions = [
            ("Zoom in", QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            ("Zoom out", QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            ("Fit diagram", QKeySequence("Ctrl+0"), self.fit),
        ]
        for text, keys, slot in actions:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def show_diagram(self, diagram: Diagram) -> None:
        """Replace the scene, keeping the zoom level."""
        old = self.scene()
        self.setScene(DiagramScene(diagram, self))
        if old is not None:
            old.deleteLater()

    def diagram_scene(self) -> DiagramScene:
        scene = self.scene()
        assert isinstance(scene, DiagramScene)
        return scene

    def natural_zoom(self) -> float:
        """Return the zoom at which a point of the diagram is a point on screen."""
        return self.logicalDpiX() / 72

    def reset_zoom(self) -> None:
        self.resetTransform()
        self.scale(self.natural_zoom(), self.natural_zoom())

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Scale the view by a factor, kept within MIN_ZOOM and MAX_ZOOM."""
        current = self.zoom()
        ratio = min(max(current * factor, MIN_ZOOM), MAX_ZOOM) / current
        self.scale(ratio, ratio)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        """Fit the whole diagram into the view, never enlarging past natural size."""
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > self.natural_zoom():
            self.reset_zoom()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        item = self.itemAt(event.position().toPoint())
        while item is not None and not item.data(BOX_ID_ROLE):
            item = item.parentItem()
        if item is None:
            super().mouseDoubleClickEvent(event)
            return
        self.box_activated.emit(item.data(BOX_ID_ROLE), item.data(RECORD_ID_ROLE))
        event.accept()
