"""Render the plans model into Markdown: the generated pages and the markers of content pages.

Every value from the data passes through one escaping step on its way to a page:
``md_escape`` (Jinja's finalize) in Markdown, ``|h`` in raw HTML, ``|yaml`` in front matter
(where the hooks escape the title once for the theme). Templates live in ``templates/``;
interface words and date formats come from ``words.Words``."""

from __future__ import annotations

import json
import posixpath
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import agencies as agencies_mod
from . import cite, computed
from . import relations as relations_mod
from .model import Site
from .text import html_escape, md_escape, page_url
from .words import Words


def safe_url(value: str) -> Markup:
    """An address from data (already checked against the schema's http(s)/path pattern),
    with the characters that could end a Markdown link or an attribute percent-encoded."""
    for char, code in (("(", "%28"), (")", "%29"), ("[", "%5B"), ("]", "%5D"), ("*", "%2A"), ("_", "%5F"), ("`", "%60"),
                       ("<", "%3C"), (">", "%3E"), ('"', "%22"), ("'", "%27"), (" ", "%20")):
        value = value.replace(char, code)
    return Markup(value.replace("&", "&amp;"))


def yaml_text(value) -> Markup:
    """A plain-text value for front matter: a double-quoted YAML scalar (JSON is valid YAML)."""
    return Markup(json.dumps(" ".join(str(value).split()), ensure_ascii=False))


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return md_escape(value)


def script_json(data) -> Markup:
    """JSON for a <script type="application/json"> element: as Jinja's tojson, nothing in it can
    end the element or read as markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, code)
    return Markup(text)


@lru_cache(maxsize=4)
def environment(templates: Path) -> jinja2.Environment:
    """One environment per templates folder, kept across builds: Jinja recompiles a
    template only when its file changed, so edits show under `mkdocs serve`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,  # with finalize below: data is escaped for Markdown, macros stay Markup
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.ChainableUndefined,
        auto_reload=True,
        optimized=False,  # constant folding buys nothing in these templates and costs 15% of compiling them
    )
    env.filters["h"] = html_escape
    env.filters["md"] = md_escape
    env.filters["raw"] = Markup  # only for ids (validated by pattern) and values built here
    env.filters["url"] = safe_url
    env.filters["yaml"] = yaml_text
    return env


@lru_cache(maxsize=1 << 14)
def _relpath(target: str, folder: str) -> str:
    """posixpath.relpath for two paths relative to the same root, without touching the
    working directory (relpath makes both absolute): pages link to each other often."""
    return posixpath.relpath("/" + target, "/" + folder)


