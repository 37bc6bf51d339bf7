"""Pausing CPython's cyclic garbage collector while many records are built."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector until the block ends, if it was enabled.

    Loading a review or importing a timeline keeps every record it builds,
    several tracked objects each, so each full collection walks the whole
    heap and frees nothing. Parsing the Slack export of 50,000 messages that
    benchmarks/timeline_bench.py writes ran three of them, 0.4 s of its 1 s,
    and reading 50,000 stored events paid about as long again as building
    them (CPython 3.11, 2 shared cores).
    Reference counting still frees every object outside a cycle. The pause
    applies to the whole process, so cyclic garbage that other threads make
    meanwhile is freed after the block.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
