"""The PDF is a finished document: contents, variants, hostile text, progress."""

import io
import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage
from test_report import GENERATED_AT, make_review, pdf_text

from pir_desktop.domain.entities import ActionItem, TimelineEvent
from pir_desktop.domain.enums import EventKind
from pir_desktop.domain.meeting import AgendaItem
from pir_desktop.domain.procedure import Procedure, default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import Cancelled, RenderedReport, ReportRenderer, write_pdf

SECTION_HEADINGS = [
    "Executive summary",
    "Incident summary",
    "Review meeting",
    "Timeline",
    "Discussion",
    "Contributing factors",
    "Why-tree",
    "Lessons learned",
    "Action plan",
    "Emergency controls",
    "Standards mapping",
    "Sign-off",
]

# A paragraph of about 40 KB, numbered so every word can be found again.
LONG_PARAGRAPH = " ".join(f"w{i:05d}" for i in range(6700))
LONG_TOKEN = "".join(chr(ord("a") + i % 26) for i in range(600))

# Each hostile string either prints and extracts as itself or is reported.
HOSTILE = {
    "markup": "<b>&amp;</b>",
    "entity": "&lt; &#x41; &nbsp;",
    "cjk": "漢字かな한글",
    "cyrillic": "Съешь же ещё этих мягких булок",
    "greek": "Καλημέρα κόσμε",
    "arabic": "مرحبا",
    "hebrew": "שלום",
    "emoji": "😀🔥",
    "long_paragraph": LONG_PARAGRAPH,
    "long_token": LONG_TOKEN,
}


def render(review: Review, procedure: Procedure, **options: object) -> RenderedReport:
    renderer = ReportRenderer(review, procedure, generated_at=GENERATED_AT, **options)
    return renderer.render()


def page_texts(data: bytes) -> list[str]:
    return [
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages
    ]


@pytest.fixture(scope="module")
def procedure() -> Procedure:
    return default_procedure()


@pytest.fixture(scope="module")
def review() -> Review:
    base = make_review()
    agenda = [
        AgendaItem(
            title="Timeline walk-through", timebox_minutes=20, spent_seconds=1500
        ),
        AgendaItem(
            title="Action items", timebox_minutes=15, spent_seconds=600, position=1
        ),
    ]
    return base.with_changes(agenda=[item.model_dump() for item in agenda])


@pytest.fixture(scope="module")
def report(review: Review, procedure: Procedure) -> RenderedReport:
    return render(review, procedure)


@pytest.fixture(scope="module")
def pages(report: RenderedReport) -> list[str]:
    return page_texts(report.data)


@pytest.mark.parametrize("heading", SECTION_HEADINGS)
def test_section_heading_present(pages: list[str], heading: str) -> None:
    assert heading in " ".join(pages)


def test_page_count_reported(report: RenderedReport, pages: list[str]) -> None:
    assert report.page_count == len(pages)


def test_page_x_of_y(pages: list[str]) -> None:
    total = len(pages)
    assert f"Page 1 of {total}" in pages[0]
    assert f"Page {total} of {total}" in pages[-1]


def test_contents_on_second_page(pages: list[str]) -> None:
    assert pages[1].startswith("Contents") or "Contents" in pages[1]
    assert "Contents" not in pages[0]


def contents_entries(page: str) -> dict[str, int]:
    pattern = "|".join(re.escape(h) for h in SECTION_HEADINGS)
    return {m[1]: int(m[2]) for m in re.finditer(rf"({pattern}) (\d+)", page)}


def test_contents_lists_sections(pages: list[str]) -> None:
    assert list(contents_entries(pages[1])) == SECTION_HEADINGS


def test_contents_pages_match_bookmarks(
    report: RenderedReport, pages: list[str]
) -> None:
    reader = PdfReader(io.BytesIO(report.data))
    bookmarks = {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
    }
    assert contents_entries(pages[1]) == bookmarks


def test_contents_pages_show_heading(pages: list[str]) -> None:
    for heading, page in contents_entries(pages[1]).items():
        assert heading in pages[page - 1], heading


def test_contents_entries_linked(report: RenderedReport) -> None:
    page = PdfReader(io.BytesIO(report.data)).pages[1]
    links = [a.get_object() for a in page.get("/Annots", [])]
    assert len(links) == len(SECTION_HEADINGS)


