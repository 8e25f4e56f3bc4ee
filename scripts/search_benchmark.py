"""Measure the site search at scale: index size per language, the first view of an area page,
and what a reader downloads and waits for before the first result, for the two routes of
docs/search-decision.md.

    PYTHONPATH=hooks .venv/bin/python scripts/search_benchmark.py [--sizes 0,1000,5000,10000] [--output FILE]

For each size, a temporary copy of the project gets the synthetic plans of scripts/synthetic.py
and is built once (`mkdocs build`, not strict: the synthetic dates draw warnings) with Material's section index kept beside the
Pagefind bundle, so both routes are measured on the same pages:

  (a) Material's search: its whole per-language index, which Material's worker downloads before
      any result (here with accent-folded title and text for every language, as route (a) needs),
      gzip level 6;
  (b) Pagefind (what ships): bytes of the first view of an area page (no search data), then, in
      a fresh browser with a 4x CPU throttle, the bytes of search data fetched and the time from
      the last key typed to the first result shown, for a few queries per language, typed key
      by key after opening the box (TYPING).

The served site gzips text as a static host would (scripts/benchmark.py's GzipHandler). Nothing
in the project is modified. `measure_site()` is what scripts/benchmark.py can call on a site it
built (with ACSDOCS_KEEP_MATERIAL_INDEX=1 set for the build to also measure route (a)).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "hooks"))

import benchmark  # noqa: E402  (scripts/benchmark.py: synthetic plans, the gzip server, chromium flags)
from acsdocs import search  # noqa: E402
from acsdocs.text import fold  # noqa: E402

QUERIES = {  # per language: a document number, a phrase, an item, words apart in a title, an abbreviation, a typo
    0: ["1439", "chuyen doi so", "khung nang luc", "dao tao boi duong", "lanh dao chuyen doi", "ccvc", "quyet dinhh 896"],
    1: ["1439", "digital government", "competency framework", "training", "ministry of home affairs", "moha", "secretariet"],
}
SYNTHETIC_QUERY = {0: "tinh mau 042", 1: "sample province 042"}
AREA_PAGE = "areas/asean-2021/pa-1/"
THROTTLE = 4
TYPING = {"before_ms": 400, "per_key_ms": 120}  # a phone user typing; timed from the last key


def languages() -> tuple[list[str], str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    default = next(e["locale"] for e in i18n["languages"] if e.get("default") == "true")
    return [default] + [e["locale"] for e in i18n["languages"] if e["locale"] != default], default


def material_sizes(site: Path, langs: list[str], default: str) -> dict:
    """Route (a): Material's per-language index as its worker downloads it, gzip level 6."""
    source = site / search.MATERIAL_INDEX
    if not source.is_file():
        return {}
    index = json.loads(source.read_text(encoding="utf-8"))
    for split in sorted(source.parent.glob("search_index.*.json")):
        index["docs"] += json.loads(split.read_text(encoding="utf-8")).get("docs", [])
    out = {}
    for lang in langs:
        docs = [dict(d) for d in index["docs"] if search.language_of(d.get("location", ""), langs, default) == lang]
        for d in docs:
            d["folded_title"] = fold(search.plain(d.get("title", "")))
            d["folded_text"] = fold(search.plain(d.get("text", "")))
        data = json.dumps({**{k: v for k, v in index.items() if k != "docs"}, "docs": docs}, ensure_ascii=False, separators=(",", ":")).encode()
        out[lang] = {"sections": len(docs), "raw_kb": len(data) / 1024, "gz_kb": len(gzip.compress(data, 6)) / 1024}
    return out


