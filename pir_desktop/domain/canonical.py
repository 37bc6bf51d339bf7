"""The canonical JSON of a review's content and its SHA-256, to bind approvals.

The canonical form leaves out what is not content: edit counters, the
approvals themselves, meeting bookkeeping (dot votes, the parking lot,
dismissed wording hints) and which fishbone categories are collapsed, which
changes only the view. Fields at their default value are left out too, so
a schema upgrade that adds a field with a default keeps existing approvals
valid. Lists of records are sorted by id, so storage order does not change
the hash. The why-tree and the timeline keep their order through their own
fields (parent, position, time).
"""

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .review import Review

NOT_CONTENT = {"approvals", "votes", "parking_lot", "dismissed_wording"}
# Fields of child records that are not content, by review field.
NOT_CONTENT_FIELDS = {"fishbones": {"collapsed"}}
EXCLUDE: dict[str, Any] = {name: True for name in NOT_CONTENT} | {
    field: {"__all__": names} for field, names in NOT_CONTENT_FIELDS.items()
}


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "version"}
    if isinstance(value, list):
        items = [_strip(v) for v in value]
        if items and all(isinstance(v, dict) and "id" in v for v in items):
            items.sort(key=lambda v: v["id"])
        return items
    return value


def canonical_json(review: Review) -> str:
    """Return the review's content as compact JSON with sorted keys."""
    data = review.model_dump(mode="json", exclude=EXCLUDE, exclude_defaults=True)
    return json.dumps(
        _strip(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


# Digests computed inside `hashes_reused`, by review object id. The review is
# kept beside its digest, so a recycled id never matches another review.
_reused: ContextVar[dict[int, tuple[Review, str]] | None] = ContextVar(
    "reused_hashes", default=None
)


@contextmanager
def hashes_reused() -> Iterator[None]:
    """Hash each review object once inside the block.

    For callers that read the hash several times, such as the readiness
    checks and the approval history, over a review they do not change.
    """
    token = _reused.set({})
    try:
        yield
    finally:
        _reused.reset(token)


def content_hash(review: Review) -> str:
    """Return the SHA-256 hex digest of the review's canonical JSON."""
    reused = _reused.get()
    if reused is not None:
        known = reused.get(id(review))
        if known is not None and known[0] is review:
            return known[1]
    digest = hashlib.sha256(canonical_json(review).encode("utf-8")).hexdigest()
    if reused is not None:
        reused[id(review)] = (review, digest)
    return digest
