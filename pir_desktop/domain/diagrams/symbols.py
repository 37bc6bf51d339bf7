"""Fault-tree gate and event symbols as paths, so both renderers draw the same shapes.

A path is a tuple of operations in diagram coordinates: ("M", x, y) moves,
("L", x, y) draws a line, ("C", x1, y1, x2, y2, x, y) draws a cubic Bézier
curve and ("Z",) closes the subpath. Each symbol sits in the band of
`Box.symbol_height` at the bottom of its box, under a short stem.
"""

from .geometry import Box, BoxKind

PathOp = tuple[str | float, ...]
Path = tuple[PathOp, ...]

SYMBOL_HEIGHT = 26.0
STEM = 4.0
SYMBOL_WIDTH = 20.0
# Control-point distance that makes four cubic curves approximate a circle.
KAPPA = 0.5523


def symbol_paths(box: Box) -> list[Path]:
    """Return the stem and the symbol of a fault-tree box, or [] for other boxes."""
    if box.symbol_height <= 0:
        return []
    top = box.y + box.text_height
    stem: Path = (("M", box.centre_x, top), ("L", box.centre_x, top + STEM))
    left = box.centre_x - SYMBOL_WIDTH / 2
    right = box.centre_x + SYMBOL_WIDTH / 2
    symbol_top = top + STEM
    bottom = box.bottom - 4
    if box.transfer:
        return [
            stem,
            _polygon([(left, bottom), (box.centre_x, symbol_top), (right, bottom)]),
        ]
    draw = _SHAPES[box.kind]
    return [stem, *draw(left, symbol_top, right, bottom)]


def _polygon(points: list[tuple[float, float]]) -> Path:
    first, *rest = points
    return (("M", *first), *(("L", *p) for p in rest), ("Z",))


def _and(left: float, top: float, right: float, bottom: float) -> list[Path]:
    middle = (top + bottom) / 2
    return [
        (
            ("M", left, bottom),
            ("L", left, middle),
            ("C", left, top - 2, right, top - 2, right, middle),
            ("L", right, bottom),
            ("Z",),
        )
    ]


def _or(left: float, top: float, right: float, bottom: float) -> list[Path]:
    width = right - left
    centre = (left + right) / 2
    height = bottom - top
    return [
        (
            ("M", left, bottom),
            (
                "C",
                left + width / 4,
                bottom - height / 4,
                right - width / 4,
                bottom - height / 4,
                right,
                bottom,
            ),
            (
                "C",
                right,
                top + height / 2,
                centre + width / 4,
                top + height / 6,
                centre,
                top,
            ),
            (
                "C",
                centre - width / 4,
                top + height / 6,
                left,
                top + height / 2,
                left,
                bottom,
            ),
            ("Z",),
        )
    ]


def _xor(left: float, top: float, right: float, bottom: float) -> list[Path]:
    width = right - left
    height = bottom - top
    gate = _or(left, top, right, bottom - 3)
    curve: Path = (
        ("M", left, bottom),
        (
            "C",
            left + width / 4,
            bottom - height / 4,
            right - width / 4,
            bottom - height / 4,
            right,
            bottom,
        ),
    )
    return [*gate, curve]


def _not(left: float, top: float, right: float, bottom: float) -> list[Path]:
    centre = (left + right) / 2
    radius = 2.5
    return [
        _polygon([(left, bottom), (centre, top + 2 * radius), (right, bottom)]),
        _circle(centre, top + radius, radius),
    ]


def _inhibit(left: float, top: float, right: float, bottom: float) -> list[Path]:
    centre = (left + right) / 2
    quarter = (bottom - top) / 4
    points = [
        (centre, top),
        (right, top + quarter),
        (right, bottom - quarter),
        (centre, bottom),
        (left, bottom - quarter),
        (left, top + quarter),
    ]
    return [_polygon(points)]


def _basic(left: float, top: float, right: float, bottom: float) -> list[Path]:
    radius = min(right - left, bottom - top) / 2
    return [_circle((left + right) / 2, (top + bottom) / 2, radius)]


def _undeveloped(left: float, top: float, right: float, bottom: float) -> list[Path]:
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    points = [(centre_x, top), (right, centre_y), (centre_x, bottom), (left, centre_y)]
    return [_polygon(points)]


def _house(left: float, top: float, right: float, bottom: float) -> list[Path]:
    eaves = top + (bottom - top) / 3
    centre = (left + right) / 2
    return [
        _polygon(
            [
                (left, bottom),
                (left, eaves),
                (centre, top),
                (right, eaves),
                (right, bottom),
            ]
        )
    ]


def _circle(x: float, y: float, radius: float) -> Path:
    k = KAPPA * radius
    return (
        ("M", x + radius, y),
        ("C", x + radius, y + k, x + k, y + radius, x, y + radius),
        ("C", x - k, y + radius, x - radius, y + k, x - radius, y),
        ("C", x - radius, y - k, x - k, y - radius, x, y - radius),
        ("C", x + k, y - radius, x + radius, y - k, x + radius, y),
        ("Z",),
    )


_SHAPES = {
    BoxKind.GATE_AND: _and,
    BoxKind.GATE_OR: _or,
    BoxKind.GATE_VOTE: _or,
    BoxKind.GATE_XOR: _xor,
    BoxKind.GATE_NOT: _not,
    BoxKind.GATE_INHIBIT: _inhibit,
    BoxKind.EVENT_BASIC: _basic,
    BoxKind.EVENT_UNDEVELOPED: _undeveloped,
    BoxKind.EVENT_HOUSE: _house,
}
