"""Colours and the style sheet of presenter mode, in a light and a dark theme.

Both themes keep body text at a contrast ratio of at least 7:1 against the
background (WCAG AAA), because a screen share compresses and scales the
picture.
"""

from dataclasses import dataclass

# Presenter type size relative to the application font, before the user's
# presenter font scale from the settings is applied.
BASE_SCALE = 1.6


@dataclass(frozen=True)
class Colours:
    background: str
    panel: str
    text: str
    muted: str
    accent: str
    warning: str
    selection: str
    selected_text: str
    border: str


LIGHT = Colours(
    background="#ffffff",
    panel="#eef1f5",
    text="#111111",
    muted="#3d4450",
    accent="#0b4f9c",
    warning="#b00020",
    selection="#0b4f9c",
    selected_text="#ffffff",
    border="#9aa3ae",
)
DARK = Colours(
    background="#101214",
    panel="#1d2126",
    text="#f2f2f2",
    muted="#c4c9d0",
    accent="#7cc4ff",
    warning="#ff8a80",
    selection="#7cc4ff",
    selected_text="#000000",
    border="#59616b",
)


def colours(dark: bool) -> Colours:
    return DARK if dark else LIGHT


def style_sheet(dark: bool, point_size: float) -> str:
    """Return the style sheet of the presenter window at a body size in points."""
    c = colours(dark)
    big = point_size * 1.5
    huge = point_size * 2.0
    return f"""
    #presenter, #presenter QWidget {{
        background: {c.background}; color: {c.text}; font-size: {point_size:.1f}pt;
    }}
    #presenter QListWidget, #presenter QLineEdit, #presenter QComboBox,
    #presenter QSpinBox {{
        background: {c.panel}; color: {c.text}; border: 1px solid {c.border};
        border-radius: 6px; padding: 4px;
    }}
    #presenter QListWidget::item {{ padding: 6px 4px; }}
    #presenter QListWidget::item:selected {{
        background: {c.selection}; color: {c.selected_text};
    }}
    #presenter QPushButton {{
        background: {c.panel}; color: {c.text}; border: 2px solid {c.border};
        border-radius: 6px; padding: 4px 12px;
    }}
    #presenter QPushButton:focus {{ border-color: {c.accent}; }}
    #presenter QLabel[role="step"] {{ font-size: {huge:.1f}pt; font-weight: 600; }}
    #presenter QLabel[role="title"] {{ color: {c.muted}; }}
    #presenter QLabel[role="timer"] {{
        font-size: {huge:.1f}pt; font-weight: 600; color: {c.accent};
    }}
    #presenter QLabel[role="timer"][over="true"] {{ color: {c.warning}; }}
    #presenter QLabel[role="heading"] {{
        font-size: {big:.1f}pt; font-weight: 600; color: {c.accent};
    }}
    #presenter QLabel[role="warning"] {{ color: {c.warning}; font-weight: 600; }}
    #presenter QLabel[role="hint"] {{ color: {c.muted}; }}
    """
