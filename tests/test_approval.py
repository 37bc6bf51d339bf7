"""Approval by role, the content hash it binds to, and the approve/verify commands."""

import json
import random
from pathlib import Path

import pytest
from conftest import REFERENCE, example_review, stored_review
from test_cli import run

from pir_desktop.domain.canonical import content_hash
from pir_desktop.domain.enums import ApprovalDecision
from pir_desktop.domain.interchange import dump_document, load_document
from pir_desktop.domain.readiness import approval_is_current
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review


def test_wrong_role_rejected(library, library_path) -> None:
    with pytest.raises(ValueError) as caught:
        library.record_approval(
            library.find(REFERENCE), "Sam", "Security lead", ApprovalDecision.APPROVED
        )
    message = str(caught.value)
    assert "'Security lead'" in message
    assert "CISO" in message
    assert stored_review(library_path).approvals == []


@pytest.mark.parametrize("role", ["ciso", "CISO", " Ciso "])
def test_approver_role_accepted(library, role: str) -> None:
    stored = library.record_approval(
        library.find(REFERENCE), "Sam", role, ApprovalDecision.APPROVED
    )
    assert stored.role == role.strip()


def test_hash_stable_across_reload(library_path: Path) -> None:
    review = sample_review()
    library = ReviewLibrary.create(library_path)
    library.add_review(review)
    library.close()
    reopened = ReviewLibrary.open(library_path)
    try:
        assert content_hash(reopened.load(review.id)) == content_hash(review)
    finally:
        reopened.close()


def _shuffled(value: object, rng: random.Random) -> object:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {key: _shuffled(item, rng) for key, item in items}
    if isinstance(value, list):
        return [_shuffled(item, rng) for item in value]
    return value


def test_hash_ignores_field_order() -> None:
    review = sample_review()
    data = json.loads(dump_document(review))
    shuffled = json.dumps(_shuffled(data, random.Random(7)))
    assert shuffled != json.dumps(data)
    assert content_hash(load_document(shuffled)) == content_hash(review)


def test_hash_detects_change() -> None:
    review = example_review()
    changed = review.model_copy(update={"impact": "Two admin sessions"})
    assert content_hash(changed) != content_hash(review)


def test_approval_current_until_edit(library) -> None:
    review_id = library.find(REFERENCE)
    approval = library.record_approval(
        review_id, "Sam", "ciso", ApprovalDecision.APPROVED
    )
    assert approval_is_current(approval, library.load(review_id))
    facts = library.load(review_id).facts
    library.update_facts(facts.with_changes(impact="More than thought"))
    assert not approval_is_current(approval, library.load(review_id))


def test_older_approval_not_current(library) -> None:
    review_id = library.find(REFERENCE)
    first = library.record_approval(review_id, "Sam", "ciso", ApprovalDecision.APPROVED)
    library.record_approval(review_id, "Sam", "ciso", ApprovalDecision.REJECTED)
    assert not approval_is_current(first, library.load(review_id))


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    path = tmp_path / "sample.pir"
    assert run("sample", path).returncode == 0
    return path


def approve(path: Path, *extra: str):
    return run(
        "approve",
        path,
        "--review",
        "MATRIX-2019-04",
        "--by",
        "Sam Chen",
        "--decision",
        "approved",
        *extra,
    )


def test_approve_lists_problems(sample_copy: Path) -> None:
    result = approve(sample_copy, "--role", "CISO")
    assert result.returncode == 1
    assert "Step 1 (Schedule the review)" in result.stderr
    assert "override reason" in result.stderr


def test_approve_wrong_role_fails(sample_copy: Path) -> None:
    result = approve(sample_copy, "--role", "Security lead", "--override-reason", "x")
    assert result.returncode == 1
    assert "'Security lead'" in result.stderr
    assert "CISO" in result.stderr


def test_verify_before_approval(sample_copy: Path) -> None:
    result = run("verify", sample_copy)
    assert result.returncode == 1
    assert "approved hash: none" in result.stdout
    assert result.stdout.strip().endswith("not approved")


def test_edit_supersedes_then_reapprove(sample_copy: Path) -> None:
    override = ("--role", "CISO", "--override-reason", "Agreed at sign-off")
    assert approve(sample_copy, *override).returncode == 0
    first = run("verify", sample_copy)
    assert first.returncode == 0, first.stdout
    assert first.stdout.strip().endswith("matches")

    library = ReviewLibrary.open(sample_copy)
    review_id = library.find("MATRIX-2019-04")
    facts = library.load(review_id).facts
    library.update_facts(facts.with_changes(impact=facts.impact + " Edited."))
    library.close()

    edited = run("verify", sample_copy)
    assert edited.returncode == 1
    assert edited.stdout.strip().endswith("superseded")
    hashes = [line.split()[-1] for line in edited.stdout.splitlines()[:2]]
    assert hashes[0] != hashes[1]

    assert approve(sample_copy, *override).returncode == 0
    again = run("verify", sample_copy)
    assert again.returncode == 0
    assert again.stdout.strip().endswith("matches")
