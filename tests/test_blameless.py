"""Blameless wording check: expected hits and misses, and the readiness warning."""

import pytest

from pir_desktop.domain.blameless import (
    Category,
    check_review,
    check_text,
    default_word_lists,
    open_findings,
)
from pir_desktop.domain.entities import Participant
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.readiness import readiness
from pir_desktop.services.sample import sample_review

NAMES = ["Alice", "Alice Smith", "Smith", "Bob"]

# (text, expected matched text, rule id, category)
HITS = [
    ("It was human error.", "human error", "human-error", Category.BLAME_PHRASE),
    (
        "A careless change to the firewall.",
        "careless",
        "careless",
        Category.BLAME_PHRASE,
    ),
    ("The admin was negligent.", "negligent", "negligent", Category.BLAME_PHRASE),
    (
        "Ops didn't bother to check.",
        "didn't bother",
        "didnt-bother",
        Category.BLAME_PHRASE,
    ),
    ("Alice forgot to rotate the key.", "forgot to", "forgot", Category.NAMED_FAILURE),
    (
        "Alice Smith failed to page security.",
        "failed to",
        "failed-to",
        Category.NAMED_FAILURE,
    ),
    ("Bob simply ignored the alert.", "ignored", "neglected", Category.NAMED_FAILURE),
    (
        "The on-call engineer failed to notice.",
        "failed to",
        "failed-to",
        Category.PERSON_FAILURE,
    ),
    (
        "We should have rotated every key.",
        "should have",
        "should-have",
        Category.PERSON_FAILURE,
    ),
    (
        "Nobody was on call and someone missed the page.",
        "missed",
        "neglected",
        Category.PERSON_FAILURE,
    ),
    (
        "If the team had patched Jenkins, the attacker would not have got in.",
        "If the team had patched Jenkins, the attacker would not have",
        "counterfactual",
        Category.COUNTERFACTUAL,
    ),
    (
        "Paging worked. Had it been rebuilt, the defacement would have been seen.",
        "Had it been rebuilt, the defacement would have",
        "counterfactual",
        Category.COUNTERFACTUAL,
    ),
    (
        "The hijack would have been caught if paging was up.",
        "would have been caught if",
        "counterfactual",
        Category.COUNTERFACTUAL,
    ),
]

MISSES = [
    "The alert failed to fire.",
    "The job failed to start after the upgrade.",
    "The backup script should have run at midnight but the timer was off.",
    "Alice's script failed to parse the file.",
    "Paging was not available during the rebuild.",
    "The team acted on the report within a day.",
    "Monitoring missed the DNS change because no check covered it.",
    "Alicia failed to appear in the export.",
    "Users failed to log in after the token reset.",
    "An errorless run of the human resources job.",
]


@pytest.mark.parametrize(("text", "matched", "rule_id", "category"), HITS)
def test_wording_hit(text: str, matched: str, rule_id: str, category: str) -> None:
    hits = check_text(text, NAMES)
    assert [h.text for h in hits] == [matched]
    assert hits[0].rule_id == rule_id
    assert hits[0].category == category
    assert text[hits[0].start : hits[0].end] == matched
    assert hits[0].why
    assert hits[0].suggestion


@pytest.mark.parametrize("text", MISSES)
def test_wording_miss(text: str) -> None:
    assert check_text(text, NAMES) == []


def test_named_subject_says_who() -> None:
    hit = check_text("Bob forgot the runbook.", NAMES)[0]
    assert "'Bob'" in hit.why


def test_word_lists_validate() -> None:
    lists = default_word_lists()
    assert lists.blame_phrases
    assert "engineer" in lists.person_words


def blaming_sample():
    review = sample_review()
    person = Participant(name="Alice Smith", role="documentation_lead")
    card = review.observations[0].with_changes(text="Alice forgot to renew it.")
    lesson = review.lessons[0].with_changes(text="It was human error.")
    return review.model_copy(
        update={
            "participants": [*review.participants, person],
            "observations": [card, *review.observations[1:]],
            "lessons": [lesson, *review.lessons[1:]],
        }
    )


def test_sample_has_no_hits() -> None:
    assert check_review(sample_review()) == []


def test_review_findings_name_records() -> None:
    review = blaming_sample()
    findings = check_review(review)
    assert [(f.collection, f.hit.rule_id) for f in findings] == [
        ("observations", "forgot"),
        ("lessons", "human-error"),
    ]
    assert findings[0].record_id == review.observations[0].id


def test_dismissed_hit_not_open() -> None:
    review = blaming_sample()
    first = check_review(review)[0]
    dismissed = review.model_copy(update={"dismissed_wording": [first.key]})
    assert [f.key for f in open_findings(dismissed)] == [check_review(review)[1].key]


def test_readiness_warns_open_hits() -> None:
    result = readiness(blaming_sample(), default_procedure())
    assert result.warnings == [
        "2 open blameless-wording hits: reword the text or dismiss each hit "
        "that is a false alarm"
    ]
    assert not any("blameless" in p for p in result.problems)


def test_readiness_no_warning_clean() -> None:
    assert readiness(sample_review(), default_procedure()).warnings == []
