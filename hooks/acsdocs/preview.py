"""`mkdocs serve` only: what a rebuild can take from the last good build, and a search index
that follows the pages instead of holding them up. Nothing here runs in `mkdocs build`.

A rebuild under `mkdocs serve` renders every page of every language again, although one save
changes a few pages. Three things are kept between rebuilds, each by everything it depends on:
what Markdown made of a page (site_hooks), the page's HTML from the theme (`reuse_pages`), and
the search plugin's sections of the page (`reuse_sections`). The search index itself is written
after the pages are served (`LaterIndex`): the preview shows the last index until the new one
is ready, a few seconds later. No MkDocs import: the objects are duck-typed."""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path

from . import search


class Kept:
    """Values of the last good build, by key. A build takes what it needs and keeps what it
    took or made; only a build that ended well replaces what is kept, so a failed one keeps the
    last good one's. A key holds everything its value depends on."""

    def __init__(self):
        self.last: dict = {}
        self.now: dict = {}

    def get(self, key):
        value = self.last.get(key)
        if value is not None:
            self.now[key] = value
        return value

    def put(self, key, value) -> None:
        self.now[key] = value

    def done(self, ok: bool) -> None:
        if ok:
            self.last = self.now
        self.now = {}


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def nav_shape(items) -> tuple:
    """Every entry of the navigation with its title and address, nested: a page's navigation
    HTML is a function of this and of which page is current."""
    return tuple((type(item).__name__, str(item.title or ""), getattr(item, "url", None), nav_shape(getattr(item, "children", None) or ()))
                 for item in items)


def toc_shape(toc) -> tuple:
    """A page's table of contents as data: (id, title, level, children) of every entry."""
    return tuple((link.id, str(link.title), link.level, toc_shape(link.children)) for link in toc or ())


class _ReusedTemplate:
    """A page template whose `render` gives the HTML of the last build for the same key."""

    def __init__(self, template, key_of, kept: Kept):
        self._template, self._key_of, self._kept = template, key_of, kept

    def render(self, *args, **kwargs):
        context = dict(*args, **kwargs)
        key = self._key_of(context)
        output = self._kept.get(key) if key is not None else None
        if output is None:
            output = self._template.render(context)
            if key is not None:
                self._kept.put(key, output)
        return output

    def __getattr__(self, name):
        return getattr(self._template, name)


def reuse_pages(env, key_of, kept: Kept) -> None:
    """Page templates (asked for by name alone, not from another template) reuse their output
    when ``key_of(context)`` is the same as in the last good build; None renders as usual."""
    get_template = env.get_template

    def get(name, parent=None, globals=None):
        template = get_template(name, parent, globals)
        return _ReusedTemplate(template, key_of, kept) if parent is None and globals is None else template

    env.get_template = get


def reuse_sections(index, kept: Kept) -> None:
    """The search plugin's sections of a page (``index``: its SearchIndex), by the page's HTML."""
    add = index.add_entry_from_context

    def add_entry_from_context(page):
        key = ("sections", page.url, digest(page.content or ""), repr(page.meta.get("search")), toc_shape(page.toc))
        entries = kept.get(key)
        if entries is None:
            before = len(index.entries)
            add(page)
            kept.put(key, index.entries[before:])
        else:
            index.entries.extend(entries)

    index.add_entry_from_context = add_entry_from_context


class LaterIndex:
    """The preview's search index, written while the preview already serves the new pages.

    `start` puts the last finished index in place at once (searches still work, a save behind),
    then writes the new one in a thread and swaps it in. A new build first `stop`s an unfinished
    one (its index would be out of date anyway)."""

    def __init__(self):
        self.keep: Path | None = None  # the last finished index, outside the served folder (a rebuild empties that)
        self.thread: threading.Thread | None = None
        self.stopped = threading.Event()
        self.service = None

    def start(self, site_dir: Path, keep: Path, langs: list[str], default: str, on_error, syllables=()) -> None:
        self.keep = keep
        index = search.read_sections(site_dir)
        if index is None:
            return
        if self.keep.is_dir() and not (site_dir / search.BUNDLE).exists():
            shutil.copytree(self.keep, site_dir / search.BUNDLE)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._write, args=(site_dir, index, (langs, default, syllables), on_error, self.stopped), daemon=True)
        self.thread.start()

    def _write(self, site_dir: Path, index: dict, languages: tuple, on_error, stopped: threading.Event) -> None:
        fresh = self.keep.with_name(self.keep.name + ".new")

        def started(service):
            self.service = service
            if stopped.is_set():
                service.kill()

        try:
            shutil.rmtree(fresh, ignore_errors=True)
            langs, default, syllables = languages
            search.write_bundle(fresh, index, langs, default, started, syllables)
            if stopped.is_set():
                return
            shutil.rmtree(self.keep, ignore_errors=True)
            fresh.rename(self.keep)
            _swap_in(self.keep, site_dir / search.BUNDLE)
        except (RuntimeError, OSError, ValueError) as exc:
            if not stopped.is_set():
                on_error(f"The preview's search index could not be built: {exc}")

    def stop(self) -> None:
        """Stop an unfinished index (before the next build empties the served folder)."""
        if self.thread is None:
            return
        self.stopped.set()
        if self.service is not None:
            self.service.kill()
        self.thread.join(timeout=60)
        self.thread = self.service = None


def _swap_in(source: Path, target: Path) -> None:
    """A copy of ``source`` replaces ``target`` in one rename (a search never sees half an index)."""
    staged, old = target.with_name(f".{target.name}.new"), target.with_name(f".{target.name}.old")
    for leftover in (staged, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(source, staged)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)
