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
