"""The report's fault-tree subsections, read back from the PDF's text."""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pir_desktop.domain.diagrams import fault_tree_diagram
from pir_desktop.domain.enums import FactorStatus
from pir_desktop.domain.fault_tree_record import FaultTreeRecord
from pir_desktop.domain.faulttree import parse_mef
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import diagrams as pdf_diagrams
from pir_desktop.report import render_pdf
from pir_desktop.services.sample import sample_review

FIXTURES = Path(__file__).parent / "fixtures"


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


@pytest.fixture(scope="module")
def review() -> Review:
    """Return the sample with the non-coherent MEF fixture as a second tree."""
    review = sample_review()
    tree = parse_mef((FIXTURES / "faulttree_noncoherent.xml").read_bytes())
    extra = FaultTreeRecord(title="Non-coherent check", tree=tree)
    return review.model_copy(update={"fault_trees": [*review.fault_trees, extra]})


@pytest.fixture(scope="module")
def reader(review: Review) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(review, default_procedure())))


@pytest.fixture(scope="module")
def pages(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def text(pages: list[str]) -> str:
    return " ".join(" ".join(page.split()) for page in pages)


def test_subsection_per_tree(text: str) -> None:
    assert "Fault tree: Attacker gains root on production hosts" in text
    assert "Fault tree: Non-coherent check" in text


def test_diagram_labels_printed(review: Review, pages: list[str]) -> None:
    printed = "\n".join(words(line) for page in pages for line in page.splitlines())
    for record in review.fault_trees:
        diagram = fault_tree_diagram(
            record.tree, pdf_diagrams.measure, factors=review.factors
        )
        for box in diagram.boxes:
            for line in box.lines:
                assert words(line) in printed, (box.id, line)


def test_cut_set_table_printed(review: Review, text: str) -> None:
    nodes = review.fault_trees[0].tree.node_map()

    def statement(node_id: str) -> str:
        factor = review.factor(nodes[node_id].factor_id)
        assert factor is not None
        return factor.statement

    assert "Minimal cut sets (2)" in text
    assert "Cut set Events Observed" in text
    first = f"C1 {statement('agent_forwarding')} AND {statement('jenkins_exploited')}"
    assert first in text
    second = f"C2 {statement('broad_root_keys')} AND {statement('jenkins_exploited')}"
    assert second in text
    assert "agent_forwarding AND" not in text
    assert "jenkins_exploited: Unpatched public Jenkins server exploited" in text
    assert "(factor F1)" in text


def test_probabilities_labelled(text: str) -> None:
    assert "Top-event probability (exact, BDD): 0.044" in text
    assert (
        "Approximations, for comparison only: rare-event 0.05; "
        "min-cut upper bound 0.0494" in text
    )
    assert "Observed events complete 2 of 2 cut sets; the top event occurred." in text


def test_non_coherent_tree_labelled(text: str) -> None:
    assert "Prime implicants (3)" in text
    assert "Approximations apply to coherent trees only." in text
    assert "the tree is non-coherent" in text
    assert "NOT " in text


def test_fault_tree_pages_are_vector(reader: PdfReader) -> None:
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        subtypes = [xobjects[name].get_object().get("/Subtype") for name in xobjects]
        assert "/Image" not in subtypes


@pytest.fixture(scope="module")
def marked() -> Review:
    """Return the sample with the factor behind the Jenkins event marked sensitive."""
    review = sample_review()
    node = review.fault_trees[0].tree.node_map()["jenkins_exploited"]
    factors = [
        f.with_changes(sensitive=True) if f.id == node.factor_id else f
        for f in review.factors
    ]
    return review.model_copy(update={"factors": factors})


def squeezed_text(data: bytes) -> str:
    """Return the PDF's text without whitespace, so wrapped lines join up."""
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_redacted_tree_hides_marked_node(marked: Review) -> None:
    record = marked.fault_trees[0]
    node = record.tree.node_map()["jenkins_exploited"]
    statement = marked.factor(node.factor_id).statement
    secrets = [node.label, node.id, record.notes, statement]
    procedure = default_procedure()

    full = squeezed_text(render_pdf(marked, procedure))
    redacted = squeezed_text(render_pdf(marked, procedure, variant="redacted"))

    for secret in secrets:
        assert "".join(secret.split()) in full, secret
        assert "".join(secret.split()) not in redacted, secret
    assert "redacted_1:█████(factorF1)" in redacted
    assert "Faulttree:Attackergainsrootonproductionhosts" in redacted


def test_event_shows_edited_factor() -> None:
    review = sample_review()
    node = review.fault_trees[0].tree.node_map()["jenkins_exploited"]
    edited = "Jenkins stayed unpatched for a year"
    factors = [
        f.with_changes(statement=edited, status=FactorStatus.REFUTED)
        if f.id == node.factor_id
        else f
        for f in review.factors
    ]
    review = review.model_copy(update={"factors": factors})

    diagram = fault_tree_diagram(
        review.fault_trees[0].tree, pdf_diagrams.measure, factors=review.factors
    )
    box = diagram.box("jenkins_exploited")
    assert box.title == edited
    assert box.struck
    reader = PdfReader(io.BytesIO(render_pdf(review, default_procedure())))
    squeezed = ["".join(page.extract_text().split()) for page in reader.pages]
    tree_page = next(page for page in squeezed if "Faulttree:Attackergainsroot" in page)
    assert "".join(edited.split()) in tree_page
