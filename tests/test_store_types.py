"""The SQLite text of a stored datetime equals what SQLAlchemy's processors write."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from pir_desktop.store.types import UTCDateTime, sqlite_datetime_text

DIALECT = sqlite.dialect()
MOMENTS = [
    datetime(2024, 5, 2, 9, 15, 30, 123456, tzinfo=UTC),
    datetime(2024, 5, 2, 9, 15, tzinfo=UTC),
    datetime(2024, 3, 31, 1, 30, tzinfo=timezone(timedelta(hours=1))),
    datetime(2019, 4, 11, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-7))),
    datetime(999, 1, 1, tzinfo=UTC),
]


def processed(value: datetime) -> str:
    column_type = UTCDateTime()
    bound = column_type.process_bind_param(value, DIALECT)
    process = column_type.impl.dialect_impl(DIALECT).bind_processor(DIALECT)
    return process(bound)


@pytest.mark.parametrize("moment", MOMENTS, ids=str)
def test_text_matches_processors(moment: datetime) -> None:
    assert sqlite_datetime_text(moment) == processed(moment)


def test_naive_datetime_rejected() -> None:
    with pytest.raises(ValueError, match="naive datetime 2024-05-02T09:15:00"):
        sqlite_datetime_text(datetime(2024, 5, 2, 9, 15))
