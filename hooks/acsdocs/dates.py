"""Dates as precise as the source gives them: '2022', '2022-08' or '2022-08-15'.

Comparing such strings as text is wrong ('2022-08' < '2022-08-15', yet a period from
2022-08-15 to 2022-08 is fine): compare them by the precision they share. Pure functions,
no I/O; the cross-file rules call them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_SHAPE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
MONTH_NAMES = list(calendar.month_name)


def parse(value: object) -> tuple[int, ...] | None:
    """(year,), (year, month) or (year, month, day); None if not a real calendar date."""
    if not isinstance(value, str):
        return None
    match = _SHAPE.fullmatch(value)
    if not match:
        return None
    parts = tuple(int(p) for p in match.groups() if p is not None)
    try:
        dt.date(parts[0], *(parts[1:] + (1, 1))[:2])
    except ValueError:
        return None
    return parts


def problem(value: str) -> str | None:
    """Why a string of the right shape is not a date (for messages), or None if it is one."""
    if parse(value) is not None:
        return None
    match = _SHAPE.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return "it is not written YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(p) if p else None for p in match.groups())
    if year == 0:
        return "there is no year 0"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if day == 0:
        return "there is no day 00"
    last = calendar.monthrange(year, month)[1]
    return f"{MONTH_NAMES[month]} {year} has {last} days"


def compare(a: str, b: str) -> int:
    """-1, 0 or 1: a before, overlapping, or after b, at the precision both give.

    compare('2022-08-15', '2022-08') == 0 (same month); compare('2021', '2022-05') == -1.
    Raises ValueError for a string that is not a date (validate first)."""
    pa, pb = parse(a), parse(b)
    if pa is None or pb is None:
        raise ValueError(f"not a date: {a if pa is None else b!r}")
    n = min(len(pa), len(pb))
    return (pa[:n] > pb[:n]) - (pa[:n] < pb[:n])


def before(a: str, b: str) -> bool:
    """True only if a is certainly before b: '2021' before '2022-05'; '2022-08-15' not before '2022-08'."""
    return compare(a, b) < 0


def today_anywhere() -> dt.date:
    """Today's date in the first time zone to reach it (UTC+14): a date is 'in the future'
    only when it is in the future everywhere, whatever the machine's or the reader's zone."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()


def in_future(value: str, today: dt.date | None = None) -> bool:
    """True if every day the date can mean is after ``today`` (default: ``today_anywhere()``).

    '2099' is in the future; the current year or month is not. For completed work, a date in
    the future is a warning that --strict turns into a failure."""
    return compare(value, (today or today_anywhere()).isoformat()) > 0
