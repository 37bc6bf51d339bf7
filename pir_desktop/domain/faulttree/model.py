"""Fault-tree nodes and the tree that contains them, as validated pydantic models.

A tree is a value: nodes and trees are frozen, and `FaultTree.nodes` is kept
sorted by id so that the order nodes were added in never changes a tree's
content. Change a tree by validating a new one from a modified dump.
"""

import math
import re
from enum import StrEnum
from typing import Annotated, Literal, Self
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..entities import Text
from .structure import check_structure

# Identifiers follow the Open-PSA MEF name rule, so every tree exports to MEF:
# letters, digits and '_', with single '-' between runs of them.
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*")
# Characters allowed in XML 1.0 text, less carriage return (which an XML
# parser turns into a line feed, so it would not survive an MEF round trip).
_LABEL_CHARACTERS = re.compile("[\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def _check_identifier(value: str) -> str:
    if not IDENTIFIER.fullmatch(value):
        raise ValueError(
            f"id {value!r} is invalid: use letters, digits, '_' and single '-' "
            "between them, starting with a letter or '_'"
        )
    return value


NodeId = Annotated[str, AfterValidator(_check_identifier)]


class NodeKind(StrEnum):
    AND = "and"
    OR = "or"
    VOTE = "vote"
    NOT = "not"
    XOR = "xor"
    INHIBIT = "inhibit"
    BASIC = "basic"
    UNDEVELOPED = "undeveloped"
    HOUSE = "house"


GATE_KINDS = frozenset(
    {
        NodeKind.AND,
        NodeKind.OR,
        NodeKind.VOTE,
        NodeKind.NOT,
        NodeKind.XOR,
        NodeKind.INHIBIT,
    }
)
# The number of inputs a gate kind requires, where it is fixed.
_FIXED_INPUTS = {NodeKind.NOT: 1, NodeKind.XOR: 2, NodeKind.INHIBIT: 1}


class _NodeBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: NodeId
    label: Text = ""
    factor_id: UUID | None = Field(
        default=None, description="The contributing factor this node stands for"
    )

    def _check_label(self) -> None:
        if not _LABEL_CHARACTERS.fullmatch(self.label):
            raise ValueError(
                f"node {self.id}: label contains a control character or a "
                "character that XML cannot store"
            )


class Gate(_NodeBase):
    """A logic gate over other nodes.

    VOTE is true when at least `k` inputs are true. XOR takes exactly two
    inputs and is true when exactly one of them is. INHIBIT is the AND of its
    single input and its `condition` event.
    """

    kind: Literal[
        NodeKind.AND,
        NodeKind.OR,
        NodeKind.VOTE,
        NodeKind.NOT,
        NodeKind.XOR,
        NodeKind.INHIBIT,
    ]
    inputs: list[NodeId]
    k: int | None = Field(default=None, description="Votes needed; VOTE gates only")
    condition: NodeId | None = Field(
        default=None, description="Id of the conditioning event; INHIBIT gates only"
    )

    @model_validator(mode="after")
    def _check_gate(self) -> Self:
        self._check_label()
        self._check_inputs()
        self._check_vote()
        if (self.kind is NodeKind.INHIBIT) != (self.condition is not None):
            raise ValueError(
                f"gate {self.id}: an inhibit gate needs a condition event, "
                "and only an inhibit gate takes one"
            )
        if self.condition in self.inputs:
            raise ValueError(
                f"gate {self.id}: {self.condition} is both input and condition"
            )
        return self

    def _check_inputs(self) -> None:
        if not self.inputs:
            raise ValueError(f"gate {self.id}: {self.kind} gate has no inputs")
        repeated = sorted({i for i in self.inputs if self.inputs.count(i) > 1})
        if repeated:
            raise ValueError(
                f"gate {self.id}: input {', '.join(repeated)} is listed twice"
            )
        required = _FIXED_INPUTS.get(self.kind)
        if required is not None and len(self.inputs) != required:
            raise ValueError(
                f"gate {self.id}: {self.kind} gate takes exactly {required} "
                f"input(s), not {len(self.inputs)}"
            )

    def _check_vote(self) -> None:
        if self.kind is not NodeKind.VOTE:
            if self.k is not None:
                raise ValueError(f"gate {self.id}: k applies only to vote gates")
            return
        if self.k is None:
            raise ValueError(f"gate {self.id}: vote gate is missing k")
        if not 1 <= self.k <= len(self.inputs):
            raise ValueError(
                f"gate {self.id}: k = {self.k} must be between 1 and the "
                f"number of inputs ({len(self.inputs)})"
            )

    def operands(self) -> list[str]:
        """Return the ids this gate reads: its inputs, then any condition."""
        if self.condition is None:
            return list(self.inputs)
        return [*self.inputs, self.condition]


class Event(_NodeBase):
    """A leaf of the tree.

    An undeveloped event is analysed like a basic event. A house event is a
    constant whose value is `state` and takes no probability.
    """

    kind: Literal[NodeKind.BASIC, NodeKind.UNDEVELOPED, NodeKind.HOUSE]
    probability: float | None = None
    state: bool = Field(default=False, description="Value of a house event")
    observed: bool = Field(
        default=False, description="Whether the event occurred in this incident"
    )

    @model_validator(mode="after")
    def _check_event(self) -> Self:
        self._check_label()
        if self.kind is NodeKind.HOUSE:
            self._check_house()
        elif self.state:
            raise ValueError(f"event {self.id}: only a house event has a state")
        value = self.probability
        if value is not None and not (math.isfinite(value) and 0 <= value <= 1):
            raise ValueError(f"event {self.id}: probability {value} is outside [0, 1]")
        return self

    def _check_house(self) -> None:
        if self.probability is not None:
            raise ValueError(
                f"event {self.id}: a house event takes a state, not a probability"
            )
        if self.observed:
            raise ValueError(
                f"event {self.id}: a house event is a constant and cannot be observed"
            )


Node = Annotated[Gate | Event, Field(discriminator="kind")]


def _sort_by_id(nodes: list[Gate | Event]) -> list[Gate | Event]:
    return sorted(nodes, key=lambda node: node.id)


class FaultTree(BaseModel):
    """A named fault tree: its top event and every node below it.

    Every node must be reachable from the top event. A tree is rejected when
    it contains a node that is not, so an editor must add a node together with
    the input link that connects it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: NodeId = "fault_tree"
    label: Text = ""
    top: NodeId
    nodes: Annotated[list[Node], AfterValidator(_sort_by_id)]

    @model_validator(mode="after")
    def _check_tree(self) -> Self:
        check_structure(self.top, [(node.id, _operands(node)) for node in self.nodes])
        events = self.node_map()
        for gate in self.gates():
            condition = gate.condition
            if condition is not None and not isinstance(events[condition], Event):
                raise ValueError(
                    f"gate {gate.id}: condition {condition} is a gate; "
                    "an inhibit condition must be an event"
                )
        return self

    def node_map(self) -> dict[str, Gate | Event]:
        """Return every node keyed by its id."""
        return {node.id: node for node in self.nodes}

    def gates(self) -> list[Gate]:
        return [node for node in self.nodes if isinstance(node, Gate)]

    def events(self) -> list[Event]:
        return [node for node in self.nodes if isinstance(node, Event)]


def _operands(node: Gate | Event) -> list[str]:
    return node.operands() if isinstance(node, Gate) else []