def test_content_hash_on_approval_page(pages: list[str], review: Review) -> None:
    from pir_desktop.domain.canonical import content_hash

    assert content_hash(review) in pages[-1]
    assert "Signature" in pages[-1]


def test_cover_version_and_classification(pages: list[str]) -> None:
    assert "CONFIDENTIAL - SECURITY" in pages[0]
    assert "Report version 1 (0 approval decisions recorded)" in pages[0]


def test_executive_summary_values(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "Top factors F1 Users could grant mail scopes" in text
    assert "2 actions: 1 approved, 1 proposed" in text
    assert "Emergency controls 1 assessed, 0 still needed" in text


def test_meeting_attendance(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "Attendance 3 of 4 participants" in text
    assert "Absent Sam Okafor" in text


def test_agenda_time_spent(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "Timeline walk-through 20 min 25 min 5 min over" in text
    assert "Action items 15 min 10 min within" in text
    assert "35 min spent of 35 min planned" in text


def test_timeline_times_have_dates(pages: list[str]) -> None:
    pattern = r"(\S+) \d{2}:\d{2}(?::\d{2})? [+-]\d{2}:\d{2}"
    times = list(re.finditer(pattern, " ".join(pages)))
    assert len(times) >= 5
    for match in times:
        assert re.fullmatch(r"~?\d{4}-\d{2}-\d{2}", match[1]), match[0]


def test_emergency_controls_own_section(pages: list[str]) -> None:
    text = " ".join(pages)
    section = text[text.rindex("Emergency controls") :]
    assert "Emergency block on user consent Formalise" in section


def hostile_review(review: Review) -> Review:
    events = [
        TimelineEvent(
            occurred_at=datetime(2024, 3, 4, 12, index, tzinfo=UTC),
            kind=EventKind.OTHER,
            description=text,
        ).model_dump()
        for index, text in enumerate(HOSTILE.values())
    ]
    narrow = ActionItem(title="Narrow", owner=LONG_TOKEN).model_dump()
    return review.with_changes(
        events=[*events],
        actions=[narrow],
        classification="機密 Конфиденциально",
    )


@pytest.fixture(scope="module")
def hostile(review: Review, procedure: Procedure) -> RenderedReport:
    return render(hostile_review(review), procedure)


@pytest.fixture(scope="module")
def hostile_text(hostile: RenderedReport) -> str:
    return pdf_text(hostile.data)


def printed(text: str, extracted: str) -> bool:
    """Return whether text was extracted in logical or in visual (RTL) order."""
    squeezed = "".join(unicodedata.normalize("NFKC", extracted).split())
    expected = "".join(text.split())
    return expected in squeezed or expected[::-1] in squeezed


@pytest.mark.parametrize("case", [k for k in HOSTILE if k != "long_paragraph"])
def test_hostile_text_prints(
    case: str, hostile: RenderedReport, hostile_text: str
) -> None:
    text = HOSTILE[case]
    reported = [c for c in text if c in hostile.substituted]
    if reported:
        for char in reported:
            assert f"[U+{ord(char):04X}]" in hostile_text
        text = "".join(c for c in text if c not in hostile.substituted)
    assert printed(text, hostile_text)


def test_long_paragraph_prints(hostile_text: str) -> None:
    words = set(hostile_text.split())
    missing = [w for w in LONG_PARAGRAPH.split() if w not in words]
    assert missing == []


def test_emoji_reported(hostile: RenderedReport) -> None:
    assert any(w.startswith("[U+1F525] FIRE") for w in hostile.warnings)
    assert any(w.startswith("[U+1F600] GRINNING FACE") for w in hostile.warnings)


def test_emoji_substitutes_printed(hostile_text: str) -> None:
    assert "[U+1F600][U+1F525]" in hostile_text


def test_no_other_substitutions(hostile: RenderedReport) -> None:
    assert set(hostile.substituted) == {"😀", "🔥"}


def test_substitution_logged(
    review: Review, procedure: Procedure, caplog: pytest.LogCaptureFixture
) -> None:
    render(review.with_changes(summary="fire 🔥"), procedure)
    assert "U+1F525" in caplog.text


def test_cjk_font_embedded(hostile: RenderedReport) -> None:
    reader = PdfReader(io.BytesIO(hostile.data))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("WenQuanYiMicroHei" in name for name in fonts)


def test_cjk_classification_in_header(hostile: RenderedReport) -> None:
    last = page_texts(hostile.data)[-1]
    assert "機密 Конфиденциально" in last


SECRET_EVENT = "Attacker pivoted through jumphost-7"
SECRET_IMPACT = "Payroll ledger for 312 staff copied"


def sensitive_review(review: Review) -> Review:
    """Mark an event, a participant and the impact sensitive."""
    data = review.model_dump()
    data["events"][0] |= {"description": SECRET_EVENT, "sensitive": True}
    tom = next(p for p in data["participants"] if p["name"] == "Tom Berg")
    tom["sensitive"] = True
    data["observations"][0]["text"] = "Tom Berg revoked the app within minutes"
    data["impact"] = SECRET_IMPACT
    data["sensitive_fields"] = ["impact"]
    return Review.model_validate(data)


SECRETS = [SECRET_EVENT, SECRET_IMPACT, "Tom Berg", "Berg"]


@pytest.fixture(scope="module")
def redacted(review: Review, procedure: Procedure) -> RenderedReport:
    return render(sensitive_review(review), procedure, variant="redacted")


@pytest.mark.parametrize("secret", SECRETS)
def test_full_variant_shows_secret(
    review: Review, procedure: Procedure, secret: str
) -> None:
    text = pdf_text(render(sensitive_review(review), procedure).data)
    assert secret in text


@pytest.mark.parametrize("secret", SECRETS)
def test_redacted_hides_secret(redacted: RenderedReport, secret: str) -> None:
    assert secret not in pdf_text(redacted.data)


def test_redacted_marked_every_page(redacted: RenderedReport) -> None:
    for number, page in enumerate(page_texts(redacted.data), start=1):
        assert page.count("REDACTED") >= 2, f"page {number}"


def test_redacted_cover_note(redacted: RenderedReport) -> None:
    assert "REDACTED copy for wider distribution" in page_texts(redacted.data)[0]


def test_redacted_keeps_full_hash(redacted: RenderedReport, review: Review) -> None:
    from pir_desktop.domain.canonical import content_hash

    assert content_hash(sensitive_review(review)) in pdf_text(redacted.data)


def test_redacted_metadata(redacted: RenderedReport) -> None:
    metadata = PdfReader(io.BytesIO(redacted.data)).metadata
    assert metadata is not None
    assert "REDACTED" in (metadata.title or "")


def test_unknown_variant_rejected(review: Review, procedure: Procedure) -> None:
    with pytest.raises(ValueError, match="invalid report variant 'public'"):
        ReportRenderer(review, procedure, variant="public")  # type: ignore[arg-type]


def non_white_fraction(path: Path) -> float:
    image = QImage(str(path))
    assert not image.isNull(), path
    inked = total = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            total += 1
            inked += image.pixelColor(x, y).lightness() < 200
    return inked / total


def test_pages_not_blank(report: RenderedReport, tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: run scripts/setup.sh (poppler-utils)"
    source = tmp_path / "report.pdf"
    source.write_bytes(report.data)
    subprocess.run(
        [pdftoppm, "-png", "-r", "30", str(source), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == report.page_count
    for image in images:
        assert non_white_fraction(image) > 0.002, image.name


def test_progress_reaches_total(review: Review, procedure: Procedure) -> None:
    calls: list[tuple[int, int]] = []
    render(review, procedure, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 2
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_cancel_raises(review: Review, procedure: Procedure) -> None:
    checks = iter(range(1000))
    with pytest.raises(Cancelled):
        render(review, procedure, is_cancelled=lambda: next(checks) >= 20)


def test_cancel_leaves_no_file(
    review: Review, procedure: Procedure, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    with pytest.raises(Cancelled):
        write_pdf(review, procedure, target, is_cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_write_pdf_returns_report(
    review: Review, procedure: Procedure, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    report = write_pdf(review, procedure, target, variant="redacted")
    assert target.read_bytes() == report.data
