"""The report's fishbone subsections, read back from the PDF's text."""

import io
import re

import pytest
from pypdf import PdfReader

from pir_desktop.domain.diagrams.presets import review_fishbone
from pir_desktop.domain.entities import Participant
from pir_desktop.domain.fishbone_record import FishboneRecord
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import diagrams as pdf_diagrams
from pir_desktop.report import render_pdf
from pir_desktop.services.sample import sample_review

SECOND_TITLE = "Ishikawa <6M> & ünïcode"


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


def pdf_pages(review: Review) -> list[str]:
    reader = PdfReader(io.BytesIO(render_pdf(review, default_procedure())))
    return [page.extract_text() for page in reader.pages]


def joined(pages: list[str]) -> str:
    return " ".join(" ".join(page.split()) for page in pages)


@pytest.fixture(scope="module")
def review() -> Review:
    """Return the sample with a second, collapsed 6M fishbone with its own head."""
    review = sample_review()
    factors = review.factors
    extra = FishboneRecord(
        title=SECOND_TITLE,
        problem="Why were the signing keys reachable?",
        preset="6m",
        categories=["Man", "Machine", "Method", "Identity and access"],
        collapsed=["Identity and access", "Machine"],
        parents={factors[1].id: factors[5].id},
    )
    return review.model_copy(update={"fishbones": [*review.fishbones, extra]})


@pytest.fixture(scope="module")
def pages(review: Review) -> list[str]:
    return pdf_pages(review)


def test_subsection_per_fishbone(review: Review, pages: list[str]) -> None:
    text = joined(pages)
    for record in review.fishbones:
        assert f"Fishbone: {record.title}" in text


def test_every_label_printed_expanded(review: Review, pages: list[str]) -> None:
    printed = "\n".join(words(line) for page in pages for line in page.splitlines())
    for record in review.fishbones:
        diagram = review_fishbone(
            review, record, pdf_diagrams.measure, collapsed=(), show_empty=False
        )
        for box in diagram.boxes:
            for line in box.lines:
                assert words(line) in printed, (record.title, box.id, line)
    assert not re.search(r"\d+ causes? hidden", joined(pages))


def test_head_text_printed(pages: list[str]) -> None:
    assert "Why were the signing keys reachable" in joined(pages)


def test_empty_categories_named(pages: list[str]) -> None:
    text = joined(pages)
    assert (
        "Categories without causes: People and knowledge, Third parties, "
        "Adversary (context)." in text
    )
    assert "Categories without causes: Man, Machine, Method." in text


def test_sample_fishbone_fits_one_page(pages: list[str]) -> None:
    (page,) = [p for p in pages if "Fishbone: How the attacker" in p]
    assert "Diagram part" not in page


def test_fishbone_without_factors_printed() -> None:
    review = sample_review()
    bare = review.model_copy(update={"factors": [], "fault_trees": [], "why_nodes": []})
    text = joined(pdf_pages(bare))
    assert "Fishbone: How the attacker got in and stayed" not in text
    assert "No contributing factors recorded." in text


def test_derived_printed_without_records() -> None:
    review = sample_review().model_copy(update={"fishbones": []})
    pages = pdf_pages(review)
    assert "Fishbone: " not in joined(pages)
    printed = "\n".join(words(line) for page in pages for line in page.splitlines())
    diagram = review_fishbone(review, None, pdf_diagrams.measure)
    assert words("Fishbone") in printed
    for box in diagram.boxes:
        for line in box.lines:
            assert words(line) in printed, (box.id, line)


def squeezed(pages: list[str]) -> str:
    """Return the pages' text without whitespace, so wrapped lines join up."""
    return "".join("".join(page.split()) for page in pages)


def sensitive_fishbone_review() -> tuple[Review, list[str]]:
    """Return the sample with sensitive fishbone texts, and those texts."""
    review = sample_review()
    person = Participant(name="Alice Smith", role="documentation_lead", sensitive=True)
    root = next(n for n in review.why_nodes if n.parent_id is None)
    factor = review.factors[0]
    record = review.fishbones[0].with_changes(
        title="Drawn by Alice Smith", problem=root.text
    )
    review = review.model_copy(
        update={
            "participants": [*review.participants, person],
            "why_nodes": [
                n.with_changes(sensitive=True) if n.id == root.id else n
                for n in review.why_nodes
            ],
            "factors": [factor.with_changes(sensitive=True), *review.factors[1:]],
            "fishbones": [record],
        }
    )
    return review, ["Alice Smith", root.text, factor.statement]


def test_redacted_fishbone_hides_texts() -> None:
    review, secrets = sensitive_fishbone_review()
    procedure = default_procedure()

    full = squeezed(pdf_pages(review))
    reader = PdfReader(io.BytesIO(render_pdf(review, procedure, variant="redacted")))
    redacted = squeezed([page.extract_text() for page in reader.pages])

    for secret in secrets:
        assert "".join(secret.split()) in full, secret
        assert "".join(secret.split()) not in redacted, secret
    assert "Fishbone:Drawnby█████" in redacted
