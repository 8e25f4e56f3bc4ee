"""An offline link checker for the built site: every internal link and anchor must resolve."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append(attrs[name])


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """'page -> link (why)' for every internal link or anchor that does not resolve.
    ``base_path`` is the URL path the site is served under (for absolute links)."""
    parsed: dict[Path, _Collector] = {}

    def get(path: Path) -> _Collector:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    problems = []
    for page in sorted(site.rglob("*.html")):
        url_dir = "/" + page.relative_to(site).parent.as_posix().strip(".") + "/"
        for link in get(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                if not path.startswith(base_path):
                    problems.append(f"{page.relative_to(site)} -> {link} (outside the site's path {base_path})")
                    continue
                target_url = "/" + path[len(base_path):]
            else:
                target_url = posixpath.normpath(posixpath.join(url_dir, path)) + ("/" if path.endswith("/") or not path else "")
            target = site / target_url.lstrip("/")
            if not path:
                target = page
            elif target_url.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{page.relative_to(site)} -> {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in get(target).ids:
                problems.append(f"{page.relative_to(site)} -> {link} (no anchor '{parts.fragment}')")
    return problems
