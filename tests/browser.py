"""Helpers for the browser tests: a local static server and Debian's chromium via Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without these flags chromium tries Google's services at start; the network here is closed.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class _PagesHandler(_QuietHandler):
    """As GitHub Pages answers a missing address: status 404 with the site root's 404.html,
    whatever the address (a missing /en/… page included)."""

    not_found_page: Path | None = None

    def send_error(self, code, message=None, explain=None):
        page = self.not_found_page
        if code != 404 or page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(directory: Path, prefix: str = "", pages_404: bool = False):
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the base URL.
    With ``prefix`` ('/repo/'), the site is served under that sub-path like a project page.
    With ``pages_404``, a missing address gets the root's 404.html, as GitHub Pages does."""
    root = directory
    if prefix:
        holder = directory.parent / f"{directory.name}-served"
        target = holder / prefix.strip("/")
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.symlink_to(directory, target_is_directory=True)
            except FileExistsError:  # another test worker made it first
                pass
        root = holder
    handler_class = type("Handler", (_PagesHandler,), {"not_found_page": directory / "404.html"}) if pages_404 else _QuietHandler
    handler = functools.partial(handler_class, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix or '/'}"
    finally:
        server.shutdown()
        server.server_close()
