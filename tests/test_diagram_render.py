"""Diagram renderers: vector drawings in the PDF and one scene item per box."""

import io
import re

import pytest
from pypdf import PdfReader

from pir_desktop.domain.diagrams import (
    Cause,
    Diagram,
    Rib,
    default_presets,
    fishbone_diagram,
    problem_statement,
    ribs_from_factors,
    why_tree_diagram,
)
from pir_desktop.domain.entities import ContributingFactor, WhyNode
from pir_desktop.domain.enums import FactorStatus
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.report import diagrams as pdf_diagrams
from pir_desktop.report import render_pdf
from pir_desktop.services.sample import sample_review
from pir_desktop.ui.diagrams import fonts as qt_fonts
from pir_desktop.ui.diagrams.panel import DiagramTabs
from pir_desktop.ui.diagrams.scene import BOX_ID_ROLE, RECORD_ID_ROLE
from pir_desktop.ui.diagrams.view import DiagramView


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


@pytest.fixture(scope="module")
def sample_pdf() -> tuple[list[str], PdfReader]:
    review = sample_review()
    reader = PdfReader(io.BytesIO(render_pdf(review, default_procedure())))
    return [page.extract_text() for page in reader.pages], reader


def assert_lines_printed(diagram: Diagram, texts: list[str]) -> None:
    """Check that every wrapped line of every box appears in the PDF's text."""
    printed = "\n".join(words(line) for text in texts for line in text.splitlines())
    for box in diagram.boxes:
        for line in box.lines:
            assert words(line) in printed, (box.id, line)


def test_pdf_shows_fishbone_labels(sample_pdf) -> None:
    texts, _ = sample_pdf
    review = sample_review()
    categories = default_presets().preset("security").categories
    diagram = fishbone_diagram(
        problem_statement(review),
        ribs_from_factors(review.factors, categories),
        pdf_diagrams.measure,
    )
    assert_lines_printed(diagram, texts)


def test_pdf_shows_why_tree_labels(sample_pdf) -> None:
    texts, _ = sample_pdf
    review = sample_review()
    diagram = why_tree_diagram(review.why_nodes, review.factors, pdf_diagrams.measure)
    assert_lines_printed(diagram, texts)
    assert any("Factor F1" in text for text in texts)


def test_pdf_diagrams_are_vector(sample_pdf) -> None:
    _, reader = sample_pdf
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        subtypes = [xobjects[name].get_object().get("/Subtype") for name in xobjects]
        assert "/Image" not in subtypes


def test_pdf_splits_wide_diagram_into_parts() -> None:
    ribs = [
        Rib(f"Category {i}", tuple(Cause(f"{i}-{j}", "cause " * 30) for j in range(9)))
        for i in range(16)
    ]
    diagram = fishbone_diagram("Outage", ribs, pdf_diagrams.measure)
    flowables = pdf_diagrams.diagram_flowables(diagram)
    tiles = [f for f in flowables if isinstance(f, pdf_diagrams.DiagramFlowable)]
    assert len(tiles) > 1
    assert all(t.width <= pdf_diagrams.AVAILABLE_WIDTH + 0.01 for t in tiles)
    scale = pdf_diagrams.fit_scale(diagram, pdf_diagrams.AVAILABLE_WIDTH)
    assert scale * 7.0 >= pdf_diagrams.MIN_FONT_SIZE - 1e-9


def test_measures_agree(qapp) -> None:
    text = "Signing keys were kept on production servers, Ωμέγα"
    for size in (6.0, 7.0, 9.5):
        qt = qt_fonts.measure(text, size)
        pdf = pdf_diagrams.measure(text, size)
        assert qt == pytest.approx(pdf, rel=0.01)


def example_diagram() -> tuple[Diagram, list[WhyNode]]:
    guess = ContributingFactor(statement="Guess", status=FactorStatus.HYPOTHESIS)
    root = WhyNode(text="Database exposed")
    child = WhyNode(
        parent_id=root.id, text="Why? Keys & <secrets> on hosts", factor_id=guess.id
    )
    nodes = [root, child]
    return why_tree_diagram(nodes, [guess], qt_fonts.measure), nodes


def test_scene_has_one_item_per_box(qtbot) -> None:
    view = DiagramView()
    qtbot.addWidget(view)
    diagram, nodes = example_diagram()
    view.show_diagram(diagram)
    items = view.diagram_scene().box_items()
    assert sorted(items) == sorted(str(node.id) for node in nodes)
    for node in nodes:
        item = items[str(node.id)]
        assert item.data(BOX_ID_ROLE) == str(node.id)
        assert item.data(RECORD_ID_ROLE) == str(node.id)
        shown = " ".join(
            child.text() for child in item.childItems() if hasattr(child, "text")
        )
        assert words(shown).startswith(words(node.text))
        assert item.toolTip() == node.text


def test_scene_selection_reports_record_ids(qtbot) -> None:
    view = DiagramView()
    qtbot.addWidget(view)
    diagram, nodes = example_diagram()
    view.show_diagram(diagram)
    scene = view.diagram_scene()
    scene.box_items()[str(nodes[1].id)].setSelected(True)
    assert scene.selected_ids() == [str(nodes[1].id)]


def test_view_zoom_keys_and_fit(qtbot) -> None:
    view = DiagramView()
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    view.show_diagram(example_diagram()[0])
    natural = view.natural_zoom()
    assert view.zoom() == pytest.approx(natural)
    view.zoom_in()
    assert view.zoom() == pytest.approx(natural * 1.25)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() == pytest.approx(natural / 1.25)
    view.fit()
    assert view.zoom() <= natural


def test_diagram_tabs_follow_review(qtbot, library) -> None:
    from pir_desktop.ui.context import ReviewContext

    context = ReviewContext(library)
    tabs = DiagramTabs(context)
    qtbot.addWidget(tabs)
    review_id = library.find("PIR-2024-031")
    context.select(review_id)
    assert tabs.why_view.diagram_scene().box_items() == {}

    factor = ContributingFactor(statement="MFA gap", category="Identity and access")
    context.add_record(factor, "Add factor")
    fishbone = tabs.fishbone_view.diagram_scene().box_items()
    assert str(factor.id) in fishbone
    tabs._toggle_category("category:Identity and access", "")
    assert str(factor.id) not in tabs.fishbone_view.diagram_scene().box_items()
