"""What acsdocs.links checks a page by: its ids (headings, `{#id}`, raw HTML) and its links
(`<a href>`, `<img src>`), read from the element tree Python-Markdown makes of it with the
site's own extensions, as MkDocs makes it. One result, from whichever source has it first:

- the conversion MkDocs makes to build the page (``Recorder``, a Markdown extension the hooks
  add): `mkdocs build` converts each page once, for the page and for the checks;
- earlier results in ``.cache/scans.json``, keyed by the page's text and the Markdown setup
  (versions included), so that validate converts only the pages that changed;
- a conversion of its own (validate, the preview), stopped at the element tree.

No MkDocs here."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import markdown
import yaml
from markdown import htmlparser
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import htmlpolicy
from .text import slugify

FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as mkdocs.utils.meta
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
SKIPPED = ("abbr", "markdown.extensions.abbr")
ABBR_DEFINITION = re.compile(r"^[*]\[([^\\]*?)\][ ]?:[ ]*\n?[ ]*(.*)$", re.M)  # as markdown.extensions.abbr
CACHE_NAME = "scans.json"
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Scan:
    anchors: frozenset
    links: tuple  # (url, 'a' or 'img'), in the page's order
    unsafe: tuple = ()  # (attribute, value) of handlers and addresses a page may not hold

    def data(self) -> list:
        return [sorted(self.anchors), [list(x) for x in self.links], [list(x) for x in self.unsafe]]

    @classmethod
    def of(cls, data: list) -> Scan:
        anchors, found, unsafe = data
        pairs = lambda rows: tuple((str(a), str(b)) for a, b in rows)  # noqa: E731
        return cls(frozenset(str(a) for a in anchors), pairs(found), pairs(unsafe))


def body_of(text: str) -> str:
    """A page's Markdown as MkDocs converts it (mkdocs.utils.meta.get_data): without its YAML
    front matter when that reads as a mapping, else without MultiMarkdown `Key: value` lines
    at its top (which MkDocs takes as meta-data, not text)."""
    front = FRONT.match(text)
    if front:
        try:
            data = yaml.load(front.group(1), SafeLoader)
        except Exception:  # noqa: BLE001 - MkDocs converts the whole text then
            return text
        return text[front.end():].lstrip("\n") if isinstance(data, dict) else text
    lines, key = text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), None
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break
        if META_RE.match(line):
            key = True
        elif not (META_MORE_RE.match(line) and key):
            lines.insert(0, line)
            break
    return "\n".join(lines).lstrip("\n")


def as_converted(body: str) -> str:
    """The text MkDocs converts: mkdocs-static-i18n hands each page on split into lines and
    joined again (str.splitlines: U+2028 and U+2029 end a line too; the last newline goes)."""
    return "\n".join(body.splitlines())


LINKING = {"a": "href", "img": "src"}


class _Ids(Treeprocessor):
    def run(self, root):
        ids = self.md.acs_ids
        for e in root.iter():
            if e.attrib:
                ids.add(e.get("id"))
                if e.tag == "a":
                    ids.add(e.get("name"))
        ids.discard(None)
        ids.discard("")


class _Links(Treeprocessor):
    def run(self, root):
        links, unsafe = self.md.acs_links, self.md.acs_unsafe
        for e in root.iter():
            if not e.attrib:
                continue
            key = LINKING.get(e.tag)
            if key and e.get(key) is not None:
                links.append((e.get(key), e.tag))
            unsafe += [(name, value) for name, value in e.items()
                       if name.lower().startswith("on") or (name in htmlpolicy.URL_ATTRIBUTES and htmlpolicy.unsafe_address(value))]


_MAY_NAME = re.compile(r"\b(?:id|name)\s*=", re.IGNORECASE)  # what raw HTML that names an anchor must hold


class _RawIds(Preprocessor):
    def run(self, lines):
        text = "\n".join(lines)
        if _MAY_NAME.search(text):  # most pages hold no such attribute: nothing to parse
            parser = _IdParser()
            parser.feed(text)
            parser.close()
            self.md.acs_ids |= parser.ids
        return lines


class _IdParser(htmlparser.htmlparser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set = set()

    def handle_starttag(self, tag, attrs):
        self.ids |= {v for k, v in attrs if v and (k == "id" or (k == "name" and tag == "a"))}


def register(md: markdown.Markdown) -> None:
    """The readers, at the same places in every Markdown that scans (links before MkDocs'
    `relpath` at 0 rewrites them, ids after `toc` at 5 gives headings theirs)."""
    register_state(md)
    md.preprocessors.register(_RawIds(md), "acs_raw_ids", 21)
    md.treeprocessors.register(_Ids(md), "acs_ids", 5)
    md.treeprocessors.register(_Links(md), "acs_links", 0)


def result(md: markdown.Markdown) -> Scan:
    return Scan(frozenset(md.acs_ids), tuple(md.acs_links), tuple(md.acs_unsafe))


class _Keep(Treeprocessor):
    def __init__(self, md, recorder):
        super().__init__(md)
        self.recorder = recorder

    def run(self, root):
        self.recorder.last = result(self.md)


class Recorder(Extension):
    """Appended to MkDocs' `markdown_extensions` by the hooks: the page MkDocs has just
    converted, as a Scan, for ``Scanner.record``."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.last: Scan | None = None

    def extendMarkdown(self, md):
        register(md)
        md.treeprocessors.register(_Keep(md, self), "acs_keep", -1000)

    def take(self) -> Scan | None:
        last, self.last = self.last, None
        return last


