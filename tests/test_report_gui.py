"""The Sign-off tab's PDF export: redacted variant, progress and cancel."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from pir_desktop.domain.entities import ActionItem, Participant  # noqa: E402
from pir_desktop.domain.enums import Severity  # noqa: E402
from pir_desktop.domain.review import Review  # noqa: E402
from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.ui.context import ReviewContext  # noqa: E402
from pir_desktop.ui.tabs.signoff import SignOffTab  # noqa: E402

SECRET_OWNER = "Dana Secretowner"


@pytest.fixture
def context(tmp_path: Path) -> Iterator[ReviewContext]:
    library = ReviewLibrary.create(tmp_path / "x.pir")
    review = Review(
        reference="PIR-TEST-7",
        title="Leaked deploy token",
        severity=Severity.P1,
        participants=[
            Participant(name=SECRET_OWNER, role="action_item_owner", sensitive=True)
        ],
        actions=[ActionItem(title="Rotate deploy tokens", owner=SECRET_OWNER)],
    )
    stored = library.add_review(review)
    context = ReviewContext(library)
    context.select(stored.id)
    yield context
    library.close()


@pytest.fixture
def tab(qtbot, context: ReviewContext) -> SignOffTab:
    widget = SignOffTab(context)
    qtbot.addWidget(widget)
    return widget


def test_redacted_export_masks_names(qtbot, tab, tmp_path) -> None:
    target = tmp_path / "redacted.pdf"
    variants: list[str] = []

    def choose(review: Review, variant: str = "full") -> Path:
        variants.append(variant)
        return target

    tab.choose_pdf_path = choose  # type: ignore[method-assign]
    tab.export_redacted_button.click()
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=30_000)

    assert variants == ["redacted"]
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Rotate deploy tokens" in text
    assert "REDACTED" in text
    assert "Secretowner" not in text


def test_export_shows_progress(qtbot, tab, tmp_path) -> None:
    tab.choose_pdf_path = lambda review: tmp_path / "r.pdf"  # type: ignore[method-assign]
    values: list[tuple[int, int]] = []
    tab.progress.valueChanged.connect(
        lambda value: values.append((value, tab.progress.maximum()))
    )

    tab.export_pdf()
    assert tab.cancel_button.isVisibleTo(tab)
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=30_000)

    assert any(value == maximum > 0 for value, maximum in values)
    assert not tab.cancel_button.isVisibleTo(tab)


def test_cancel_leaves_no_file(qtbot, tab, tmp_path) -> None:
    target = tmp_path / "r.pdf"
    tab.choose_pdf_path = lambda review: target  # type: ignore[method-assign]

    tab.export_pdf()
    tab.cancel_export()
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=30_000)

    assert tab.export_label.text() == "Export cancelled"
    assert list(tmp_path.glob("*.pdf")) == []
    assert list(tmp_path.glob(".r.pdf.*")) == []
    assert not tab.open_button.isVisibleTo(tab)
