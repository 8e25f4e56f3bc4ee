"""Edit -> visible under `mkdocs serve`, for scripts/benchmark.py: a plan file is saved and its
plan page polled until the new title is served, then until the preview's search index changed."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from acsdocs import build as core
from acsdocs.mkdocsyml import read_mkdocs_yml
from acsdocs.text import page_url

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "SOURCE_DATE_EPOCH": "1795389662"}
BUILT = "Documentation built in"


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _cpu(pid: int) -> float:
    """CPU seconds of a process and of its children that have ended (the search indexer's)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def edit_loop(project: Path, edits: int, work: Path, name: str, lang: str | None = None) -> dict:
    """Save a plan file (an activity's title), poll its plan page until the new title is served."""
    settings, _ = read_mkdocs_yml(project / "mkdocs.yml")
    lang = lang or settings.default
    for act in core.prepare(settings).site.activities:
        plan, title = project / act.origin.loaded.path, act["title"][lang]
        if plan.read_text(encoding="utf-8").count(title) == 1:
            break
    else:
        raise SystemExit("no activity title written once, verbatim, in its plan file")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{page_url('plans/' + act['serves'][0].partition('#')[0] + '.md')}"
    entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"  # changes when the preview's search index does
    log_file = work / f"{name}-serve{'-' + lang if lang != settings.default else ''}.log"
    env = {**ENV, "PYTHONPATH": str(project / "hooks"), **({"ACSDOCS_LANG": lang} if lang != settings.default else {})}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
                            stdout=open(log_file, "w"), stderr=subprocess.STDOUT)
    # One "Reloading browsers" per rebuild (MkDocs drops a repeated "Documentation built in 3.38 seconds").
    count = lambda: log_file.read_text(encoding="utf-8").count("Reloading browsers")  # noqa: E731
    samples, current = [], title
    try:
        deadline = time.monotonic() + 3600
        while title not in _fetch(url) or BUILT not in log_file.read_text(encoding="utf-8") or not _fetch(entry):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mkdocs serve did not come up:\n{log_file.read_text(encoding='utf-8')[-3000:]}")
            time.sleep(0.5)
        for k in range(edits):
            before, cpu0, new, index = count(), _cpu(proc.pid), f"{title} zqbench{k}", _fetch(entry)
            text = plan.read_text(encoding="utf-8").replace(current, new, 1)
            start = time.perf_counter()
            plan.write_text(text, encoding="utf-8")
            while new not in _fetch(url):
                time.sleep(0.1)
            visible, cpu = time.perf_counter() - start, _cpu(proc.pid) - cpu0
            while count() == before:
                time.sleep(0.05)
            done = time.perf_counter() - start
            while _fetch(entry) in ("", index):
                time.sleep(0.1)
            searchable, search_cpu = time.perf_counter() - start, _cpu(proc.pid) - cpu0
            time.sleep(3)  # a second rebuild would start within this
            samples.append({"visible": visible, "cpu": cpu, "done": done, "search": searchable, "search_cpu": search_cpu, "builds": count() - before})
            current = new
            log(f"[{name}] edit {k + 1}/{edits}{' (' + lang + ' only)' if lang != settings.default else ''}: visible after {visible:.1f} s "
                f"({cpu:.1f} s CPU), searchable after {searchable:.1f} s ({search_cpu:.1f} s CPU), {samples[-1]['builds']} rebuild(s)")
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        plan.write_text(plan.read_text(encoding="utf-8").replace(current, title, 1), encoding="utf-8")
    return {k: statistics.median(s[k] for s in samples) for k in ("visible", "cpu", "done", "search", "search_cpu")} | {
        "builds": max(s["builds"] for s in samples), "cpus": [s["cpu"] for s in samples], "lang": lang}
