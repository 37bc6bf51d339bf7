"""Open-PSA MEF import and export of fault trees."""

from pathlib import Path
from uuid import UUID

import pytest

from pir_desktop.domain.faulttree import (
    Event,
    FaultTree,
    Gate,
    MefError,
    NodeKind,
    analyse,
    format_cut_set,
    format_mef,
    parse_mef,
)

FIXTURES = Path(__file__).parent / "fixtures"
BREACH = FIXTURES / "faulttree_breach.xml"
NONCOHERENT = FIXTURES / "faulttree_noncoherent.xml"
FACTOR = UUID("6f1c2a8e-3b7d-4e52-9a61-0c4d8e2f7b13")


def mef(fault_tree: str, model_data: str = "") -> str:
    """Wrap gate definitions and event definitions in an MEF document."""
    return (
        "<opsa-mef>\n"
        f'<define-fault-tree name="ft">\n{fault_tree}\n</define-fault-tree>\n'
        f"<model-data>\n{model_data}\n</model-data>\n"
        "</opsa-mef>\n"
    )


def read_error(text: str) -> str:
    with pytest.raises(MefError) as caught:
        parse_mef(text)
    return str(caught.value)


def test_breach_fixture_reads() -> None:
    tree = parse_mef(BREACH.read_bytes())
    nodes = tree.node_map()

    assert tree.name == "records_exfiltrated"
    assert tree.label == "Customer records exfiltrated"
    assert tree.top == "TOP"
    assert nodes["EXFIL"] == Gate(
        id="EXFIL",
        kind=NodeKind.VOTE,
        k=2,
        inputs=["dlp_off", "egress_open", "alert_missed"],
        label="Two of three egress controls failed",
    )
    assert nodes["alert_missed"].kind is NodeKind.UNDEVELOPED
    assert nodes["phish"].observed
    assert nodes["mfa_enforced"] == Event(
        id="mfa_enforced",
        kind=NodeKind.HOUSE,
        state=False,
        label="MFA enforced for administrators",
    )
    assert "unused_elsewhere" not in nodes


def test_nested_formulas_become_gates() -> None:
    nodes = parse_mef(BREACH.read_bytes()).node_map()

    assert nodes["ACCESS"].inputs == ["ACCESS-1", "ACCESS-2"]
    assert nodes["ACCESS-1"].inputs == ["phish", "ACCESS-1-1"]
    assert nodes["ACCESS-1-1"].kind is NodeKind.NOT
    assert nodes["ACCESS-2"].inputs == ["vpn_unpatched", "exploit_public"]


def test_breach_fixture_analysis() -> None:
    result = analyse(parse_mef(BREACH.read_bytes()))

    assert result.coherent
    assert len(result.cut_sets) == 6
    assert format_cut_set(result.cut_sets[0]) == ["alert_missed", "dlp_off", "phish"]
    # P(access) = 1 - 0.8 * 0.95 and P(2 of 0.3, 0.4, 0.5) = 0.35.
    assert result.probability.exact == pytest.approx(0.24 * 0.35)
    assert result.probability.rare_event == pytest.approx(0.25 * 0.47)


def test_noncoherent_fixture_analysis() -> None:
    result = analyse(parse_mef(NONCOHERENT.read_text(encoding="utf-8")))

    assert not result.coherent
    assert [format_cut_set(c) for c in result.cut_sets] == [
        ["NOT a", "c"],
        ["a", "b"],
        ["b", "c"],
    ]


@pytest.mark.parametrize("fixture", [BREACH, NONCOHERENT])
def test_fixture_export_is_equivalent(fixture: Path) -> None:
    tree = parse_mef(fixture.read_bytes())
    again = parse_mef(format_mef(tree))

    assert again == tree
    assert analyse(again) == analyse(tree)


def test_hand_written_tree_round_trips() -> None:
    tree = FaultTree(
        name="breach",
        label="Data & keys <exposed>",
        top="T",
        nodes=[
            Gate(id="T", kind="or", inputs=["V", "I", "X"], label='Top "event"'),
            Gate(id="V", kind="vote", k=2, inputs=["a", "b", "u"]),
            Gate(id="I", kind="inhibit", inputs=["b"], condition="h", factor_id=FACTOR),
            Gate(id="X", kind="xor", inputs=["a", "N"]),
            Gate(id="N", kind="not", inputs=["u"]),
            Event(id="a", kind="basic", probability=1e-5, label="Ключ утёк"),
            Event(id="b", kind="basic", observed=True, factor_id=FACTOR),
            Event(id="u", kind="undeveloped", probability=0.25),
            Event(id="h", kind="house", state=True),
        ],
    )
    text = format_mef(tree)

    assert parse_mef(text) == tree
    assert parse_mef(text.encode("utf-8")) == tree
    assert '<attribute name="inhibit-condition" value="h" />' in text
    assert '<attribute name="undeveloped" value="true" />' in text


