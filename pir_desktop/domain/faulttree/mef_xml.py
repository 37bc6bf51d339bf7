"""XML parsing for MEF import: entity-safe, with the line of every element."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from uuid import UUID

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser


class MefError(ValueError):
    """An MEF document that cannot be read; the message names the line or element."""


class _LineRecorder(ET.TreeBuilder):
    """A tree builder that stores the line on which each element starts."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[ET.Element, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        # defusedxml's parser is ElementTree's pure-Python one, whose `parser`
        # attribute is the expat parser that is calling this method.
        if self.parser is not None:
            self.lines[element] = self.parser.parser.CurrentLineNumber
        return element


@dataclass(frozen=True)
class MefDocument:
    """A parsed MEF file: its root element and each element's line number."""

    root: ET.Element
    lines: dict[ET.Element, int]

    def where(self, element: ET.Element) -> str:
        """Return "line N: <tag>" for use at the start of an error message."""
        return f"line {self.lines.get(element, '?')}: <{element.tag}>"

    def required(self, element: ET.Element, attribute: str) -> str:
        value = element.get(attribute)
        if value is None:
            raise MefError(
                f"{self.where(element)} is missing the {attribute} attribute"
            )
        return value

    def boolean(self, element: ET.Element, text: str, field: str) -> bool:
        if text not in ("true", "false"):
            raise MefError(
                f"{self.where(element)}: {field} is {text!r}, expected true or false"
            )
        return text == "true"

    def uuid(self, element: ET.Element, text: str) -> UUID:
        try:
            return UUID(text)
        except ValueError:
            raise MefError(
                f"{self.where(element)}: factor-id {text!r} is not a UUID"
            ) from None


def parse_xml(data: str | bytes) -> MefDocument:
    """Parse XML text, rejecting entity declarations and external references."""
    recorder = _LineRecorder()
    parser = DefusedXMLParser(target=recorder)
    recorder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        # The message ends with the position, as in "mismatched tag: line 3,
        # column 2" (columns count from 0).
        raise MefError(f"invalid XML: {exc}") from None
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber
        raise MefError(
            f"line {line}: entity declarations and external references are "
            f"rejected for safety ({type(exc).__name__})"
        ) from None
    return MefDocument(root=root, lines=recorder.lines)
