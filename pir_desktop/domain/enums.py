"""Enumerations shared by the entities, the store and the views."""

from enum import StrEnum


class Severity(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"


class P3Criterion(StrEnum):
    """Reasons that make a P3 incident need a formal review."""

    NOVEL_ATTACK_VECTOR = "novel_attack_vector"
    SIGNIFICANT_USER_IMPACT = "significant_user_impact"
    REGULATORY_IMPLICATIONS = "regulatory_implications"


class TimePrecision(StrEnum):
    """The precision with which the source states an event's time."""

    EXACT = "exact"
    DERIVED = "derived"
    APPROXIMATE = "approximate"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"


class EventKind(StrEnum):
    CONTEXT = "context"
    INITIAL_ACCESS = "initial_access"
    PERSISTENCE = "persistence"
    LATERAL_MOVEMENT = "lateral_movement"
    ATTACKER_ACTIVITY = "attacker_activity"
    DETECTION = "detection"
    CONTAINMENT = "containment"
    ERADICATION = "eradication"
    RECOVERY = "recovery"
    COMMUNICATION = "communication"
    DECISION = "decision"
    REVIEW = "review"
    ALERT = "alert"
    ESCALATION = "escalation"
    ACTION = "action"
    OTHER = "other"


class Actor(StrEnum):
    """The party that acted in a timeline event."""

    DEFENDER = "defender"
    ATTACKER = "attacker"
    THIRD_PARTY = "third_party"
    SYSTEM = "system"
    UNKNOWN = "unknown"


class Provenance(StrEnum):
    """The origin of a timeline event: typed, imported or derived."""

    TYPED = "typed"
    IMPORTED = "imported"
    DERIVED = "derived"


class Milestone(StrEnum):
    """An incident milestone that a timeline event can mark, in incident order."""

    FIRST_MALICIOUS_ACTIVITY = "first_malicious_activity"
    DETECTION = "detection"
    ACKNOWLEDGEMENT = "acknowledgement"
    CONTAINMENT = "containment"
    ERADICATION = "eradication"
    RECOVERY = "recovery"
    CLOSURE = "closure"


class ObservationKind(StrEnum):
    WENT_WELL = "went_well"
    TO_IMPROVE = "to_improve"
    LUCKY = "lucky"


class FactorStatus(StrEnum):
    HYPOTHESIS = "hypothesis"
    SUPPORTED = "supported"
    CONFIRMED = "confirmed"
    REFUTED = "refuted"


class FactorRole(StrEnum):
    TRIGGER = "trigger"
    LATENT_CONDITION = "latent_condition"
    DETECTION_GAP = "detection_gap"
    RESPONSE_FACTOR = "response_factor"


class LessonKind(StrEnum):
    PROCESS = "process"
    TOOL = "tool"
    TRAINING = "training"


class ActionStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    VERIFIED = "verified_effective"
    NOT_EFFECTIVE = "not_effective"
    CANCELLED = "cancelled"


class ActionPriority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ActionType(StrEnum):
    """The effect of an action on its factor, strongest first."""

    ELIMINATE = "eliminate"
    PREVENT = "prevent"
    DETECT = "detect"
    MITIGATE = "mitigate"
    RECOVER = "recover"


class ControlDecision(StrEnum):
    KEEP = "keep"
    REVERT = "revert"
    FORMALISE = "formalise"
    UNDECIDED = "undecided"


class StepStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class ApprovalDecision(StrEnum):
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"


def label(value: StrEnum) -> str:
    """Return a value's display label: "in_progress" becomes "In progress"."""
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]
