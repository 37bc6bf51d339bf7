"""Incident text never reaches the log at INFO, even through whole use cases."""

import logging
from pathlib import Path

import pytest

from pir_desktop.domain.enums import ApprovalDecision
from pir_desktop.services import ReviewLibrary
from pir_desktop.services.exports import export_json, export_pdf, import_json
from pir_desktop.services.sample import sample_review


def incident_texts() -> list[str]:
    review = sample_review()
    texts = [review.title, review.summary[:40], review.impact[:40]]
    texts += [event.description[:40] for event in review.events]
    texts += [factor.statement[:40] for factor in review.factors]
    return texts


def test_use_cases_log_no_incident_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    library = ReviewLibrary.create(tmp_path / "log.pir")
    review = library.add_review(sample_review())
    export_json(library, review.id, tmp_path / "review.json")
    export_pdf(library, review.id, tmp_path / "review.pdf")
    library.record_approval(
        review.id, "A. CISO", "CISO", ApprovalDecision.APPROVED, comment="ok"
    )
    other = ReviewLibrary.create(tmp_path / "other.pir")
    import_json(other, tmp_path / "review.json")

    messages = [record.getMessage() for record in caplog.records]
    assert messages, "the use cases logged nothing at INFO"
    for text in incident_texts():
        leaked = [m for m in messages if text in m]
        assert not leaked, f"incident text {text!r} logged: {leaked[0]}"
