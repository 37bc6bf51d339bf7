"""The text boundary of the report: shared parsing and right-to-left lines."""

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
from test_report import GENERATED_AT, make_review

from pir_desktop.domain.entities import WhyNode
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.report import render_pdf
from pir_desktop.report.diagrams import why_tree_flowables
from pir_desktop.report.fonts import REGULAR, register_fonts
from pir_desktop.report.glyphs import shaped
from pir_desktop.report.styles import BODY, CELL, CELL_NOTE
from pir_desktop.report.text import (
    SHARED_MARKUP_LENGTH,
    bullet,
    cell_with_notes,
    para,
    to_markup,
)
from pir_desktop.report.timeline_chart import timeline_chart_drawing


@pytest.fixture(autouse=True, scope="module")
def fonts() -> None:
    register_fonts()


def build(story: list) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def page_lines(data: bytes) -> list[list[str]]:
    return [
        [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        for page in PdfReader(io.BytesIO(data)).pages
    ]


def test_short_markup_parsed_once() -> None:
    first = para("Source: SIEM export", CELL)
    second = para("Source: SIEM export", CELL)

    assert first.frags is second.frags
    assert para("Source: SIEM export", CELL_NOTE).frags is not first.frags


def test_long_markup_parsed_each_time() -> None:
    text = "x" * (SHARED_MARKUP_LENGTH + 1)

    assert para(text, CELL).frags is not para(text, CELL).frags


def test_shared_fragments_survive_splits() -> None:
    """Rows split across pages print the same lines as unshared paragraphs."""
    tall = "\n".join(f"line {i}" for i in range(120))

    def rows(make) -> list[list]:
        return [
            [
                make(f"Event {i}"),
                make("Source: SIEM export"),
                make(tall if i == 5 else ""),
            ]
            for i in range(300)
        ]

    shared = rows(lambda text: para(text, CELL))
    plain = rows(lambda text: Paragraph(to_markup(text), CELL))
    widths = [120, 120, 120]

    shared_pdf = build([Table(shared, colWidths=widths, splitInRow=1)])
    plain_pdf = build([Table(plain, colWidths=widths, splitInRow=1)])

    lines = page_lines(shared_pdf)
    assert len(lines) > 2
    assert lines == page_lines(plain_pdf)
    assert sum(line.count("SIEM export") for page in lines for line in page) == 300


@pytest.mark.parametrize(
    "text",
    [
        "Source: SIEM export",
        "  spaced   out\ttext  ",
        "a < b & c > d",
        "two\nlines",
        "漢字 and Latin",
        "שלום עולם",
        "",
    ],
)
@pytest.mark.parametrize("style", [CELL, BODY, CELL_NOTE])
def test_parse_matches_reportlab(text: str, style) -> None:
    """Fragments built by the report equal ReportLab's own parse of the markup."""
    markup = to_markup(text)

    ours = para(text, style)
    reference = Paragraph(markup, style)

    assert ours.text == reference.text
    assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in reference.frags]


def test_cell_notes_share_fragments() -> None:
    first = cell_with_notes("Event 1", ["Source: chat"], CELL)
    second = cell_with_notes("Event 2", ["Source: chat"], CELL)

    assert first[1].frags is second[1].frags
    assert first[0].frags is not second[0].frags


