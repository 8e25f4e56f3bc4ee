"""What a page of the built site is, for search: the names the site's data gives it.

The search step (acsdocs.search) ranks a page higher when what was typed is one of its names,
not only words of its text. The names come from the site's open data, `data/plans.json`, which
the build writes before the search step (acsdocs.export) and which holds the data as written:

- a document's own page: its number ('1439/QĐ-TTg'), short title and title, in every language
  (a Vietnamese title typed on the English site finds the English page), and apart, under the
  keys '<page>#by' and '<page>#key', its issuer and its id;
- a document's item (its section of the document's page) and a priority area's page: the
  item's title in every language;
- an agency's page: its name in every language;
- the glossary: each term, in every language, becomes a section of its own under the term's
  anchor (`term-<id>`, the glossary table's row), instead of one section for the whole table.

The pages' addresses follow acsdocs.render (`doc_page`, `area_page`, `agency_page`); a test
checks each address named here exists in the built site. Pure functions of the data.
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path("data") / "plans.json"
AREA_KIND = "priority-area"


def read(site_dir: Path) -> dict:
    """The site's data as published (empty without it: then pages have no names but their titles)."""
    path = Path(site_dir) / DATA
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _texts(value, langs) -> list[str]:
    """A text in every language ({lang: text}), or a plain string, as a list without repeats."""
    if isinstance(value, dict):
        return list(dict.fromkeys(str(value[code]) for code in langs if value.get(code)))
    return [str(value)] if value else []


def page_names(data: dict, langs: list[str]) -> dict[str, list[str]]:
    """Page address (from the language's home, e.g. 'decision-1439/'; an item's section of its
    document's page with its anchor, 'declaration-2021/#pa-5') -> its names, every language."""
    names: dict[str, list[str]] = {}

    def add(url: str, *values) -> None:
        found = names.setdefault(url, [])
        for value in values:
            found += [text for text in _texts(value, langs) if text not in found]

    for doc in data.get("documents") or []:
        own = f"{doc['page']}/" if doc.get("page") else f"plans/{doc['id']}/"
        add(own, doc.get("number"), doc.get("short_title"), doc.get("title"))
        add(f"{own}#key", doc["id"])  # its id as cited ('qd-1439'): it names the document's own page
        add(f"{own}#by", doc.get("issuer"))  # who issued it: searched, weighed less than a name
        for item in doc.get("items") or []:
            add(f"{own}#{item['id']}", item.get("title"))  # its section of the document's page
            if item.get("kind") == AREA_KIND:
                add(f"areas/{doc['id']}/{item['id']}/", item.get("title"))
    for agency in data.get("agencies") or []:
        add(f"agencies/{agency['id']}/", agency.get("name"))
    return names


def glossary_terms(data: dict, langs: list[str]) -> list[dict]:
    """The glossary's terms in table order: {'anchor': 'term-<id>', 'term': {lang: text}, 'row'}."""
    out = [{"anchor": f"term-{term['id']}", "term": {code: str(term["term"][code]) for code in langs if term.get("term", {}).get(code)}}
           for term in data.get("glossary") or [] if term.get("id") and isinstance(term.get("term"), dict)]
    for term in out:  # how the glossary table's row begins: the term in each language, in the site's order
        term["row"] = " ".join(term["term"][code] for code in langs if code in term["term"])
    return out


def split_glossary(text: str, terms: list[dict], langs: list[str], lang: str) -> tuple[str, list[dict]] | None:
    """The glossary table's section text cut into one section per term, or None when ``text``
    is not the table (fewer than half the terms found, in order, as its rows begin: the term in
    each language, in the site's order, as acsdocs' glossary template writes the row).

    Returns the text before the first row (the table's header) and the parts, each {'anchor',
    'title' (the term in ``lang``, then in the others), 'text' (the rest of the row: the
    definition and its sources)}."""
    if not terms or terms[0]["row"] not in text:  # most sections: not the table, told at once
        return None
    starts: list[tuple[int, int, dict]] = []
    at = 0
    for term in terms:
        row = term["row"]
        found = text.find(row, at)
        if found >= 0:
            starts.append((found, found + len(row), term))
            at = found + len(row)
    if len(starts) * 2 < len(terms):
        return None
    parts = []
    for n, (_, end, term) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        order = [lang] + [code for code in langs if code != lang]
        title = " · ".join(dict.fromkeys(term["term"][code] for code in order if code in term["term"]))
        parts.append({"anchor": term["anchor"], "title": title, "text": text[end:stop].strip()})
    return text[:starts[0][0]].strip(), parts
