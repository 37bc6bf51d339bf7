"""Showing zone-aware datetimes in Qt date-time editors and zone combos.

A QDateTimeEdit here shows the wall-clock time in a named zone. The editor
itself is set to UTC so that Qt applies no zone rules of its own. Python's
zoneinfo converts to and from the named zone.
"""

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QComboBox, QDateTimeEdit

from ..domain.times import parse_zone, to_utc

COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
)
DATETIME_FORMAT = "yyyy-MM-dd HH:mm:ss"


def prepare_editor(editor: QDateTimeEdit) -> None:
    """Set the display format and switch off Qt's own zone handling."""
    editor.setTimeZone(QTimeZone.utc())
    editor.setDisplayFormat(DATETIME_FORMAT)
    editor.setCalendarPopup(True)


def show_moment(editor: QDateTimeEdit, moment: datetime, zone: str) -> None:
    """Show an aware moment as wall-clock time in the zone."""
    local = moment.astimezone(parse_zone(zone))
    value = QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
        QTimeZone.utc(),
    )
    editor.setDateTime(value)


def read_moment(editor: QDateTimeEdit, zone: str) -> datetime:
    """Return the editor's wall-clock time in the zone as an aware UTC datetime.

    A wall-clock time that occurs twice when the clocks go back is read as
    the first occurrence (fold=0); one skipped when they go forward is read
    with the offset before the change, as zoneinfo does.
    """
    value = editor.dateTime()
    local = datetime.combine(value.date().toPython(), value.time().toPython())
    return to_utc(local.replace(tzinfo=parse_zone(zone)))


def fill_zone_combo(
    combo: QComboBox, current: str, extra: tuple[str, ...] = ()
) -> None:
    """List the common zones and any extra ones in an editable combo; select one."""
    combo.blockSignals(True)
    combo.clear()
    for zone in dict.fromkeys((*COMMON_ZONES, *extra, current)):
        if zone:
            combo.addItem(zone)
    combo.setCurrentText(current)
    combo.blockSignals(False)
