"""Blameless wording check: find phrases that blame people, with a rewording.

The word lists live in resources/wording/blameless.json. Three kinds of hit
are found, each with the rule that fired and why:

- a blame phrase, anywhere ("human error", "careless", "negligent", ...).
- a failure phrase ("failed to", "should have", "forgot", ...) whose subject
  is a person: a pronoun, a person word such as "engineer", or the name of
  one of the review's participants. A system subject ("the alert failed to
  fire") is not a hit, and neither is a subject the check cannot classify.
- a counterfactual stated as fact ("if X had ..., Y would not have ...").
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from .review import Review

FORMAT_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PhraseRule(_Strict):
    id: str
    phrases: list[str] = Field(min_length=1)
    why: str
    suggestion: str


class CounterfactualRule(_Strict):
    id: str
    patterns: list[str] = Field(min_length=1, description="Python regular expressions")
    why: str
    suggestion: str


class WordLists(_Strict):
    """The blameless-wording rules as data."""

    format_version: int = Field(ge=FORMAT_VERSION, le=FORMAT_VERSION)
    blame_phrases: list[PhraseRule]
    failure_phrases: list[PhraseRule]
    person_words: list[str]
    skip_words: list[str] = Field(
        description="Adverbs skipped between a subject and its verb"
    )
    counterfactual: CounterfactualRule


@cache
def default_word_lists() -> WordLists:
    """Return the bundled word lists."""
    from ..paths import resources_dir

    return load_word_lists(resources_dir() / "wording" / "blameless.json")


def load_word_lists(path: Path) -> WordLists:
    """Read and validate a word-list file, raising ValueError that names it."""
    try:
        return WordLists.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise ValueError(f"word-list file {path} is invalid: {exc}") from exc


class Category:
    BLAME_PHRASE = "blame-phrase"
    PERSON_FAILURE = "person-failure"
    NAMED_FAILURE = "named-failure"
    COUNTERFACTUAL = "counterfactual"


@dataclass(frozen=True)
class Hit:
    """One wording problem: text[start:end], the rule that found it and a fix."""

    start: int
    end: int
    text: str
    rule_id: str
    category: str
    why: str
    suggestion: str


# Punctuation and conjunctions that end the clause holding a verb's subject.
CLAUSE_BREAK = re.compile(
    r"[.;:!?,()\n]|\b(?:and|but|or|because|so|when|while|after|before|although)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[\w'’-]+")


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<![\w'’-]){words}(?![\w'’-])", re.IGNORECASE)


def check_text(
    text: str, names: Sequence[str] = (), lists: WordLists | None = None
) -> list[Hit]:
    """Return the hits in one text, in text order, without overlaps."""
    lists = lists or default_word_lists()
    hits = [
        *_blame_hits(text, lists),
        *_failure_hits(text, names, lists),
        *_counterfactual_hits(text, lists),
    ]
    hits.sort(key=lambda hit: (hit.start, -hit.end))
    kept: list[Hit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _blame_hits(text: str, lists: WordLists) -> list[Hit]:
    return [
        Hit(m.start(), m.end(), m.group(), rule.id, Category.BLAME_PHRASE,
            rule.why, rule.suggestion)
        for rule in lists.blame_phrases
        for phrase in rule.phrases
        for m in _phrase_pattern(phrase).finditer(text)
    ]  # fmt: skip


def _failure_hits(text: str, names: Sequence[str], lists: WordLists) -> list[Hit]:
    hits = []
    for rule in lists.failure_phrases:
        for phrase in sorted(rule.phrases, key=len, reverse=True):
            for m in _phrase_pattern(phrase).finditer(text):
                subject = _person_subject(text[: m.start()], names, lists)
                if subject is None:
                    continue
                category, who = subject
                why = f"{rule.why} The subject is {who!r}."
                hits.append(
                    Hit(m.start(), m.end(), m.group(), rule.id, category, why,
                        rule.suggestion)
                )  # fmt: skip
    return hits


def _person_subject(
    before: str, names: Sequence[str], lists: WordLists
) -> tuple[str, str] | None:
    """Return the category and the subject when the clause's subject is a person."""
    clause = CLAUSE_BREAK.split(before)[-1]
    words = WORD.findall(clause)
    skip = set(lists.skip_words)
    while words and words[-1].lower() in skip:
        words.pop()
    if not words:
        return None
    tail = " ".join(words)
    for name in sorted(names, key=len, reverse=True):
        if tail == name or tail.endswith(" " + name):
            return Category.NAMED_FAILURE, name
    people = set(lists.person_words)
    for size in (2, 1):
        head = " ".join(words[-size:]).lower()
        if len(words) >= size and head in people:
            return Category.PERSON_FAILURE, head
    return None


def _counterfactual_hits(text: str, lists: WordLists) -> list[Hit]:
    rule = lists.counterfactual
    hits = []
    for pattern in rule.patterns:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            start = m.start() + len(m.group()) - len(m.group().lstrip(".;!? "))
            hits.append(
                Hit(start, m.end(), text[start : m.end()], rule.id,
                    Category.COUNTERFACTUAL, rule.why, rule.suggestion)
            )  # fmt: skip
    return hits


@dataclass(frozen=True)
class Finding:
    """A hit in one field of one record of a review."""

    collection: str
    record_id: UUID
    field: str
    hit: Hit

    @property
    def key(self) -> str:
        """Return the key under which a reviewer dismisses this hit."""
        return f"{self.record_id}:{self.hit.rule_id}:{self.hit.text.lower()}"


# The findings of a review that the check reads, as collection and text field.
CHECKED_FIELDS = (
    ("observations", "text"),
    ("factors", "statement"),
    ("why_nodes", "text"),
    ("lessons", "text"),
)


def participant_names(review: Review) -> list[str]:
    """Return the participants' names and the capitalised words of 3+ letters
    in them, so "Alice" matches the participant "Alice Smith"."""
    names = set()
    for participant in review.participants:
        names.add(participant.name)
        words = WORD.findall(participant.name)
        names.update(w for w in words if len(w) >= 3 and w[0].isupper())
    return sorted(names)


def check_review(review: Review, lists: WordLists | None = None) -> list[Finding]:
    """Check every observation, factor, why-tree node and lesson of a review."""
    names = participant_names(review)
    findings = []
    for collection, field in CHECKED_FIELDS:
        for record in getattr(review, collection):
            for hit in check_text(getattr(record, field), names, lists):
                findings.append(Finding(collection, record.id, field, hit))
    return findings


def open_findings(review: Review, lists: WordLists | None = None) -> list[Finding]:
    """Return the findings that no reviewer has dismissed."""
    dismissed = set(review.dismissed_wording)
    return [f for f in check_review(review, lists) if f.key not in dismissed]
