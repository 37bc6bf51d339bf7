"""The versioned JSON document a review exports to and imports from."""

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .review import Review

FORMAT_NAME = "pir-desktop-review"
FORMAT_VERSION = 1


class ReviewDocument(BaseModel):
    """A review wrapped with the name and version of the interchange format."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["pir-desktop-review"] = FORMAT_NAME
    format_version: Literal[1] = FORMAT_VERSION
    review: Review


class InterchangeError(ValueError):
    """A JSON document that is not a valid review document."""


def dump_document(review: Review) -> str:
    """Return the review as an indented JSON document."""
    document = ReviewDocument(review=review)
    return document.model_dump_json(indent=2) + "\n"


def load_document(text: str, source: str = "document") -> Review:
    """Parse and validate a review document; errors name the source and field."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"{source} is not JSON: {exc}") from exc
    if isinstance(data, dict) and data.get("format_version", 1) != FORMAT_VERSION:
        raise InterchangeError(
            f"{source} has format_version {data.get('format_version')!r}; this "
            f"version reads {FORMAT_VERSION}: export it again from a matching version"
        )
    try:
        return ReviewDocument.model_validate(data).review
    except ValidationError as exc:
        raise InterchangeError(
            f"{source} is not a valid review: {_describe(exc)}"
        ) from exc


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}")
    more = len(exc.errors()) - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the review document."""
    return ReviewDocument.model_json_schema()
