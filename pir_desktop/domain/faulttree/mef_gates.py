"""Reading of MEF gate definitions and of the label and attributes of any element."""

import xml.etree.ElementTree as ET
from typing import Any

from pydantic import ValidationError

from .mef_xml import MefDocument, MefError
from .model import Gate, NodeKind

FORMULAS = {
    "and": NodeKind.AND,
    "or": NodeKind.OR,
    "atleast": NodeKind.VOTE,
    "not": NodeKind.NOT,
    "xor": NodeKind.XOR,
}
REFERENCES = ("gate", "basic-event", "house-event", "event")
_META = ("label", "attributes")


def read_meta(document: MefDocument, element: ET.Element) -> tuple[str, dict[str, str]]:
    """Return the element's <label> text and its <attributes> as a dict."""
    label = element.find("label")
    attributes: dict[str, str] = {}
    for attribute in element.findall("attributes/attribute"):
        name = document.required(attribute, "name")
        attributes[name] = document.required(attribute, "value")
    text = "" if label is None or label.text is None else label.text
    return text, attributes


class GateReader:
    """Builds gates from <define-gate> elements and records every reference.

    A formula nested in another becomes a gate of its own, listed in `nested`
    and named after the enclosing gate with "-1", "-2", …, so the <not> inside
    the first nested formula of gate G is G-1-1. A suffix that would repeat a
    name used in the document is skipped.
    """

    def __init__(self, document: MefDocument, used_names: set[str]) -> None:
        self.document = document
        self.used_names = set(used_names)
        self.references: dict[str, list[ET.Element]] = {}
        self.nested: list[Gate] = []

    def read(self, name: str, element: ET.Element) -> Gate:
        label, attributes = read_meta(self.document, element)
        fields = self._formula_fields(name, self._formula_of(element))
        condition = attributes.get("inhibit-condition")
        if condition is not None:
            fields = self._inhibit(element, fields, condition)
        factor = attributes.get("factor-id")
        if factor is not None:
            fields["factor_id"] = self.document.uuid(element, factor)
        return self._gate(element, {"id": name, "label": label, **fields})

    def _formula_of(self, element: ET.Element) -> ET.Element:
        formulas = [child for child in element if child.tag not in _META]
        if len(formulas) != 1:
            raise MefError(
                f"{self.document.where(element)} {element.get('name')} must "
                f"contain exactly one formula, not {len(formulas)}"
            )
        return formulas[0]

    def _formula_fields(self, name: str, formula: ET.Element) -> dict[str, Any]:
        # A gate defined as a single reference passes it through: an OR of one.
        if formula.tag in REFERENCES:
            return {"kind": NodeKind.OR, "inputs": [self._reference(formula)]}
        kind = FORMULAS.get(formula.tag)
        if kind is None:
            raise MefError(
                f"{self.document.where(formula)} in gate {name} is not supported: "
                f"use one of {', '.join(f'<{tag}>' for tag in FORMULAS)}"
            )
        inputs = [self._operand(name, child) for child in formula]
        fields: dict[str, Any] = {"kind": kind, "inputs": inputs}
        if kind is NodeKind.VOTE:
            fields["k"] = self._minimum(formula)
        return fields

    def _minimum(self, formula: ET.Element) -> int:
        text = self.document.required(formula, "min")
        try:
            return int(text)
        except ValueError:
            raise MefError(
                f"{self.document.where(formula)}: min {text!r} is not an integer"
            ) from None

    def _operand(self, parent: str, child: ET.Element) -> str:
        if child.tag in REFERENCES:
            return self._reference(child)
        nested_id = self._new_id(parent)
        fields = self._formula_fields(nested_id, child)
        self.nested.append(self._gate(child, {"id": nested_id, **fields}))
        return nested_id

    def _reference(self, element: ET.Element) -> str:
        name = self.document.required(element, "name")
        self.references.setdefault(name, []).append(element)
        return name

    def _new_id(self, parent: str) -> str:
        number = 1
        while f"{parent}-{number}" in self.used_names:
            number += 1
        new_id = f"{parent}-{number}"
        self.used_names.add(new_id)
        return new_id

    def _inhibit(
        self, element: ET.Element, fields: dict[str, Any], condition: str
    ) -> dict[str, Any]:
        """Turn an <and> of an input and the named condition into an INHIBIT gate."""
        inputs: list[str] = fields["inputs"]
        if fields["kind"] is not NodeKind.AND or len(inputs) != 2:
            raise MefError(
                f"{self.document.where(element)} {element.get('name')}: an "
                "inhibit gate must be an <and> of its input and its condition"
            )
        if condition not in inputs:
            raise MefError(
                f"{self.document.where(element)} {element.get('name')}: "
                f"inhibit-condition {condition} is not one of its inputs"
            )
        others = [operand for operand in inputs if operand != condition]
        return {"kind": NodeKind.INHIBIT, "inputs": others, "condition": condition}

    def _gate(self, element: ET.Element, fields: dict[str, Any]) -> Gate:
        try:
            return Gate.model_validate(fields)
        except ValidationError as exc:
            messages = [e["msg"].removeprefix("Value error, ") for e in exc.errors()]
            raise MefError(
                f"{self.document.where(element)}: {'; '.join(messages)}"
            ) from None
