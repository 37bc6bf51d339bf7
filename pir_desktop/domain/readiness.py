"""Readiness for sign-off: which procedure steps have evidence in a review.

Evidence is derived from the review's data (a scheduled meeting, a compiled
timeline, an analysis, ...) or recorded by hand as a step record marked done
or not applicable. The compliance table follows from the steps each standard
reference maps to.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .blameless import open_findings
from .canonical import content_hash
from .entities import Approval
from .enums import ActionStatus, ApprovalDecision, ObservationKind, StepStatus
from .procedure import Procedure, StandardReference, Step
from .review import Review
from .rules import review_due, review_required

Finding = tuple[bool, str]


def _meeting_scheduled(review: Review, procedure: Procedure) -> Finding:
    if review.meeting_at is None:
        return False, "no meeting time recorded"
    due = review_due(review.facts, procedure)
    if due is not None and review.meeting_at > due:
        return False, "the meeting is scheduled after the deadline"
    return True, "meeting scheduled"


def _timeline_compiled(review: Review, _: Procedure) -> Finding:
    if not review.events:
        return False, "the timeline is empty"
    return True, f"{len(review.events)} timeline events"


def _technical_analysis(review: Review, _: Procedure) -> Finding:
    if not review.factors:
        return False, "no contributing factors recorded"
    return True, f"{len(review.factors)} contributing factors"


def _meeting_held(review: Review, procedure: Procedure) -> Finding:
    present = {p.role for p in review.participants if p.attended}
    if not present:
        return False, "no attendance recorded"
    absent = [
        r.name for r in procedure.roles if r.required_at_meeting and r.id not in present
    ]
    if absent:
        return False, "absent: " + ", ".join(absent)
    return True, f"{len(present)} roles present"


def _timeline_discussed(review: Review, _: Procedure) -> Finding:
    kinds = {o.kind for o in review.observations}
    missing = {ObservationKind.WENT_WELL, ObservationKind.TO_IMPROVE} - kinds
    if missing:
        return False, "no observations of kind " + ", ".join(sorted(missing))
    decisions = sum(1 for e in review.events if e.decision_point)
    return True, f"{len(review.observations)} observations, {decisions} decision points"


def _root_cause_analysis(review: Review, _: Procedure) -> Finding:
    roots = [n for n in review.why_nodes if n.parent_id is None]
    if not roots:
        return False, "no why-tree"
    linked = [n for n in review.why_nodes if n.factor_id is not None]
    if not linked:
        return False, "no why-tree answer is linked to a contributing factor"
    return True, f"why-tree of {len(review.why_nodes)} nodes"


def _lessons_learned(review: Review, _: Procedure) -> Finding:
    if not review.lessons:
        return False, "no lessons learned"
    return True, f"{len(review.lessons)} lessons"


def _actions_defined(review: Review, _: Procedure) -> Finding:
    if not review.actions:
        return False, "no action items"
    incomplete = [
        a.title for a in review.actions if a.due_date is None or not a.success_criteria
    ]
    if incomplete:
        return False, f"{len(incomplete)} actions lack a due date or success criteria"
    return True, f"{len(review.actions)} actions"


def _controls_assessed(review: Review, _: Procedure) -> Finding:
    if not review.controls:
        return False, "no emergency control decision recorded"
    return True, f"{len(review.controls)} control decisions"


def _report_ready(review: Review, procedure: Procedure) -> Finding:
    earlier = [s for s in procedure.steps if s.number < 10 and not s.after_sign_off]
    missing = [s.number for s in earlier if not step_evidence(review, procedure, s)[0]]
    if missing:
        return False, "steps without evidence: " + ", ".join(map(str, missing))
    return True, "all preparation steps have evidence"


def _approved(review: Review, _: Procedure) -> Finding:
    state = approval_state(review)
    return state == "approved", state


def _actions_progressing(review: Review, _: Procedure) -> Finding:
    started = [a for a in review.actions if a.status is not ActionStatus.PROPOSED]
    return bool(started), f"{len(started)} of {len(review.actions)} actions under way"


def _actions_validated(review: Review, _: Procedure) -> Finding:
    open_ = [
        a
        for a in review.actions
        if a.status not in (ActionStatus.VERIFIED, ActionStatus.CANCELLED)
    ]
    return bool(review.actions) and not open_, f"{len(open_)} actions not yet verified"


def _manual(_: Review, __: Procedure) -> Finding:
    return False, "recorded by hand"


EVIDENCE_RULES: dict[str, Callable[[Review, Procedure], Finding]] = {
    "meeting_scheduled": _meeting_scheduled,
    "timeline_compiled": _timeline_compiled,
    "technical_analysis": _technical_analysis,
    "meeting_held": _meeting_held,
    "timeline_discussed": _timeline_discussed,
    "root_cause_analysis": _root_cause_analysis,
    "lessons_learned": _lessons_learned,
    "actions_defined": _actions_defined,
    "controls_assessed": _controls_assessed,
    "report_ready": _report_ready,
    "approved": _approved,
    "actions_progressing": _actions_progressing,
    "actions_validated": _actions_validated,
    "manual": _manual,
}


def step_evidence(review: Review, procedure: Procedure, step: Step) -> Finding:
    """Return whether a step has evidence and a short description of it."""
    record = next((r for r in review.steps if r.step == step.number), None)
    if record is not None and record.status in (
        StepStatus.DONE,
        StepStatus.NOT_APPLICABLE,
    ):
        return (
            True,
            f"{record.status.value.replace('_', ' ')} by {record.by or 'unknown'}",
        )
    rule = EVIDENCE_RULES.get(step.evidence)
    if rule is None:
        return False, f"unknown evidence rule {step.evidence!r}"
    return rule(review, procedure)


@dataclass(frozen=True)
class StepCheck:
    step: Step
    has_evidence: bool
    detail: str


@dataclass(frozen=True)
class Readiness:
    """The sign-off check: per-step evidence, blocking problems and warnings.

    Warnings, such as open blameless-wording hits, do not block sign-off.
    """

    checks: list[StepCheck]
    problems: list[str]
    warnings: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems


def readiness(review: Review, procedure: Procedure) -> Readiness:
    """Check which steps before sign-off lack evidence."""
    checks = [
        StepCheck(s, *step_evidence(review, procedure, s)) for s in procedure.steps
    ]
    problems = [
        f"Step {c.step.number} ({c.step.title}): {c.detail}"
        for c in checks
        if not c.step.after_sign_off and not c.has_evidence
    ]
    if not review_required(review.severity, review.p3_criteria):
        problems.insert(
            0, "P3 review without a criterion: record why this P3 needs a review"
        )
    return Readiness(checks, problems, _warnings(review))


def _warnings(review: Review) -> list[str]:
    hits = len(open_findings(review))
    if not hits:
        return []
    noun = "hit" if hits == 1 else "hits"
    return [
        f"{hits} open blameless-wording {noun}: reword the text or dismiss "
        "each hit that is a false alarm"
    ]


@dataclass(frozen=True)
class ComplianceRow:
    reference: StandardReference
    status: str  # "evidence present", "evidence missing" or "conditional"
    detail: str


def compliance(review: Review, procedure: Procedure) -> list[ComplianceRow]:
    """Map each standard reference to whether the review evidences its steps.

    A conditional reference is flagged, not claimed: the review states its
    condition instead of counting evidence for it.
    """
    rows = []
    for ref in procedure.standards:
        missing = [
            n
            for n in ref.steps
            if not step_evidence(review, procedure, procedure.step(n))[0]
        ]
        if ref.condition:
            rows.append(
                ComplianceRow(ref, "conditional", f"applies only if {ref.condition}")
            )
        elif missing:
            rows.append(
                ComplianceRow(
                    ref, "evidence missing", "steps " + ", ".join(map(str, missing))
                )
            )
        else:
            rows.append(
                ComplianceRow(
                    ref, "evidence present", "steps " + ", ".join(map(str, ref.steps))
                )
            )
    return rows


def approval_state(review: Review) -> str:
    """Return the review's approval state as a short phrase.

    The phrases are "approved", "superseded", "changes requested", "rejected"
    and "not approved". The latest decision counts. An approval whose hash no
    longer matches the content is superseded until the review is approved again.
    """
    if not review.approvals:
        return "not approved"
    latest = max(review.approvals, key=lambda a: a.decided_at)
    if latest.decision is not ApprovalDecision.APPROVED:
        return latest.decision.value.replace("_", " ")
    if latest.content_hash != content_hash(review):
        return "superseded"
    return "approved"


def approval_is_current(approval: Approval, review: Review) -> bool:
    """Return whether `approval` is the review's latest decision on its content.

    It is current when no later decision exists and its hash matches the
    review's content hash now.
    """
    if not review.approvals:
        return False
    latest = max(review.approvals, key=lambda a: a.decided_at)
    return latest.id == approval.id and approval.content_hash == content_hash(review)
