"""The Sign-off tab: readiness, PDF export off the GUI thread and approvals."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget  # noqa: E402

from pir_desktop.domain import canonical  # noqa: E402
from pir_desktop.domain import readiness as readiness_module  # noqa: E402
from pir_desktop.domain.canonical import content_hash  # noqa: E402
from pir_desktop.domain.entities import ActionItem, Participant  # noqa: E402
from pir_desktop.domain.enums import ApprovalDecision, Severity  # noqa: E402
from pir_desktop.domain.review import Review  # noqa: E402
from pir_desktop.services import ReviewLibrary  # noqa: E402
from pir_desktop.ui import errors  # noqa: E402
from pir_desktop.ui.context import ReviewContext  # noqa: E402
from pir_desktop.ui.dialogs.approval import ApprovalDialog  # noqa: E402
from pir_desktop.ui.tabs import signoff_views  # noqa: E402
from pir_desktop.ui.tabs.signoff import SignOffTab  # noqa: E402


@pytest.fixture
def context(tmp_path: Path) -> Iterator[ReviewContext]:
    library = ReviewLibrary.create(tmp_path / "x.pir")
    review = Review(
        reference="PIR-TEST-9",
        title="Leaked deploy token",
        severity=Severity.P1,
        participants=[
            Participant(name="Dana Ops", role="action_item_owner"),
            Participant(name="Lee Ops", role="action_item_owner"),
        ],
        actions=[ActionItem(title="Rotate deploy tokens", owner="Dana Ops")],
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


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    captured: list[str] = []
    monkeypatch.setattr(
        errors, "show_error", lambda parent, title, message: captured.append(message)
    )
    return captured


def approve(tab: SignOffTab, **fields: str) -> list[ApprovalDialog]:
    """Make the next approval dialog take `fields` and press OK."""
    seen: list[ApprovalDialog] = []

    def exec_dialog(dialog: ApprovalDialog) -> bool:
        seen.append(dialog)
        dialog.approver.setText(fields.get("approver", "Sam Chen"))
        dialog.override_reason.setPlainText(fields.get("override_reason", ""))
        decision = ApprovalDecision(fields.get("decision", "approved"))
        dialog.decision.set_value(decision)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    tab.exec_dialog = exec_dialog  # type: ignore[method-assign]
    return seen


def test_readiness_lists_problems(tab) -> None:
    assert tab.readiness.rowCount() == 14
    assert tab.readiness.index(0, 2).data() == "no"
    assert tab.problems.list.count() > 0
    assert "problems before sign-off" in tab.problems.heading.text()
    assert tab.compliance.rowCount() > 0


def test_state_not_approved_at_start(tab) -> None:
    assert "Approval: not approved" in tab.state_label.text()


def test_pdf_exported_off_gui_thread(qtbot, tab, tmp_path) -> None:
    target = tmp_path / "r.pdf"
    tab.choose_pdf_path = lambda review: target  # type: ignore[method-assign]

    tab.export_pdf()

    assert not tab.export_button.isEnabled()
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=30_000)
    assert target.exists()
    assert tab.export_label.text() == f"Exported to {target}"
    assert tab.open_button.isVisibleTo(tab)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "PIR-TEST-9" in text
    assert "Action plan" in text
    assert "Rotate deploy tokens" in text


def test_pdf_export_failure_reported(qtbot, tab, tmp_path, messages) -> None:
    target = tmp_path / "missing-folder" / "r.pdf"
    tab.choose_pdf_path = lambda review: target  # type: ignore[method-assign]

    tab.export_pdf()
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=30_000)

    assert len(messages) == 1
    assert not target.exists()
    assert not target.parent.exists()
    assert tab.export_label.text() == ""
    assert not tab.open_button.isVisibleTo(tab)


def test_approval_needs_override_reason(tab, context, messages) -> None:
    dialogs = approve(tab)

    tab.record_approval()

    assert len(messages) == 1
    assert "override reason" in messages[0]
    assert dialogs[0].record is None
    assert context.library.load(context.review_id).approvals == []


def test_approval_then_edit_supersedes(tab, context) -> None:
    approve(tab, override_reason="Sign-off meeting agreed to follow up steps 12-14")

    tab.record_approval()

    assert "Approval: approved" in tab.state_label.text()
    assert tab.history.rowCount() == 1
    assert tab.history.index(0, 1).data() == "Sam Chen"
    assert "(current)" in tab.history.index(0, 4).data()
    assert context.undo_stack.count() == 0
    action = context.review.actions[0]
    changed = action.with_changes(owner="Lee Ops")
    context.update_record(action, changed, "Edit action item")

    assert "Approval: superseded" in tab.state_label.text()
    assert "#c25400" in tab.state_label.text()
    assert "(changed since)" in tab.history.index(0, 4).data()


def test_changes_requested_needs_no_override(tab, context) -> None:
    approve(tab, decision="changes_requested")

    tab.record_approval()

    assert "Approval: changes requested" in tab.state_label.text()
    stored = context.library.load(context.review_id).approvals
    assert [a.decision for a in stored] == [ApprovalDecision.CHANGES_REQUESTED]


def test_approval_without_approver_rejected(tab, context, messages) -> None:
    approve(tab, approver="  ", override_reason="Agreed")

    tab.record_approval()

    assert len(messages) == 1
    assert messages[0].startswith("approver:")
    assert context.library.load(context.review_id).approvals == []


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every content hash that the Sign-off tab computes."""
    computed: list[str] = []

    def recording(review: Review) -> str:
        computed.append(content_hash(review))
        return computed[-1]

    monkeypatch.setattr(readiness_module, "content_hash", recording)
    monkeypatch.setattr(signoff_views, "content_hash", recording)
    return computed


