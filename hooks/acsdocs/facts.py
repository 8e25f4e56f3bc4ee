"""Page facts: when a page's sources last changed (from git history, so the same commit gives
the same dates) and where to suggest an edit (``extra.edit_base`` in mkdocs.yml, e.g.
``https://github.com/<owner>/<repo>/edit/main/``, which the Pages workflow sets)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def git_times(root: Path) -> dict[str, int]:
    """path (relative to the repository) -> time of the last commit that changed it; {}
    outside a git checkout. One `git log` for the whole history, not one per page."""
    try:
        out = subprocess.run(["git", "log", "--format=@%ct", "--name-only", "--no-renames", "--", "content", "plans"],
                             cwd=root, capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    times: dict[str, int] = {}
    when = 0
    for line in out.splitlines():
        if line.startswith("@"):
            when = int(line[1:])
        elif line:
            times.setdefault(line, when)  # newest first: the first time seen is the last change
    return times


# Generated pages that list records of one kind: they come from where the first of them is written.
_LISTS = {
    "areas/index": lambda site: [i for i in site.items.values() if i["kind"] == "priority-area"],
    "plans/index": lambda site: list(site.documents.values()),
    "compare/index": lambda site: [d for d in site.documents.values() if d.get("items")],
    "agencies/index": lambda site: list(site.agencies.values()),
    "materials": lambda site: site.materials,
    "matrix": lambda site: site.mappings,
    "timeline": lambda site: site.activities or list(site.documents.values()),
    "open-data": lambda site: list(site.sources.values()),
    "item-ids": lambda site: list(site.documents.values()),
}


def generated_source(site, path: str) -> tuple[str, int] | None:
    """The plan file and line a generated page comes from: the record it presents (a document,
    a priority area, an agency), or the first record of the kind it lists (a new kind of page
    that lists no record of its own: the first document); None when the data has none."""
    record = _record_of(site, path.removesuffix(".md")) or next(iter(site.documents.values()), None)
    if record is None:
        return None
    file, number, _ = record.origin.at()
    return file, number


def _record_of(site, page: str):
    if page in _LISTS:
        return next(iter(_LISTS[page](site)), None)
    folder, _, rest = page.partition("/")
    if folder in ("plans", "compare"):
        return site.documents.get(rest)
    if folder == "agencies":
        return site.agencies.get(rest)
    if folder == "areas":
        return site.items.get(rest.replace("/", "#", 1))
    return None


def edit_address(file: str, number: int | None = None) -> str:
    """A file (and the line the page's record starts at, as `#L<n>`), relative to edit_base."""
    return f"{file}#L{number}" if number else file


def line(words, lang: str, inputs: list[str], times: dict, edit_base: str, edit_path: str | None) -> str:
    """'*Cập nhật lần cuối: 29/11/2026 · Đề xuất sửa trang này*', or '' when nothing is known."""
    stamps = [times[p] for p in inputs if p in times]
    parts = []
    if stamps:
        day = dt.datetime.fromtimestamp(max(stamps), dt.UTC).date().isoformat()
        parts.append(f"{words.get('updated', lang)}: {words.date(day, lang)}")
    if edit_base and edit_path and edit_base.startswith("https://"):
        parts.append(f"[{words.get('edit_page', lang)}]({edit_base.rstrip('/')}/{edit_path}){{ .acs-edit rel=nofollow }}")
    return f'<p class="acs-facts" markdown>{" · ".join(parts)}</p>' if parts else ""
