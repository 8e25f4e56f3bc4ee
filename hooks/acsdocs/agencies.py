"""Agencies and progress: who leads what, the current status of a record from its dated
history, and whether a deadline has passed at build time (the rule: computed.py).

The build date is reproducible: SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, as
reproducible-build tools set it; today's date in UTC otherwise."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from . import computed, dates
from .model import Site, current_status, history


def build_date() -> str:
    """The build's date as YYYY-MM-DD (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d")


def due(record) -> str | None:
    """The date shown beside a record in a progress table: its deadline, else its end, else
    its single date. Only a deadline can be past due (``overdue``)."""
    return record.get("deadline") or record.get("end") or record.get("date")


def passed(date: str, today: str) -> bool:
    """Whether the whole of ``date`` (as precise as the source gives it) is before ``today``:
    '2019' has passed only from 2020-01-01 on."""
    return dates.before(date, today)


def overdue(site: Site, record, today: str) -> bool:
    """The site's "deadline passed, no outcome reported" flag (the rule: computed.flag_applies)."""
    return computed.flag_applies(site, record, today)


def responsibilities(site: Site, agency_id: str) -> dict:
    """{'items': [(role, Item)], 'activities': [(role, activity)]} for one agency, in data order."""
    found = {"items": [], "activities": []}
    for role, record in site.index.agency.get(agency_id, []):
        found["items" if record.section == "items" else "activities"].append((role, record))
    return found


__all__ = ["build_date", "current_status", "due", "history", "overdue", "passed", "responsibilities"]