class Renderer:
    """Renders for one language and one page; links are relative to that page."""

    FOLD_OVER = 50  # a list of more activities than this shows each year's as a closed <details> (still all in the HTML)

    def __init__(self, site: Site, words: Words, lang: str, page: str = "index.md", templates: Path | None = None):
        self.site = site
        self.words = words
        self.lang = lang
        self.page = page
        self.index = site.index
        self.templates = templates or Path(__file__).parent / "templates"
        self.today = agencies_mod.build_date()

    def at(self, page: str) -> Renderer:
        return Renderer(self.site, self.words, self.lang, page, self.templates)

    # -- text and links -------------------------------------------------------
    def t(self, text: dict | None) -> str:
        """The text in this language; another language's, marked, only when this one is
        missing (validation has already warned about it). Source ids in it become their names."""
        value = self._text(text)
        return cite.name_sources(value, self.site, self._source_name, self.lang) if value else value

    def t_in(self, text: dict | None, lang: str) -> str:
        """The text in a given language (side-by-side pages), source ids named in that language."""
        return Renderer(self.site, self.words, lang, self.page, self.templates).t(text)

    def _text(self, text: dict | None) -> str:
        if not text:
            return ""
        if text.get(self.lang):
            return text[self.lang]
        other = next((text[code] for code in self.site.langs if text.get(code)), "")
        return f"[{self._('untranslated_field')}] {other}" if other else ""

    def _source_name(self, publisher: dict | None, date: str | None) -> str:
        name = self._text(publisher)
        return self._("source_name").format(publisher=name, date=self.date(date)) if date else name

    def _(self, key: str) -> str:
        return self.words.get(key, self.lang)

    def lang_name(self, code: str) -> str:
        return self.words.lang_name(code, self.lang)

    def languages(self, codes: str) -> str:
        """'vi+en' -> 'Tiếng Việt, tiếng Anh' in this page's language."""
        return ", ".join(self.lang_name(code) for code in codes.split("+"))

    def label(self, vocab: str, key: str) -> str:
        return self.site.label(vocab, key, self.lang)

    def date(self, value: str | None) -> str:
        return self.words.date(value, self.lang)

    def href(self, target: str, anchor: str = "") -> Markup:
        """A relative URL from this page to ``target`` (a page path ending in .md)."""
        rel = _relpath(target, posixpath.dirname(self.page)) if target != self.page else ""
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
        """'Giải pháp 3 (1439/QĐ-TTg)': short, for lists and tables; a whole document by its name."""
        if "#" not in ref:
            return self.doc_short(self.site.documents[ref])
        item = self.site.items[ref]
        label = self.label("item_kinds", item["kind"])
        number = f" {item['number']}" if "number" in item else ""
        return f"{label}{number}: {self.t(item['title'])} ({self.doc_short(item.doc)})"

    def doc_short(self, doc) -> str:
        return doc.get("number") or self.t(doc.get("short_title")) or self.t(doc["title"])

    def activity_page(self, act) -> str:
        return f"plans/{act['serves'][0].partition('#')[0]}.md"

    def activity_href(self, act) -> Markup:
        return self.href(self.activity_page(act), f"act-{act['id']}")

    # -- agencies and progress ---------------------------------------------------
    def agency_page(self, agency_id: str) -> str:
        return f"agencies/{agency_id}.md"

    def agency_name(self, agency_id: str) -> str:
        agency = self.site.agencies.get(agency_id)
        return self.t(agency["name"]) if agency else agency_id

    def status(self, record) -> str | None:
        """The current status: the latest history entry's, else the one written."""
        return agencies_mod.current_status(record)

    def overdue(self, record) -> bool:
        return agencies_mod.overdue(self.site, record, self.today)

    def item_records(self, doc, items) -> list:
        return [self.site.items[f"{doc['id']}#{item['id']}"] for item in items]

    def flagged(self) -> list:
        return computed.flagged(self.site, self.today)

    def any_overdue(self, records) -> bool:
        return any(self.overdue(record) for record in records)

    def as_of(self) -> computed.AsOf:
        """The date the site's computed flag is computed as of, and what that date is."""
        return computed.as_of(self.templates)

    def overdue_rule(self) -> str:
        """The flag's rule with its as-of date, in this page's language."""
        return computed.rule(self.words, self.lang, self.as_of())

    def due(self, record) -> str | None:
        return agencies_mod.due(record)

    def responsibilities(self, agency_id: str) -> dict:
        return agencies_mod.responsibilities(self.site, agency_id)

    def record_href(self, record) -> Markup:
        """Where an item or an activity is shown."""
        if record.section == "items":
            return self.item_href(record.ref)
        return self.activity_href(record)

    def record_name(self, record) -> str:
        return self.item_name(record.ref) if record.section == "items" else self.t(record["title"])

    def root_href(self, target: str) -> Markup:
        """A relative link from this page to a file at the site's root (raw HTML only:
        MkDocs checks Markdown links against pages, and these files are not pages)."""
        here = page_url(self.page, self.lang, self.site.langs[0])
        return Markup("../" * here.count("/") + target)

    def page_href(self, target: str) -> Markup:
        """A relative URL (not a .md path) from this page to a page of this language, for
        raw HTML such as an SVG, where MkDocs does not rewrite links."""
        here, there = (page_url(page, self.lang, self.site.langs[0]) for page in (self.page, target))
        return Markup(posixpath.relpath(there or ".", here or ".") + "/") if there != here else Markup("./")

    def diagram(self, doc_id: str):
        return relations_mod.diagram(self.site, doc_id)

    def doc_history(self, doc_id: str) -> list:
        return relations_mod.history(self.site, doc_id)

    def doc_name(self, doc) -> str:
        """A document's short title, else its number or title (for diagrams and lists)."""
        return self.t(doc.get("short_title")) or self.doc_short(doc)

    def wrap(self, text: str) -> list:
        return relations_mod.wrap(text)

    def feed_href(self) -> Markup:
        """This language's Atom feed."""
        lang_dir = "" if self.lang == self.site.langs[0] else f"{self.lang}/"
        return self.root_href(f"{lang_dir}feed.xml")

    def source_label(self, source_id: str) -> str:
        return cite.source_label(self, source_id)

    def source_href(self, source_id: str) -> Markup:
        return self.href("sources.md", f"source-{source_id}")

    def activity_when(self, act) -> str:
        if act.get("date"):
            return self.date(act["date"])
        if act.get("start") or act.get("end"):
            return f"{self.date(act.get('start')) or '…'} – {self.date(act.get('end')) or '…'}"
        return ""

    def by_year(self, acts: list) -> list[tuple[str, list]]:
        """Activities oldest first, grouped by year; undated ones last under ''. The site's
        collection is shown by date, never by the categories of a report's figures."""
        def when(act) -> str:
            return act.get("date") or act.get("start") or ""
        groups: dict[str, list] = {}
        for act in sorted(acts, key=lambda a: (when(a) == "", when(a))):
            groups.setdefault(when(act)[:4], []).append(act)
        return list(groups.items())

    def citation_head(self, doc) -> str:
        """How a citation names the document, in the administrative style of the language
        (patterns `cite_*` of strings.yml; see cite.py)."""
        return cite.citation_head(self, doc)

    def data_href(self, name: str) -> Markup:
        """A relative URL from this page to a file of the open data (site root ``data/``)."""
        here = page_url(self.page, self.lang, self.site.langs[0])
        return Markup(posixpath.relpath(f"data/{name}", here or "."))

    def citations(self, doc, items: list | None = None, written: bool = False) -> Markup:
        """{item id: citation} as JSON for the browser script (see cite.py); ``written``: with
        the date as a letter's body writes it."""
        return script_json(cite.page_citations(self, doc, items, written))

    def written_dates_differ(self) -> bool:
        """Whether this language writes a date differently in a letter's body (a choice then)."""
        return self.words.date("2022-11-15", self.lang) != self.words.date("2022-11-15", self.lang, written=True)

    def document_citations(self, doc) -> Markup:
        """The citation of the whole document, in each date style, as JSON for the browser script."""
        return script_json(cite.document_citations(self, doc))

    # -- rendering ------------------------------------------------------------
    def render(self, template: str, **context) -> str:
        env = environment(self.templates)
        return env.get_template(template).render(r=self, site=self.site, lang=self.lang, langs=self.site.langs, _=self._, **context)
