"""Redaction: detectors on positive and negative cases, masking, redacted copies."""

import pytest

from pir_desktop.domain.entities import Participant
from pir_desktop.domain.faulttree import analyse
from pir_desktop.domain.redaction import (
    MASK,
    SpanKind,
    find_sensitive,
    luhn_valid,
    mask,
    personal_names,
    redacted_review,
    suggestions,
)
from pir_desktop.services.sample import sample_review

NAMES = ["Alice Smith", "Alice", "Smith"]

# (text, expected kind, expected matched text)
POSITIVE = [
    ("mail alice@example.com now", SpanKind.EMAIL, "alice@example.com"),
    ("ops+pager@corp.example.co.uk", SpanKind.EMAIL, "ops+pager@corp.example.co.uk"),
    ("from 203.0.113.7 at night", SpanKind.IP_ADDRESS, "203.0.113.7"),
    ("host 10.0.0.1.", SpanKind.IP_ADDRESS, "10.0.0.1"),
    ("v6 2001:db8::8a2e:370:7334 seen", SpanKind.IP_ADDRESS, "2001:db8::8a2e:370:7334"),
    ("loopback ::1 only", SpanKind.IP_ADDRESS, "::1"),
    ("card 4111 1111 1111 1111 used", SpanKind.CARD_NUMBER, "4111 1111 1111 1111"),
    ("pan 5500-0000-0000-0004", SpanKind.CARD_NUMBER, "5500-0000-0000-0004"),
    ("amex 378282246310005", SpanKind.CARD_NUMBER, "378282246310005"),
    ("key AKIAIOSFODNN7EXAMPLE leaked", SpanKind.TOKEN, "AKIAIOSFODNN7EXAMPLE"),
    (
        "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
        SpanKind.TOKEN,
        "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
    ),
    (
        "slack xoxb-123456789012-abcdefABCDEF",
        SpanKind.TOKEN,
        "xoxb-123456789012-abcdefABCDEF",
    ),
    (
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N",
        SpanKind.TOKEN,
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N",
    ),
    (
        "secret=Zk9qR2x0bW5vcHFyc3R1dnd4eXo0NTY3",
        SpanKind.TOKEN,
        "secret=Zk9qR2x0bW5vcHFyc3R1dnd4eXo0NTY3",
    ),
    ("Alice Smith paged the team", SpanKind.PERSON_NAME, "Alice Smith"),
    ("then Smith rotated it", SpanKind.PERSON_NAME, "Smith"),
]

NEGATIVE = [
    "The alert failed to fire because paging was down.",
    "Jenkins was upgraded to version 2.164.1 on the build host.",
    "CVE-2019-1003000 was exploited on 13 March 2019.",
    "card 4111 1111 1111 1112 fails Luhn",
    "order 1234567890123 is not a card",
    "meeting at 10:30:00 UTC",
    "user@localhost is not an address",
    "authorized_keys2 on 19 hosts",
    "id 887c22fb-3bf6-518b-b995-df4c8a5c8821 of the event",
    "internationalisation-and-localisation",
    "Alicesmith and smith are not names",
    "a ratio of 1.2.3 and the version 1.2.3.4.5",
]


@pytest.mark.parametrize(("text", "kind", "matched"), POSITIVE)
def test_detector_finds(text: str, kind: SpanKind, matched: str) -> None:
    spans = find_sensitive(text, NAMES)
    assert [text[s.start : s.end] for s in spans] == [matched]
    assert spans[0].kind is kind
    assert spans[0].reason


