"""Benchmark the site build side by side: what the hooks add to MkDocs, how the build grows with
the number of activities, how fast an edit shows under `mkdocs serve`, and what a reader downloads.

    PYTHONPATH=hooks .venv/bin/python scripts/benchmark.py [--sizes 1000,5000,10000] [--runs 5] [--profile]

Each row is a temporary copy of the project (never the working tree) with, for the sized rows,
100 clearly synthetic plan files. Measured as whole child processes (CPU = user + system of the
child, peak memory = its ru_maxrss): (a) `mkdocs build --strict` from a fresh clone (no .cache/);
(b) the floor: the pages (a) staged in .cache/stage, built with `hooks: []`; (c) `python -m acsdocs
validate --strict`. (a) and (b) run in pairs, (a-b)/a per pair. Then the edit loop under `mkdocs serve`
and the first view of pages in Debian's chromium. Writes docs/benchmarks.md unless --output -."""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import importlib.metadata
import importlib.util
import json
import mimetypes
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from acsdocs import build as core  # noqa: E402
from acsdocs import cite, links  # noqa: E402
from acsdocs.mkdocsyml import read_mkdocs_yml  # noqa: E402
from acsdocs.pagefind_service import pagefind_binary  # noqa: E402
from acsdocs.text import page_url, slugify  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from lighthouse import serve_and_measure  # noqa: E402
from synthetic import synthetic_plans  # noqa: E402

COPY = ("mkdocs.yml", "content", "plans", "hooks", "overrides", "schema")
GZIP_LEVEL, AREA_PAGE = 6, "areas/asean-2021/pa-1/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "SOURCE_DATE_EPOCH": "1795389662"}
BUILT = "Documentation built in"


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


