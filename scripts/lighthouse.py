"""Lighthouse (mobile, performance category) of a page, in Debian's chromium: for scripts/benchmark.py
and by hand. Lighthouse is not a dependency of the site: install it from the npm registry into any
folder (`npm install lighthouse`) and name its command with the LIGHTHOUSE variable, or put it on PATH.

    LIGHTHOUSE=<folder>/node_modules/.bin/lighthouse PYTHONPATH=hooks .venv/bin/python scripts/lighthouse.py site areas/asean-2021/pa-1/

lighthouse(url) -> {"score", "tbt_ms", "dom_nodes", "lcp_ms", "fcp_ms", "version", "reason": None}; when
Lighthouse is not installed (or fails) the figures are None and "reason" says why. With runs > 1, each
figure is the median of the runs (Lighthouse's score moves by a few points from run to run), and
"scores" lists every run's score. The command line serves a built site as a static host that gzips
text (scripts/pageweight.py's GzipHandler), so the page is measured as a reader would get it."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
FIGURES = {"tbt_ms": "total-blocking-time", "dom_nodes": "dom-size", "lcp_ms": "largest-contentful-paint", "fcp_ms": "first-contentful-paint"}


def find_lighthouse(binary: str | os.PathLike | None = None) -> str | None:
    """The Lighthouse command: ``binary``, else $LIGHTHOUSE, else `lighthouse` on PATH."""
    candidate = str(binary or os.environ.get("LIGHTHOUSE") or "lighthouse")
    return shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)


def _missing(reason: str) -> dict:
    return {"score": None, **dict.fromkeys(FIGURES), "version": None, "reason": reason}


def figures(report: dict) -> dict:
    """The figures of one Lighthouse JSON report (score 0-1, times in ms, DOM elements)."""
    audits = report.get("audits", {})
    found = {key: (audits.get(audit) or {}).get("numericValue") for key, audit in FIGURES.items()}
    return {"score": (report.get("categories", {}).get("performance") or {}).get("score"), **found,
            "version": report.get("lighthouseVersion"), "reason": None}


def run_once(url: str, command: str, chrome: str, timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [command, url, "--quiet", "--only-categories=performance", "--form-factor=mobile", "--output=json",
               f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS} --user-data-dir={Path(tmp) / 'profile'}"]
        try:
            done = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return _missing(f"lighthouse did not run: {exc}")
        if done.returncode or not out.is_file():
            return _missing(f"lighthouse exited {done.returncode}: {(done.stderr or done.stdout).strip()[-500:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return _missing(f"lighthouse: {report['runtimeError'].get('message')}")
    return figures(report)


def lighthouse(url: str, binary: str | os.PathLike | None = None, runs: int = 1, chrome: str | None = None, timeout: float = 300) -> dict:
    """Lighthouse mobile performance of ``url``: the median of ``runs`` runs (see the module's doc)."""
    command = find_lighthouse(binary)
    if command is None:
        return _missing("Lighthouse is not installed: `npm install lighthouse` in a folder, then set LIGHTHOUSE to its node_modules/.bin/lighthouse")
    chrome = chrome or os.environ.get("CHROME_PATH") or CHROMIUM
    if not Path(chrome).is_file():
        return _missing(f"no browser at {chrome} (set CHROME_PATH)")
    results = [run_once(url, command, chrome, timeout) for _ in range(max(1, runs))]
    good = [r for r in results if r["score"] is not None]
    if not good:
        return results[-1]
    median = {key: statistics.median(r[key] for r in good if r[key] is not None) if any(r[key] is not None for r in good) else None
              for key in ("score", *FIGURES)}
    return {**median, "version": good[0]["version"], "reason": None, "scores": [r["score"] for r in good]}


def serve_and_measure(site: Path, page: str, runs: int = 1, binary: str | None = None) -> dict:
    """Serve the built ``site`` as a gzipping static host and measure ``page`` (a path under it)."""
    import http.server
    import threading

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pageweight import GzipHandler

    handler = type("Handler", (GzipHandler,), {"root": Path(site).resolve(), "served": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return lighthouse(f"http://127.0.0.1:{server.server_address[1]}/{page.lstrip('/')}", binary, runs)
    finally:
        server.shutdown()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("page", help="a page under it, e.g. areas/asean-2021/pa-1/")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lighthouse", help="the Lighthouse command (default: $LIGHTHOUSE, then PATH)")
    args = parser.parse_args(argv)
    result = serve_and_measure(args.site, args.page, args.runs, args.lighthouse)
    print(json.dumps(result, indent=1))
    return 0 if result["score"] is not None else 1


if __name__ == "__main__":
    sys.exit(main())
