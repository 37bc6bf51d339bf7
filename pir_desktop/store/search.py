"""Queries across the reviews of a library: record owners and full-text search.

Full-text search on SQLite builds a TEMP FTS5 table from the text rows and
queries it with MATCH. A TEMP table lives in the connection's temporary
database, so the library file never changes and needs no migration. Other
databases, and an SQLite build without FTS5, fall back to LIKE.
"""

import logging
import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import and_, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..domain.entities import Entity
from .library import Library
from .mapping import ROW_TYPES
from .schema import FactorRow, LessonRow, ObservationRow, ReviewRow, WhyNodeRow

log = logging.getLogger(__name__)

# Record kind -> the column whose text is searched.
SEARCHED: dict[str, InstrumentedAttribute[str]] = {
    "lesson": LessonRow.text,
    "factor": FactorRow.statement,
    "observation": ObservationRow.text,
    "why_answer": WhyNodeRow.text,
}
# Words that FTS5 reads as operators when written in capitals.
FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
SNIPPET_CHARS = 80


@dataclass(frozen=True)
class SearchHit:
    """A record whose text matched: its review, kind, id and a text excerpt."""

    reference: str
    kind: str
    record_id: UUID
    snippet: str


def review_of_record(
    library: Library, entity_type: type[Entity], record_id: UUID
) -> UUID | None:
    """Return the id of the review that contains a record, or None if it is gone."""
    with library.reading() as session:
        row = session.get(ROW_TYPES[entity_type], record_id)
        return None if row is None else row.review_id  # type: ignore[attr-defined]


def search_words(query: str) -> list[str]:
    """Split user input into search words, dropping punctuation and operators.

    Raises ValueError when no word is left, so `"foo AND (` searches for
    "foo" and `"(` is reported instead of reaching the database.
    """
    words = [w for w in re.findall(r"\w+", query) if w not in FTS_OPERATORS]
    if not words:
        raise ValueError(
            f"search text {query!r} contains no words: enter at least one "
            "letter or digit"
        )
    return words


def search_text(library: Library, query: str, limit: int = 100) -> list[SearchHit]:
    """Find lessons, factors, observations and why-tree answers containing
    every word of `query`, across all reviews.

    On SQLite each word matches as a prefix of a word in the text ("rotat"
    finds "rotation"), ranked by relevance; the LIKE fallback matches each
    word anywhere in the text, case-insensitively for ASCII letters.
    """
    words = search_words(query)
    with library.reading() as session:
        if session.get_bind().dialect.name == "sqlite":
            try:
                return _fts_search(session, words, limit)
            except OperationalError as exc:
                log.warning("FTS5 search failed (%s); searching with LIKE", exc)
                session.rollback()
        return _like_search(session, words, limit)


def _documents(session: Session) -> list[dict[str, Any]]:
    documents = []
    for kind, column in SEARCHED.items():
        row_type = column.class_
        query = select(ReviewRow.reference, row_type.id, column).join(
            ReviewRow, ReviewRow.id == row_type.review_id
        )
        for reference, record_id, body in session.execute(query):
            documents.append(
                {
                    "reference": reference,
                    "kind": kind,
                    "record_id": str(record_id),
                    "body": body,
                }
            )
    return documents


def _fts_search(session: Session, words: list[str], limit: int) -> list[SearchHit]:
    session.execute(text("DROP TABLE IF EXISTS temp.pir_search"))
    session.execute(
        text(
            "CREATE VIRTUAL TABLE temp.pir_search USING fts5("
            "reference UNINDEXED, kind UNINDEXED, record_id UNINDEXED, body)"
        )
    )
    try:
        documents = _documents(session)
        if documents:
            session.execute(
                text(
                    "INSERT INTO temp.pir_search "
                    "VALUES (:reference, :kind, :record_id, :body)"
                ),
                documents,
            )
        # Each word is quoted, so FTS5 never parses user text as syntax.
        match = " ".join(f'"{word}"*' for word in words)
        rows = session.execute(
            text(
                "SELECT reference, kind, record_id, "
                "snippet(pir_search, 3, '', '', '…', 16) FROM temp.pir_search "
                "WHERE pir_search MATCH :match ORDER BY rank LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
        return [SearchHit(r[0], r[1], UUID(r[2]), r[3]) for r in rows]
    finally:
        session.execute(text("DROP TABLE IF EXISTS temp.pir_search"))


def _like_search(session: Session, words: list[str], limit: int) -> list[SearchHit]:
    hits: list[SearchHit] = []
    for kind, column in SEARCHED.items():
        row_type = column.class_
        conditions = [
            func.lower(column).like(f"%{_escape_like(w.lower())}%", escape="\\")
            for w in words
        ]
        query = (
            select(ReviewRow.reference, row_type.id, column)
            .join(ReviewRow, ReviewRow.id == row_type.review_id)
            .where(and_(*conditions))
            .order_by(ReviewRow.reference, row_type.seq)
        )
        for reference, record_id, body in session.execute(query):
            hits.append(SearchHit(reference, kind, record_id, _excerpt(body, words)))
    return hits[:limit]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _excerpt(body: str, words: list[str]) -> str:
    """Return about SNIPPET_CHARS characters of `body` around the first word."""
    start = max(body.lower().find(words[0].lower()) - SNIPPET_CHARS // 4, 0)
    excerpt = body[start : start + SNIPPET_CHARS]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_CHARS < len(body) else ""
    return prefix + excerpt + suffix
