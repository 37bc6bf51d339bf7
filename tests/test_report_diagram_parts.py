"""Diagrams wider than the page: scaled to fit, or cut into captioned parts."""

import io
import re

import pytest
from pypdf import PdfReader

from pir_desktop.domain.diagrams import (
    Cause,
    Diagram,
    Rib,
    fault_tree_diagram,
    fishbone_diagram,
)
from pir_desktop.domain.diagrams.presets import review_fishbone
from pir_desktop.domain.entities import ContributingFactor
from pir_desktop.domain.fault_tree_record import FaultTreeRecord
from pir_desktop.domain.faulttree.edit import tree_from_factors
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import diagrams as pdf_diagrams
from pir_desktop.report import render_pdf
from pir_desktop.report.tiles import bands
from pir_desktop.services.sample import sample_review

TREE_TITLE = "All factors"
TOP_EVENT = "Production compromise and DNS defacement"
CAPTION = re.compile(r"Diagram part (\d+) of (\d+)")


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


@pytest.fixture(scope="module")
def review() -> Review:
    """Return the sample with a Third parties factor and a tree of every factor."""
    review = sample_review()
    vendor = ContributingFactor(
        statement="CDN provider API keys never expire", category="Third parties"
    )
    factors = [*review.factors, vendor]
    tree = tree_from_factors(TOP_EVENT, [(f.id, f.statement) for f in factors])
    record = FaultTreeRecord(title=TREE_TITLE, tree=tree)
    return review.model_copy(
        update={"factors": factors, "fault_trees": [*review.fault_trees, record]}
    )


@pytest.fixture(scope="module")
def pages(review: Review) -> list[str]:
    reader = PdfReader(io.BytesIO(render_pdf(review, default_procedure())))
    return [page.extract_text() for page in reader.pages]


def section_pages(pages: list[str], heading: str) -> list[str]:
    """Return the text after `heading` and the pages up to the next diagram heading."""
    start = next(i for i, page in enumerate(pages) if heading in page)
    found = [pages[start].split(heading, 1)[1]]
    for page in pages[start + 1 :]:
        if "Fault tree:" in page or "Fishbone:" in page:
            break
        found.append(page)
    return found


def tree_diagram(review: Review) -> Diagram:
    record = next(r for r in review.fault_trees if r.title == TREE_TITLE)
    return fault_tree_diagram(record.tree, pdf_diagrams.measure, factors=review.factors)


def test_fishbone_fits_when_scaled(review: Review, pages: list[str]) -> None:
    record = review.fishbones[0]
    diagram = review_fishbone(
        review, record, pdf_diagrams.measure, collapsed=(), show_empty=False
    )
    assert diagram.width > pdf_diagrams.AVAILABLE_WIDTH

    (page,) = [p for p in pages if f"Fishbone: {record.title}" in p]
    assert "Diagram part" not in page
    printed = words(page)
    head = diagram.box("head")
    for line in head.lines:
        assert words(line) in printed, line


def test_wide_tree_cut_into_parts(pages: list[str]) -> None:
    text = "\n".join(section_pages(pages, f"Fault tree: {TREE_TITLE}"))
    captions = CAPTION.findall(text)
    assert len(captions) >= 2
    assert [int(number) for number, _ in captions] == list(range(1, len(captions) + 1))
    assert {total for _, total in captions} == {str(len(captions))}


def test_part_caption_kept_with_drawing(review: Review, pages: list[str]) -> None:
    box_words = {
        word
        for box in tree_diagram(review).boxes
        for word in words(" ".join(box.lines)).split()
        if len(word) > 3
    }
    for page in section_pages(pages, f"Fault tree: {TREE_TITLE}"):
        for match in CAPTION.finditer(page):
            following = page[match.end() :].split("Diagram part")[0]
            drawn = [
                line
                for line in following.splitlines()
                if "Public sample" not in line and "Page " not in line
            ]
            assert box_words & set(words(" ".join(drawn)).split()), match.group()


def test_parts_name_where_edges_continue(pages: list[str]) -> None:
    text = "\n".join(section_pages(pages, f"Fault tree: {TREE_TITLE}"))
    assert "continues on part 2 \u2192" in text
    assert "\u2190 continues on part 1" in text


def test_each_box_drawn_whole_once(review: Review) -> None:
    diagram = tree_diagram(review)
    parts = pdf_diagrams.diagram_flowables(diagram)
    assert len(parts) >= 2

    for box in diagram.boxes:
        owners = [part for part in parts if part.tile.draws(box)]
        assert len(owners) == 1, box.id
        tile = owners[0].tile
        assert tile.x <= box.x, box.id
        assert box.right <= tile.right, box.id
        assert tile.y <= box.y, box.id
        assert box.bottom <= tile.bottom, box.id


def test_parts_fit_the_frame(review: Review) -> None:
    for part in pdf_diagrams.diagram_flowables(tree_diagram(review)):
        assert part.width <= pdf_diagrams.AVAILABLE_WIDTH + 0.01
        assert part.height <= pdf_diagrams.AVAILABLE_HEIGHT


def test_scaled_text_stays_legible(review: Review) -> None:
    diagram = tree_diagram(review)
    scale = pdf_diagrams.fit_scale(diagram, pdf_diagrams.AVAILABLE_WIDTH)
    smallest = min(box.font_size for box in diagram.boxes)
    assert smallest * scale == pytest.approx(pdf_diagrams.MIN_FONT_SIZE)


def test_interleaved_fishbone_boxes_whole() -> None:
    ribs = [
        Rib(
            f"Category {i}",
            tuple(Cause(f"{i}-{j}", "word " * (3 + 4 * j)) for j in range(4)),
        )
        for i in range(14)
    ]
    diagram = fishbone_diagram("Outage", ribs, pdf_diagrams.measure)
    parts = pdf_diagrams.diagram_flowables(diagram)
    assert len(parts) >= 2

    for box in diagram.boxes:
        (owner,) = [part for part in parts if part.tile.draws(box)]
        assert owner.tile.x <= box.x, box.id
        assert box.right <= owner.tile.right, box.id
    for part in parts:
        assert part.width <= pdf_diagrams.AVAILABLE_WIDTH + 0.01


def test_bands_cut_between_spans() -> None:
    spans = [(x, x + 40.0) for x in range(0, 400, 50)]

    found = bands(400.0, 250.0, spans)

    assert len(found) == 2
    for band in found:
        assert band.end - band.start <= 250.0
    cut = found[0].owner_end
    assert not any(low < cut < high for low, high in spans)
    assert 150.0 <= cut <= 250.0


def test_bands_keep_crossed_spans_whole() -> None:
    # Overlapping spans leave no gap to cut in.
    spans = [(x, x + 60.0) for x in range(0, 340, 50)]

    found = bands(400.0, 250.0, spans)

    for low, high in spans:
        centre = (low + high) / 2
        (owner,) = [b for b in found if b.owner_start <= centre < b.owner_end]
        assert owner.start <= low
        assert high <= owner.end
    for band in found:
        assert band.end - band.start <= 250.0
