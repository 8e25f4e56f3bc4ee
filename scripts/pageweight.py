"""What a reader downloads: a static host that gzips text (level 6), Debian's chromium with an
empty cache; and the site's size and search indexes. Used by scripts/benchmark.py, lighthouse.py
and search_benchmark.py."""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
import time
import urllib.parse
from pathlib import Path

GZIP_LEVEL = 6
AREA_PAGE = "areas/asean-2021/pa-1/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
