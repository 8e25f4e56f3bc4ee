"""Dates as precise as the source gives them: '2022', '2022-Q3', '2022-08' or '2022-08-15'.

A date stands for a span of days: a year, a quarter (three months), a month or a day.
Comparing such strings as text is wrong ('2022-08' < '2022-08-15', yet a period from
2022-08-15 to 2022-08 is fine; '2019-Q1' sorts after '2019-12'): compare their spans.
Pure functions, no I/O; the cross-file rules, the pages, feeds and calendars call them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_SHAPE = re.compile(r"([0-9]{4})(?:-(?:Q([0-9])|([0-9]{2})(?:-([0-9]{2}))?))?")
MONTH_NAMES = list(calendar.month_name)
PRECISIONS = ("year", "quarter", "month", "day")


def parse(value: object) -> tuple | None:
    """(year,), (year, 'Q', quarter), (year, month) or (year, month, day); None if not a
    real calendar date."""
    if not isinstance(value, str):
        return None
    match = _SHAPE.fullmatch(value)
    if not match:
        return None
    year, quarter, month, day = (int(p) if p else None for p in match.groups())
    if quarter is not None:
        return (year, "Q", quarter) if year and 1 <= quarter <= 4 else None
    parts = tuple(p for p in (year, month, day) if p is not None)
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
        return "it is not written YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD"
    year, quarter, month, day = (int(p) if p else None for p in match.groups())
    if year == 0:
        return "there is no year 0"
    if quarter is not None:
        return f"there is no quarter {quarter} (quarters are Q1 to Q4)"
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if day == 0:
        return "there is no day 00"
    last = calendar.monthrange(year, month)[1]
    return f"{MONTH_NAMES[month]} {year} has {last} days"


def _checked(value: str) -> tuple:
    parts = parse(value)
    if parts is None:
        raise ValueError(f"not a date: {value!r}")
    return parts


def precision(value: str) -> str:
    """'year', 'quarter', 'month' or 'day'. Raises ValueError for a string that is not a date."""
    parts = _checked(value)
    return "quarter" if "Q" in parts else PRECISIONS[(0, 2, 3)[len(parts) - 1]]


def span(value: str) -> tuple[dt.date, dt.date]:
    """The first and the last day the date can mean: '2019-Q2' -> (2019-04-01, 2019-06-30)."""
    parts = _checked(value)
    if "Q" in parts:
        first_month, last_month = 3 * parts[2] - 2, 3 * parts[2]
        return dt.date(parts[0], first_month, 1), dt.date(parts[0], last_month, calendar.monthrange(parts[0], last_month)[1])
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def compare(a: str, b: str) -> int:
    """-1, 0 or 1: a wholly before, overlapping, or wholly after b.

    compare('2022-08-15', '2022-08') == 0 (same month); compare('2021', '2022-05') == -1;
    compare('2019-Q1', '2019-04') == -1. Raises ValueError for a string that is not a date."""
    (a_first, a_last), (b_first, b_last) = span(a), span(b)
    if a_last < b_first:
        return -1
    if a_first > b_last:
        return 1
    return 0


def before(a: str, b: str) -> bool:
    """True only if a is certainly before b: '2021' before '2022-05'; '2022-08-15' not before '2022-08'."""
    return compare(a, b) < 0


def sort_key(value: str) -> tuple:
    """Order of dates on a page: by first day, the wider span first ('2019', '2019-Q1', '2019-01')."""
    first, last = span(value)
    return first, -last.toordinal()


def today_anywhere() -> dt.date:
    """Today's date in the first time zone to reach it (UTC+14): a date is 'in the future'
    only when it is in the future everywhere, whatever the machine's or the reader's zone."""
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()


def in_future(value: str, today: dt.date | None = None) -> bool:
    """True if every day the date can mean is after ``today`` (default: ``today_anywhere()``).

    '2099' is in the future; the current year or month is not. For completed work, a date in
    the future is a warning that --strict turns into a failure."""
    return compare(value, (today or today_anywhere()).isoformat()) > 0