def make_project(dest: Path, activities: int) -> Path:
    dest.mkdir(parents=True)
    for name in COPY:
        src = ROOT / name
        shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__")) if src.is_dir() else shutil.copy2(src, dest / name)
    for name, data in synthetic_plans(activities).items() if activities else ():
        (dest / "plans" / name).write_text("# SYNTHETIC benchmark data written by scripts/benchmark.py; nothing here is real.\n"
                                           + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
    return dest


def floor_config(project: Path) -> None:
    """mkdocs.floor.yml: the staged pages as docs_dir, `hooks: []`, and what the hooks set in the
    config (the expanded nav, the heading slugs, the default language for the templates)."""
    from mkdocs.utils.yaml import yaml_load

    settings, _ = read_mkdocs_yml(project / "mkdocs.yml")
    generated = core.prepare(settings).generated
    with open(project / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    config.update(docs_dir=str(settings.stage), hooks=[], extra={**(config.get("extra") or {}), "default_language": settings.default})
    config.pop("watch", None)
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if e != "toc" and not (isinstance(e, dict) and "toc" in e)] + [
        {"toc": {**next((e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e), {}), "slugify": slugify}}]
    for plugin in config["plugins"]:
        for language in plugin.get("i18n", {}).get("languages", []) if isinstance(plugin, dict) else []:
            language["nav"] = links.expand_nav(language.get("nav"), generated[language["locale"]])
    # The theme overrides read words that the hooks put in Jinja's globals (on_env): the floor gets the same values as data.
    state = core.prepare(settings)
    env_globals = {lang: cite.theme_globals(state.words, lang) for lang in settings.langs}
    (project / "floor_env.json").write_text(json.dumps(env_globals, ensure_ascii=False), encoding="utf-8")
    (project / "floor_hooks.py").write_text(FLOOR_HOOKS, encoding="utf-8")
    config["hooks"] = ["floor_hooks.py"]
    (project / "mkdocs.floor.yml").write_text(yaml.dump(config, Dumper=yaml.Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


FLOOR_HOOKS = """import json, pathlib
GLOBALS = json.loads((pathlib.Path(__file__).parent / "floor_env.json").read_text(encoding="utf-8"))


def on_env(env, config, files):  # the hooks' words for the theme, as constant data
    env.globals.update(GLOBALS.get(config.theme["language"], {}))
    return env
"""


# -- whole child processes ---------------------------------------------------------------
class Tree:
    """The process tree under one pid, sampled every 50 ms from /proc: the peak of the summed
    resident memory of every live process of it, and each process's own peak and CPU time."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.procs, self.stop = pid, 0.0, {}, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        tick, page = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE") / 2**20
        while not self.stop.wait(0.05):
            stats = {}
            for entry in os.scandir("/proc"):
                try:
                    if entry.name.isdigit():
                        head, _, rest = Path(entry.path, "stat").read_text().rpartition(")")
                        fields = rest.split()
                        stats[int(entry.name)] = (head.split("(", 1)[1], int(fields[1]), sum(int(f) for f in fields[11:13]) / tick,
                                                  int(Path(entry.path, "statm").read_text().split()[1]) * page)
                except (OSError, IndexError, ValueError):
                    continue
            tree, grown = {self.pid}, True
            while grown:
                more = {pid for pid, st in stats.items() if st[1] in tree} - tree
                tree, grown = tree | more, bool(more)
            live = [(pid, stats[pid]) for pid in tree if pid in stats]
            self.peak = max(self.peak, sum(st[3] for _, st in live))
            for pid, (name, _, cpu, rss) in live:
                seen = self.procs.get(pid, (name, 0.0, 0.0))
                self.procs[pid] = (name, cpu, max(seen[2], rss))

    def result(self) -> dict:
        self.stop.set()
        self.thread.join()
        by_name: dict = {}
        for name, cpu, rss in self.procs.values():
            count, cpu0, rss0 = by_name.get(name, (0, 0.0, 0.0))
            by_name[name] = (count + 1, cpu0 + cpu, max(rss0, rss))
        return {"tree_rss": self.peak, "procs": by_name}


def run(cmd: list[str], cwd: Path, log_file: Path) -> dict:
    """CPU: user + system of the child and of every child it waited for (wait4). Memory: the
    peak of the whole tree's summed RSS (Tree), and ru_maxrss (the largest single process)."""
    with open(log_file, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env={**ENV, "PYTHONPATH": str(cwd / "hooks")}, stdout=out, stderr=subprocess.STDOUT)
        tree = Tree(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        sampled = tree.result()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(cmd)}\n" + log_file.read_text(encoding="utf-8", errors="replace")[-3000:])
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, **sampled}


# cProfile with the CPU-time clock (its default is the wall clock, which on a shared machine counts the neighbours)
PROFILE = """import cProfile, runpy, sys, time
out, sys.argv = sys.argv[1], ["mkdocs", *sys.argv[2:]]
profile = cProfile.Profile(time.process_time)
try:
    profile.runcall(runpy.run_module, "mkdocs", run_name="__main__")
except SystemExit as exc:
    if exc.code:
        raise
finally:
    profile.dump_stats(out)
"""


def mkdocs_build(project: Path, config: str, site: str, log_file: Path, profile: Path | None = None) -> dict:
    start = ["-c", PROFILE, str(profile)] if profile else ["-m", "mkdocs"]
    return run([sys.executable, *start, "build", "--strict", "-f", config, "-d", str(project / site)], project, log_file)


def builds(project: Path, runs: int, work: Path, name: str) -> dict:
    pairs = []
    for i in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)  # a fresh clone: nothing staged, nothing cached
        a = mkdocs_build(project, "mkdocs.yml", "site", work / f"{name}-a{i}.log")
        found = re.search(r"Search index \(Pagefind\):.*; ([0-9.]+) s CPU", (work / f"{name}-a{i}.log").read_text(encoding="utf-8"))
        a["search"] = float(found.group(1)) if found else float("nan")  # the hooks' search step, as the build logs it
        if i == 0:
            floor_config(project)
        b = mkdocs_build(project, "mkdocs.floor.yml", "site-floor", work / f"{name}-b{i}.log")
        # (p) the floor's site indexed by Pagefind as its documentation says (`pagefind --site`): the search engine, without the hooks
        shutil.rmtree(work / "pagefind-stock", ignore_errors=True)
        p = run([pagefind_binary(), "--site", "site-floor", "--output-path", str(work / "pagefind-stock"), "--quiet"], project, work / f"{name}-p{i}.log")
        a["load"] = os.getloadavg()[0]
        pairs.append((a, b, p))
        log(f"[{name}] pair {i + 1}/{runs}: (a) {a['cpu']:.1f} s, (b) {b['cpu']:.1f} s, (p) {p['cpu']:.1f} s CPU, "
            f"share {(a['cpu'] - b['cpu']) / a['cpu']:.0%}, load {os.getloadavg()[0]:.1f}")
    c, c_warm = validate_runs(project, work, name)
    shares = [(a["cpu"] - b["cpu"]) / a["cpu"] for a, b, _ in pairs]
    search_shares = [(a["cpu"] - b["cpu"] - p["cpu"]) / a["cpu"] for a, b, p in pairs]
    other_shares = [(a["cpu"] - b["cpu"] - a["search"]) / a["cpu"] for a, b, _ in pairs]
    med = lambda key, side: statistics.median(p[side][key] for p in pairs)  # noqa: E731
    return {"a": med("cpu", 0), "b": med("cpu", 1), "p": med("cpu", 2), "a_wall": med("wall", 0), "b_wall": med("wall", 1), "c": c["cpu"], "c_warm": c_warm["cpu"],
            "runs": runs, "loads": [p[0]["load"] for p in pairs], "a_tree": max(p[0]["tree_rss"] for p in pairs), "a_procs": pairs[-1][0]["procs"],
            "a_rss": max(p[0]["rss"] for p in pairs), "b_rss": max(p[1]["rss"] for p in pairs), "shares": shares, "share": statistics.median(shares),
            "search_shares": search_shares, "search_share": statistics.median(search_shares), "s": med("search", 0),
            "other_shares": other_shares, "other_share": statistics.median(other_shares)}


def validate_runs(project: Path, work: Path, name: str) -> tuple[dict, dict]:
    """(c) validate with no earlier results (.cache/scans.json removed), then (c') after one
    hand-written page is edited, as a maintainer runs it after a build or a validate."""
    (project / ".cache" / "scans.json").unlink(missing_ok=True)
    cold = run([sys.executable, "-m", "acsdocs", "validate", "--strict"], project, work / f"{name}-c.log")
    settings, _ = read_mkdocs_yml(project / "mkdocs.yml")
    page = sorted((settings.content / settings.default).glob("*.md"))[-1]
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nSYNTHETIC benchmark edit.\n", encoding="utf-8")
    try:
        warm = run([sys.executable, "-m", "acsdocs", "validate", "--strict"], project, work / f"{name}-c-warm.log")
    finally:
        page.write_text(text, encoding="utf-8")
    return cold, warm


# -- edit -> visible under `mkdocs serve` -----------------------------------------------------
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


# -- what a reader downloads: a static host that gzips text, Debian's chromium with an empty cache --
class GzipHandler(http.server.BaseHTTPRequestHandler):
    protocol_version, root, served = "HTTP/1.1", Path("."), []

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        target = target / "index.html" if target.is_dir() else target
        status, target = (200, target) if target.is_file() and target.is_relative_to(self.root) else (404, self.root / "404.html")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(("text/", "application/javascript", "application/json", "image/svg+xml"))
        body = gzip.compress(target.read_bytes(), GZIP_LEVEL, mtime=0) if zipped else target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)
        self.served.append((path, len(body) + sum(len(h) for h in getattr(self, "_headers_buffer", []))))


