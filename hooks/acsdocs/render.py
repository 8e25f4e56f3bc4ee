"""Render the plans model into Markdown: generated pages and the markers in content pages.

Every value from the data passes through ``md_escape`` (Jinja's finalize), so YAML text
can never become markup, a link or an attribute. Templates live in ``templates/``.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from .model import Site
from .text import format_date, html_escape, md_escape, page_url

TEMPLATES = Path(__file__).parent / "templates"
MARKER = re.compile(r"^<!--\s*acs:(?P<name>[a-z-]+)(?P<args>(?:\s+[a-z]+=[^\s]+)*)\s*-->\s*$", re.M)
ASEAN_KINDS = ("asean-declaration",)


class MarkerError(ValueError):
    """A marker in a content page that cannot be filled (unknown name, missing document)."""


@cache
def strings() -> dict:
    return yaml.safe_load((TEMPLATES / "strings.yml").read_text(encoding="utf-8"))


def safe_url(value: str) -> Markup:
    """An address from data (already checked against the schema's http(s)/path pattern),
    with the characters that could end a Markdown link or an attribute percent-encoded."""
    for char, code in (("(", "%28"), (")", "%29"), ("[", "%5B"), ("]", "%5D"), ("*", "%2A"), ("_", "%5F"), ("`", "%60")):
        value = value.replace(char, code)
    return Markup(value.replace("&", "&amp;"))


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return md_escape(value)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # with finalize below: data is escaped for Markdown, macros stay Markup
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.ChainableUndefined,
    )
    env.filters["h"] = html_escape
    env.filters["md"] = md_escape
    env.filters["raw"] = Markup  # only for ids (validated by pattern) and values built here
    env.filters["url"] = safe_url
    return env


class Renderer:
    """Renders for one language and one page; links are relative to that page."""

    def __init__(self, site: Site, lang: str, page: str = "index.md"):
        self.site = site
        self.lang = lang
        self.page = page
        self.index = _reverse_index(site)

    # -- text and links -------------------------------------------------------
    def t(self, text: dict | None) -> str:
        """The text in this language; the other language only when this one is missing
        (validation has already warned about it)."""
        if not text:
            return ""
        if text.get(self.lang):
            return text[self.lang]
        other = text.get("vi" if self.lang == "en" else "en", "")
        return f"[{self._('untranslated_field')}] {other}" if other else ""

    def _(self, key: str) -> str:
        return strings()[key][self.lang]

    def label(self, vocab: str, key: str) -> str:
        return self.site.label(vocab, key, self.lang)

    def date(self, value: str | None) -> str:
        return format_date(value, self.lang)

    def href(self, target: str, anchor: str = "") -> Markup:
        """A relative URL from this page to ``target`` (a page path ending in .md)."""
        rel = posixpath.relpath(target, posixpath.dirname(self.page) or ".") if target != self.page else ""
        return Markup(rel + (f"#{anchor}" if anchor else ""))

    def doc_page(self, doc_id: str) -> str:
        page = self.site.documents[doc_id].get("page")
        return f"{page}.md" if page else f"plans/{doc_id}.md"

    def item_href(self, ref: str) -> Markup:
        doc_id, _, item_id = ref.partition("#")
        return self.href(self.doc_page(doc_id), item_id)

    def area_page(self, ref: str) -> str | None:
        item = self.site.items.get(ref)
        if item and item["kind"] == "priority-area":
            doc_id, _, item_id = ref.partition("#")
            return f"areas/{doc_id}/{item_id}.md"
        return None

    def item_name(self, ref: str) -> str:
        """'Giải pháp 3 (1439/QĐ-TTg)': short, for lists and tables."""
        item = self.site.items[ref]
        doc = self.site.item_doc(ref)
        label = self.label("item_kinds", item["kind"])
        number = f" {item['number']}" if "number" in item else ""
        return f"{label}{number}: {self.t(item['title'])} ({self.doc_short(doc)})"

    def doc_short(self, doc: dict) -> str:
        return doc.get("number") or self.t(doc.get("short_title")) or self.t(doc["title"])

    def activity_page(self, act: dict) -> str:
        return f"plans/{act['serves'][0].partition('#')[0]}.md"

    def activity_href(self, act: dict) -> Markup:
        return self.href(self.activity_page(act), f"act-{act['id']}")

    def source_href(self, source_id: str) -> Markup:
        return self.href("sources.md", f"source-{source_id}")

    def activity_when(self, act: dict) -> str:
        if act.get("date"):
            return self.date(act["date"])
        if act.get("start") or act.get("end"):
            return f"{self.date(act.get('start')) or '…'} – {self.date(act.get('end')) or '…'}"
        return ""

    def citation_head(self, doc: dict) -> str:
        """How a citation names the document, in the administrative style of each language:
        'Quyết định số 1439/QĐ-TTg ngày 29/10/2018 của Thủ tướng Chính phủ'."""
        issued = self.date(doc.get("issued"))
        kind = self.label("document_kinds", doc["kind"])
        if not doc.get("number"):
            title = self.t(doc["title"])
            return f"{title} ({issued})" if issued else title
        if self.lang == "vi":
            return f"{kind.split(' của ')[0]} số {doc['number']}{' ngày ' + issued if issued else ''} của {self.t(doc['issuer'])}"
        return f"{kind} No. {doc['number']}{' of ' + issued if issued else ''}"

    # -- rendering ------------------------------------------------------------
    def render(self, template: str, **context) -> str:
        env = environment()
        return env.get_template(template).render(r=self, site=self.site, lang=self.lang, _=self._, **context)


def _reverse_index(site: Site) -> dict:
    """Who points at each item: mappings, activities, materials. Computed once per site."""
    cached = getattr(site, "_index", None)
    if cached is not None:
        return cached
    index = {
        "mapped_to": defaultdict(list),    # item -> mappings whose `to` is it
        "mapped_from": defaultdict(list),  # item -> mappings whose `from` is it
        "activities": defaultdict(list),   # item -> activities serving it
        "materials": defaultdict(list),    # item -> materials serving it
        "figure_rows": defaultdict(list),  # item -> (figure, row)
        "doc_activities": defaultdict(list),
        "doc_figures": defaultdict(list),
    }
    for m in site.mappings:
        index["mapped_to"][m["to"]].append(m)
        index["mapped_from"][m["from"]].append(m)
    for act in site.activities:
        for ref in act["serves"]:
            index["activities"][ref].append(act)
        index["doc_activities"][act["serves"][0].partition("#")[0]].append(act)
    for mat in site.materials:
        for ref in mat["serves"]:
            index["materials"][ref].append(mat)
    for fig in site.figures:
        index["doc_figures"][fig["document"].partition("#")[0]].append(fig)
        for row in fig["rows"]:
            if "item" in row:
                index["figure_rows"][row["item"]].append((fig, row))
    site._index = index
    return index


# -- generated pages -----------------------------------------------------------

def generated_pages(site: Site, lang: str) -> dict[str, str]:
    """Every generated page of one language: {path relative to the language root: Markdown}."""
    pages: dict[str, str] = {}
    areas = [ref for ref, item in site.items.items() if item["kind"] == "priority-area"]
    pages["areas/index.md"] = Renderer(site, lang, "areas/index.md").render("areas_index.md.j2", areas=areas)
    for ref in areas:
        path = Renderer(site, lang).area_page(ref)
        pages[path] = Renderer(site, lang, path).render("area.md.j2", ref=ref, item=site.items[ref])
    pages["plans/index.md"] = Renderer(site, lang, "plans/index.md").render("plans_index.md.j2")
    for doc_id, doc in site.documents.items():
        path = f"plans/{doc_id}.md"
        pages[path] = Renderer(site, lang, path).render("plan.md.j2", doc=doc, charts=charts(site, doc_id))
    pages["compare/index.md"] = Renderer(site, lang, "compare/index.md").render("compare_index.md.j2")
    for doc_id, doc in site.documents.items():
        if doc.get("items"):
            path = f"compare/{doc_id}.md"
            pages[path] = Renderer(site, lang, path).render("compare.md.j2", doc=doc)
    pages["timeline.md"] = Renderer(site, lang, "timeline.md").render("timeline.md.j2", events=timeline(site))
    pages["matrix.md"] = Renderer(site, lang, "matrix.md").render("matrix.md.j2")
    pages["materials.md"] = Renderer(site, lang, "materials.md").render("materials.md.j2")
    return pages


def untranslated_page(site: Site, lang: str, path: str, other: str) -> str:
    """The notice shown where a hand-written page exists only in the other language.
    The link is a plain relative URL: Markdown links do not cross languages."""
    here, there = (page_url(path, code) for code in (lang, other))
    target = posixpath.relpath(there or ".", here or ".") + "/"
    return Renderer(site, lang, path).render("untranslated.md.j2", other=other, target=Markup(target.replace("//", "/")))


def charts(site: Site, doc_id: str) -> list[dict]:
    """Bars for the dashboard: one chart per figure, one bar per (item, framework)."""
    statuses = list(site.vocab["statuses"])
    result = []
    for fig in _reverse_index(site)["doc_figures"].get(doc_id, []):
        bars = []
        for row in fig["rows"]:
            counts = row.get("counts", {})
            segments = [(s, counts[s]) for s in statuses if counts.get(s)]
            bars.append({"row": row, "segments": segments, "total": row["total"],
                         "unstated": max(row["total"] - sum(counts.values()), 0)})
        scale = max([max(b["total"], sum(n for _, n in b["segments"])) for b in bars] + [1])
        result.append({"figure": fig, "bars": bars, "scale": scale, "statuses": statuses})
    return result


def timeline(site: Site) -> list[dict]:
    """Dated milestones from all documents, activities and reports, oldest first."""
    events = []
    for doc_id, doc in site.documents.items():
        if doc.get("issued"):
            events.append({"date": doc["issued"], "type": "document", "doc": doc})
        for item in doc.get("items", []):
            for key in ("date", "deadline"):
                if item.get(key):
                    events.append({"date": item[key], "type": key, "ref": f"{doc_id}#{item['id']}"})
    for act in site.activities:
        when = act.get("date") or act.get("start")
        if when:
            events.append({"date": when, "type": "activity", "act": act})
    for fig in site.figures:
        events.append({"date": fig["date"], "type": "figure", "fig": fig})
    order = {"document": 0, "figure": 1, "activity": 2, "date": 3, "deadline": 4}
    return sorted(events, key=lambda e: (e["date"], order[e["type"]]))


# -- markers in content pages ----------------------------------------------------

def fill_markers(markdown: str, site: Site, lang: str, page: str, meta: dict) -> str:
    """Replace each ``<!-- acs:name key=value -->`` line with its rendering."""
    renderer = Renderer(site, lang, page)

    def document() -> dict:
        doc_id = meta.get("document")
        if not doc_id:
            raise MarkerError(f"{page}: this marker needs the page's document; add `document: <id>` to the front matter")
        if doc_id not in site.documents:
            raise MarkerError(f"{page}: unknown document '{doc_id}' in front matter; known: {', '.join(site.documents)}")
        return site.documents[doc_id]

    def replace(match: re.Match) -> str:
        name = match["name"]
        args = dict(arg.split("=", 1) for arg in match["args"].split())
        if name == "attributes":
            return renderer.render("attributes.md.j2", doc=document())
        if name == "items":
            doc = document()
            kind = args.get("kind")
            items = [i for i in doc.get("items", []) if kind is None or i["kind"] == kind]
            if not items:
                raise MarkerError(f"{page}: document '{doc['id']}' has no items of kind '{kind}'")
            return renderer.render("items.md.j2", doc=doc, items=items, level=int(args.get("level", 3)))
        if name == "sources":
            ids = page_sources(site, meta)
            return renderer.render("sources.md.j2", ids=ids)
        if name == "documents":
            return renderer.render("documents.md.j2")
        if name == "figure-totals":
            figures = {f["id"]: f for f in site.figures}
            if args.get("id") not in figures:
                raise MarkerError(f"{page}: acs:figure-totals needs id=<figure id>; known: {', '.join(figures)}")
            return renderer.render("figure_totals.md.j2", fig=figures[args["id"]])
        if name == "glossary":
            return renderer.render("glossary.md.j2")
        if name == "source-list":
            return renderer.render("source_list.md.j2")
        raise MarkerError(f"{page}: unknown marker 'acs:{name}'; known: attributes, items, sources, documents, figure-totals, glossary, source-list")

    return MARKER.sub(replace, markdown)


def page_sources(site: Site, meta: dict) -> list[str]:
    """The sources a page cites: its document's, its items', and its front matter's."""
    ids = list(meta.get("sources") or [])
    doc = site.documents.get(meta.get("document", ""))
    if doc:
        ids += doc["sources"]
        for item in doc.get("items", []):
            ids += item.get("sources", [])
    unknown = [i for i in ids if i not in site.sources]
    if unknown:
        raise MarkerError(f"unknown source id(s) in front matter: {', '.join(unknown)}; known: {', '.join(site.sources)}")
    return list(dict.fromkeys(ids))


def abbreviations(site: Site, lang: str) -> str:
    """Glossary terms as Markdown abbreviations, so the theme shows them as tooltips."""
    lines = []
    for term in site.glossary:
        if term.get("tooltip", True) is False:
            continue
        word = term[lang]
        other = term["en" if lang == "vi" else "vi"]
        meaning = (term.get("definition") or {}).get(lang, "")
        tip = f"{other}: {meaning}" if meaning else other
        lines.append(f"*[{word}]: {' '.join(tip.split())}")
    return "\n".join(lines)


def redirect_page(target: str, lang: str) -> str:
    """A tiny HTML page that sends readers of an old address to the new one, keeping
    the item anchor. ``target`` is a relative URL built from validated ids."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return env.get_template("redirect.html.j2").render(target=target, lang=lang, title=strings()["moved"][lang])
