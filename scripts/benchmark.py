"""Benchmark the site build side by side: what the hooks add to MkDocs, how the build grows with
the number of activities, how fast an edit shows under `mkdocs serve`, and what a reader downloads.

    PYTHONPATH=hooks .venv/bin/python scripts/benchmark.py [--sizes 1000,5000,10000] [--runs 9] [--profile]

Each row is a temporary copy of the project (never the working tree) with, for the sized rows,
100 clearly synthetic plan files. Measured as whole child processes (CPU = user + system of the
child, peak memory = its ru_maxrss): (a) `mkdocs build --strict` from a fresh clone (no .cache/);
(b) the floor: the pages (a) staged in .cache/stage, built with `hooks: []`; (c) `python -m acsdocs
validate --strict`. (a) and (b) run in pairs, (a-b)/a per pair. Then the edit loop under `mkdocs serve`
and the first view of pages in Debian's chromium. Writes docs/benchmarks.md unless --output -."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from acsdocs import build as core  # noqa: E402
from acsdocs import cite, links  # noqa: E402
from acsdocs.mkdocsyml import read_mkdocs_yml  # noqa: E402
from acsdocs.pagefind_service import pagefind_binary  # noqa: E402
from acsdocs.text import slugify  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from benchmark_report import AREA_PAGE, profile_rows, report  # noqa: E402
from benchmark_serve import edit_loop  # noqa: E402
from lighthouse import serve_and_measure  # noqa: E402
from pageweight import CHROMIUM, CHROMIUM_ARGS, GzipHandler, first_views, site_figures  # noqa: E402, F401 (search_benchmark.py uses them from here)
from synthetic import synthetic_plans  # noqa: E402

COPY = ("mkdocs.yml", "content", "plans", "hooks", "overrides", "schema")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "SOURCE_DATE_EPOCH": "1795389662"}


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


def make_project(dest: Path, activities: int) -> Path:
    """A copy of the project (with ``activities`` synthetic ones) whose hooks are byte-compiled, as
    Python leaves them after the first build and as pip leaves the stack's packages: every run then
    compiles the templates and reads the data anew (no .cache/), not the hooks' Python source."""
    import compileall

    dest.mkdir(parents=True)
    for name in COPY:
        src = ROOT / name
        shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__")) if src.is_dir() else shutil.copy2(src, dest / name)
    compileall.compile_dir(str(dest / "hooks"), quiet=1)
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
    c, c_warm, c_plan = validate_runs(project, work, name)
    shares = [(a["cpu"] - b["cpu"]) / a["cpu"] for a, b, _ in pairs]
    search_shares = [(a["cpu"] - b["cpu"] - p["cpu"]) / a["cpu"] for a, b, p in pairs]
    med = lambda key, side: statistics.median(p[side][key] for p in pairs)  # noqa: E731
    return {"a": med("cpu", 0), "b": med("cpu", 1), "p": med("cpu", 2), "a_wall": med("wall", 0), "b_wall": med("wall", 1), "c": c["cpu"], "c_warm": c_warm["cpu"], "c_plan": c_plan["cpu"],
            "runs": runs, "loads": [p[0]["load"] for p in pairs], "a_tree": max(p[0]["tree_rss"] for p in pairs), "a_procs": pairs[-1][0]["procs"],
            "a_rss": max(p[0]["rss"] for p in pairs), "b_rss": max(p[1]["rss"] for p in pairs), "shares": shares, "share": statistics.median(shares),
            "search_shares": search_shares, "search_share": statistics.median(search_shares), "s": med("search", 0)}


def validate_runs(project: Path, work: Path, name: str) -> tuple[dict, dict, dict]:
    """(c) validate with no earlier results (.cache/scans.json and .cache/data.pickle removed), then
    (c') after one hand-written page is edited and (c'') after one plan file is edited, as a
    maintainer runs it after a build or a validate (any byte of a plan file changed: its data are
    read and its pages rendered again)."""
    for cached in ("scans.json", "data.pickle"):
        (project / ".cache" / cached).unlink(missing_ok=True)
    cold = run([sys.executable, "-m", "acsdocs", "validate", "--strict"], project, work / f"{name}-c.log")
    settings, _ = read_mkdocs_yml(project / "mkdocs.yml")
    page = sorted((settings.content / settings.default).glob("*.md"))[-1]
    plan = sorted(settings.plans.glob("*.yml"))[0]
    warm = []
    for edited, tag in ((page, "c-page"), (plan, "c-plan")):
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text + ("\nSYNTHETIC benchmark edit.\n" if edited == page else "\n# SYNTHETIC benchmark edit\n"), encoding="utf-8")
        try:
            warm.append(run([sys.executable, "-m", "acsdocs", "validate", "--strict"], project, work / f"{name}-{tag}.log"))
        finally:
            edited.write_text(text, encoding="utf-8")
    return cold, *warm


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="synthetic activities per row (the shipped content is always first)")
    parser.add_argument("--runs", type=int, default=9, help="paired runs of (a) and (b) for the shipped content, whose median a loaded neighbour moves most (3 below 5,000 activities, 2 from 5,000 up)")
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
