"""Vector drawings of diagram geometry for the PDF, cut into parts when too large.

A diagram is scaled down to fit the frame unless that would set its smallest
box text below MIN_FONT_SIZE. Then it keeps that size and is cut into parts,
each at most one frame wide and high, as tiles.py describes. Each part is
clipped to its rectangle and printed under a "Diagram part n of m" caption.
"""

import math
from collections.abc import Sequence

from reportlab.graphics import renderPDF
from reportlab.platypus import Flowable, KeepTogether

from ..domain.diagrams import Diagram, why_tree_diagram
from ..domain.diagrams.presets import record_ribs, review_fishbone
from ..domain.fishbone_record import FishboneRecord
from ..domain.review import Review
from . import labels
from .diagram_drawing import tile_drawing
from .fonts import REGULAR
from .styles import FRAME_WIDTH, H2, MARGIN_BOTTOM, MARGIN_TOP, NOTE, PAGE_SIZE
from .text import para
from .tiles import Marker, Tile, markers, split, trimmed

# Minimum box text size in points, an estimate of what stays legible on
# paper. Vote notes beside gate symbols, such as "2/3", are 1 pt smaller.
MIN_FONT_SIZE = 5.5
# SimpleDocTemplate's frame pads its content by 6 pt on every side.
FRAME_PADDING = 6.0
AVAILABLE_WIDTH = FRAME_WIDTH - 2 * FRAME_PADDING
AVAILABLE_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM - 2 * FRAME_PADDING
# Room kept on a part's page for a heading above it.
CAPTION_ROOM = 48.0
# Height of the "Diagram part n of m" line above a part.
CAPTION_HEIGHT = 14.0
FISHBONE_HEADING = "Fishbone"


def why_tree_flowables(review: Review) -> list[Flowable]:
    """Build the drawing of a review's why-tree, or nothing when it has none."""
    if not review.why_nodes:
        return []
    return diagram_flowables(
        why_tree_diagram(review.why_nodes, review.factors, measure)
    )


def fishbone_flowables(review: Review) -> list[Flowable]:
    """Build one subsection per stored fishbone, or one for the derived fishbone.

    The derived fishbone, printed when the review stores none, groups the
    factors under the security categories and needs at least one factor.
    Collapsed categories are printed expanded, because a reader of the PDF
    cannot expand them. Categories without causes are named below the
    drawing instead of drawn, because more than eight ribs are wider than
    the page and the diagram would be cut into parts.
    """
    if review.fishbones:
        return [
            flowable
            for record in review.fishbones
            for flowable in _fishbone_section(review, record)
        ]
    if not review.factors:
        return []
    return _fishbone_section(review, None)


def _fishbone_section(review: Review, record: FishboneRecord | None) -> list[Flowable]:
    heading = (
        FISHBONE_HEADING if record is None else f"{FISHBONE_HEADING}: {record.title}"
    )
    diagram = review_fishbone(review, record, measure, collapsed=(), show_empty=False)
    drawing = diagram_flowables(diagram)
    # The heading moves to the next page with the first part of the diagram.
    story: list[Flowable] = [
        KeepTogether([para(heading, H2), drawing[0]]),
        *drawing[1:],
    ]
    if record is not None:
        empty = [rib.category for rib in record_ribs(review, record) if not rib.causes]
        if empty:
            story.append(
                para("Categories without causes: " + ", ".join(empty) + ".", NOTE)
            )
    return story


def measure(text: str, size: float) -> float:
    """Return the width of one line of diagram text at a size, in points.

    The width is that of the bundled fonts' runs (see labels.py), so CJK text
    is measured in the CJK font that draws it.
    """
    return labels.measure(text, size)


class DiagramFlowable(Flowable):
    """Flowable of one diagram part, clipped to its tile, below its optional caption.

    The caption is drawn inside the flowable, so a page break never separates
    it from its drawing.
    """

    def __init__(
        self,
        diagram: Diagram,
        tile: Tile,
        scale: float,
        caption: str = "",
        markers: Sequence[Marker] = (),
    ) -> None:
        super().__init__()
        self.tile = tile
        self.drawing = tile_drawing(diagram, tile, scale, markers)
        self.caption = caption
        self.caption_height = CAPTION_HEIGHT if caption else 0.0
        self.width = self.drawing.width
        self.height = self.drawing.height + self.caption_height

    def wrap(
        self, available_width: float, available_height: float
    ) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        if self.caption:
            canvas.setFont(REGULAR, NOTE.fontSize)
            canvas.setFillColor(NOTE.textColor)
            canvas.drawString(0, self.height - NOTE.fontSize, self.caption)
        clip = canvas.beginPath()
        clip.rect(0, 0, self.drawing.width, self.drawing.height)
        canvas.clipPath(clip, stroke=0, fill=0)
        renderPDF.draw(self.drawing, canvas, 0, 0)
        canvas.restoreState()


def diagram_flowables(
    diagram: Diagram,
    width: float = AVAILABLE_WIDTH,
    height: float = AVAILABLE_HEIGHT - CAPTION_ROOM,
) -> list[Flowable]:
    """Build the flowables for a diagram, either one drawing or captioned parts.

    Each part is one flowable, so a caller that keeps a heading with the
    first element keeps it with the whole first part.
    """
    labels.record_lines(
        [*(line for box in diagram.boxes for line in box.lines)]
        + [label.text for label in diagram.labels]
    )
    scale = fit_scale(diagram, width, height)
    whole = Tile(0.0, 0.0, diagram.width, diagram.height)
    if whole.width * scale <= width + 0.01 and whole.height * scale <= height + 0.01:
        return [DiagramFlowable(diagram, whole, scale)]

    tiles = split(diagram, width / scale, (height - CAPTION_HEIGHT) / scale)

    return [
        DiagramFlowable(
            diagram,
            trimmed(diagram, tile),
            scale,
            caption=f"Diagram part {number} of {len(tiles)}",
            markers=markers(diagram, tiles, number - 1),
        )
        for number, tile in enumerate(tiles, start=1)
    ]


def fit_scale(diagram: Diagram, width: float, height: float = math.inf) -> float:
    """Return the scale that fits the frame, raised to keep box text legible.

    Box text is set no smaller than MIN_FONT_SIZE. A diagram that cannot fit
    at that size keeps it and is cut into parts.
    """
    fit = min(1.0, width / diagram.width if diagram.width else 1.0)
    if diagram.height:
        fit = min(fit, height / diagram.height)
    smallest = min((b.font_size for b in diagram.boxes), default=MIN_FONT_SIZE)
    return min(1.0, max(fit, MIN_FONT_SIZE / smallest))
