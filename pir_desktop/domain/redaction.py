"""Redaction: detect text that looks sensitive, and mask what is marked sensitive.

The detectors only suggest: a person decides what to mark. `redacted_review`
masks the records and fact fields that are marked, and the names of
participants marked sensitive wherever they occur, for the redacted report
and for presenting.
"""

import ipaddress
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from .diagrams.whytree import problem_statement
from .entities import (
    ActionItem,
    ContributingFactor,
    Entity,
    Lesson,
    Observation,
    Participant,
    TimelineEvent,
    WhyNode,
)
from .review import SENSITIVE_FACT_FIELDS, Review

MASK = "█████"


class SpanKind(StrEnum):
    EMAIL = "email"
    IP_ADDRESS = "ip_address"
    TOKEN = "token"
    CARD_NUMBER = "card_number"
    PERSON_NAME = "person_name"


@dataclass(frozen=True)
class Span:
    """A stretch of text, text[start:end], that looks sensitive, and why."""

    start: int
    end: int
    kind: SpanKind
    reason: str


EMAIL = re.compile(
    r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
IPV6 = re.compile(
    r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%\w+)?(?![\w:])"
)
CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
UUID_TEXT = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}", re.IGNORECASE)
WORD_RUN = re.compile(r"[A-Za-z0-9_\-+/=.]{20,}")

# Credentials whose format the issuer publishes, with the issuer's name.
KNOWN_TOKENS = (
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "AWS access key id"),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"), "GitHub token"),
    (re.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,}"), "GitHub fine-grained token"),
    (re.compile(r"\bxox[abpsr]-[A-Za-z0-9-]{10,}"), "Slack token"),
    (re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}"), "GitLab token"),
    (re.compile(r"\bsk_live_[A-Za-z0-9]{16,}"), "Stripe secret key"),
    (
        re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"),
        "JSON Web Token",
    ),
    (
        re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
        "PEM private key header",
    ),
)
# Shannon entropy, in bits per character, above which a long run of letters
# and digits is taken for a random secret. By estimate, English text of 20
# characters stays near 3 bits and random base64 of that length reaches about
# 4 (the maximum is log2 of the length). The threshold is a judgement.
ENTROPY_BITS = 3.5


def find_emails(text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), SpanKind.EMAIL, "looks like an e-mail address")
        for m in EMAIL.finditer(text)
    ]


def find_ip_addresses(text: str) -> list[Span]:
    """Find IPv4 and IPv6 addresses that Python's ipaddress module accepts."""
    spans = []
    for pattern, version in ((IPV4, "IPv4"), (IPV6, "IPv6")):
        for m in pattern.finditer(text):
            if _is_ip(m.group(), version):
                reason = f"looks like an {version} address"
                spans.append(Span(m.start(), m.end(), SpanKind.IP_ADDRESS, reason))
    return spans


def _is_ip(candidate: str, version: str) -> bool:
    if version == "IPv6" and candidate.count(":") < 2:
        return False
    try:
        ipaddress.ip_address(candidate.split("%")[0])
    except ValueError:
        return False
    return True


def find_card_numbers(text: str) -> list[Span]:
    """Find 13 to 19 digits, optionally split by spaces or dashes, that pass Luhn."""
    spans = []
    for m in CARD.finditer(text):
        digits = re.sub(r"[ -]", "", m.group())
        if 13 <= len(digits) <= 19 and luhn_valid(digits):
            reason = f"{len(digits)} digits that pass the Luhn check of card numbers"
            spans.append(Span(m.start(), m.end(), SpanKind.CARD_NUMBER, reason))
    return spans


def luhn_valid(digits: str) -> bool:
    """Return whether a string of digits passes the Luhn (mod 10) check."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def find_tokens(text: str) -> list[Span]:
    """Find API keys and tokens by known prefix, then by high entropy."""
    spans = [
        Span(m.start(), m.end(), SpanKind.TOKEN, f"looks like a {name}")
        for pattern, name in KNOWN_TOKENS
        for m in pattern.finditer(text)
    ]
    for m in WORD_RUN.finditer(text):
        word = m.group().strip(".")
        if _looks_random(word):
            bits = shannon_entropy(word)
            reason = (
                f"random-looking string of {len(word)} characters "
                f"({bits:.1f} bits per character)"
            )
            spans.append(Span(m.start(), m.start() + len(word), SpanKind.TOKEN, reason))
    return spans


def _looks_random(word: str) -> bool:
    if len(word) < 20 or UUID_TEXT.fullmatch(word):
        return False
    if not (re.search(r"\d", word) and re.search(r"[A-Za-z]", word)):
        return False
    return shannon_entropy(word) >= ENTROPY_BITS


def shannon_entropy(text: str) -> float:
    """Return the Shannon entropy of the text's characters, in bits per character."""
    if not text:
        return 0.0
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def find_names(text: str, names: Iterable[str]) -> list[Span]:
    """Find whole-word, case-sensitive occurrences of the given personal names."""
    spans = []
    for name in sorted(set(names), key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for m in pattern.finditer(text):
            reason = f"name of participant {name}"
            spans.append(Span(m.start(), m.end(), SpanKind.PERSON_NAME, reason))
    return spans


# A name of two to four capitalised words, such as "Alice Smith", reads as a
# person's; role labels such as "Security lead" or "Operations" do not match.
PERSONAL_NAME = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}")


