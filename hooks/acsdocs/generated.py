"""The generated pages of one language (areas, plans, agencies, the timeline…), the notice of a
page not yet translated, redirect pages and the abbreviations that make the glossary's
tooltips, each rendered through acsdocs.render's Renderer from the templates."""

from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import dates
from .model import Site
from .opendata import DATA_FILES
from .render import Renderer
from .text import page_url
from .words import Words

ITEM_IDS = "item-ids.md"  # every item a material can serve, with its id (the material form links to it)


def generated_pages(site: Site, words: Words, lang: str) -> dict[str, str]:
    """Every generated page of one language: {path relative to the language root: Markdown}."""
    r = Renderer(site, words, lang)
    pages: dict[str, str] = {}
    areas = [ref for ref, item in site.items.items() if item["kind"] == "priority-area"]
    pages["areas/index.md"] = r.at("areas/index.md").render("areas_index.md.j2", areas=areas)
    for ref in areas:
        path = r.area_page(ref)
        pages[path] = r.at(path).render("area.md.j2", ref=ref, item=site.items[ref])
    pages["plans/index.md"] = r.at("plans/index.md").render("plans_index.md.j2")
    for doc_id, doc in site.documents.items():
        path = f"plans/{doc_id}.md"
        pages[path] = r.at(path).render("plan.md.j2", doc=doc, charts=charts(site, doc_id))
    pages["compare/index.md"] = r.at("compare/index.md").render("compare_index.md.j2")
    for doc_id, doc in site.documents.items():
        if doc.get("items"):
            path = f"compare/{doc_id}.md"
            pages[path] = r.at(path).render("compare.md.j2", doc=doc)
    pages["timeline.md"] = r.at("timeline.md").render("timeline.md.j2", events=timeline(site))
    pages["matrix.md"] = r.at("matrix.md").render("matrix.md.j2")
    pages["materials.md"] = r.at("materials.md").render("materials.md.j2")
    pages[ITEM_IDS] = r.at(ITEM_IDS).render("item_ids.md.j2")
    pages["open-data.md"] = r.at("open-data.md").render("open_data.md.j2", files=DATA_FILES)
    pages["agencies/index.md"] = r.at("agencies/index.md").render("agencies_index.md.j2")
    for agency_id, agency in site.agencies.items():
        path = r.agency_page(agency_id)
        pages[path] = r.at(path).render("agency.md.j2", agency=agency)
    return pages


def untranslated_page(site: Site, words: Words, lang: str, path: str, other: str, default: str) -> str:
    """The notice shown where a hand-written page exists only in another language.
    The link is a plain relative URL: Markdown links do not cross languages."""
    here, there = (page_url(path, code, default) for code in (lang, other))
    target = posixpath.relpath(there or ".", here or ".") + "/"
    return Renderer(site, words, lang, path).render("untranslated.md.j2", other=other, target=Markup(target.replace("//", "/")))


def charts(site: Site, doc_id: str) -> list[dict]:
    """Bars for the dashboard: one chart per figure, one bar per (item, framework)."""
    statuses = list(site.vocab["statuses"])
    result = []
    for fig in site.index.doc_figures.get(doc_id, []):
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
    return sorted(events, key=lambda e: (dates.sort_key(e["date"]), order[e["type"]]))


def abbreviations(site: Site, lang: str) -> str:
    """Glossary terms as Markdown abbreviations, so the theme shows them as tooltips.
    A term is one line of plain text: line breaks and Markdown cannot reach the page."""
    lines = []
    for term in site.glossary:
        if term.get("tooltip", True) is False or not term["term"].get(lang):
            continue
        word = " ".join(term["term"][lang].split())
        others = "; ".join(term["term"][code] for code in site.langs if code != lang and term["term"].get(code))
        meaning = (term.get("definition") or {}).get(lang, "")
        tip = f"{others}: {meaning}" if meaning else others
        lines.append(f"*[{word}]: {' '.join(tip.split())}")
    return "\n".join(lines)


def redirect_page(words: Words, target: str, lang: str, templates: Path) -> str:
    """A tiny HTML page that sends readers of an old address to the new one, keeping
    the item anchor. ``target`` is a relative URL built from validated ids."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True)
    return env.get_template("redirect.html.j2").render(target=target, lang=lang, title=words.get("moved", lang))
