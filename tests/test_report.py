"""The PDF report renders every section of a review and reads back as text."""

import io
import os
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from pir_desktop import fileio
from pir_desktop.domain.canonical import content_hash
from pir_desktop.domain.entities import (
    ActionItem,
    Approval,
    ContributingFactor,
    ControlAssessment,
    Lesson,
    Observation,
    Participant,
    TimelineEvent,
    WhyNode,
)
from pir_desktop.domain.enums import (
    ActionStatus,
    ApprovalDecision,
    ControlDecision,
    EventKind,
    FactorRole,
    FactorStatus,
    LessonKind,
    ObservationKind,
    P3Criterion,
    Severity,
    TimePrecision,
)
from pir_desktop.domain.procedure import Procedure, default_procedure
from pir_desktop.domain.review import Review
from pir_desktop.report import render_pdf, write_pdf
from pir_desktop.report import writer as report_writer

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
GENERATED_AT = datetime(2024, 3, 9, 8, 30, tzinfo=UTC)
MARKUP = '<script> & "x"'
HEADINGS = [
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


def _events() -> list[TimelineEvent]:
    return [
        TimelineEvent(
            occurred_at=datetime(2024, 2, 1, tzinfo=UTC),
            precision=TimePrecision.MONTH,
            kind=EventKind.CONTEXT,
            description="Legacy sign-in exception granted to the finance team",
        ),
        TimelineEvent(
            occurred_at=datetime(2024, 3, 3, 12, 0, tzinfo=UTC),
            precision=TimePrecision.DAY,
            kind=EventKind.INITIAL_ACCESS,
            description="Consent phishing mail reaches finance mailboxes",
            source="Mail gateway export",
        ),
        TimelineEvent(
            occurred_at=datetime(2024, 3, 4, 2, 14, 37, tzinfo=BERLIN),
            precision=TimePrecision.EXACT,
            zone="Europe/Berlin",
            kind=EventKind.ATTACKER_ACTIVITY,
            description="Attacker app reads the CFO mailbox over Graph",
        ),
        TimelineEvent(
            occurred_at=datetime(2024, 3, 4, 1, 40, tzinfo=NEW_YORK),
            precision=TimePrecision.APPROXIMATE,
            zone="America/New_York",
            time_note="Analyst recalled the time from memory",
            kind=EventKind.DETECTION,
            description="Analyst notices the unusual OAuth grant",
            decision_point=True,
        ),
        TimelineEvent(
            occurred_at=datetime(2024, 3, 4, 9, 10, tzinfo=UTC),
            ends_at=datetime(2024, 3, 4, 10, 5, tzinfo=UTC),
            precision=TimePrecision.DERIVED,
            kind=EventKind.CONTAINMENT,
            description="Tenant-wide revocation of the attacker app",
        ),
    ]


def _factors() -> list[ContributingFactor]:
    return [
        ContributingFactor(
            statement="Users could grant mail scopes to unverified apps",
            category="Identity",
            status=FactorStatus.CONFIRMED,
            roles=[FactorRole.TRIGGER, FactorRole.LATENT_CONDITION],
            evidence="Tenant consent policy export",
        ),
        ContributingFactor(
            statement="No alert fired on new high-privilege OAuth grants",
            category="Detection",
            status=FactorStatus.SUPPORTED,
            roles=[FactorRole.DETECTION_GAP],
        ),
        ContributingFactor(
            statement="On-call rota had no identity specialist",
            category="People",
            status=FactorStatus.HYPOTHESIS,
            roles=[FactorRole.RESPONSE_FACTOR],
        ),
    ]


def _why_nodes(factors: list[ContributingFactor]) -> list[WhyNode]:
    root = WhyNode(text="Attacker read three executive mailboxes")
    grant = WhyNode(
        parent_id=root.id,
        position=0,
        text="A user granted mail access to a malicious app",
        evidence="Audit log entry 4711",
    )
    late = WhyNode(
        parent_id=root.id,
        position=1,
        text="Detection took five hours",
        factor_id=factors[1].id,
    )
    policy = WhyNode(
        parent_id=grant.id,
        position=1,
        text="Consent policy allowed unverified publishers",
        factor_id=factors[0].id,
        evidence="Policy export",
    )
    lure = WhyNode(
        parent_id=grant.id,
        position=0,
        text="The consent screen looked like the expense tool",
    )
    return [late, policy, root, lure, grant]


def _participants() -> list[Participant]:
    return [
        Participant(name="Ana Ruiz", role="incident_response_manager", attended=True),
        Participant(name="Tom Berg", role="documentation_lead", attended=True),
        Participant(name="Li Wei", role="root_cause_analyst", attended=True),
        Participant(name="Sam Okafor", role="ciso"),
    ]


def _actions(factors: list[ContributingFactor]) -> list[ActionItem]:
    return [
        ActionItem(
            title="Require admin approval for mail scopes",
            owner="Identity team",
            due_date=date(2024, 4, 15),
            success_criteria="No user consent to Mail.Read in a monthly audit",
            status=ActionStatus.APPROVED,
            factor_ids=[factors[0].id],
        ),
        ActionItem(
            title="Alert on new high-privilege OAuth grants",
            owner="Detection engineering",
            due_date=date(2024, 5, 1),
            success_criteria="Test grant raises an alert within 10 minutes",
            factor_ids=[factors[1].id],
        ),
    ]


def make_review() -> Review:
    """Build a P3 account-takeover review with every kind of record."""
    factors = _factors()
    return Review(
        reference="INC-2024-0042",
        title="Mailbox access through OAuth consent phishing",
        severity=Severity.P3,
        p3_criteria=[P3Criterion.NOVEL_ATTACK_VECTOR],
        summary="A consent phishing mail led to mailbox reads by a rogue app.",
        impact="Three executive mailboxes read for five hours.",
        source="Analyst triage of OAuth audit events",
        classification="Confidential - Security",
        display_zone="Europe/Berlin",
        started_at=datetime(2024, 3, 4, 1, 14, tzinfo=UTC),
        detected_at=datetime(2024, 3, 4, 6, 40, tzinfo=UTC),
        contained_at=datetime(2024, 3, 4, 10, 5, tzinfo=UTC),
        resolved_at=datetime(2024, 3, 5, 18, 0, tzinfo=UTC),
        closed_at=datetime(2024, 3, 6, 12, 0, tzinfo=UTC),
        meeting_at=datetime(2024, 3, 8, 9, 0, tzinfo=UTC),
        participants=_participants(),
        events=_events(),
        observations=[
            Observation(kind=ObservationKind.WENT_WELL, text="Revocation was fast"),
            Observation(kind=ObservationKind.TO_IMPROVE, text=f"Escape {MARKUP}"),
            Observation(kind=ObservationKind.LUCKY, text="The app had no send scope"),
        ],
        factors=factors,
        why_nodes=_why_nodes(factors),
        lessons=[
            Lesson(
                kind=LessonKind.PROCESS,
                text="Review app consents weekly",
                factor_ids=[factors[0].id],
            ),
            Lesson(kind=LessonKind.TOOL, text="Graph audit needs a SIEM parser"),
            Lesson(kind=LessonKind.TRAINING, text="Teach consent phishing cues"),
        ],
        actions=_actions(factors),
        controls=[
            ControlAssessment(
                control="Emergency block on user consent",
                decision=ControlDecision.FORMALISE,
                owner="Identity team",
            )
        ],
    )


def approve(review: Review, approved_hash: str) -> Review:
    approval = Approval(
        approver="Sam Okafor",
        role="ciso",
        decision=ApprovalDecision.APPROVED,
        decided_at=datetime(2024, 3, 9, 14, 0, tzinfo=UTC),
        content_hash=approved_hash,
    )
    return review.with_changes(approvals=[approval.model_dump()])


def pdf_text(data: bytes) -> str:
    """Return the text of every page, with runs of whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture(scope="module")
def procedure() -> Procedure:
    return default_procedure()


@pytest.fixture(scope="module")
def review() -> Review:
    return make_review()


@pytest.fixture(scope="module")
def pdf(review: Review, procedure: Procedure) -> bytes:
    approved = approve(review, content_hash(review))
    return render_pdf(approved, procedure, generated_at=GENERATED_AT)


@pytest.fixture(scope="module")
def text(pdf: bytes) -> str:
    return pdf_text(pdf)


def test_output_is_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")


@pytest.mark.parametrize("heading", HEADINGS)
def test_heading_present(text: str, heading: str) -> None:
    assert heading in text


def test_cover_values(text: str, review: Review) -> None:
    assert review.title in text
    assert "INC-2024-0042" in text
    assert "Confidential - Security" in text
    assert content_hash(review) in text
    assert "Approval state Approved" in text
    assert "RES-PROC-002 version 1.0" in text
    assert "Generated 2024-03-09 09:30 +01:00" in text


def test_summary_values(text: str) -> None:
    assert "Novel attack vector" in text
    assert "Three executive mailboxes read for five hours." in text
    assert "Analyst triage of OAuth audit events" in text
    assert "2024-03-13 13:00 +01:00 (168 hours after closure)" in text


def test_metrics_formatted(text: str) -> None:
    assert "Time to detect 5 h 26 min" in text
    assert "Time to contain 3 h 25 min" in text
    assert "Time to resolve 1 d 11 h" in text
    assert "Time to close 2 d 10 h" in text


def test_participants_listed(text: str) -> None:
    assert "Ana Ruiz Incident Response Manager attended" in text
    assert "Sam Okafor CISO absent" in text


def test_event_precisions(text: str) -> None:
    assert "2024-02 " in text
    assert "2024-03-03 " in text
    assert "2024-03-04 02:14:37 +01:00" in text
    assert "~2024-03-04 07:40 +01:00" in text


def test_far_east_day_keeps_its_date(review: Review, procedure: Procedure) -> None:
    tokyo_day = TimelineEvent(
        occurred_at=datetime(2024, 5, 1, tzinfo=ZoneInfo("Asia/Tokyo")),
        precision=TimePrecision.DAY,
        zone="Asia/Tokyo",
        description="Tokyo office reports phishing wave",
    )
    changed = review.model_copy(update={"events": [*review.events, tokyo_day]})

    text = pdf_text(render_pdf(changed, procedure, generated_at=GENERATED_AT))

    assert "2024-05-01 (Asia/Tokyo)" in text


def test_event_range_shown(text: str) -> None:
    assert "2024-03-04 10:10 +01:00 to 2024-03-04 11:05 +01:00" in text


def test_event_original_zone(text: str) -> None:
    assert "recorded in America/New_York" in text


def test_events_in_time_order(text: str) -> None:
    first = text.index("Legacy sign-in exception")
    second = text.index("Consent phishing mail reaches")
    third = text.index("Attacker app reads the CFO mailbox")
    fourth = text.index("Analyst notices the unusual OAuth grant")
    assert first < second < third < fourth


def test_timeline_zone_in_header(text: str) -> None:
    assert "Time (Europe/Berlin)" in text


def test_decision_point_marked(text: str) -> None:
    assert "\u25c6 Decision" in text


def test_discussion_groups(text: str) -> None:
    assert "What went well" in text
    assert "What to improve" in text
    assert "Where we got lucky" in text
    assert "The app had no send scope" in text


def test_factor_rows(text: str) -> None:
    assert "F1 Users could grant mail scopes to unverified apps" in text
    assert "Trigger, Latent condition" in text
    assert "Evidence: Tenant consent policy export" in text


def test_why_tree_outline(text: str) -> None:
    assert "Problem: Attacker read three executive mailboxes" in text
    assert "Why 1: A user granted mail access" in text
    assert "Why 1.1: The consent screen looked like the expense tool" in text
    assert "Why 1.2: Consent policy allowed unverified publishers" in text
    assert "Why 2: Detection took five hours" in text


def test_why_tree_links_factor(text: str) -> None:
    assert "Factor F2: No alert fired on new high-privilege OAuth grants" in text


def test_why_tree_depth_first(text: str) -> None:
    assert text.index("Why 1.2:") < text.index("Why 2:")


def test_lessons_grouped(text: str) -> None:
    process = text.index("Process improvements")
    tool = text.index("Tool enhancements")
    training = text.index("Training needs")
    assert process < text.index("Review app consents weekly") < tool
    assert tool < text.index("Graph audit needs a SIEM parser") < training


def test_action_rows(text: str) -> None:
    assert "Require admin approval for mail scopes" in text
    assert "Detection engineering" in text
    assert "2024-04-15" in text
    assert "Test grant raises an alert within 10 minutes" in text


def test_unaddressed_factor_listed(text: str) -> None:
    assert "Factors without an action: F3" in text


def test_control_listed(text: str) -> None:
    assert "Emergency block on user consent Formalise" in text


def test_standards_rows(text: str) -> None:
    assert "A.16.1.6" in text
    assert "Annex A 5.27" in text
    assert "RS.IM-1" in text
    assert "Evidence present" in text


def test_standard_condition_shown(text: str) -> None:
    assert "Conditional" in text
    assert "applies only if stored card numbers (PAN)" in text


def test_readiness_complete(text: str) -> None:
    assert "Every step before sign-off has evidence." in text


def test_readiness_problem_listed(review: Review, procedure: Procedure) -> None:
    text = pdf_text(render_pdf(review.with_changes(controls=[]), procedure))

    assert "Open problems before sign-off (2):" in text
    assert "Step 9 (Assess emergency controls): no emergency control" in text
    assert "Evidence missing" in text


def test_signature_block(text: str) -> None:
    assert "CISO approval" in text
    assert "Signature" in text


def test_current_approval(text: str) -> None:
    assert "Sam Okafor CISO Approved" in text
    assert "SUPERSEDED" not in text


def test_superseded_marked(review: Review, procedure: Procedure) -> None:
    approved = approve(review, content_hash(review))
    edited = approved.with_changes(impact="Four executive mailboxes read.")

    text = pdf_text(render_pdf(edited, procedure))

    assert "SUPERSEDED" in text
    assert "Approval state Superseded" in text


def test_markup_prints_literally(text: str) -> None:
    assert f"Escape {MARKUP}" in text


def test_markup_in_every_field(review: Review, procedure: Procedure) -> None:
    hostile = review.with_changes(
        title=f"Title {MARKUP}",
        classification=f"Label {MARKUP}",
        summary=f"<b>not bold</b> &amp; {MARKUP}",
    )

    text = pdf_text(render_pdf(hostile, procedure))

    assert f"Title {MARKUP}" in text
    assert f"Label {MARKUP}" in text
    assert "<b>not bold</b> &amp;" in text


def test_unicode_text_prints(review: Review, procedure: Procedure) -> None:
    text = pdf_text(
        render_pdf(review.with_changes(impact="Zürich Ωμέγα Привет"), procedure)
    )

    assert "Zürich Ωμέγα Привет" in text


def test_control_characters_dropped(review: Review, procedure: Procedure) -> None:
    noisy = review.with_changes(impact="bell\x07 and\x00 null")

    text = pdf_text(render_pdf(noisy, procedure))

    assert "bell and null" in text


def test_long_token_builds(review: Review, procedure: Procedure) -> None:
    token = "https://example.test/" + "a1b2c3d4" * 50
    long_event = TimelineEvent(
        occurred_at=datetime(2024, 3, 4, 8, 0, tzinfo=UTC),
        description=token,
        source=token,
    )
    long_review = review.with_changes(
        events=[*review.model_dump()["events"], long_event.model_dump()],
        reference="REF-" + "9" * 400,
        source=token,
    )

    data = render_pdf(long_review, procedure)

    assert len(token) > 400
    assert "a1b2c3d4a1b2" in pdf_text(data)


def page_font_names(pdf: bytes) -> list[str]:
    names = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"]
        names.extend(str(font.get_object()["/BaseFont"]) for font in fonts.values())
    return names


def test_font_embedded(pdf: bytes) -> None:
    assert any("DejaVuSans" in name for name in page_font_names(pdf))


def test_no_builtin_font(pdf: bytes) -> None:
    assert not any("Helvetica" in name for name in page_font_names(pdf))


def test_font_file_embedded(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[1]["/Resources"]["/Font"]
    font = next(f.get_object() for f in fonts.values())
    assert "/FontFile2" in font["/FontDescriptor"]


def test_page_numbers(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    assert total > 2
    assert f"Page 1 of {total}" in reader.pages[0].extract_text()
    assert f"Page {total} of {total}" in reader.pages[-1].extract_text()


def test_running_header(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    last_page = reader.pages[-1].extract_text()
    assert "Confidential - Security" in last_page
    assert "INC-2024-0042" in last_page


def test_metadata(pdf: bytes) -> None:
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None
    assert metadata.title == (
        "INC-2024-0042: Mailbox access through OAuth consent phishing"
    )
    assert metadata.author == "PIR Desktop"
    assert "INC-2024-0042" in (metadata.subject or "")
    assert "post-incident review" in str(metadata.get("/Keywords"))


def test_outline_bookmarks(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == HEADINGS


def test_bookmark_pages(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    pages = [reader.get_destination_page_number(item) for item in reader.outline]
    assert pages[0] == 2
    assert pages == sorted(pages)
    assert pages[-1] > 1


def test_empty_review_renders(procedure: Procedure) -> None:
    empty = Review(reference="INC-0", title="Empty", severity=Severity.P2)

    text = pdf_text(render_pdf(empty, procedure))

    assert "No timeline events recorded." in text
    assert "No 5 Whys analysis recorded." in text
    assert "Approval state Not approved" in text


def test_orphan_why_nodes_kept(review: Review, procedure: Procedure) -> None:
    orphan = WhyNode(parent_id=uuid4(), text="Answer whose parent was deleted")
    nodes = [*review.model_dump()["why_nodes"], orphan.model_dump()]

    text = pdf_text(render_pdf(review.with_changes(why_nodes=nodes), procedure))

    assert "Answers not connected to a problem statement" in text
    assert "Answer whose parent was deleted" in text


def test_write_pdf_writes_file(
    review: Review, procedure: Procedure, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"

    write_pdf(review, procedure, target)

    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_write_pdf_keeps_file_on_render_failure(
    review: Review,
    procedure: Procedure,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous report")

    def fail(*_: object, **__: object) -> bytes:
        raise RuntimeError("render failed")

    monkeypatch.setattr(report_writer.ReportRenderer, "render", fail)
    with pytest.raises(RuntimeError, match="render failed"):
        write_pdf(review, procedure, target)

    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_write_pdf_keeps_file_on_replace_failure(
    review: Review,
    procedure: Procedure,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous report")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_pdf(review, procedure, target)

    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_write_pdf_missing_folder(
    review: Review, procedure: Procedure, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError):
        write_pdf(review, procedure, tmp_path / "absent" / "report.pdf")


def test_paragraphs_only_in_text_module() -> None:
    package = Path(report_writer.__file__).parent
    offenders = [
        path.name
        for path in package.glob("*.py")
        if path.name != "text.py" and "Paragraph(" in path.read_text()
    ]
    assert offenders == []


def test_report_imports_no_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pir_desktop.report; "
        "sys.exit(any(m.startswith(('PySide6', 'sqlalchemy')) for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=os.environ, check=False)
    assert result.returncode == 0
