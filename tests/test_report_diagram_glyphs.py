"""CJK and other non-Latin text in the PDF's diagrams and timeline chart."""

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from pir_desktop.domain.diagrams.presets import review_fishbone
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import diagrams as pdf_diagrams
from pir_desktop.report.builder import RenderedReport, ReportRenderer
from pir_desktop.report.fonts import CJK, REGULAR
from pir_desktop.services.sample import sample_review
from pir_desktop.ui.diagrams import fonts as qt_fonts

FACTOR = "根本原因：构建服务器未打补丁"
EVENT = "告警系统延迟"
PROBLEM = "生产主机被入侵"
# Only the fishbone's head shows this emoji, which no bundled font has.
HEAD_EMOJI = "\U0001f984"


@pytest.fixture(scope="module")
def review() -> Review:
    """Return the sample with CJK text in a factor, an event and the fishbone head."""
    review = sample_review()
    factor = review.factors[0].with_changes(statement=FACTOR)
    event = review.events[0].with_changes(description=EVENT)
    fishbone = review.fishbones[0].with_changes(problem=f"{PROBLEM} {HEAD_EMOJI}")
    return review.model_copy(
        update={
            "factors": [factor, *review.factors[1:]],
            "events": [event, *review.events[1:]],
            "fishbones": [fishbone],
        }
    )


@pytest.fixture(scope="module")
def report(review: Review) -> RenderedReport:
    return ReportRenderer(review, default_procedure()).render()


def is_cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def cjk_runs(report: RenderedReport, *texts: str) -> list[tuple[str, str]]:
    """Return (font name, text) of each CJK run on the first page with all `texts`."""
    reader = PdfReader(io.BytesIO(report.data))
    page = next(
        p for p in reader.pages if all(text in p.extract_text() for text in texts)
    )
    runs: list[tuple[str, str]] = []

    def visit(text, matrix, text_matrix, font, size) -> None:
        if font is not None and any(is_cjk(char) for char in text):
            runs.append((str(font.get("/BaseFont")), text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def test_fishbone_draws_cjk_font(report: RenderedReport) -> None:
    runs = cjk_runs(report, "Fishbone: How the attacker")
    texts = "".join(text for _, text in runs)
    assert PROBLEM in texts
    assert "构建服务器未打补丁" in texts
    for font, text in runs:
        assert CJK in font, (font, text)


def test_timeline_chart_draws_cjk_font(report: RenderedReport) -> None:
    runs = cjk_runs(report, "Timeline", EVENT)
    assert len([text for _, text in runs if EVENT in text]) >= 2
    for font, text in runs:
        assert CJK in font, (font, text)


def test_diagram_glyph_warning(report: RenderedReport) -> None:
    assert HEAD_EMOJI in report.substituted
    assert any("UNICORN FACE" in line for line in report.warnings)
    assert not any(is_cjk(char) for char in report.substituted)


def test_measure_uses_cjk_font() -> None:
    size = 7.0
    assert pdf_diagrams.measure(PROBLEM, size) == pytest.approx(
        stringWidth(PROBLEM, CJK, size)
    )
    assert pdf_diagrams.measure(PROBLEM, size) != pytest.approx(
        stringWidth(PROBLEM, REGULAR, size)
    )
    mixed = f"Host {PROBLEM}"
    assert pdf_diagrams.measure(mixed, size) == pytest.approx(
        stringWidth("Host ", REGULAR, size) + stringWidth(PROBLEM, CJK, size)
    )


def test_fishbone_head_sized_for_cjk(review: Review) -> None:
    diagram = review_fishbone(review, review.fishbones[0], pdf_diagrams.measure)
    head = diagram.box("head")
    line = next(line for line in head.lines if PROBLEM in line)
    width = head.line_widths[head.lines.index(line)]
    assert width >= stringWidth(PROBLEM, CJK, head.font_size)
    assert width <= head.width - 2 * head.padding + 0.01


def test_screen_measures_cjk_like_pdf(qapp) -> None:
    for text in (PROBLEM, FACTOR, f"Host {PROBLEM}", "日本語のテキスト"):
        for size in (6.5, 7.0, 8.0):
            assert qt_fonts.measure(text, size) == pytest.approx(
                pdf_diagrams.measure(text, size), rel=0.01
            ), (text, size)


def test_screen_cjk_not_replacement_boxes(qapp) -> None:
    size = 7.0
    own = stringWidth(PROBLEM, CJK, size)
    assert qt_fonts.measure(PROBLEM, size) == pytest.approx(own, rel=0.01)
    assert qt_fonts.measure(PROBLEM, size) != pytest.approx(
        stringWidth(PROBLEM, REGULAR, size), rel=0.01
    )
