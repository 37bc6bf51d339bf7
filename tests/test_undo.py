"""Undo and redo of several edits to one record, through a real library file."""

from datetime import date
from pathlib import Path

import pytest

from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review
from pir_desktop.ui.context import ReviewContext


@pytest.fixture
def context(qtbot, tmp_path: Path) -> ReviewContext:  # noqa: ANN001
    library = ReviewLibrary.create(tmp_path / "undo.pir")
    review = library.add_review(sample_review())
    context = ReviewContext(library)
    context.select(review.id)
    return context


def test_two_record_edits_undo_redo(context: ReviewContext) -> None:
    original = context.review.factors[0]
    context.update_record(original, original.with_changes(category="First"), "Edit")
    first = context.review.factor(original.id)
    context.update_record(first, first.with_changes(category="Second"), "Edit")

    context.undo_stack.undo()
    assert context.review.factor(original.id).category == "First"
    context.undo_stack.undo()
    assert context.review.factor(original.id).category == original.category
    context.undo_stack.redo()
    context.undo_stack.redo()
    assert context.review.factor(original.id).category == "Second"


def test_two_fact_edits_undo(context: ReviewContext) -> None:
    title = context.review.title
    context.update_facts(context.review.facts.with_changes(title="One"), "Edit title")
    context.update_facts(context.review.facts.with_changes(title="Two"), "Edit title")
    context.undo_stack.undo()
    context.undo_stack.undo()
    assert context.review.title == title
    stored = context.library.load(context.review.id)
    assert stored.title == title


def test_undo_after_foreign_edit_is_stale(context: ReviewContext, monkeypatch) -> None:  # noqa: ANN001
    original = context.review.factors[0]
    context.update_record(original, original.with_changes(category="Mine"), "Edit")
    other = ReviewLibrary.open(Path(context.library.location))
    theirs = other.load(context.review.id).factor(original.id)
    other.update(theirs.with_changes(category="Theirs"))
    errors: list[str] = []
    monkeypatch.setattr(
        context, "report_error", lambda title, exc: errors.append(title)
    )
    context.undo_stack.undo()
    assert errors
    assert other.load(context.review.id).factor(original.id).category == "Theirs"


def test_action_delete_restores_progress(context: ReviewContext) -> None:
    library = context.library
    review = context.review
    action = review.actions[0]
    owner = action.owner
    library.update(action.with_changes(status="approved"))
    library.add_progress(review.id, action.id, 40, "half way", owner, date(2026, 1, 5))
    context.reload()
    shown = context.review.actions[0]
    context.delete_record(shown, "Delete action")
    assert not context.review.progress
    context.undo_stack.undo()
    assert [p.percent for p in context.review.progress] == [40]


def test_card_delete_restores_links(context: ReviewContext) -> None:
    review = context.review
    card = review.observations[0]
    lesson = review.lessons[0]
    context.update_record(
        lesson, lesson.with_changes(observation_ids=[card.id]), "Link"
    )
    context.delete_record(context.review.observations[0], "Delete card")
    assert card.id not in context.review.lessons[0].observation_ids
    context.undo_stack.undo()
    restored = next(x for x in context.review.lessons if x.id == lesson.id)
    assert restored.observation_ids == [card.id]