def first_views(site: Path, paths: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    handler = type("Handler", (GzipHandler,), {"root": site.resolve(), "served": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    views = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for path in paths:
                handler.served.clear()
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}", wait_until="networkidle")
                time.sleep(1)  # a search script may fetch its index after load: count it whole
                page.wait_for_load_state("networkidle")
                context.close()
                search = sum(n for p, n in handler.served if p.startswith(("/search/", "/pagefind/")))
                views[path] = {"kb": sum(n for _, n in handler.served) / 1024, "requests": len(handler.served), "search_kb": search / 1024}
            browser.close()
    finally:
        server.shutdown()
    return views


def site_figures(site: Path) -> dict:
    index = {f.relative_to(site).as_posix(): f.read_bytes() for f in [*site.glob("search/search_index*.json"), *site.glob("pagefind/pages.*.json")]}
    return {"pages": sum(1 for _ in site.rglob("index.html")), "mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
            "area_kb": (site / AREA_PAGE / "index.html").stat().st_size / 1024,
            "search": {name: (len(data) / 1024, len(gzip.compress(data, GZIP_LEVEL)) / 1024) for name, data in sorted(index.items())}}


def profile_rows(path: Path) -> tuple[list, list]:
    """Own time by package, and the cumulative time of the hooks' steps, from a cProfile file."""
    stats, by_package, steps = pstats.Stats(str(path)), {}, []
    for (filename, _line, func), (_, calls, own, cumulative, _) in stats.stats.items():
        package = "acsdocs" if "/hooks/" in filename else next((p for p in ("mkdocs_static_i18n", "material", "mkdocs", "markdown", "pymdownx", "jinja2", "yaml", "markupsafe")
                                                                if f"/site-packages/{p}/" in filename), "Python and C built-ins")
        by_package[package] = by_package.get(package, 0.0) + own
        if "/hooks/" in filename and func in ("on_config", "_finish_site", "on_page_content", "on_post_page", "prepare", "load_folder", "load_words",
                                              "read_content", "render_all", "generated_pages", "fill", "stage", "export_data", "localise_search_index", "environment",
                                              "check", "page_links", "check_links", "check_pages", "record"):
            steps.append((f"{filename.split('/hooks/')[1]}:{func}", calls, cumulative))
    return sorted(by_package.items(), key=lambda kv: -kv[1]), sorted(steps, key=lambda s: -s[2])


# -- report ----------------------------------------------------------------------------------
def report(rows: list[dict], prof: tuple | None, args, started: float) -> str:
    label = lambda r: "shipped" if r["n"] == 0 else f"{r['n']:,}"  # noqa: E731
    spread = lambda r: f"{min(r['shares']):.0%}–{max(r['shares']):.0%}"  # noqa: E731
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "Jinja2", "playwright"))
    head = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h"], capture_output=True, text=True).stdout.strip()
    out = [f"# Build, preview and page-weight benchmarks\n\nGenerated by `scripts/benchmark.py` on {dt.date.today()} at revision {head}; "
           f"do not edit by hand, run it again:\n\n```sh\nPYTHONPATH=hooks .venv/bin/python scripts/benchmark.py {' '.join(args.argv)}\n```\n",
           f"Python {platform.python_version()}, {versions}; {os.cpu_count()} CPUs shared with other work (load average {args.start_load:.1f} at the start"
           f"{', below 1: quiet' if args.start_load < 1 else ', not below 1 after waiting ' + str(int(args.wait)) + ' s: not quiet'}; {os.getloadavg()[0]:.1f} at the end). "
           f"Whole run: {(time.perf_counter() - started) / 60:.0f} min.\n", METHOD, "## Builds\n",
           "| content | activities | pages | (a) full build, CPU s | (b) floor, CPU s | (p) stock Pagefind, CPU s | hooks' share (a−b)/a | "
           "**beyond stock search (a−b−p)/a**, median (min–max) | (s) search step, CPU s | (s)/(p) | pairs | load during (a) | "
           "(c) validate, cold / (c′) after one edit, CPU s | (a)/(c) / (a)/(c′) | peak memory of (a)'s process tree, MB | (a)'s processes: peak RSS MB, CPU s | (a) / (b) wall, s |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|"]
    rng = lambda r, key: f"{r[key[:-1]]:.1%} ({min(r[key]):.0%}–{max(r[key]):.0%})"  # noqa: E731
    procs = lambda r: "; ".join(f"{name} ×{count}: {rss:.0f}, {cpu:.1f}" for name, (count, cpu, rss) in sorted(r["a_procs"].items(), key=lambda kv: -kv[1][2]))  # noqa: E731
    out += [f"| {label(r)} | {r['activities']:,} | {r['site']['pages']:,} | {r['a']:.2f} | {r['b']:.2f} | {r['p']:.2f} | {r['share']:.1%} ({spread(r)}) | "
            f"**{rng(r, 'search_shares')}** | {r['s']:.2f} | {r['s'] / r['p']:.2f}× | {r['runs']} | {min(r['loads']):.1f}–{max(r['loads']):.1f} | "
            f"{r['c']:.2f} / {r['c_warm']:.2f} | {r['a'] / r['c']:.1f}× / {r['a'] / r['c_warm']:.1f}× | {r['a_tree']:.0f} | {procs(r)} | {r['a_wall']:.1f} / {r['b_wall']:.1f} |" for r in rows]
    loops = [(r, e) for r in rows for e in r.get("edits", [])]
    if loops:
        out += ["\n## Edit → visible under `mkdocs serve`\n", "A plan file is saved (an activity's title changes); the clock stops when its plan page, "
                "polled over HTTP, shows the new title. *Searchable*: when the preview's search index (written after the pages are served) "
                "has changed too. CPU is the server process's and its ended children's (the search indexer's). Ratios are to (a) of the same content.\n",
                "| content | languages served | edit → visible, s | CPU s | ratio to (a), CPU | ratio to (a), wall | searchable, s | CPU s to searchable | rebuilds per save |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        out += [f"| {label(r)} | {'all' if e['lang'] == r['default'] else 'only ' + e['lang'] + ' (`make serve LANG=' + e['lang'] + '`)'} | {e['visible']:.1f} | "
                f"{e['cpu']:.1f} | {e['cpu'] / r['a']:.2f} | {e['visible'] / r['a_wall']:.2f} | {e['search']:.1f} | {e['search_cpu']:.1f} | {e['builds']} |" for r, e in loops]
    out += ["\n## What a reader downloads\n", "| content | site, MB | area page HTML, KB | area page first view, KB gz (requests) | of it search index, KB | "
            "home first view, KB gz (requests) | search indexes, KB raw / gz |", "|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        area, home, s = r["views"][AREA_PAGE], r["views"][""], r["site"]
        out.append(f"| {label(r)} | {s['mb']:.1f} | {s['area_kb']:.0f} | {area['kb']:.0f} ({area['requests']}) | {area['search_kb']:.0f} | {home['kb']:.0f} ({home['requests']}) | "
                   + "; ".join(f"`{n}` {raw:.0f} / {gz:.0f}" for n, (raw, gz) in s["search"].items()) + " |")
    out += targets_table(rows, loops)
    out.append(SETTINGS)
    if prof:
        packages, steps = prof[1]
        total = sum(v for _, v in packages)
        out += [f"\n## Profile of (a), {label(prof[0])} content\n", "`mkdocs build --strict` under cProfile with the CPU-time clock (`time.process_time`; profiling slows Python code more than C code). Own CPU time by package:\n",
                "| package | own time, s | share |", "|---|---:|---:|"] + [f"| {p} | {v:.2f} | {v / total:.0%} |" for p, v in packages[:10]]
        out += ["\nThe hooks' steps (cumulative, nested: `on_config` holds `prepare`, which holds the rest before `_finish_site`):\n", "| step | calls | cumulative, s | of the profiled build |", "|---|---:|---:|---:|"]
        out += [f"| `{w}` | {c} | {t:.2f} | {t / total:.1%} |" for w, c, t in steps]
    return "\n".join(out) + "\n"


def targets_table(rows: list[dict], loops: list) -> list[str]:
    """Issue 25's targets (and the search step's of issue 22), each from the rows above."""
    by, targets = {r["n"]: r for r in rows}, []
    beyond = lambda r: f"{r['search_share']:.1%} ({min(r['search_shares']):.0%}–{max(r['search_shares']):.0%}, {r['runs']} pairs)"  # noqa: E731
    for n, limit in ((0, 0.15), (10000, 0.25)):
        if n in by:
            targets.append((f"hooks beyond the floor and stock Pagefind (a−b−p)/a, {'shipped' if n == 0 else '10,000 activities'}", beyond(by[n]), f"≤ {limit:.0%}", by[n]["search_share"] <= limit))
    for n in (0, 10000):
        if n in by:
            ratio = by[n]["s"] / by[n]["p"]
            targets.append((f"search step / stock `pagefind --site`, CPU, {'shipped' if n == 0 else '10,000'}", f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5))
    if 10000 in by:
        r = by[10000]
        targets.append(("peak memory of the whole build (process tree) at 10,000", f"{r['a_tree']:.0f} MB", "≤ 1,200 MB", r["a_tree"] <= 1200))
        targets.append(("validate after one edit vs the build at 10,000, CPU", f"{r['a'] / r['c_warm']:.1f}× (cold: {r['a'] / r['c']:.1f}×)", "≥ 20×", r["a"] / r["c_warm"] >= 20))
        area = r["views"][AREA_PAGE]
        targets.append(("area page first view at 10,000 (gzip, all requests)", f"{area['kb']:.0f} KB", "≤ 150 KB", area["kb"] <= 150))
        if r.get("lighthouse"):
            lh, score = r["lighthouse"], r["lighthouse"].get("score")
            measured = (f"{score:.2f} (runs {', '.join(f'{x:.2f}' for x in lh.get('scores') or [])}; TBT {lh['tbt_ms']:.0f} ms, {lh['dom_nodes']:,.0f} DOM elements)"
                        if score is not None else lh.get("reason") or "not run")
            targets.append(("Lighthouse mobile performance (median of 3), area page at 10,000", measured, "≥ 0.9", score is not None and score >= 0.9))
    if 1000 in by and 10000 in by:
        ratio = by[10000]["a"] / by[1000]["a"]
        targets.append(("t(10k)/t(1k), full build", f"{ratio:.1f}", "≤ 11", ratio <= 11))
    for r, e in loops:
        if r["n"] == 1000:
            which = "all languages" if e["lang"] == r["default"] else "LANG=" + e["lang"]
            targets.append((f"edit → visible at 1,000, {which}, CPU", f"{e['cpu'] / r['a']:.2f} × (a)", "≤ 0.25 × (a)", e["cpu"] / r["a"] <= 0.25))
            targets.append((f"edit → searchable at 1,000, {which}, CPU", f"{e['search_cpu'] / r['a']:.2f} × (a)", "≤ 0.5 × (a)", e["search_cpu"] / r["a"] <= 0.5))
    return ["\n## Targets\n", "| target | measured | limit | result |", "|---|---:|---|---|"] + [
        f"| {t} | {m} | {lim} | {'–' if ok is None else 'pass' if ok else '**FAIL**'} |" for t, m, lim, ok in targets]


METHOD = """## What is measured

- **Content.** *shipped* is the repository's own plans; a sized row adds 100 synthetic plan files (`plans/bench-plan-NNN.yml`,
  fictional local plans, ids `bench-…`) whose activities serve a task of their plan and one of the five asean-2021 priority areas.
- **Times are CPU seconds** (user + system) of the child process and of every child it waited for (`wait4`: the search
  indexer, `pagefind --service`, is one): on a shared 2-core machine wall time mostly measures the neighbours. The load
  average during each (a) is in the table. Pairs: 5 for the shipped content, 3 below 5,000 activities, 2 from 5,000 up.
- **(a) full build**: `mkdocs build --strict` with the hooks from a fresh clone (`.cache/` removed), interpreter start-up included.
- **(b) floor**: the pages that (a) staged in `.cache/stage`, built without the hooks but with what they put in the config (expanded
  nav, heading slugs) and, as constant data, the words they give the theme (`on_env`): MkDocs, Material and mkdocs-static-i18n alone.
- **(p) stock Pagefind**: `pagefind --site` over the floor's site, as Pagefind's documentation runs it: the search engine's
  own cost. The site's index (one record per page, its sections as sub-results, since issue 22) replaces it, so the stack's
  cost is (b) + (p), and **(a−b−p)/a is what the hooks add beyond the stack and its search engine** (issue 25's measure);
  (a−b)/a also counts the whole search step against the hooks.
- **(s) search step**: the CPU time that (a) logs for its search step (records, then Pagefind's indexer); (s)/(p) compares it with stock Pagefind.
- **(c) validate**: `python -m acsdocs validate --strict`, every check of the build without MkDocs, with no earlier results
  (`.cache/scans.json` removed: every page is converted); **(c′)** the same after one hand-written page is edited, as a
  maintainer runs it after a build or a validate: only that page is converted again (acsdocs/scan.py keeps each page's ids and
  links by its text and the Markdown setup). The verdict is the same either way (tests/test_scan.py, tests/test_verdict.py).
- **Memory**: the peak, over the run, of the summed resident memory of every live process of (a)'s tree (sampled every
  50 ms from /proc), and each process's own peak RSS and CPU (sampled, so a process's last 50 ms may be missing).
- **First view**: Debian's chromium, empty cache, a local server gzipping text (level 6); every response the page caused,
  the search index included. Area page: `/""" + AREA_PAGE + "`.\n"


SETTINGS = """
## Theme and plugin settings evaluated (same content, side by side, 1,000 activities)

- **One Markdown conversion per page** (adopted, issue 25): the core's link check needs every page's ids and links. `mkdocs
  build` now reads them from MkDocs' own conversion of each page (a Markdown extension the hooks add, acsdocs/scan.py) and
  checks links once every language is built, instead of converting every page a second time before the build; validate
  converts a page only when its text or the Markdown setup changed (.cache/scans.json). At 1,000 activities the second
  conversion was 9 of the 14 CPU seconds of the hooks' preparation.
- **Collapsed activity lists** (adopted, issue 25): an area page collecting more than 50 activities shows each year's lines
  in a closed `<details>` under the year's heading; every line stays in the HTML (search, print: the print style shows them).

- **mkdocs-static-i18n `reconfigure_search: false`** (adopted): the site is byte-identical; the plugin's own pass compares
  every search entry with every other one (quadratic) to drop duplicates across languages, which the hooks' per-language
  indexes do not need, and the search plugin's `lang` already lists every language. 16% less CPU for (a) at 1,000 activities.
- **Material `navigation.prune`** (not adopted): the nav has two levels and `navigation.sections` shows every top-level
  section, so nothing is hidden to prune: the HTML differs only in whitespace, the time within the noise. It would only help
  with collapsed nested sections, which readers on phones would then reach by following the section's index page.
- **`make serve LANG=xx`** (adopted, previews only): mkdocs-static-i18n's `build_only_locale` builds one language, served
  at the root; the published build is unchanged. Its edit loop is in the table above.
- **Under `mkdocs serve`** (hooks/acsdocs/preview.py): the hooks keep, from the last good build, what Markdown made of each
  page (keyed by its Markdown and address, every page's address, the Markdown settings), the theme's HTML of each page (keyed
  by its content, title, table of contents, front matter, the language switcher's links, the whole navigation's titles and
  addresses, the interface words, the theme overrides' files and mkdocs.yml) and the search plugin's sections of each page. A
  rebuild makes again only what one of those inputs changed for; tests/test_serve.py compares every served page, byte for
  byte, with a fresh build after a series of saves. The preview's search index is written after the pages are served (the
  last index answers meanwhile): *searchable* in the table above.
- **In the hooks**: accent folding by a translation table, cached Markdown escaping and relative links, Jinja's constant
  folding off (output identical), and `gc.freeze()` for the objects alive when the build starts (the config, the theme, the
  prepared state; unfrozen when the build ends) - the floor has no hooks, so it has no freeze either.
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="synthetic activities per row (the shipped content is always first)")
    parser.add_argument("--runs", type=int, default=5, help="paired runs of (a) and (b) for the shipped content (3 below 5,000 activities, 1 above)")
    parser.add_argument("--edits", type=int, default=3, help="saves per `mkdocs serve` session, at the shipped size and 1,000")
    parser.add_argument("--profile", action="store_true", help="profile (a) at the shipped size")
    parser.add_argument("--wait", type=float, default=600, help="seconds to wait for a load average below 1 before starting")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"), help="the report ('-': print only)")
    args = parser.parse_args(argv)
    args.argv = argv if argv is not None else sys.argv[1:]
    waited = time.monotonic()
    while os.getloadavg()[0] >= 1 and time.monotonic() - waited < args.wait:  # a quiet machine, or say it was not
        time.sleep(10)
    args.start_load = os.getloadavg()[0]
    started, rows, prof = time.perf_counter(), [], None
    work = Path(tempfile.mkdtemp(prefix="acsdocs-bench-"))
    try:
        for n in [0] + [int(x) for x in args.sizes.split(",") if x]:
            name = f"n{n}"
            project = make_project(work / name, n)
            row = {"n": n, **builds(project, args.runs if n == 0 else 3 if n < 5000 else 2, work, name)}
            settings, _ = read_mkdocs_yml(project / "mkdocs.yml")
            row.update(default=settings.default, activities=len(core.prepare(settings).site.activities), site=site_figures(project / "site"))
            if n <= 1000 and args.edits:
                row["edits"] = [edit_loop(project, args.edits, work, name, lang) for lang in (settings.default, settings.langs[-1])]
            if args.profile and n == 0:
                shutil.rmtree(project / ".cache", ignore_errors=True)
                mkdocs_build(project, "mkdocs.yml", "site-prof", work / "prof.log", work / "a.prof")
                prof = (row, profile_rows(work / "a.prof"))
            row["views"] = first_views(project / "site", ["", AREA_PAGE])
            if n == max([0] + [int(x) for x in args.sizes.split(",") if x]):  # the largest row: Lighthouse mobile of the area page
                row["lighthouse"] = serve_and_measure(project / "site", AREA_PAGE, runs=3)
                log(f"[{name}] Lighthouse: {row['lighthouse']}")
            rows.append(row)
            text = report(rows, prof, args, started)
            if args.output != "-":
                Path(args.output).write_text(text, encoding="utf-8")  # after each row: an interrupted run keeps what it measured
            shutil.rmtree(project, ignore_errors=True)
        print(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
