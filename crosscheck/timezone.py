"""Time: the database keeps naive UTC (utcnow); the school's time zone is where due dates end at midnight and
times are shown.

Set with CROSSCHECK_TIME_ZONE (an IANA name such as "Europe/London" or "Asia/Seoul"; default UTC). The
zone data comes from the system or the pinned `tzdata` package, never from the network.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app

# A due date is a day; the work is due at the end of it, in the school's zone.
DUE_TIME = time(23, 59, 59)
# The days a due date may fall on. A typo such as 9999 or 0001 is refused: at the ends of Python's calendar
# the pages' date arithmetic overflowed (a 500 on every page of the class), and no school means them.
FIRST_DUE_DAY = date(2000, 1, 1)
LAST_DUE_DAY = date(2099, 12, 31)


def utcnow() -> datetime:
    """Timezone-naive UTC now, the one form stored in every timestamp column."""
    return datetime.now(UTC).replace(tzinfo=None)


def zone_named(name: str) -> tzinfo:
    """The zone for an IANA name; a clear error for a name that is not one."""
    if name.strip().upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones, such as "America"
        raise ValueError(
            f"CROSSCHECK_TIME_ZONE={name!r} is not a time zone; use an IANA name such as 'Europe/London'"
        ) from None


def school_zone() -> tzinfo:
    """The running app's zone (checked when the app was built)."""
    return current_app.extensions["crosscheck.time_zone"]


def school_today() -> date:
    """Today's date in the school's zone: the first day work may be set to fall due."""
    return local(utcnow(), school_zone()).date()


def end_of_day(day: date, zone: tzinfo) -> datetime:
    """The moment a piece of work set for `day` falls due, as the naive UTC the database stores."""
    if not FIRST_DUE_DAY <= day <= LAST_DUE_DAY:
        raise ValueError(f"a due date must fall between {FIRST_DUE_DAY} and {LAST_DUE_DAY}, not on {day}")
    # fold=1: where clocks go back at midnight, 23:59:59 happens twice and the day ends at the second one.
    return datetime.combine(day, DUE_TIME, tzinfo=zone).replace(fold=1).astimezone(UTC).replace(tzinfo=None)


def local(moment: datetime, zone: tzinfo) -> datetime:
    """A stored (naive UTC) moment in the school's zone."""
    return moment.replace(tzinfo=UTC).astimezone(zone)


def zone_label(zone: tzinfo) -> str:
    """How the zone is named to people: 'UTC' or its IANA name."""
    return "UTC" if zone is UTC else str(zone)