def personal_names(participants: Iterable[Participant]) -> list[str]:
    """Return the names to look for: participants marked sensitive, and names
    that read as a person's, each with its single words of 3+ letters."""
    names: set[str] = set()
    for participant in participants:
        if participant.sensitive or PERSONAL_NAME.fullmatch(participant.name):
            names.update(_name_and_words(participant.name))
    return sorted(names)


def _name_and_words(name: str) -> list[str]:
    return [name, *(word for word in name.split() if len(word) >= 3)]


def find_sensitive(text: str, names: Iterable[str] = ()) -> list[Span]:
    """Run every detector and return non-overlapping spans in text order.

    Where spans overlap, the one that starts first wins, and the longer one
    wins between spans that start together.
    """
    found = [
        *find_tokens(text),
        *find_emails(text),
        *find_ip_addresses(text),
        *find_card_numbers(text),
        *find_names(text, names),
    ]
    found.sort(key=lambda span: (span.start, -span.end))
    kept: list[Span] = []
    for span in found:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def mask(text: str, spans: Iterable[Span], replacement: str = MASK) -> str:
    """Replace each span with the same fixed mask, which hides its length too."""
    parts = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < position:
            continue
        parts.extend((text[position : span.start], replacement))
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


# The free-text fields of each record type that can be marked sensitive.
TEXT_FIELDS: dict[type[Entity], tuple[str, ...]] = {
    Participant: ("name",),
    TimelineEvent: ("description", "source", "time_note"),
    Observation: ("text",),
    ContributingFactor: ("statement", "evidence"),
    WhyNode: ("text", "evidence"),
    Lesson: ("text",),
    ActionItem: (
        "title",
        "description",
        "owner",
        "success_criteria",
        "ticket_url",
        "cancel_reason",
    ),
}
# Review collections whose records may be marked sensitive.
MARKABLE = {
    "participants": Participant,
    "events": TimelineEvent,
    "observations": Observation,
    "factors": ContributingFactor,
    "why_nodes": WhyNode,
    "lessons": Lesson,
    "actions": ActionItem,
}


def sensitive_names(review: Review) -> list[str]:
    """Return the names of participants marked sensitive, with their words of
    3+ letters, for masking wherever they occur."""
    names: set[str] = set()
    for participant in review.participants:
        if participant.sensitive:
            names.update(_name_and_words(participant.name))
    return sorted(names)


def redacted_review(review: Review, replacement: str = MASK) -> Review:
    """Return a copy with every sensitive text replaced by `replacement`.

    A record marked sensitive has all its free-text fields masked, a fact
    field named in `sensitive_fields` is masked, and the names of
    participants marked sensitive are masked in every text field of every
    record. A fault tree is masked through its links to factors, as
    `_redact_fault_tree` describes, and a fishbone as `_redact_fishbone`
    describes. Empty fields stay empty. Record ids and links are kept, so the
    copy renders like the original.
    """
    names = sensitive_names(review)
    data = review.model_dump()
    for field in review.sensitive_fields:
        if data[field]:
            data[field] = replacement
    for field in SENSITIVE_FACT_FIELDS:
        data[field] = _mask_names(data[field], names, replacement)
    for collection, record_type in MARKABLE.items():
        for record in data[collection]:
            _redact_record(record, TEXT_FIELDS[record_type], names, replacement)
    marked_factors = {f.id for f in review.factors if f.sensitive}
    for tree_record in data["fault_trees"]:
        _redact_fault_tree(tree_record, marked_factors, names, replacement)
    problems = sensitive_problems(review)
    for fishbone in data["fishbones"]:
        _redact_fishbone(fishbone, problems, names, replacement)
    return Review.model_validate(data)