def setup_key(extensions: tuple, configs: dict) -> str:
    """The Markdown setup as a stable text (callables by name, not by address), with the
    versions of what parses and of this module: a change in any of them changes every key."""
    versions = [package_version(name) for name in ("Markdown", "pymdown-extensions")] + [hashlib.sha256(Path(__file__).read_bytes()).hexdigest()]
    named = lambda o: f"{getattr(o, '__module__', '')}.{getattr(o, '__qualname__', type(o).__name__)}"  # noqa: E731
    return json.dumps([list(extensions), configs, versions], default=named, sort_keys=True)


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


class Scanner:
    """One Python-Markdown set up as the site's (toc ids by acsdocs.text.slugify, as the hooks set)."""

    def __init__(self, extensions: tuple, configs: dict, store: Path | None = None):
        configs = {name: dict(value) for name, value in configs.items()}
        configs.setdefault("toc", {})["slugify"] = slugify
        self.key = setup_key(tuple(extensions), configs)
        # abbr only wraps words in <abbr> (no id, no link) and costs most of a conversion;
        # its definitions are taken out of the text instead (ABBR_DEFINITION)
        extensions = [e for e in extensions if e not in SKIPPED]
        self.md = markdown.Markdown(extensions=extensions, extension_configs={k: v for k, v in configs.items() if k not in SKIPPED})
        register(self.md)
        self.kept: dict = {}  # digest -> Scan, this process (by digest: no second copy of every page's text)
        self.store, self.stored = store, _read(store)  # digest -> data, from earlier runs
        self.converted = 0

    def record(self, body: str, scan: Scan) -> None:
        """What MkDocs made of a page (its Markdown without front matter)."""
        self.kept[self.digest(as_converted(body))] = scan

    def scan(self, text: str) -> Scan:
        body = as_converted(body_of(text))
        key = self.digest(body)
        found = self.kept.get(key)
        if found is None:
            found = self._stored(key) or self._convert(body)
            if len(self.kept) > 50_000:
                self.kept.clear()
            self.kept[key] = found
        return found

    def _stored(self, key: str) -> Scan | None:
        data = self.stored.get(key)
        try:
            return Scan.of(data) if data is not None else None
        except (TypeError, ValueError):  # a damaged cache is a miss
            return None

    def _convert(self, body: str) -> Scan:
        """Markdown.convert up to the element tree: the tree is never written out as HTML."""
        md, self.converted = self.md, self.converted + 1
        md.reset()
        register_state(md)
        lines = ABBR_DEFINITION.sub("", body).split("\n")
        for prep in md.preprocessors:
            lines = prep.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        for treeprocessor in md.treeprocessors:
            root = treeprocessor.run(root) or root
        return result(md)

    def digest(self, body: str) -> str:
        return hashlib.sha256(f"{self.key}\0{body}".encode("utf-8", "surrogatepass")).hexdigest()

    def save(self) -> None:
        """Every scan of this run, for the next (a cache: a folder that cannot take it is skipped)."""
        if self.store is None or not self.kept:
            return
        data = {key: scan.data() for key, scan in self.kept.items()}
        out = None
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.store.parent, prefix=".scans.", delete=False) as out:
                out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))  # dumps: the C encoder
            os.replace(out.name, self.store)
        except (OSError, ValueError):
            if out is not None:
                Path(out.name).unlink(missing_ok=True)


def register_state(md: markdown.Markdown) -> None:
    md.acs_ids, md.acs_links, md.acs_unsafe = set(), [], []


def _read(store: Path | None) -> dict:
    try:
        data = json.loads(store.read_text(encoding="utf-8")) if store is not None else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_scanners: dict = {}  # settings.checks_key() -> Scanner
_last: list = [None, None]  # the settings last asked for and their scanner: every page of a build asks


def scanner_for(settings) -> Scanner:
    if _last[0] is settings:
        return _last[1]
    key = settings.checks_key()
    if key not in _scanners:
        _scanners.clear()
        _scanners[key] = Scanner(*settings.markdown, store=settings.stage.parent / CACHE_NAME)
    _last[:] = [settings, _scanners[key]]
    return _scanners[key]


def save_all() -> None:
    """The scans of this process's run (none made: the file is left as it was)."""
    for scanner in _scanners.values():
        scanner.save()


def forget() -> None:
    """Let go of every scanner and its scans (the build, once its link check is done)."""
    _scanners.clear()
    _last[:] = [None, None]
