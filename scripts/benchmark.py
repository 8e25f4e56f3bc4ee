"""Benchmark the site build at scale: how much the acsdocs hooks add to a strict MkDocs build,
how the build grows with the number of activities, and what a reader downloads.

    PYTHONPATH=hooks .venv/bin/python scripts/benchmark.py [--sizes 1000,5000,10000] [--quick]

For the shipped content and for each size it makes a temporary copy of the project (mkdocs.yml,
content/ without generated pages, plans/, hooks/, overrides/, schema/), adds clearly synthetic
plan files (plans/bench-plan-001.yml ...: about 100 fictional local plans, each with a few tasks,
whose activities serve those tasks and the asean-2021 priority areas), and measures side by side:

  (a) the full strict build (`mkdocs build --strict`, hooks on, from a fresh-clone state);
  (b) the floor: the same pages with every generated page and every marker written out in
      advance, built with `hooks: []` - what MkDocs, Material and the i18n plugin cost alone;
  (c) validation alone (acsdocs.model.load_folder).

Builds run as subprocesses; their peak memory is the child's ru_maxrss (os.wait4). Then the built
site is served on 127.0.0.1 by a small server that gzips text as a static host would, and Debian's
chromium (Playwright, no browser download) opens the home page and a priority-area page with an
empty cache: every response body the page caused, the search worker's included, is counted.

Writes docs/benchmarks.md (not with --quick unless --output is given). Nothing in the project is
modified: all builds happen in a temporary folder, removed at the end unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import http.server
import importlib.metadata
import json
import mimetypes
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPY = ("mkdocs.yml", "content", "plans", "hooks", "overrides", "schema")
N_PLANS = 100
AREAS = [f"asean-2021#pa-{i}" for i in range(1, 6)]
GZIP_LEVEL = 6  # what static hosts typically use (nginx gzip_comp_level ranges 1-9; 6 is the usual setting)
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml", "application/manifest+json")
CHROMIUM = "/usr/bin/chromium"
# As in tests/browser.py: without these flags chromium tries Google's services; the network here is closed.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AREA_PAGE = "areas/asean-2021/pa-1/"

TARGETS = {
    "hooks_shipped": 0.15,
    "hooks_10k": 0.25,
    "scaling": 11.0,
    "validate_speedup": 20.0,
    "area_kb": 150.0,
    "search_kb": 500.0,
}


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


# -- synthetic plans ---------------------------------------------------------------

TOPICS = [
    ("chuyển đổi số trong quản lý cán bộ, công chức", "digital transformation in civil-service management"),
    ("kỹ năng hội nhập ASEAN", "skills for ASEAN integration"),
    ("cải cách thủ tục hành chính", "reform of administrative procedures"),
    ("đánh giá kết quả thực thi công vụ", "appraisal of civil-service performance"),
    ("ngoại ngữ cho công chức trẻ", "foreign languages for young civil servants"),
    ("dịch vụ công trực tuyến", "online public services"),
    ("đạo đức công vụ", "public-service ethics"),
    ("quản trị nguồn nhân lực khu vực công", "public-sector human-resource management"),
    ("chính quyền địa phương linh hoạt", "agile local government"),
    ("bình đẳng giới trong khu vực công", "gender equality in the public sector"),
    ("tiếp nhận phản ánh, kiến nghị của người dân", "handling citizens' feedback and petitions"),
    ("lưu trữ điện tử hồ sơ công chức", "electronic records of civil servants"),
]
FORMATS = [
    ("Lớp bồi dưỡng về {t}", "Training course on {t}"),
    ("Hội thảo chia sẻ kinh nghiệm về {t}", "Workshop sharing experience in {t}"),
    ("Đoàn khảo sát học tập về {t}", "Study tour on {t}"),
    ("Diễn đàn trực tuyến về {t}", "Online forum on {t}"),
    ("Tập huấn cán bộ đầu mối về {t}", "Training of focal points on {t}"),
    ("Biên soạn tài liệu hướng dẫn về {t}", "Guidance material on {t}"),
]
PARTNERS = [
    ("Sở Nội vụ", "Department of Home Affairs"),
    ("Trường Chính trị tỉnh", "Provincial Political School"),
    ("Sở Thông tin và Truyền thông", "Department of Information and Communications"),
    ("Học viện Hành chính Quốc gia", "National Academy of Public Administration"),
    ("Ủy ban nhân dân các huyện", "District People's Committees"),
    ("Một cơ quan công vụ nước ngoài (hư cấu)", "A foreign civil-service agency (fictional)"),
]
STATUSES = ["planned", "ongoing", "completed", "recurring"]


def _province(i: int) -> tuple[str, str]:
    return f"Tỉnh Mẫu {i:03d}", f"Sample Province {i:03d}"


def _date(rng: random.Random, year_from: int = 2019, year_to: int = 2025) -> str:
    return f"{rng.randint(year_from, year_to)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _activity(rng: random.Random, number: int, plan: int, tasks: int) -> dict:
    vi_p, en_p = _province(plan)
    topic = rng.choice(TOPICS)
    fmt = rng.choice(FORMATS)
    year = rng.randint(2019, 2025)
    people = rng.randint(20, 300)
    partner = rng.choice(PARTNERS)
    act: dict = {
        "id": f"bench-act-{number:05d}",
        "title": {
            "vi": f"{fmt[0].format(t=topic[0])} tại {vi_p} năm {year} (đợt {number % 7 + 1})",
            "en": f"{fmt[1].format(t=topic[1])} in {en_p}, {year} (round {number % 7 + 1})",
        },
        "text": {
            "vi": (f"Dữ liệu tổng hợp để đo hiệu năng, không có thật. {vi_p} tổ chức hoạt động cho khoảng {people} "
                   f"cán bộ, công chức cấp tỉnh và cấp huyện, tập trung vào {topic[0]}. Hoạt động phối hợp với "
                   f"{partner[0].lower()} và có phần trao đổi kinh nghiệm của các nước ASEAN; kết quả được báo cáo "
                   f"trong kế hoạch năm {year + 1}."),
            "en": (f"Synthetic benchmark data, not real. {en_p} held this activity for about {people} provincial and "
                   f"district civil servants, focused on {topic[1]}. It was run with the {partner[1]} and included an "
                   f"exchange of experience with ASEAN countries; results are reported in the {year + 1} plan."),
        },
        "framework": rng.choices(["local", "ministry", "accsm"], weights=[8, 1, 1])[0],
        "status": rng.choice(STATUSES),
    }
    kind = rng.random()
    if kind < 0.40:
        act["date"] = _date(rng, year, year)
    elif kind < 0.55:
        act["date"] = f"{year}-{rng.randint(1, 12):02d}"
    elif kind < 0.80:
        start = _date(rng, year, year)
        end = f"{min(year + rng.randint(0, 1), 2026)}-12-31"
        act["start"], act["end"] = start, end
    if rng.random() < 0.7:
        act["place"] = {"vi": f"Trung tâm hội nghị {vi_p}", "en": f"{en_p} conference centre"}
    if rng.random() < 0.8:
        act["lead"] = {"vi": f"Sở Nội vụ {vi_p}", "en": f"{en_p} Department of Home Affairs"}
    act["partners"] = [{"vi": p[0], "en": p[1]} for p in rng.sample(PARTNERS, rng.randint(0, 3))]
    if not act["partners"]:
        del act["partners"]
    act["serves"] = [f"bench-plan-{plan:03d}#task-{number % tasks + 1}", AREAS[number % len(AREAS)]]
    act["mapping"] = "official" if rng.random() < 0.2 else "editorial"
    if rng.random() < 0.6:
        act["rationale"] = {
            "vi": f"Hoạt động nâng cao năng lực của công chức về {topic[0]}; việc gắn với lĩnh vực ưu tiên là nhận định biên tập.",
            "en": f"The activity builds civil servants' capacity in {topic[1]}; the link to the priority area is an editorial reading.",
        }
    act["sources"] = [f"bench-source-{plan:03d}"]
    if rng.random() < 0.3:
        act["evidence"] = [{"title": {"vi": "Bản tin (tổng hợp)", "en": "News item (synthetic)"},
                            "url": f"https://example.org/bench/{act['id']}"}]
    return act


def synthetic_plans(total: int, seed: int = 2024) -> dict[str, dict]:
    """{file name: plan-file data} for ``total`` activities spread over N_PLANS local plans."""
    rng = random.Random(seed + total)
    files = {}
    number = 0
    for plan in range(1, N_PLANS + 1):
        vi_p, en_p = _province(plan)
        tasks = 3 + plan % 3
        source = {
            "id": f"bench-source-{plan:03d}",
            "publisher": {"vi": "Dữ liệu tổng hợp (đo hiệu năng)", "en": "Synthetic data (benchmark)"},
            "title": f"Nguồn tổng hợp số {plan:03d}, không có thật",
            "date": _date(rng, 2019, 2020),
            "note": {"vi": "Sinh tự động bởi scripts/benchmark.py.", "en": "Generated by scripts/benchmark.py."},
        }
        items = []
        for k in range(1, tasks + 1):
            topic = TOPICS[(plan + k) % len(TOPICS)]
            item = {
                "id": f"task-{k}", "kind": "task", "number": k,
                "title": {"vi": f"Tăng cường {topic[0]}", "en": f"Strengthen {topic[1]}"},
                "text": {
                    "vi": f"{vi_p} xây dựng và thực hiện các hoạt động về {topic[0]} cho cán bộ, công chức, viên chức "
                          f"trong giai đoạn 2019–2025, gắn với Đề án 1439 (dữ liệu tổng hợp).",
                    "en": f"{en_p} plans and carries out activities on {topic[1]} for its civil servants and public "
                          f"employees in 2019–2025, in line with Project 1439 (synthetic data).",
                },
            }
            if k % 2:
                item["deadline"] = f"{2020 + k}-12-31"
            items.append(item)
        count = total // N_PLANS + (1 if plan <= total % N_PLANS else 0)
        activities = []
        for _ in range(count):
            number += 1
            activities.append(_activity(rng, number, plan, tasks))
        document = {
            "id": f"bench-plan-{plan:03d}",
            "kind": "local-plan",
            "number": f"{plan:03d}/KH-UBND",
            "fictional": True,
            "title": {"vi": f"Kế hoạch của {vi_p} triển khai Đề án 1439 (dữ liệu tổng hợp đo hiệu năng)",
                      "en": f"{en_p}'s plan implementing Project 1439 (synthetic benchmark data)"},
            "short_title": {"vi": f"Kế hoạch {plan:03d} ({vi_p})", "en": f"Plan {plan:03d} ({en_p})"},
            "issuer": {"vi": f"Ủy ban nhân dân {vi_p} (hư cấu)", "en": f"People's Committee of {en_p} (fictional)"},
            "issued": _date(rng, 2019, 2020),
            "status": "example",
            "sources": [source["id"]],
            "relations": [{"type": "implements", "target": "qd-1439"}],
            "items": items,
        }
        mapping = {
            "from": f"bench-plan-{plan:03d}#task-1", "to": f"qd-1439#solution-{plan % 5 + 1}", "basis": "editorial",
            "rationale": {"vi": "Nhiệm vụ cụ thể hóa giải pháp của Đề án (dữ liệu tổng hợp).",
                          "en": "The task puts a solution of the Project into practice (synthetic data)."},
        }
        files[f"bench-plan-{plan:03d}.yml"] = {"sources": [source], "documents": [document], "mappings": [mapping], "activities": activities}
    return files


def make_project(dest: Path, activities: int) -> Path:
    """A copy of the project without generated pages, plus synthetic plans."""
    generated = set()
    manifest = ROOT / "content" / ".generated.json"
    if manifest.is_file():
        generated = {ROOT / "content" / p for p in json.loads(manifest.read_text(encoding="utf-8"))} | {manifest}
    dest.mkdir(parents=True)
    for name in COPY:
        src = ROOT / name
        if src.is_file():
            shutil.copy2(src, dest / name)
            continue

        def ignore(folder, names):
            return [n for n in names if n == "__pycache__" or Path(folder, n) in generated]
        shutil.copytree(src, dest / name, ignore=ignore)
    if activities:
        for name, data in synthetic_plans(activities).items():
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
            (dest / "plans" / name).write_text("# SYNTHETIC benchmark data written by scripts/benchmark.py; nothing here is real.\n" + text, encoding="utf-8")
    return dest


def reset_generated(project: Path) -> None:
    """Back to a fresh clone: no generated pages, no manifest."""
    manifest = project / "content" / ".generated.json"
    if manifest.is_file():
        for rel in json.loads(manifest.read_text(encoding="utf-8")):
            (project / "content" / rel).unlink(missing_ok=True)
        manifest.unlink()


# -- the floor: the same site without hooks -----------------------------------------

FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def make_floor(built: Path, dest: Path) -> Path:
    """Copy a project whose content/ holds generated pages, pre-fill every page as
    on_page_markdown would, and write mkdocs.floor.yml with `hooks: []` and the nav the
    hooks would have expanded."""
    from acsdocs import build as core
    from acsdocs.model import LANGS
    from acsdocs.render import fill_markers
    from acsdocs.text import slugify
    from mkdocs.utils.yaml import yaml_load

    shutil.copytree(built, dest, ignore=shutil.ignore_patterns("__pycache__", "site-*"))
    state = core.prepare(dest, strict=True)
    for lang in LANGS:
        base = dest / "content" / lang
        for page in sorted(base.rglob("*.md")):
            rel = page.relative_to(base).as_posix()
            text = page.read_text(encoding="utf-8")
            match = FRONT.match(text)
            meta, header, body = {}, "", text
            if match:
                loaded = yaml.safe_load(match.group(1))
                if isinstance(loaded, dict):
                    meta, header, body = loaded, text[: match.end()], text[match.end():].lstrip("\n")
            # As site_hooks.on_page_markdown: front matter text escaped, document pages boosted.
            escaped = {k: html.escape(v, quote=True) if isinstance(v, str) else v for k, v in meta.items()}
            if escaped.get("document") and "boost" not in (escaped.get("search") or {}):
                escaped["search"] = {**(escaped.get("search") or {}), "boost": 5}
            if escaped != meta:
                meta, header = escaped, "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False) + "---\n"
            body = fill_markers(body, state.site, lang, rel, meta)
            page.write_text(f"{header}{body}\n\n{state.abbr[lang]}\n", encoding="utf-8")
    with open(dest / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    config["hooks"] = []
    config.pop("watch", None)
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "toc" in ext:
            ext["toc"]["slugify"] = slugify
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                language["nav"] = core.expand_nav(language["nav"], state.pages[language["locale"]])
    (dest / "mkdocs.floor.yml").write_text(yaml.dump(config, Dumper=yaml.Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


# -- running and timing --------------------------------------------------------------

def run_child(cmd: list[str], cwd: Path, log_file: Path) -> dict:
    """Run one child; wall time, CPU time and peak RSS of that child alone (os.wait4)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(cwd / "hooks"), "PYTHONDONTWRITEBYTECODE": "1"}
    with open(log_file, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log_file.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n--- {log_file} ---\n{tail}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


# The full build runs through this wrapper: it times (CPU) each step the hooks call in the core,
# a few thousand clock reads in all, so the timed build is the real one.
TIMED_BUILD = """
import atexit, json, sys, time
out = sys.argv[1]
sys.argv = ["mkdocs"] + sys.argv[2:]
from acsdocs import build as core, render
totals = {}
def timed(module, name, top):
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            entry = totals.setdefault(name, {"calls": 0, "cpu": 0.0, "top": top})
            entry["calls"] += 1
            entry["cpu"] += time.process_time() - start
    setattr(module, name, wrapper)
for name in __STEPS__:
    timed(render if name == "fill_markers" else core, name, True)
for name in __SUBSTEPS__:
    timed(core, name, False)
atexit.register(lambda: open(out, "w").write(json.dumps(totals)))
from mkdocs.__main__ import cli
cli()
"""
# What the hooks call (site_hooks.py) and, inside prepare(), its main parts.
STEPS = ("prepare", "write_generated", "expand_nav", "fill_markers", "export_data", "write_redirects", "localise_search_index")
SUBSTEPS = ("load_or_raise", "generated_pages")


def build_cmd(config: str, site: Path, profile: Path | None = None, steps: Path | None = None) -> list[str]:
    args = ["build", "--strict", "-f", config, "-d", str(site)]
    if steps:
        code = TIMED_BUILD.replace("__STEPS__", repr(STEPS)).replace("__SUBSTEPS__", repr(SUBSTEPS))
        return [sys.executable, "-c", code, str(steps)] + args
    return [sys.executable] + (["-m", "cProfile", "-o", str(profile)] if profile else []) + ["-m", "mkdocs"] + args


VALIDATE = """
import json, sys, time
from pathlib import Path
from acsdocs.model import load_folder
times, cpu = [], []
for _ in range(int(sys.argv[1])):
    start, cpu_start = time.perf_counter(), time.process_time()
    site, problems = load_folder(Path("plans"), Path("."))
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - cpu_start)
print(json.dumps({"times": times, "cpu": cpu, "problems": [str(p) for p in problems], "activities": len(site.activities), "documents": len(site.documents)}))
"""


def validate(project: Path, runs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(project / "hooks")}
    out = subprocess.run([sys.executable, "-c", VALIDATE, str(runs)], cwd=project, env=env, capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    if data["problems"]:
        raise SystemExit("synthetic plans are not valid:\n" + "\n".join(data["problems"][:20]))
    return data


def measure(name: str, project: Path, runs: int, profile: bool) -> dict:
    log(f"[{name}] validating ...")
    checked = validate(project, runs)
    result = {"name": name, "activities": checked["activities"], "documents": checked["documents"],
              "validate": statistics.median(checked["cpu"]), "validate_wall": statistics.median(checked["times"]), "load": [os.getloadavg()[0]]}
    full, floor, steps = [], [], []
    floor_project = project.parent / f"{project.name}-floor"
    for run in range(runs):
        reset_generated(project)
        log(f"[{name}] full build {run + 1}/{runs} ...")
        steps_file = project.parent / f"{name}-steps-{run}.json"
        full.append(run_child(build_cmd("mkdocs.yml", project / "site-full", steps=steps_file), project, project.parent / f"{name}-full-{run}.log"))
        steps.append(json.loads(steps_file.read_text(encoding="utf-8")))
        log(f"[{name}]   {full[-1]['cpu']:.1f} s CPU, {full[-1]['wall']:.1f} s wall, {full[-1]['rss_mb']:.0f} MB, load {os.getloadavg()[0]:.1f}")
        result["load"].append(os.getloadavg()[0])
        if run == 0:  # in a child, so that it uses this copy's hooks/acsdocs
            log(f"[{name}] writing the floor project ...")
            run_child([sys.executable, str(Path(__file__).resolve()), "--make-floor", str(project), str(floor_project)], project,
                      project.parent / f"{name}-make-floor.log")
        log(f"[{name}] floor build {run + 1}/{runs} ...")
        floor.append(run_child(build_cmd("mkdocs.floor.yml", floor_project / "site-floor"), floor_project, project.parent / f"{name}-floor-{run}.log"))
        log(f"[{name}]   {floor[-1]['cpu']:.1f} s CPU, {floor[-1]['wall']:.1f} s wall, {floor[-1]['rss_mb']:.0f} MB, load {os.getloadavg()[0]:.1f}")
        result["load"].append(os.getloadavg()[0])
    for key, values in (("full", full), ("floor", floor)):
        result[key] = statistics.median(v["cpu"] for v in values)
        result[f"{key}_wall"] = statistics.median(v["wall"] for v in values)
        result[f"{key}_rss"] = max(v["rss_mb"] for v in values)
        result[f"{key}_runs"] = [round(v["cpu"], 1) for v in values]
    result["share"] = (result["full"] - result["floor"]) / result["full"]
    result["share_wall"] = (result["full_wall"] - result["floor_wall"]) / result["full_wall"]
    result["steps"] = {key: {"calls": steps[0][key]["calls"], "top": steps[0][key]["top"],
                             "cpu": statistics.median(s[key]["cpu"] for s in steps)} for key in steps[0]}
    result["steps_total"] = sum(v["cpu"] for v in result["steps"].values() if v["top"])
    site = project / "site-full"
    result["site"] = site
    result["pages"] = sum(1 for _ in site.rglob("index.html"))
    result["site_mb"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
    for lang, file in (("vi", "search_index.json"), ("en", "search_index.en.json")):
        data = (site / "search" / file).read_bytes()
        result[f"search_{lang}_raw"] = len(data) / 1024
        result[f"search_{lang}_gz"] = len(gzip.compress(data, GZIP_LEVEL)) / 1024
    area = (site / AREA_PAGE / "index.html").read_bytes()
    result["area_html_raw"] = len(area) / 1024
    if profile:
        log(f"[{name}] profiled full build ...")
        reset_generated(project)
        prof = project.parent / f"{name}-full.prof"
        timing = run_child(build_cmd("mkdocs.yml", project / "site-prof", prof), project, project.parent / f"{name}-prof.log")
        result["profile"] = summarise_profile(prof, timing["wall"])
        result["profile_path"] = prof
    return result


# -- profile summary ---------------------------------------------------------------------

def _area(filename: str) -> str:
    if "/hooks/acsdocs/templates/" in filename:
        return "acsdocs templates (Jinja)"
    if "/hooks/acsdocs/" in filename:
        return "acsdocs (Python)"
    if filename.endswith("site_hooks.py"):
        return "site_hooks.py"
    for package in ("mkdocs_static_i18n", "material", "mkdocs", "markdown", "pymdownx", "jinja2", "yaml", "markupsafe", "babel"):
        if f"/site-packages/{package}/" in filename:
            return package
    if filename.startswith("~") or "<built-in" in filename or filename.startswith("<"):
        return "builtins / C"
    return "other (stdlib ...)"


def summarise_profile(path: Path, wall: float) -> dict:
    stats = pstats.Stats(str(path))
    by_area: dict[str, float] = {}
    rows = []
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():
        by_area[_area(filename)] = by_area.get(_area(filename), 0.0) + tottime
        if "/hooks/" in filename:
            short = filename.split("/hooks/", 1)[1]
            rows.append({"where": f"{short}:{line}({func})", "calls": ncalls, "tottime": tottime, "cumtime": cumtime})
    total = sum(by_area.values())
    hooks = [r for r in rows if r["where"].startswith("site_hooks.py") and r["where"].split("(")[1].rstrip(")") in
             ("on_config", "on_page_markdown", "on_post_page", "_finish_site", "_keep_404_per_language", "on_pre_build")]
    return {
        "wall": wall,
        "total": total,
        "by_area": sorted(by_area.items(), key=lambda kv: -kv[1]),
        "top_cumulative": sorted(rows, key=lambda r: -r["cumtime"])[:25],
        "top_own": sorted(rows, key=lambda r: -r["tottime"])[:15],
        "hook_events": sorted(hooks, key=lambda r: -r["cumtime"]),
    }


# -- what a reader downloads --------------------------------------------------------------

class GzipHandler(http.server.BaseHTTPRequestHandler):
    """Serves a folder like a static host: index.html for folders, gzip for text."""

    protocol_version = "HTTP/1.1"
    root: Path = Path(".")
    served: list = []
    cache: dict = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        self._header_bytes = sum(len(b) for b in getattr(self, "_headers_buffer", [])) + 2
        super().end_headers()

    def do_GET(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.root):
            target = self.root / "missing"
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, self.root / "404.html"
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSIBLE)
        key = (target, zipped)
        if key not in self.cache:
            data = target.read_bytes()
            self.cache[key] = (len(data), gzip.compress(data, GZIP_LEVEL, mtime=0) if zipped else data)
        raw, body = self.cache[key]
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") or ctype.endswith("json") else ""))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        self.served.append({"path": path, "status": status, "raw": raw, "body": len(body), "headers": self._header_bytes})


def first_views(site: Path, paths: list[str]) -> dict:
    """Bytes transferred (gzip, empty cache) for each page's first view, per request."""
    from playwright.sync_api import sync_playwright

    handler = type("Handler", (GzipHandler,), {"root": site.resolve(), "served": [], "cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    views = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for path in paths:
                    handler.served.clear()
                    context = browser.new_context()
                    seen = []
                    context.on("request", lambda request, seen=seen: seen.append(request.url))
                    page = context.new_page()
                    page.goto(base + path, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(1000)  # the search worker fetches its index after load
                    context.close()
                    served = list(handler.served)
                    outside = [u for u in seen if not u.startswith(base) and u.startswith("http")]
                    total = sum(s["body"] + s["headers"] for s in served)
                    search = sum(s["body"] + s["headers"] for s in served if "/search/" in s["path"] and s["path"].endswith(".json"))
                    views[path] = {"requests": len(served), "kb": total / 1024, "search_kb": search / 1024,
                                   "without_search_kb": (total - search) / 1024, "raw_kb": sum(s["raw"] for s in served) / 1024,
                                   "outside": outside, "served": served}
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return views


# -- report ----------------------------------------------------------------------------------

def versions() -> dict:
    found = {"python": platform.python_version()}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Jinja2", "Markdown", "PyYAML", "playwright"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = "not installed"
    try:
        found["chromium"] = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found["chromium"] = "not found"
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", *COPY], capture_output=True, text=True, timeout=30).stdout.splitlines()
        found["revision"] = f"{head}" + (f" with uncommitted changes in {len(dirty)} file(s) of {', '.join(COPY)}" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        found["revision"] = "unknown"
    found["cpu_count"] = os.cpu_count()
    found["platform"] = platform.platform()
    return found


def _fmt_n(n: int) -> str:
    return "shipped" if n == 0 else f"{n:,}"


def tables(results: list[dict]) -> str:
    lines = [
        "| content | activities | pages | (a) full build, CPU s | (b) floor, CPU s | hooks' share (a-b)/a | (c) validation, CPU s | (a)/(c) | (a) / (b) wall, s | peak RSS (a) / (b), MB | runs of (a), CPU s | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        lines.append(f"| {r['label']} | {r['activities']:,} | {r['pages']:,} | {r['full']:.2f} | {r['floor']:.2f} | {r['share']:.0%} | "
                     f"{r['validate']:.3f} | {r['full'] / r['validate']:.0f}× | {r['full_wall']:.1f} / {r['floor_wall']:.1f} | {r['full_rss']:.0f} / {r['floor_rss']:.0f} | "
                     f"{', '.join(map(str, r['full_runs']))} | {statistics.median(r['load']):.1f} |")
    lines += [
        "",
        "| content | site, MB | area page HTML, KB | area page first view, KB gz (requests) | of it search index, KB | home first view, KB gz (requests) | search index vi, KB raw / gz | search index en, KB raw / gz |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        area, home = r["views"][AREA_PAGE], r["views"][""]
        lines.append(f"| {r['label']} | {r['site_mb']:.1f} | {r['area_html_raw']:.0f} | {area['kb']:.0f} ({area['requests']}) | {area['search_kb']:.0f} | "
                     f"{home['kb']:.0f} ({home['requests']}) | {r['search_vi_raw']:.0f} / {r['search_vi_gz']:.0f} | {r['search_en_raw']:.0f} / {r['search_en_gz']:.0f} |")
    return "\n".join(lines)


def steps_table(results: list[dict]) -> str:
    names = [n for n in STEPS + SUBSTEPS if any(n in r.get("steps", {}) for r in results)]
    head = "| step (CPU s, median) | " + " | ".join(r["label"] for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    for name in names:
        label = f"`{name}`" if name in STEPS else f"… of which `{name}`"
        cells = []
        for r in results:
            step = r.get("steps", {}).get(name)
            cells.append(f"{step['cpu']:.2f} ({step['calls']}×)" if step else "–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("| **hooks' steps, total** | " + " | ".join(f"**{r['steps_total']:.2f}** ({r['steps_total'] / r['full']:.0%} of (a))" for r in results) + " |")
    lines.append("| (a) − (b) | " + " | ".join(f"{r['full'] - r['floor']:.2f}" for r in results) + " |")
    return "\n".join(lines)


def targets(results: list[dict]) -> tuple[str, list]:
    by_size = {r["activities_wanted"]: r for r in results}
    shipped = by_size.get(0)
    sized = sorted(n for n in by_size if n)
    big = by_size.get(10000) or (by_size[sized[-1]] if sized else None)
    small = by_size.get(1000) or (by_size[sized[0]] if sized else None)
    big_label = "10k" if 10000 in by_size else (f"{big['activities_wanted']:,}" if big else "-")
    rows = []

    def add(name, value, text, limit, ok):
        rows.append((name, text if value is not None else "not measured", limit, "n/a" if value is None else ("pass" if ok else "**FAIL**")))

    if shipped:
        add("hooks' share of the build, shipped content", shipped["share"], f"{shipped['share']:.1%}", "≤ 15%", shipped["share"] <= TARGETS["hooks_shipped"])
    if big:
        add(f"hooks' share of the build at {big_label}", big["share"], f"{big['share']:.1%}", "≤ 25%", big["share"] <= TARGETS["hooks_10k"])
    if big and small and big is not small:
        ratio = big["full"] / small["full"]
        exact = 10000 in by_size and 1000 in by_size
        name = "t(10k)/t(1k), full build" if exact else f"t({big['activities_wanted']:,})/t({small['activities_wanted']:,}), full build (target is for 10k/1k)"
        add(name, ratio if exact else None, f"{ratio:.1f}", "≤ 11", ratio <= TARGETS["scaling"])
        if not exact:
            rows[-1] = (name, f"{ratio:.1f} (sizes differ from the target's)", "≤ 11", "n/a")
    if big:
        speed = big["full"] / big["validate"]
        add(f"build time / validation time at {big_label}", speed, f"{speed:.0f}×", "≥ 20×", speed >= TARGETS["validate_speedup"])
        area = big["views"][AREA_PAGE]
        add(f"area page first view at {big_label} (gzip, all requests)", area["kb"], f"{area['kb']:.0f} KB ({area['without_search_kb']:.0f} KB without the search index)",
            "≤ 150 KB", area["kb"] <= TARGETS["area_kb"])
        for lang in ("vi", "en"):
            size = big[f"search_{lang}_gz"]
            add(f"search index ({lang}) at {big_label}, gzip", size, f"{size:.0f} KB", "≤ 500 KB", size <= TARGETS["search_kb"])
    text = ["| target | measured | limit | result |", "|---|---:|---|---|"] + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(text), rows


def profile_section(results: list[dict]) -> str:
    profiled = [r for r in results if r.get("profile")]
    if not profiled:
        return ""
    out = []
    for r in profiled:
        prof = r["profile"]
        out += [f"### Profile of the full build, {r['label']} activities", "",
                f"`python -m cProfile -o ... -m mkdocs build --strict`: {prof['wall']:.1f} s under the profiler "
                f"(profiling slows Python-heavy code more than C code). Own time by package:", "",
                "| package | own time, s | share |", "|---|---:|---:|"]
        out += [f"| {name} | {secs:.2f} | {secs / prof['total']:.0%} |" for name, secs in prof["by_area"][:12]]
        out += ["", "Hook events (cumulative, both languages):", "", "| event | calls | cumulative, s |", "|---|---:|---:|"]
        out += [f"| `{h['where']}` | {h['calls']} | {h['cumtime']:.2f} |" for h in prof["hook_events"]]
        out += ["", "Hottest functions in hooks/ (cumulative):", "", "| function | calls | own, s | cumulative, s |", "|---|---:|---:|---:|"]
        out += [f"| `{h['where']}` | {h['calls']} | {h['tottime']:.2f} | {h['cumtime']:.2f} |" for h in prof["top_cumulative"][:20]]
        out.append("")
    return "\n".join(out)


def report(results: list[dict], env: dict, args, started: float) -> str:
    table = tables(results)
    target_table, _ = targets(results)
    ver = ", ".join(f"{k} {v}" for k, v in env.items() if k not in ("cpu_count", "platform", "chromium", "revision"))
    runs = f"median of {args.runs} runs each" if args.runs else \
        "median of 3 runs for the shipped content and sizes under 5,000 activities, 1 run for 5,000 and above (runs listed in the table)"
    return f"""# Build and page-weight benchmarks

Generated by `scripts/benchmark.py` on {dt.date.today().isoformat()}; do not edit by hand, run it again:

```sh
PYTHONPATH=hooks .venv/bin/python scripts/benchmark.py --sizes {','.join(str(n) for n in args.sizes)}{' --profile' if args.profile else ''}
```

Project revision: {env['revision']}.
Machine: {env['cpu_count']} CPUs (`os.cpu_count()`), {env['platform']}. Versions: {ver}; {env['chromium']}.
Whole run: {(time.perf_counter() - started) / 60:.1f} min; {runs}.

## What is measured

- **Content.** *shipped* is the repository's own plans. The sized rows add {N_PLANS} clearly synthetic
  plan files (`plans/bench-plan-001.yml` ..., fictional local plans of 3-5 tasks each, ids
  `bench-plan-NNN`, `bench-act-NNNNN`, `bench-source-NNN`) whose activities serve a task of their plan
  and one of the five asean-2021 priority areas, with text in Vietnamese and English. Each row
  is built in a temporary copy of the project, never in the working tree.
- **Times are CPU seconds** (user + system) of the process that builds or validates, not wall time:
  the build is single-threaded Python, and on a shared machine wall time mostly measures the
  neighbours (the load average during the runs is in the table; on an idle machine wall ≈ CPU).
  Wall times are listed too.
- **(a) full build**: `mkdocs build --strict` with the hooks, starting from a fresh clone (generated
  pages removed before each run), as a subprocess, interpreter start-up included.
- **(b) floor**: the same site with every generated page and every page's markers and abbreviations
  written out in advance, built with `hooks: []` (the navigation the hooks would expand and the
  heading slug function set in the config). (a)-(b) is what the hooks cost: loading and validating
  the plans, rendering the generated pages and the markers, and finishing the site (open data,
  redirects, localised search indexes).
- **(c) validation**: `acsdocs.model.load_folder` on `plans/`, timed inside the process (no interpreter start-up).
- **Peak RSS**: `ru_maxrss` of the build process (`os.wait4`).
- **First view**: Debian's chromium (Playwright) with an empty cache opens the page from a local
  server that gzips text (level {GZIP_LEVEL}) as a static host would; the total counts every response
  (headers and compressed body) the page caused, the search worker's index included. Material's
  search loads the whole index of the reader's language on every first page view. Area page:
  `/{AREA_PAGE}` (each synthetic activity serves one of the five areas, so it lists a fifth of them).
- **Search index**: `site/search/search_index.json` (vi) and `search_index.en.json` (en), gzip level {GZIP_LEVEL}.

## Results

{table}

Where the hooks' time goes, timed inside the full build (CPU seconds summed over both
languages' builds; `prepare` runs once per language and the second call is a cache hit;
`fill_markers` runs once per page, `expand_nav` once per language). The rest of (a) − (b) is
noise between runs and the hooks' own glue (front matter escaping, appending abbreviations):

{steps_table(results)}

## Targets

{target_table}

{profile_section(results)}"""


# -- main -----------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=None,
                        help="numbers of synthetic activities (default 1000,5000,10000; with --quick 200,1000)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each, no docs/benchmarks.md unless --output")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement, median reported (default 3 below 5,000 activities, 1 above)")
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped content")
    parser.add_argument("--profile", action="store_true", help="also run the largest size's full build under cProfile and summarise it")
    parser.add_argument("--output", type=Path, default=None, help="where to write the report (default docs/benchmarks.md; none with --quick)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and logs")
    parser.add_argument("--make-floor", nargs=2, type=Path, metavar=("BUILT", "DEST"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make_floor:
        make_floor(*args.make_floor)
        return 0
    args.sizes = args.sizes or ([200, 1000] if args.quick else [1000, 5000, 10000])
    output = args.output or (None if args.quick else ROOT / "docs" / "benchmarks.md")
    started = time.perf_counter()
    env = versions()
    work = Path(tempfile.mkdtemp(prefix="acsdocs-bench-"))
    log(f"working in {work}")
    results = []
    try:
        cases = ([] if args.no_shipped else [0]) + list(args.sizes)
        for n in cases:
            runs = args.runs or (1 if args.quick or n >= 5000 else 3)
            name = "shipped" if n == 0 else f"n{n}"
            project = make_project(work / name, n)
            result = measure(name, project, runs, profile=args.profile and n == max(cases) and n > 0)
            result["label"], result["activities_wanted"] = _fmt_n(n), n
            log(f"[{name}] browser ...")
            result["views"] = first_views(result["site"], ["", AREA_PAGE])
            results.append(result)
            if output:  # after each size, so that an interrupted run still leaves its results
                output.write_text(report(results, env, args, started).rstrip() + "\n", encoding="utf-8")
            log(f"[{name}] done: full {result['full']:.1f} s, floor {result['floor']:.1f} s (CPU), share {result['share']:.0%}, validate {result['validate']:.3f} s")
        text = report(results, env, args, started)
        print(text)
        for r in results:
            for path, view in r["views"].items():
                if view["outside"]:
                    log(f"warning: {r['label']} /{path} requested outside addresses: {view['outside']}")
        if output:
            output.write_text(text.rstrip() + "\n", encoding="utf-8")
            log(f"wrote {output}")
        for r in results:
            if r.get("profile_path") and args.keep:
                log(f"profile kept at {r['profile_path']}")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
