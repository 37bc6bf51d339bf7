"""The text boundary of the report: shared parsing and right-to-left lines."""

import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from pir_desktop.report.fonts import register_fonts
from pir_desktop.report.styles import CELL, CELL_NOTE
from pir_desktop.report.text import (
    SHARED_MARKUP_LENGTH,
    cell_with_notes,
    para,
    to_markup,
)


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


def test_cell_notes_share_fragments() -> None:
    first = cell_with_notes("Event 1", ["Source: chat"], CELL)
    second = cell_with_notes("Event 2", ["Source: chat"], CELL)

    assert first[1].frags is second[1].frags
    assert first[0].frags is not second[0].frags
