"""Content pages as people wrote them: read, check front matter and markers, fill markers.

A marker is a line ``<!-- acs:name key=value -->`` that the build replaces with a
rendering of the data (the attribute block of a document, its items, …). Every check
here runs before anything is written, in the same pass as the checks of plans/."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ERROR, WARNING, Problem
from .render import Renderer
from .schema import closest, describe, did_you_mean
from .yamlevents import kind_of
from .yamlfile import CONTROL, load_text, read_text_file

MARKER = re.compile(r"^<!--\s*acs:(?P<name>[a-z-]+)(?P<args>(?:\s+[a-z]+=[^\s]+)*)\s*-->\s*$")
LOOSE = re.compile(r"<!--\s*acs\b|<!--\s*[a-z-]*:(?:attributes|items|sources|documents|figure-totals|glossary|source-list)\b", re.I)
# marker name -> {argument: kind of value}
MARKERS = {"attributes": {}, "items": {"kind": "item_kinds", "level": "level"}, "sources": {}, "documents": {},
           "figure-totals": {"id": "figure"}, "glossary": {}, "source-list": {}, "subscribe": {}}
NEEDS_DOCUMENT = ("attributes", "items")
META_TEXT = ("title", "description", "document")
# Front matter keys that the hooks or the theme read; another key close to one is a typo.
META_KNOWN = META_TEXT + ("sources", "search", "template", "hide", "icon", "status", "subtitle", "tags")


@dataclass
class Marker:
    line: int
    name: str
    args: dict


@dataclass
class ContentPage:
    lang: str
    path: str  # relative to the language folder: 'decision-896.md'
    shown: str  # as messages show it: 'content/vi/decision-896.md'
    front: str  # the front matter block as written (with its --- lines), or ''
    body: str
    body_line: int  # line number of the body's first line
    meta: dict = field(default_factory=dict)
    meta_lines: object = None  # the Loaded front matter, for line numbers
    markers: list = field(default_factory=list)


def read_page(source: Path, lang: str, path: str, shown: str) -> tuple[ContentPage | None, list[Problem]]:
    text, problems = read_text_file(source, shown)
    if text is None:
        return None, problems
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))  # as saved on Windows or Unix: one site
    for number, line in enumerate(text.split("\n"), start=1):
        if control := CONTROL.search(line):
            problems.append(Problem(shown, number, control.start() + 1, f"the page holds {kind_of(control.group(0))}, which no page, feed or calendar may carry; delete it and retype the text around it", ERROR, "file"))
    front, body, body_line, meta, loaded = "", text, 1, {}, None
    if re.match(r"---[ \t]*\n", text) and not re.match(r"---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", text, re.S):
        problems.append(Problem(shown, 1, 1, "the front matter opened on this line is never closed; add a line `---` after its last `key: value` line", ERROR, "front-matter"))
    match = re.match(r"---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", text, re.S)
    if match:
        front, body = match.group(0), text[match.end():]
        body_line = front.count("\n") + 1
        loaded, found = load_text(match.group(1) or "", shown, first_line=2)
        problems += found
        meta = loaded.data if loaded and isinstance(loaded.data, dict) else {}
        if loaded and not isinstance(loaded.data, dict):
            problems.append(Problem(shown, 2, 1, f"front matter should be `key: value` lines; got {describe(loaded.data)}", code="front-matter"))
    page = ContentPage(lang, path, shown, front, body, body_line, meta, loaded)
    problems += _check_meta(page)
    if not body.strip():
        problems.append(Problem(shown, body_line, 1, "the page has no text; write its content or delete the file", WARNING, "empty"))
    problems += _unclosed_fence(body, body_line, shown)
    for number, line in enumerate(body.split("\n"), start=body_line):
        found = MARKER.match(line)
        if found:
            args = [a.split("=", 1) for a in found["args"].split()]
            names = [name for name, _ in args]
            for twice in sorted({name for name in names if names.count(name) > 1}):
                problems.append(Problem(shown, number, 1, f"the argument '{twice}' is given more than once; keep one", ERROR, "marker"))
            page.markers.append(Marker(number, found["name"], dict(args)))
        elif LOOSE.search(line):
            problems.append(Problem(shown, number, 1, "this looks like a marker but is not one; a marker is alone on its line, e.g. `<!-- acs:items kind=task -->`", ERROR, "marker"))
    return page, problems


def _unclosed_fence(body: str, first_line: int, shown: str) -> list[Problem]:
    """A code fence left open turns the rest of the page into code."""
    opened = None
    for number, line in enumerate(body.split("\n"), start=first_line):
        fence = re.match(r"\s{0,3}(`{3,}|~{3,})", line)
        if fence and opened is None:
            opened = (number, fence.group(1))
        elif fence and fence.group(1)[0] == opened[1][0] and len(fence.group(1)) >= len(opened[1]) and not line.strip()[len(fence.group(1)):].strip():
            opened = None
    if opened is None:
        return []
    return [Problem(shown, opened[0], 1, f"the code block opened here with {opened[1]} is never closed, so the rest of the page shows as code; close it with a line {opened[1]}", WARNING, "markdown")]


def where(page: ContentPage, key: str, at_key: bool = False) -> tuple[str, int, int]:
    line, col = page.meta_lines.where((key,), key=at_key) if page.meta_lines else (1, 1)
    return page.shown, line, col


def _check_meta(page: ContentPage) -> list[Problem]:
    problems = []
    for key in META_TEXT:
        if key in page.meta and not isinstance(page.meta[key], str):
            problems.append(Problem(*where(page, key), f"'{key}' should be text; got {describe(page.meta[key])}; example: {key}: Quyết định 1439", code="front-matter"))
    sources = page.meta.get("sources")
    if sources is not None and not (isinstance(sources, list) and all(isinstance(s, str) for s in sources)):
        problems.append(Problem(*where(page, "sources"), f"'sources' should be a list of source ids; got {describe(sources)}; example: sources: [s001]", code="front-matter"))
    for key in (k for k in page.meta if k not in META_KNOWN and closest(k, META_KNOWN)):
        problems.append(Problem(*where(page, key, at_key=True), f"front matter key '{key}' is read by nothing{did_you_mean(key, META_KNOWN)}", WARNING, "front-matter"))
    search = page.meta.get("search")
    if search is not None and not _search_setting(search):
        problems.append(Problem(*where(page, "search"), f"'search' should be `search: {{exclude: true}}` (leave the page out of search) or `search: {{boost: 2}}` (rank it higher); got {describe(search)}", code="front-matter"))
    return problems


def _search_setting(value) -> bool:
    """Material's per-page search settings: a mapping of `exclude` (true/false) and `boost` (a number)."""
    return isinstance(value, dict) and set(value) <= {"exclude", "boost"} and isinstance(value.get("exclude", False), bool) \
        and isinstance(value.get("boost", 1), (int, float)) and not isinstance(value.get("boost", 1), bool)


