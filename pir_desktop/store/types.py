"""Column types that keep the domain's guarantees in any SQL database."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A zone-aware datetime stored as UTC.

    SQLite has no zone type, so the value is stored as naive UTC there and
    made aware again on load; PostgreSQL stores it as timestamptz.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def sqlite_datetime_text(value: datetime) -> str:
    """Return the text that UTCDateTime stores for a value on SQLite.

    It equals SQLAlchemy's SQLite DATETIME format, naive UTC with six digits
    of microseconds, and takes one C call where the type's processors take
    several Python calls. Bulk writes of many rows use it.
    """
    if value.tzinfo is not UTC:
        if value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
        value = value.astimezone(UTC)
    # The first 26 characters leave out the "+00:00" offset. The year always
    # has four digits, so the length is fixed.
    return value.isoformat(" ", "microseconds")[:26]


def enum_type(enum: type[StrEnum]) -> Enum:
    """Return a portable column type that stores an enum by its value."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )
