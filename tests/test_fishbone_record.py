"""Stored fishbones: validation, grouping into ribs, file and JSON round trips."""

import json
import sqlite3
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from pydantic import ValidationError

from pir_desktop.domain import interchange
from pir_desktop.domain.canonical import canonical_json, content_hash
from pir_desktop.domain.diagrams.presets import (
    SUBCAUSE_MARK,
    factors_in_category,
    review_fishbone,
    ribs_from_factors,
)
from pir_desktop.domain.entities import ContributingFactor
from pir_desktop.domain.fishbone_record import FishboneRecord
from pir_desktop.domain.review import Review
from pir_desktop.report.diagrams import measure
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.sample import sample_review


@pytest.fixture(scope="module")
def review() -> Review:
    return sample_review()


def record(**changes) -> FishboneRecord:
    values = {"title": "Outage", "categories": ["People", "Process"]} | changes
    return FishboneRecord.model_validate(values)


def factor(statement: str, category: str = "People") -> ContributingFactor:
    return ContributingFactor(statement=statement, category=category)


def message(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(error.value)


def test_categories_are_stripped() -> None:
    assert record(categories=["  People ", "Process"]).categories == [
        "People",
        "Process",
    ]


def test_duplicate_category_rejected_by_name() -> None:
    with pytest.raises(ValidationError) as error:
        record(categories=["People", "Process", "people "])
    assert "'people' is listed twice" in message(error)
    assert "rename or remove one of them" in message(error)


def test_empty_category_rejected_by_position() -> None:
    with pytest.raises(ValidationError) as error:
        record(categories=["People", "  "])
    assert "category 2 has an empty name" in message(error)


def test_empty_category_list_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        record(categories=[])
    assert "at least one category" in message(error)


def test_self_link_rejected() -> None:
    same = uuid4()
    with pytest.raises(ValidationError) as error:
        record(parents={same: same})
    assert f"factor {same} is linked as its own sub-cause" in message(error)


def test_cycle_rejected() -> None:
    a, b, c = uuid4(), uuid4(), uuid4()
    with pytest.raises(ValidationError) as error:
        record(parents={a: b, b: c, c: a})
    assert "form a cycle through factor" in message(error)
    assert "remove one of the links" in message(error)


def test_collapsed_names_unique_ignoring_case() -> None:
    assert record(collapsed=["process", "Process", " "]).collapsed == ["Process"]


def test_toggle_collapse_ignores_case() -> None:
    folded = record().with_collapse_toggled("People")
    assert folded.is_collapsed("people")
    assert not folded.with_collapse_toggled("PEOPLE").is_collapsed("People")


def test_rename_category_keeps_collapse() -> None:
    renamed = record(collapsed=["People"]).with_category_renamed("people", "Staff")
    assert renamed.categories == ["Staff", "Process"]
    assert renamed.collapsed == ["Staff"]


def test_with_parent_rejects_cycle() -> None:
    a, b = uuid4(), uuid4()
    linked = record().with_parent(a, b)
    with pytest.raises(ValueError, match="cannot also be its parent"):
        linked.with_parent(b, a)
    assert linked.with_parent(a, None).parents == {}


def test_removed_cause_lifts_its_subcauses() -> None:
    top, middle, low = uuid4(), uuid4(), uuid4()
    linked = record(parents={middle: top, low: middle})
    assert linked.without_cause(middle).parents == {low: top}
    assert linked.without_cause(top).parents == {low: middle}
    assert linked.descendants(top) == [middle, low]


def test_subcauses_hang_under_parent_rib() -> None:
    parent = factor("Parent", "People")
    child = factor("Child", "Process")
    grandchild = factor("Grandchild", "Process")
    links = {child.id: parent.id, grandchild.id: child.id}
    ribs = ribs_from_factors(
        [parent, child, grandchild],
        ["People", "Process"],
        show_empty=True,
        parents=links,
    )
    assert [rib.category for rib in ribs] == ["People", "Process"]
    assert ribs[1].causes == ()
    (cause,) = ribs[0].causes
    assert [sub.text for sub in cause.subcauses] == [
        "Child",
        SUBCAUSE_MARK + "Grandchild",
    ]


def test_links_to_missing_factors_ignored() -> None:
    alone = factor("Alone")
    ribs = ribs_from_factors([alone], parents={alone.id: uuid4()})
    assert [cause.text for cause in ribs[0].causes] == ["Alone"]


def test_uncategorised_rib_finds_empty_category() -> None:
    blank = factor("Blank", "")
    assert factors_in_category([blank, factor("Other")], "Uncategorised") == [blank]


def test_stored_fishbone_shows_empty_categories(review: Review) -> None:
    stored = record(categories=["Nobody uses this", "Identity and access"])
    diagram = review_fishbone(review, stored, measure)
    ids = {box.id for box in diagram.boxes}
    assert "category:Nobody uses this" in ids
    assert "category:Identity and access" in ids
    derived = {box.id for box in review_fishbone(review, None, measure).boxes}
    assert "category:Third parties" not in derived


def test_problem_text_replaces_head(review: Review) -> None:
    stored = record(problem="Why did paging stay off?")
    (head,) = [
        b for b in review_fishbone(review, stored, measure).boxes if b.id == "head"
    ]
    assert head.title == "Why did paging stay off?"


def test_collapsed_record_hides_causes(review: Review) -> None:
    stored = record(
        categories=["Identity and access"], collapsed=["identity and ACCESS"]
    )
    folded = review_fishbone(review, stored, measure)
    expanded = review_fishbone(review, stored, measure, collapsed=())
    identity = {
        str(f.id) for f in review.factors if f.category == "Identity and access"
    }
    assert not identity & {box.id for box in folded.boxes}
    assert identity <= {box.id for box in expanded.boxes}


def test_sample_has_linked_fishbone(review: Review) -> None:
    (fishbone,) = review.fishbones
    assert fishbone.title == "How the attacker got in and stayed"
    assert fishbone.preset == "security"
    factor_ids = {f.id for f in review.factors}
    assert fishbone.parents
    assert set(fishbone.parents) | set(fishbone.parents.values()) <= factor_ids


def linked_review(review: Review) -> Review:
    factors = review.factors
    extra = FishboneRecord(
        title="Second <analysis> & ünïcode",
        problem="Why were secrets on every host?",
        preset="6m",
        categories=["Method", "Machine", "Identity and access"],
        collapsed=["Machine"],
        parents={factors[3].id: factors[8].id, factors[8].id: factors[0].id},
    )
    return review.model_copy(update={"fishbones": [*review.fishbones, extra]})


def test_round_trip_through_file(review: Review, tmp_path: Path) -> None:
    path = tmp_path / "library.pir"
    stored = linked_review(review)
    library = ReviewLibrary.create(path)
    library.add_review(stored)
    library.close()

    library = ReviewLibrary.open(path)
    loaded = library.load(review.id)
    library.close()
    assert canonical_json(loaded) == canonical_json(stored)
    assert [f.title for f in loaded.fishbones] == [f.title for f in stored.fishbones]
    second = loaded.fishbones[1]
    assert second.categories == ["Method", "Machine", "Identity and access"]
    assert second.collapsed == ["Machine"]
    assert second.parents == stored.fishbones[1].parents
    assert all(isinstance(key, UUID) for key in second.parents)


def test_update_stores_new_links(review: Review, tmp_path: Path) -> None:
    library = ReviewLibrary.create(tmp_path / "library.pir")
    library.add_review(review)
    before = library.load(review.id).fishbones[0]
    child, parent = review.factors[5].id, review.factors[6].id
    updated = library.update(before.with_parent(child, parent))
    loaded = library.load(review.id).fishbones[0]
    library.close()
    assert updated.version == before.version + 1
    assert loaded.parents[child] == parent


def test_deleted_review_drops_fishbones(review: Review, tmp_path: Path) -> None:
    path = tmp_path / "library.pir"
    library = ReviewLibrary.create(path)
    library.add_review(review)
    library.delete_review(review.id)
    library.close()
    with sqlite3.connect(path) as connection:
        count = connection.execute("SELECT COUNT(*) FROM fishbones").fetchone()[0]
    connection.close()
    assert count == 0


def test_json_round_trip(review: Review) -> None:
    stored = linked_review(review)
    loaded = interchange.load_document(interchange.dump_document(stored))
    assert loaded.fishbones == stored.fishbones


def test_json_schema_lists_fishbones() -> None:
    schema = interchange.json_schema()
    assert "fishbones" in schema["$defs"]["Review"]["properties"]
    assert "FishboneRecord" in schema["$defs"]


def test_document_without_fishbones_loads(review: Review) -> None:
    data = json.loads(interchange.dump_document(review))
    del data["review"]["fishbones"]
    assert interchange.load_document(json.dumps(data)).fishbones == []


def test_invalid_fishbone_in_document_named(review: Review) -> None:
    broken = interchange.dump_document(review).replace(
        '"Third parties"', '"third parties ", "Third parties"', 1
    )
    with pytest.raises(interchange.InterchangeError) as error:
        interchange.load_document(broken, source="broken.json")
    assert "broken.json" in str(error.value)
    assert "review.fishbones.0.categories" in str(error.value)


def test_no_fishbones_keeps_old_hash(review: Review) -> None:
    without = review.model_copy(update={"fishbones": []})
    assert "fishbones" not in canonical_json(without)


def test_hash_covers_links_not_collapse(review: Review) -> None:
    fishbone = review.fishbones[0]
    folded = fishbone.with_collapse_toggled("Identity and access")
    relinked = fishbone.with_parent(review.factors[5].id, review.factors[6].id)
    assert content_hash(review.model_copy(update={"fishbones": [folded]})) == (
        content_hash(review)
    )
    assert content_hash(review.model_copy(update={"fishbones": [relinked]})) != (
        content_hash(review)
    )
