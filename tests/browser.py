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


@contextmanager
def serve(directory: Path, prefix: str = ""):
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the base URL.
    With ``prefix`` ('/repo/'), the site is served under that sub-path like a project page."""
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
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix or '/'}"
    finally:
        server.shutdown()
        server.server_close()
