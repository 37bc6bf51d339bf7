"""Line numbers of the items of a JSON array, for row errors that name a file line.

json.loads returns no positions, so `item_lines` walks the text again with
json.JSONDecoder.raw_decode, which decodes one value and returns the offset
where it ends. The importers call it only when an item was rejected, so a
file without errors is decoded once.
"""

import json
import re
from collections.abc import Sequence

DECODER = json.JSONDecoder()
WHITESPACE = re.compile(r"[ \t\n\r]*")


def item_lines(text: str, keys: Sequence[str] = ()) -> list[int]:
    """Return the 1-based line on which each item of a JSON array starts.

    `keys` names the object members that lead from the top-level value to
    the array, such as ("review", "events"). With no keys, the top-level
    value is the array. When a key occurs twice in an object, the last one
    counts, as in json.loads. Raises ValueError when the text is not JSON
    or the path does not lead to an array.
    """
    position = _skip(text, 0)
    for key in keys:
        position = _member(text, position, key)
    offsets = _item_offsets(text, position)
    lines: list[int] = []
    line, previous = 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        previous = offset
        lines.append(line)
    return lines


def _skip(text: str, position: int) -> int:
    match = WHITESPACE.match(text, position)
    return match.end() if match else position


def _expect(text: str, position: int, characters: str) -> str:
    found = text[position : position + 1]
    if not found or found not in characters:
        raise ValueError(f"expected one of {characters!r} at offset {position}")
    return found


def _member(text: str, position: int, key: str) -> int:
    """Return the offset of the value of member `key` of the object at `position`."""
    _expect(text, position, "{")
    position = _skip(text, position + 1)
    found = -1
    if text.startswith("}", position):
        raise ValueError(f"member {key!r} not found")
    while True:
        name, position = DECODER.raw_decode(text, position)
        position = _skip(text, position)
        _expect(text, position, ":")
        position = _skip(text, position + 1)
        if name == key:
            found = position
        _, position = DECODER.raw_decode(text, position)
        position = _skip(text, position)
        if _expect(text, position, ",}") == "}":
            break
        position = _skip(text, position + 1)
    if found < 0:
        raise ValueError(f"member {key!r} not found")
    return found


def _item_offsets(text: str, position: int) -> list[int]:
    """Return the offset of each item of the array at `position`."""
    _expect(text, position, "[")
    position = _skip(text, position + 1)
    offsets: list[int] = []
    if text.startswith("]", position):
        return offsets
    while True:
        offsets.append(position)
        _, position = DECODER.raw_decode(text, position)
        position = _skip(text, position)
        if _expect(text, position, ",]") == "]":
            return offsets
        position = _skip(text, position + 1)


class ItemLines:
    """The start line of each item of one JSON array, found on first use."""

    def __init__(self, text: str, keys: Sequence[str] = ()) -> None:
        self.text = text
        self.keys = tuple(keys)
        self._lines: list[int] | None = None

    def line(self, number: int) -> int:
        """Return the line of item `number`, counted from 1, or 0 if not found."""
        if self._lines is None:
            try:
                self._lines = item_lines(self.text, self.keys)
            except ValueError:
                self._lines = []
        if 0 < number <= len(self._lines):
            return self._lines[number - 1]
        return 0