def _server(site: Path):
    handler = type("Handler", (benchmark.GzipHandler,), {"root": site.resolve(), "served": [], "cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler, f"http://127.0.0.1:{server.server_address[1]}/"


def _kb(served: list, only=lambda path: True) -> float:
    """Bytes sent (body and headers) for the requests whose path passes ``only``."""
    return sum(size for path, size in served if only(path)) / 1024


def browser_measures(site: Path, langs: list[str], default: str, synthetic: bool) -> dict:
    """Route (b) in chromium: first view of an area page; per query, search bytes and time."""
    from playwright.sync_api import sync_playwright

    server, handler, base = _server(site)
    out: dict = {"first_view": {}, "queries": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=benchmark.CHROMIUM, args=benchmark.CHROMIUM_ARGS)
            try:
                for n, lang in enumerate(langs):
                    prefix = "" if lang == default else f"{lang}/"
                    handler.served.clear()
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(base + prefix + AREA_PAGE, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(500)
                    out["first_view"][lang] = {"kb": _kb(handler.served), "requests": len(handler.served),
                                               "search_kb": _kb(handler.served, lambda p: "/pagefind/" in p or "/search/" in p)}
                    context.close()
                    queries = QUERIES.get(n, QUERIES[1]) + ([SYNTHETIC_QUERY.get(n, SYNTHETIC_QUERY[1])] if synthetic else [])
                    for query in queries:
                        context = browser.new_context()
                        page = context.new_page()
                        page.goto(base + prefix + AREA_PAGE, wait_until="load")
                        page.wait_for_load_state("networkidle")
                        cdp = context.new_cdp_session(page)
                        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
                        handler.served.clear()
                        page.locator("label.md-search__icon, .md-search__input").first.click()
                        box = page.locator("input.md-search__input")
                        page.wait_for_timeout(TYPING["before_ms"])  # a reader starts typing a moment after opening the box
                        box.press_sequentially(query[:-1], delay=TYPING["per_key_ms"])
                        page.wait_for_timeout(TYPING["per_key_ms"])
                        start = time.perf_counter()
                        box.press(query[-1])
                        # the results of the whole query, not of a part typed before
                        page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q",
                                               arg=query.strip(), timeout=60000)
                        elapsed = time.perf_counter() - start
                        first = page.eval_on_selector(".md-search-result__item a", "a => a.getAttribute('href')") if page.locator(".md-search-result__item").count() else None
                        out["queries"].setdefault(lang, []).append({
                            "query": query, "first_result_s": round(elapsed, 3), "first": first,
                            "search_kb": round(_kb(handler.served, lambda p: "/pagefind/" in p), 1),
                            "requests": sum(1 for path, _ in handler.served if "/pagefind/" in path)})
                        context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def measure_site(site: Path, synthetic: bool = False) -> dict:
    langs, default = languages()
    return {"material": material_sizes(site, langs, default), "pagefind": search.index_sizes(site, langs),
            **browser_measures(site, langs, default, synthetic)}


def build(project: Path, dest: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks"), "ACSDOCS_KEEP_MATERIAL_INDEX": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(dest)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=3600)
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return time.perf_counter() - start


def report(results: dict) -> str:
    langs, _ = languages()
    lines = ["| activities | build, s | (a) Material index per language, KB gz | (b) Pagefind entry per language, KB gz | (b) area page first view, KB gz (search KB) | (b) search data before first result, KB gz (max) | (b) first result at 4x CPU throttle, s (max) |",
             "| ---: | ---: | --- | --- | --- | --- | --- |"]
    for size, r in results.items():
        a = ", ".join(f"{lang} {r['material'][lang]['gz_kb']:.0f}" for lang in langs if lang in r["material"])
        b = ", ".join(f"{lang} {r['pagefind'][lang]['entry_gz'] / 1024:.0f}" for lang in langs if lang in r["pagefind"])
        fv = ", ".join(f"{lang} {v['kb']:.0f} ({v['search_kb']:.0f})" for lang, v in r["first_view"].items())
        kb = ", ".join(f"{lang} {max(q['search_kb'] for q in qs):.0f}" for lang, qs in r["queries"].items())
        secs = ", ".join(f"{lang} {max(q['first_result_s'] for q in qs):.2f}" for lang, qs in r["queries"].items())
        lines.append(f"| {size:,} | {r['build_s']:.0f} | {a} | {b} | {fv} | {kb} | {secs} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",") if x != ""], default=[0, 1000, 5000, 10000])
    parser.add_argument("--output", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory(prefix="acs-search-bench-") as tmp:
        for size in args.sizes:
            project = benchmark.make_project(Path(tmp) / f"project-{size}", size)
            site = Path(tmp) / f"site-{size}"
            benchmark.log(f"building {size} activities ...")
            seconds = build(project, site)
            benchmark.log(f"  built in {seconds:.0f} s; measuring")
            results[size] = {"build_s": seconds, **measure_site(site, synthetic=size > 0)}
            benchmark.log(json.dumps(results[size], ensure_ascii=False))
    print(report(results))
    if args.output:
        args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