HEBREW = "אבגדהוזחטיכלמנסעפצקרשת"
ARABIC = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def hebrew_words(count: int) -> list[str]:
    """Return distinct Hebrew words that read differently backwards."""
    return [HEBREW[i % 22] + HEBREW[i // 22 % 22] + "ש" for i in range(count)]


def arabic_words(count: int) -> list[str]:
    return [
        "ك" + ARABIC[i % len(ARABIC)] + ARABIC[i // len(ARABIC) % len(ARABIC)] + "ة"
        for i in range(count)
    ]


def narrow_pdf(story: list) -> bytes:
    """Lay out a story in a frame about 200 points wide, so paragraphs wrap."""
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, leftMargin=200, rightMargin=200).build(story)
    return buffer.getvalue()


def line_words(data: bytes) -> list[list[str]]:
    """Return the words of every printed line, pages in order.

    pypdf reads right-to-left runs back into logical order, so a line drawn in
    visual order extracts as its words in the order they were written.
    """
    return [line.split() for page in page_lines(data) for line in page]


def line_words_flat(data: bytes) -> list[str]:
    return [word for line in line_words(data) for word in line]


def line_edges(data: bytes, page_number: int = 0) -> list[tuple[float, float]]:
    """Return the left and right x of each line of text on a page, top to bottom."""
    page = PdfReader(io.BytesIO(data)).pages[page_number]
    starts: dict[float, list[float]] = {}
    texts: dict[float, str] = {}

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if text.strip():
            y = round(cm[5] + tm[5], 1)
            starts.setdefault(y, []).append(cm[4] + tm[4])
            texts[y] = texts.get(y, "") + text

    page.extract_text(visitor_text=visit)
    edges = []
    for y in sorted(starts, reverse=True):
        left = min(starts[y])
        # pypdf adds a space to some lines that the page does not draw.
        text = " ".join(texts[y].split())
        edges.append((left, left + stringWidth(text, REGULAR, BODY.fontSize)))
    return edges


def test_hebrew_lines_in_order() -> None:
    words = hebrew_words(60)

    lines = line_words(narrow_pdf([para(" ".join(words), BODY)]))

    assert len(lines) > 3
    assert lines[0][0] == words[0]
    assert [w for line in lines for w in line] == words


def test_arabic_lines_in_order() -> None:
    words = arabic_words(60)
    # The PDF contains the joined presentation forms that reshaping chose.
    expected = shaped(" ".join(words)).split()

    lines = line_words(narrow_pdf([para(" ".join(words), BODY)]))

    assert len(lines) > 3
    assert lines[0][0] == expected[0]
    assert [w for line in lines for w in line] == expected


def test_right_to_left_right_aligned() -> None:
    data = narrow_pdf([para(" ".join(hebrew_words(60)), BODY)])

    edges = line_edges(data)

    assert len(edges) > 3
    rights = [right for _, right in edges]
    assert max(rights) - min(rights) < 0.5
    assert edges[-1][0] > edges[0][0] + 20


def test_left_to_right_base_kept() -> None:
    """A paragraph that starts with a Latin word stays left-aligned."""
    words = ["Owner", *hebrew_words(60)]
    data = narrow_pdf([para(" ".join(words), BODY)])

    lines = line_words(data)
    edges = line_edges(data)

    assert lines[0][0] == "Owner"
    lefts = [left for left, _ in edges]
    assert max(lefts) - min(lefts) < 0.5


def test_right_to_left_split_across_pages() -> None:
    words = hebrew_words(1500)

    data = narrow_pdf([para(" ".join(words), BODY)])

    pages = page_lines(data)
    assert len(pages) > 1
    assert pages[1][0].split()[0] == words[sum(len(line.split()) for line in pages[0])]
    assert [w for line in line_words(data) for w in line] == words


def test_right_to_left_cell_with_notes() -> None:
    words = hebrew_words(40)
    cell = cell_with_notes(" ".join(words), ["Source: chat"], CELL)

    lines = line_words(narrow_pdf([Table([[cell]], colWidths=[150])]))

    assert lines[-1] == ["Source:", "chat"]
    assert [w for line in lines[:-1] for w in line] == words


def test_right_to_left_bullet_with_notes() -> None:
    """A paragraph of several styles reorders each line's style runs."""
    words = hebrew_words(40)

    lines = line_words(narrow_pdf([bullet(" ".join(words), ["מקור צ'אט"])]))

    assert lines[-1] == ["מקור", "צ'אט"]
    printed = [w for line in lines[:-1] for w in line]
    assert printed[0] == "•"
    assert printed[1:] == words


def test_report_summary_right_to_left() -> None:
    """A long Hebrew summary prints its words in order, line after line."""
    words = hebrew_words(150)
    review = make_review().with_changes(summary=" ".join(words))

    data = render_pdf(review, default_procedure(), generated_at=GENERATED_AT)

    hebrew_lines = [line for line in line_words(data) if line and line[0] in set(words)]
    printed = [w for line in hebrew_lines for w in line]
    assert len(hebrew_lines) > 3
    assert printed[: len(words)] == words


def test_chart_label_right_to_left() -> None:
    words = hebrew_words(3)
    review = make_review()
    event = review.events[0].with_changes(description=" ".join(words))
    review = review.with_changes(events=[event.model_dump()])

    text = " ".join(line_words_flat(narrow_pdf([timeline_chart_drawing(review)])))

    assert " ".join(words) in text


def test_diagram_label_right_to_left() -> None:
    words = hebrew_words(3)
    review = make_review().with_changes(
        why_nodes=[WhyNode(text=" ".join(words)).model_dump()]
    )

    text = " ".join(line_words_flat(narrow_pdf(why_tree_flowables(review))))

    assert " ".join(words) in text