def check_page(page: ContentPage, site) -> list[Problem]:
    """The checks that need the data: the page's document, sources and marker arguments."""
    problems = []
    doc_id = page.meta.get("document")
    if isinstance(doc_id, str) and doc_id not in site.documents:
        problems.append(Problem(*where(page, "document"), f"unknown document '{doc_id}'{did_you_mean(doc_id, site.documents)}; known: {', '.join(site.documents)}", code="reference"))
    sources = page.meta.get("sources")
    for sid in sources if isinstance(sources, list) else []:
        if isinstance(sid, str) and sid not in site.sources:
            problems.append(Problem(*where(page, "sources"), f"unknown source '{sid}'{did_you_mean(sid, site.sources)}; use an id from plans/sources.yml", code="reference"))
    for marker in page.markers:
        problems += _check_marker(page, marker, site)
    return problems


def _check_marker(page: ContentPage, marker: Marker, site) -> list[Problem]:
    where = (page.shown, marker.line, 1)
    spec = MARKERS.get(marker.name)
    if spec is None:
        return [Problem(*where, f"unknown marker 'acs:{marker.name}'{did_you_mean(marker.name, MARKERS)}; known: {', '.join(MARKERS)}", code="marker")]
    problems = []
    doc = site.documents.get(page.meta.get("document")) if isinstance(page.meta.get("document"), str) else None
    if marker.name in NEEDS_DOCUMENT and "document" not in page.meta:
        problems.append(Problem(*where, f"acs:{marker.name} needs the page's document; add `document: <id>` to the front matter", code="marker"))
    for key, value in marker.args.items():
        kind = spec.get(key)
        if kind is None:
            problems.append(Problem(*where, f"acs:{marker.name} has no argument '{key}'; allowed: {', '.join(spec) or 'none'}", code="marker"))
        elif kind == "level" and value not in ("1", "2", "3", "4", "5", "6"):
            problems.append(Problem(*where, f"level must be a heading level from 1 to 6; got '{value}'; example: level=3", code="marker"))
        elif kind == "figure" and value not in {f["id"] for f in site.figures}:
            problems.append(Problem(*where, f"unknown figure '{value}'; known: {', '.join(f['id'] for f in site.figures)}", code="marker"))
        elif kind == "item_kinds" and doc is not None and not any(i["kind"] == value for i in doc.get("items", [])):
            hint = "" if value in site.vocab["item_kinds"] else did_you_mean(value, site.vocab["item_kinds"])
            problems.append(Problem(*where, f"document '{doc['id']}' has no items of kind '{value}'{hint}", code="marker"))
    if marker.name == "figure-totals" and "id" not in marker.args:
        problems.append(Problem(*where, "acs:figure-totals needs id=<figure id>", code="marker"))
    if marker.name == "items" and doc is not None and not doc.get("items"):
        problems.append(Problem(*where, f"document '{doc['id']}' has no items to list; add items to it or remove the marker", code="marker"))
    return problems


def fill(page: ContentPage, renderer: Renderer) -> str:
    """The page's Markdown with every marker replaced by its rendering (markers are checked)."""
    lines = page.body.split("\n")
    for marker in reversed(page.markers):
        lines[marker.line - page.body_line] = _render_marker(page, marker, renderer).rstrip("\n")
    return page.front + "\n".join(lines)


def _render_marker(page: ContentPage, marker: Marker, r: Renderer) -> str:
    site, args = r.site, marker.args
    doc = site.documents.get(page.meta.get("document", ""))
    if marker.name == "attributes":
        return r.render("attributes.md.j2", doc=doc)
    if marker.name == "items":
        items = [i for i in doc.get("items", []) if args.get("kind") in (None, i["kind"])]
        return r.render("items.md.j2", doc=doc, items=items, level=int(args.get("level", 3)))
    if marker.name == "sources":
        return r.render("sources.md.j2", ids=page_sources(site, page.meta))
    if marker.name == "figure-totals":
        return r.render("figure_totals.md.j2", fig=next(f for f in site.figures if f["id"] == args["id"]))
    return r.render(f"{marker.name.replace('-', '_')}.md.j2")


def page_sources(site, meta: dict) -> list[str]:
    """The sources a page cites: its document's, its items', and its front matter's."""
    ids = [s for s in meta.get("sources") or [] if s in site.sources]
    doc = site.documents.get(meta.get("document", ""))
    if doc:
        ids += doc["sources"]
        for item in doc.get("items", []):
            ids += item.get("sources", [])
    return list(dict.fromkeys(ids))