def sensitive_problems(review: Review) -> set[str]:
    """Return the problem statements that are marked sensitive, stripped.

    These are the texts of the why-tree's problem statements (root nodes)
    marked sensitive, and the review's title when it is marked sensitive and
    the review has no why-tree, because the diagrams then show the title as
    the problem.
    """
    problems = {
        node.text.strip()
        for node in review.why_nodes
        if node.parent_id is None and node.sensitive and node.text.strip()
    }
    if "title" in review.sensitive_fields and problem_statement(review) == review.title:
        problems.add(review.title.strip())
    return problems


def _redact_fishbone(
    record: dict, problems: set[str], names: list[str], replacement: str
) -> None:
    """Mask the title and head text of a dumped fishbone record.

    The head text is masked whole when it repeats a sensitive problem
    statement. The names of participants marked sensitive are masked in the
    title and the head. The causes are the review's factors, which are
    masked with the other records, so sensitive factors never reach a rib.
    """
    record["title"] = _mask_names(record["title"], names, replacement)
    if record["problem"].strip() in problems:
        record["problem"] = replacement
    else:
        record["problem"] = _mask_names(record["problem"], names, replacement)


def _redact_record(
    record: dict, fields: tuple[str, ...], names: list[str], replacement: str
) -> None:
    for field in fields:
        if record["sensitive"] and record[field]:
            record[field] = replacement
        else:
            record[field] = _mask_names(record[field], names, replacement)


def _redact_fault_tree(
    record: dict, marked_factors: set[UUID], names: list[str], replacement: str
) -> None:
    """Mask the nodes of a dumped fault-tree record that represent marked factors.

    Such a node's label is masked and its id, which the cut sets print, is
    replaced by a neutral one ("redacted_1", ...) everywhere in the tree, so
    the tree keeps its shape and analysis. The record's notes are masked when
    any node is, because they describe the tree's events. The names of
    participants marked sensitive are masked in the title, the notes and
    every label.
    """
    tree = record["tree"]
    nodes = tree["nodes"]
    hidden = sorted(n["id"] for n in nodes if n["factor_id"] in marked_factors)
    renamed = _neutral_ids(hidden, {n["id"] for n in nodes})

    for node in nodes:
        if node["id"] in renamed and node["label"]:
            node["label"] = replacement
        else:
            node["label"] = _mask_names(node["label"], names, replacement)
        node["id"] = renamed.get(node["id"], node["id"])
        if "inputs" in node:
            node["inputs"] = [renamed.get(i, i) for i in node["inputs"]]
        if node.get("condition") is not None:
            node["condition"] = renamed.get(node["condition"], node["condition"])

    if tree["top"] in renamed and tree["label"]:
        tree["label"] = replacement
    else:
        tree["label"] = _mask_names(tree["label"], names, replacement)
    tree["top"] = renamed.get(tree["top"], tree["top"])
    record["title"] = _mask_names(record["title"], names, replacement)
    if hidden and record["notes"]:
        record["notes"] = replacement
    else:
        record["notes"] = _mask_names(record["notes"], names, replacement)


def _neutral_ids(ids: list[str], used_ids: set[str]) -> dict[str, str]:
    """Map each id to "redacted_N", skipping ids that the tree already uses."""
    renamed: dict[str, str] = {}
    number = 0
    for node_id in ids:
        number += 1
        while f"redacted_{number}" in used_ids:
            number += 1
        renamed[node_id] = f"redacted_{number}"
    return renamed


def _mask_names(text: str, names: list[str], replacement: str) -> str:
    if not names or not text:
        return text
    return mask(text, find_sensitive_names(text, names), replacement)


def find_sensitive_names(text: str, names: list[str]) -> list[Span]:
    """Return non-overlapping name spans, longest name first where they overlap."""
    kept: list[Span] = []
    for span in sorted(find_names(text, names), key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


@dataclass(frozen=True)
class Suggestion:
    """Text in a record (or, with record_id None, a fact field) worth marking."""

    collection: str
    record_id: UUID | None
    field: str
    spans: list[Span]


def suggestions(review: Review) -> list[Suggestion]:
    """Run the detectors over every text not yet marked sensitive."""
    names = personal_names(review.participants)
    found = []
    for field in SENSITIVE_FACT_FIELDS:
        spans = find_sensitive(getattr(review, field), names)
        if spans and field not in review.sensitive_fields:
            found.append(Suggestion("facts", None, field, spans))
    for collection, record_type in MARKABLE.items():
        for record in getattr(review, collection):
            if record.sensitive:
                continue
            for field in TEXT_FIELDS[record_type]:
                spans = find_sensitive(getattr(record, field), names)
                if spans:
                    found.append(Suggestion(collection, record.id, field, spans))
    return found