@pytest.mark.parametrize("text", NEGATIVE)
def test_detector_ignores(text: str) -> None:
    spans = find_sensitive(text, NAMES)
    assert [text[s.start : s.end] for s in spans] == []


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("4111111111111111", True),
        ("4111111111111112", False),
        ("79927398713", True),
        ("79927398710", False),
    ],
)
def test_luhn_check(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


def test_mask_fixed_width() -> None:
    text = "mail alice@example.com or a@b.io"
    masked = mask(text, find_sensitive(text))
    assert masked == f"mail {MASK} or {MASK}"


def test_mask_custom_replacement() -> None:
    text = "from 203.0.113.7"
    assert mask(text, find_sensitive(text), "[redacted]") == "from [redacted]"


def test_personal_names_skip_roles() -> None:
    people = [
        Participant(name="Alice Smith", role="ciso"),
        Participant(name="Security lead", role="ciso"),
        Participant(name="Operations", role="ciso"),
        Participant(name="Bo", role="ciso", sensitive=True),
    ]
    assert personal_names(people) == ["Alice", "Alice Smith", "Bo", "Smith"]


def sensitive_sample():
    review = sample_review()
    person = Participant(name="Alice Smith", role="documentation_lead", sensitive=True)
    event = review.events[0].with_changes(
        description="Alice Smith logged in from 203.0.113.7", sensitive=False
    )
    action = review.actions[0].with_changes(owner="Alice Smith")
    return review.model_copy(
        update={
            "participants": [*review.participants, person],
            "events": [event, *review.events[1:]],
            "actions": [action, *review.actions[1:]],
            "sensitive_fields": ["impact", "summary"],
        }
    )


def test_redacted_review_hides_sensitive() -> None:
    review = sensitive_sample()
    marked = [e for e in review.events if e.sensitive]
    assert marked, "the sample marks some events sensitive"
    secrets = [e.description for e in marked] + [review.impact, review.summary]
    redacted = redacted_review(review)
    dumped = redacted.model_dump_json()
    for secret in secrets:
        assert secret not in dumped
    assert "Alice" not in dumped
    assert "Smith" not in dumped
    assert redacted.impact == MASK
    assert redacted.actions[0].owner == MASK
    assert redacted.events[0].description == f"{MASK} logged in from 203.0.113.7"


def test_redacted_review_keeps_rest() -> None:
    review = sensitive_sample()
    redacted = redacted_review(review)
    assert redacted.title == review.title
    assert [e.id for e in redacted.events] == [e.id for e in review.events]
    plain = [e for e in review.events if not e.sensitive][1:]
    redacted_descriptions = {e.id: e.description for e in redacted.events}
    assert all(redacted_descriptions[e.id] == e.description for e in plain)
    assert review.impact != MASK


def test_suggestions_skip_marked() -> None:
    review = sensitive_sample()
    found = suggestions(review)
    by_field = {(s.collection, s.field): s for s in found}
    event_hits = [s for s in found if s.record_id == review.events[0].id]
    assert [sp.kind for sp in event_hits[0].spans] == [
        SpanKind.PERSON_NAME,
        SpanKind.IP_ADDRESS,
    ]
    assert ("facts", "impact") not in by_field
    marked = {e.id for e in review.events if e.sensitive}
    assert not any(s.record_id in marked for s in found)


def marked_tree_sample(node_id: str = "jenkins_exploited"):
    """Return the sample with the factor behind one fault-tree node marked sensitive."""
    review = sample_review()
    factor_id = review.fault_trees[0].tree.node_map()[node_id].factor_id
    factors = [
        f.with_changes(sensitive=True) if f.id == factor_id else f
        for f in review.factors
    ]
    return review.model_copy(update={"factors": factors})


def test_redacted_fault_tree_masks_node() -> None:
    review = marked_tree_sample()
    original = review.fault_trees[0]
    label = original.tree.node_map()["jenkins_exploited"].label

    redacted = redacted_review(review).fault_trees[0]

    nodes = redacted.tree.node_map()
    assert "jenkins_exploited" not in nodes
    assert nodes["redacted_1"].label == MASK
    assert (
        nodes["redacted_1"].factor_id
        == original.tree.node_map()["jenkins_exploited"].factor_id
    )
    assert "redacted_1" in nodes["root_on_production"].inputs
    assert label not in redacted.model_dump_json()
    assert "jenkins_exploited" not in redacted.model_dump_json()
    assert redacted.notes == MASK


def test_redacted_fault_tree_keeps_rest() -> None:
    review = marked_tree_sample()
    original = review.fault_trees[0]

    redacted = redacted_review(review).fault_trees[0]

    assert redacted.id == original.id
    assert redacted.title == original.title
    assert redacted.tree.label == original.tree.label
    redacted_nodes = redacted.tree.node_map()
    for node in original.tree.nodes:
        if node.id != "jenkins_exploited":
            assert redacted_nodes[node.id].label == node.label
    assert len(analyse(redacted.tree).cut_sets) == len(analyse(original.tree).cut_sets)


def test_redacted_fault_tree_masks_top() -> None:
    review = sample_review()
    record = review.fault_trees[0]
    factor = review.factors[0].with_changes(sensitive=True)
    top = record.tree.node_map()["root_on_production"]
    tree = record.tree.model_validate(
        {
            **record.tree.model_dump(),
            "nodes": [
                n.model_copy(update={"factor_id": factor.id}) if n is top else n
                for n in record.tree.nodes
            ],
        }
    )
    review = review.model_copy(
        update={
            "factors": [factor, *review.factors[1:]],
            "fault_trees": [record.model_copy(update={"tree": tree})],
        }
    )

    redacted = redacted_review(review).fault_trees[0].tree

    assert redacted.top.startswith("redacted_")
    assert "root_on_production" not in redacted.node_map()
    assert redacted.label == MASK
    assert redacted.node_map()[redacted.top].label == MASK


def test_redacted_fault_tree_masks_names() -> None:
    review = sensitive_sample()
    record = review.fault_trees[0]
    nodes = [
        n.model_copy(update={"label": f"Alice Smith: {n.label}"})
        for n in record.tree.nodes
    ]
    tree = record.tree.model_validate({**record.tree.model_dump(), "nodes": nodes})
    named = record.model_copy(
        update={
            "title": "Found by Alice Smith",
            "notes": "Smith drew it",
            "tree": tree,
        }
    )
    review = review.model_copy(update={"fault_trees": [named]})

    redacted = redacted_review(review).fault_trees[0]

    dumped = redacted.model_dump_json()
    assert "Alice" not in dumped
    assert "Smith" not in dumped
    assert redacted.title == f"Found by {MASK}"
    assert redacted.notes == f"{MASK} drew it"
    assert redacted.tree.node_map()["jenkins_exploited"].label.startswith(MASK)


def test_redacted_ids_skip_existing_ids() -> None:
    review = marked_tree_sample()
    record = review.fault_trees[0]
    existing = record.tree.node_map()["agent_forwarding"]
    renamed = existing.model_copy(update={"id": "redacted_1"})
    data = record.tree.model_dump()
    data["nodes"] = [
        renamed.model_dump() if n.id == existing.id else n.model_dump()
        for n in record.tree.nodes
    ]
    for node in data["nodes"]:
        if "inputs" in node:
            node["inputs"] = [
                "redacted_1" if i == existing.id else i for i in node["inputs"]
            ]
    tree = record.tree.model_validate(data)
    review = review.model_copy(
        update={"fault_trees": [record.model_copy(update={"tree": tree})]}
    )

    redacted = redacted_review(review).fault_trees[0].tree.node_map()

    assert redacted["redacted_1"].label == existing.label
    assert redacted["redacted_2"].label == MASK


def fishbone_sample(problem: str, title: str = "Drawn by Alice Smith"):
    """Return the sensitive sample with its fishbone's title and head text set."""
    review = sensitive_sample()
    record = review.fishbones[0].with_changes(title=title, problem=problem)
    return review.model_copy(update={"fishbones": [record]})


def mark_problem(review):
    """Return the review with its why-tree's problem statement marked sensitive."""
    nodes = [
        n.with_changes(sensitive=True) if n.parent_id is None else n
        for n in review.why_nodes
    ]
    return review.model_copy(update={"why_nodes": nodes})


def test_redacted_fishbone_masks_names() -> None:
    review = fishbone_sample("Why could Smith's key reach the hosts?")

    redacted = redacted_review(review).fishbones[0]

    assert redacted.title == f"Drawn by {MASK}"
    assert redacted.problem == f"Why could {MASK}'s key reach the hosts?"
    assert redacted.categories == review.fishbones[0].categories


def test_redacted_fishbone_masks_problem() -> None:
    review = sample_review()
    root = next(n for n in review.why_nodes if n.parent_id is None)
    record = review.fishbones[0].with_changes(problem=f" {root.text} ")
    review = mark_problem(review.model_copy(update={"fishbones": [record]}))

    redacted = redacted_review(review).fishbones[0]

    assert redacted.problem == MASK
    assert redacted.title == record.title


def test_redacted_fishbone_keeps_other_head() -> None:
    review = mark_problem(fishbone_sample("Why were the keys reachable?"))

    redacted = redacted_review(review).fishbones[0]

    assert redacted.problem == "Why were the keys reachable?"


def test_redacted_fishbone_masks_sensitive_title() -> None:
    review = sample_review()
    record = review.fishbones[0].with_changes(problem=review.title)
    review = review.model_copy(
        update={
            "fishbones": [record],
            "why_nodes": [],
            "sensitive_fields": ["title"],
        }
    )

    redacted = redacted_review(review).fishbones[0]

    assert redacted.problem == MASK