def approve_and_show_other_tab(qtbot, context: ReviewContext) -> QTabWidget:
    """Show Sign-off behind an Overview tab, with an approval of the content."""
    pages = QTabWidget()
    qtbot.addWidget(pages)
    pages.addTab(QWidget(), "Overview")
    signoff = SignOffTab(context)
    pages.addTab(signoff, SignOffTab.TITLE)
    approve(signoff, override_reason="Agreed at the sign-off meeting")
    pages.setCurrentWidget(signoff)
    pages.show()
    qtbot.waitExposed(pages)
    signoff.record_approval()
    pages.setCurrentIndex(0)
    return pages


def test_hidden_signoff_skips_hash(qtbot, context, hashes) -> None:
    pages = approve_and_show_other_tab(qtbot, context)
    signoff = pages.widget(1)
    shown_before = signoff.history.index(0, 4).data()
    hashes.clear()

    action = context.review.actions[0]
    context.update_record(action, action.with_changes(owner="Lee Ops"), "Edit")

    assert hashes == []
    assert signoff.outdated
    assert signoff.history.index(0, 4).data() == shown_before


def test_showing_signoff_hashes_current(qtbot, context, hashes) -> None:
    pages = approve_and_show_other_tab(qtbot, context)
    signoff = pages.widget(1)
    action = context.review.actions[0]
    context.update_record(action, action.with_changes(owner="Lee Ops"), "Edit")
    hashes.clear()

    pages.setCurrentWidget(signoff)

    current = content_hash(context.library.load(context.review_id))
    assert hashes
    assert set(hashes) == {current}
    assert not signoff.outdated
    assert signoff.history.current_hash == current
    assert "Approval: superseded" in signoff.state_label.text()
    assert "(changed since)" in signoff.history.index(0, 4).data()


def test_shown_signoff_hashes_each_edit(qtbot, context, hashes) -> None:
    pages = approve_and_show_other_tab(qtbot, context)
    signoff = pages.widget(1)
    pages.setCurrentWidget(signoff)
    hashes.clear()

    action = context.review.actions[0]
    context.update_record(action, action.with_changes(owner="Lee Ops"), "Edit")

    assert set(hashes) == {content_hash(context.review)}
    assert "Approval: superseded" in signoff.state_label.text()


def test_shown_signoff_hashes_review_once(qtbot, context, monkeypatch) -> None:
    pages = approve_and_show_other_tab(qtbot, context)
    signoff = pages.widget(1)
    pages.setCurrentWidget(signoff)
    serialised: list[Review] = []
    real_json = canonical.canonical_json

    def counting(review: Review) -> str:
        serialised.append(review)
        return real_json(review)

    monkeypatch.setattr(canonical, "canonical_json", counting)

    action = context.review.actions[0]
    context.update_record(action, action.with_changes(owner="Lee Ops"), "Edit")

    assert serialised == [context.review]
    assert "Approval: superseded" in signoff.state_label.text()
