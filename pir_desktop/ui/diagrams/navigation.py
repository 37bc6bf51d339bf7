"""Arrow-key selection in a diagram, which picks the nearest box in a direction."""

from enum import Enum

from ...domain.diagrams import Box


class Direction(Enum):
    LEFT = (-1, 0)
    RIGHT = (1, 0)
    UP = (0, -1)
    DOWN = (0, 1)


# A box off to the side counts this many times its sideways distance, so a box
# straight ahead wins over a nearer one at a steep angle.
SIDEWAYS_WEIGHT = 3.0


def nearest_box(
    boxes: tuple[Box, ...], current: Box, direction: Direction
) -> Box | None:
    """Return the box nearest to `current` whose centre lies in `direction`.

    A box is in the direction when its centre is further that way than the
    current box's centre. The score is the distance along the direction plus
    SIDEWAYS_WEIGHT times the distance across it, so a box straight ahead wins.
    """
    dx_sign, dy_sign = direction.value
    best: Box | None = None
    best_score = 0.0
    for box in boxes:
        if box.id == current.id:
            continue
        dx = box.centre_x - current.centre_x
        dy = box.centre_y - current.centre_y
        along = dx * dx_sign + dy * dy_sign
        if along <= 0.5:
            continue
        across = abs(dy) if dx_sign else abs(dx)
        score = along + SIDEWAYS_WEIGHT * across
        if best is None or score < best_score:
            best, best_score = box, score
    return best


def entry_box(boxes: tuple[Box, ...], direction: Direction) -> Box | None:
    """Return the box an arrow key selects first: the furthest against its direction.

    Right selects the leftmost box, Down the topmost, and so on, which is the
    root of a left-to-right or a top-down tree. Ties go to the top or left box.
    """
    dx_sign, dy_sign = direction.value

    def rank(box: Box) -> tuple[float, float]:
        along = box.centre_x * dx_sign + box.centre_y * dy_sign
        across = box.y if dx_sign else box.x
        return round(along, 1), across

    return min(boxes, key=rank, default=None)
