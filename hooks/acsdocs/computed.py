"""What the site computes instead of reading it from a source: the "deadline passed, no
outcome reported" flag, the rule that sets it and the date it is computed as of.

The rule (``flag_applies``), in full:

- only an item with a ``deadline`` can carry the flag: never the date of an event, of a
  signature or of an activity, planned or not;
- the whole span of the deadline must lie before the as-of date ('2019-Q1' has passed from
  2019-04-01 on, '2025' from 2026-01-01 on);
- no source reports an outcome: no status that closes the work (the latest history entry's,
  else ``status``), and no ``outcome`` note.

The as-of date is the build's: SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, as
``make site`` sets it to the last commit's time; today's date (UTC) otherwise. ``as_of``
says which, so a page can say what its date is. Pure functions except ``as_of``, which reads
the environment and asks git once for the last commit's time."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from . import dates
from .model import Site, current_status

BASES = ("last-commit", "fixed", "build-day")  # what the as-of date is: strings.yml as_of_<basis>


@dataclass(frozen=True)
class AsOf:
    date: str  # YYYY-MM-DD
    basis: str  # one of BASES


@lru_cache(maxsize=8)
def _last_commit_time(where: str) -> int | None:
    """The time of the last commit of the repository holding ``where``; None outside one."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=where, capture_output=True, text=True,
                             timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return int(out) if out.isdigit() else None


def as_of(where: Path | None = None) -> AsOf:
    """The date the flag is computed as of, and what that date is: the last commit's
    (SOURCE_DATE_EPOCH equals the time of the last commit of the repository holding
    ``where``), a date fixed for the build (SOURCE_DATE_EPOCH, another time), or the day of
    the build (no SOURCE_DATE_EPOCH)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return AsOf(datetime.now(UTC).strftime("%Y-%m-%d"), "build-day")
    day = datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")
    last = _last_commit_time(str(where)) if where is not None and Path(where).is_dir() else None
    return AsOf(day, "last-commit" if last == int(epoch) else "fixed")


def outcome_reported(site: Site, record) -> bool:
    """A source reports how the work ended or stands: a closing status, or an outcome note."""
    if record.get("outcome"):
        return True
    status = current_status(record)
    entry = site.vocab["statuses"].get(status) if status else None
    return entry is not None and not entry.get("open")


def flag_applies(site: Site, record, today: str) -> bool:
    """Whether the flag stands on ``record`` as of ``today`` (see the module's rule)."""
    deadline = record.get("deadline")
    if not deadline or dates.parse(deadline) is None:
        return False
    return dates.before(deadline, today) and not outcome_reported(site, record)


def flagged(site: Site, today: str) -> list:
    """Every record carrying the flag, in data order (only items can have a deadline)."""
    return [item for item in site.items.values() if flag_applies(site, item, today)]


def summary(site: Site, words, at: AsOf) -> dict:
    """The flag as data, for data/plans.json: its rule and as-of date in every language,
    and the records it stands on."""
    def text(key: str, **parts) -> dict:
        return {lang: words.get(key, lang).format(**parts) for lang in site.langs}

    return {
        "flag": text("overdue"),
        "rule": {lang: rule(words, lang, at) for lang in site.langs},
        "as_of": at.date,
        "as_of_is": at.basis,
        "records": [item.ref for item in flagged(site, at.date)],
    }


def rule(words, lang: str, at: AsOf) -> str:
    """The rule in one language, with the as-of date and what that date is."""
    means = words.get(f"as_of_{at.basis}", lang).format(date=words.date(at.date, lang))
    return words.get("overdue_rule", lang).format(as_of=means)
