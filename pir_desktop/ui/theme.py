"""Light and dark colour themes, and following the system's colour scheme.

`Theme.SYSTEM` keeps the platform's style and palette, which Qt 6.5 and later
switch with the desktop's colour scheme. An explicit light or dark theme uses
the Fusion style with the palettes below. Fusion draws the keyboard focus
frame in the palette's Highlight colour, so both palettes keep Highlight in
strong contrast with Base and Window.
"""

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..settings import Theme

log = logging.getLogger(__name__)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

LIGHT = {
    Role.Window: "#f3f3f3",
    Role.WindowText: "#1b1b1b",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#eef2f6",
    Role.Text: "#1b1b1b",
    Role.Button: "#e8e8e8",
    Role.ButtonText: "#1b1b1b",
    Role.ToolTipBase: "#ffffdc",
    Role.ToolTipText: "#1b1b1b",
    Role.PlaceholderText: "#6b6b6b",
    Role.Highlight: "#1f5fa8",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#1f5fa8",
    Role.BrightText: "#c00000",
}
DARK = {
    Role.Window: "#232629",
    Role.WindowText: "#eeeeee",
    Role.Base: "#1a1c1e",
    Role.AlternateBase: "#2b2f33",
    Role.Text: "#eeeeee",
    Role.Button: "#31363b",
    Role.ButtonText: "#eeeeee",
    Role.ToolTipBase: "#31363b",
    Role.ToolTipText: "#eeeeee",
    Role.PlaceholderText: "#9a9a9a",
    Role.Highlight: "#4da3ff",
    Role.HighlightedText: "#000000",
    Role.Link: "#7cbcff",
    Role.BrightText: "#ff6b6b",
}
DISABLED_TEXT = {"light": "#9a9a9a", "dark": "#6f7378"}


def palette_for(dark: bool) -> QPalette:
    """Return the Fusion palette of the light or dark theme."""
    palette = QPalette()
    for role, colour in (DARK if dark else LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(DISABLED_TEXT["dark" if dark else "light"])
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, disabled)
    return palette


def system_is_dark() -> bool:
    """Return whether the desktop requests a dark colour scheme (Qt 6.5+)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ThemeManager:
    """Applies a theme to the application and follows the system when asked to."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.theme = Theme.SYSTEM
        self.system_style = app.style().name()
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def apply(self, theme: Theme) -> None:
        self.theme = theme
        if theme is Theme.SYSTEM:
            self.app.setStyle(self.system_style)
            # An empty palette resolves to the platform theme's palette.
            self.app.setPalette(QPalette())
            if system_is_dark() and self.app.palette().window().color().value() > 128:
                # The desktop requests dark, but the platform theme only has a
                # light palette (xcb without a desktop theme plugin, say).
                self.app.setStyle("Fusion")
                self.app.setPalette(palette_for(dark=True))
            log.info("Theme follows the system colour scheme")
            return
        self.app.setStyle("Fusion")
        self.app.setPalette(palette_for(dark=theme is Theme.DARK))
        log.info("Theme set to %s", theme.value)

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.theme is Theme.SYSTEM:
            self.apply(Theme.SYSTEM)


BASE_POINT_SIZE = "pir_desktop_base_point_size"


def apply_font_scale(app: QApplication, scale: float) -> None:
    """Scale the application font from the system font's size at first call.

    Widgets that size themselves from font metrics grow with it, so the
    facilitator can enlarge the whole window for a shared screen.
    """
    base = app.property(BASE_POINT_SIZE)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(BASE_POINT_SIZE, base)
    font = app.font()
    font.setPointSizeF(float(base) * scale)
    app.setFont(font)


_manager: ThemeManager | None = None


def apply_appearance(theme: Theme, font_scale: float) -> None:
    """Apply the colour theme and the font scale to the running application."""
    global _manager
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _manager is None or _manager.app is not app:
        _manager = ThemeManager(app)
    _manager.apply(theme)
    apply_font_scale(app, font_scale)