def test_single_event_tree_round_trips() -> None:
    tree = FaultTree(top="a", nodes=[Event(id="a", kind="basic", probability=0.5)])

    assert parse_mef(format_mef(tree)) == tree


def test_reference_only_gate_is_or_of_one() -> None:
    tree = parse_mef(mef('<define-gate name="T"><basic-event name="a"/></define-gate>'))

    assert tree.node_map()["T"] == Gate(id="T", kind="or", inputs=["a"])


def test_tree_chosen_by_name() -> None:
    text = (
        "<opsa-mef>"
        '<define-fault-tree name="one"><define-gate name="A"><or>'
        '<basic-event name="x"/></or></define-gate></define-fault-tree>'
        '<define-fault-tree name="two"><define-gate name="B"><and>'
        '<basic-event name="y"/></and></define-gate></define-fault-tree>'
        '<define-event-tree name="skipped"/>'
        "</opsa-mef>"
    )

    assert parse_mef(text, tree_name="two").top == "B"
    assert "defines 2 fault trees (one, two)" in read_error(text)
    with pytest.raises(MefError, match="fault tree 'three' not found"):
        parse_mef(text, tree_name="three")


MALFORMED = [
    (
        mef('<define-gate name="T">\n<and>\n<basic-event name="a"/>\n</define-gate>'),
        "mismatched tag: line 6",
    ),
    (
        mef(
            '<define-gate name="T">\n<atleast>\n<basic-event name="a"/>\n</atleast>'
            "\n</define-gate>"
        ),
        "line 4: <atleast> is missing the min attribute",
    ),
    (
        mef(
            '<define-gate name="T">\n<nand><basic-event name="a"/></nand>\n'
            "</define-gate>"
        ),
        "line 4: <nand> in gate T is not supported",
    ),
    (
        mef(
            '<define-gate name="T"><or><basic-event name="a"/></or></define-gate>',
            '<define-basic-event name="a">\n<float value="often"/>\n'
            "</define-basic-event>",
        ),
        "line 7: <float>: value 'often' is not a number",
    ),
    (
        mef(
            '<define-gate name="T"><or><basic-event name="a"/></or></define-gate>',
            '<define-basic-event name="a"><float value="1.5"/></define-basic-event>',
        ),
        "line 6: <define-basic-event>: event a: probability 1.5 is outside [0, 1]",
    ),
    (
        mef('<define-gate name="T">\n<or><gate name="G"/></or>\n</define-gate>'),
        "line 4: <gate>: gate G is not defined",
    ),
    (
        mef(
            '<define-gate name="T"><or><gate name="G"/></or></define-gate>\n'
            '<define-gate name="G"><and><gate name="T"/></and></define-gate>'
        ),
        "cycle: G -> T -> G",
    ),
    (
        mef(
            '<define-gate name="A"><or><basic-event name="a"/></or></define-gate>\n'
            '<define-gate name="B"><or><basic-event name="a"/></or></define-gate>'
        ),
        "2 gates are used by no other gate (A, B)",
    ),
    (
        mef(
            '<define-gate name="T">\n<xor><basic-event name="a"/>'
            '<basic-event name="b"/><basic-event name="c"/></xor>\n</define-gate>'
        ),
        "line 3: <define-gate>: gate T: xor gate takes exactly 2 input(s), not 3",
    ),
    (
        mef(
            '<define-gate name="T"><or>\n<basic-event name="h"/></or></define-gate>',
            '<define-house-event name="h"/>',
        ),
        "line 4: <basic-event>: h is defined as a house-event",
    ),
    ("<fault-tree/>", "line 1: <fault-tree> is not an MEF document"),
    ("", "invalid XML: no element found: line 1"),
]


@pytest.mark.parametrize(("text", "expected"), MALFORMED)
def test_malformed_mef_names_line(text: str, expected: str) -> None:
    assert expected in read_error(text)


def test_entity_expansion_rejected() -> None:
    text = (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE opsa-mef [\n<!ENTITY lol "lol">\n'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        "<opsa-mef>&lol2;</opsa-mef>\n"
    )

    message = read_error(text)

    assert "line 3: entity declarations and external references are rejected" in (
        message
    )
