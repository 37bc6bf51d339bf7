"""A long timeline is printed as several tables, every event once and in order."""

import io
import re
from datetime import timedelta
from uuid import uuid4

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from pir_desktop.domain.enums import EventKind, label
from pir_desktop.domain.procedure import default_procedure
from pir_desktop.report import render_pdf
from pir_desktop.report import timeline as timeline_report
from pir_desktop.report.fonts import REGULAR, register_fonts
from pir_desktop.report.tables import column_widths
from pir_desktop.services.sample import sample_review

EVENT_COUNT = 130


def long_review():
    review = sample_review()
    first = review.sorted_events()[0]
    events = [
        first.model_copy(
            update={
                "id": uuid4(),
                "occurred_at": first.occurred_at + timedelta(minutes=index),
                "description": f"Agent message number {index:04d}",
                "decision_point": index % 40 == 0,
                "milestone": None,
            }
        )
        for index in range(EVENT_COUNT)
    ]
    return review.model_copy(update={"events": events})


def test_parts_list_every_event(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_report, "PART_ROWS", 50)
    review = long_review()

    pdf = render_pdf(review, default_procedure())

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    header = f"Time ({review.display_zone})"
    # The chart above the table labels some events too.
    table = text[text.index(header) :]
    numbers = [int(n) for n in re.findall(r"Agent message number (\d{4})", table)]
    assert numbers == list(range(EVENT_COUNT))
    assert table.count(header) >= 3


def test_kind_column_fits_every_kind() -> None:
    register_fonts()
    widths = column_widths(timeline_report.EVENT_COLUMNS)
    padding = 6
    for kind in EventKind:
        for word in label(kind).split():
            width = stringWidth(word, REGULAR, 8)
            assert width <= widths[1] - padding, word
