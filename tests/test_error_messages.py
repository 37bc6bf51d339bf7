"""Messages that the error facade builds from validation errors."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from pydantic import ValidationError  # noqa: E402

from pir_desktop.domain.entities import WhyNode  # noqa: E402
from pir_desktop.domain.fishbone_record import FishboneRecord  # noqa: E402
from pir_desktop.ui.errors import describe  # noqa: E402


def validation_error(build) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        build()
    return caught.value


def test_validator_message_shown_as_raised() -> None:
    error = validation_error(
        lambda: FishboneRecord(title="Fishbone", categories=["People", "people"])
    )
    assert describe(error) == (
        "category 'people' is listed twice (as 'People' too): rename or remove "
        "one of them"
    )


def test_generic_message_names_field() -> None:
    error = validation_error(lambda: WhyNode(text=""))
    assert describe(error) == (
        "Invalid value. text: String should have at least 1 character"
    )


def test_mixed_messages_joined() -> None:
    error = validation_error(lambda: FishboneRecord(title="", categories=[]))
    assert describe(error) == (
        "Invalid value. title: String should have at least 1 character; "
        "a fishbone needs at least one category: add one"
    )
