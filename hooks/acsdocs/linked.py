"""Linked data and subscriptions, wired into the build by two calls from the hooks:

- ``head_tags(state, page_path, lang, site_url)``: the JSON-LD a page carries in its head:
  schema.org ``Legislation`` on each document's page, ``Dataset`` on the open-data page.
- ``publish(state, site_dir, config)``: after the build, the Atom feeds and calendars
  (``feeds.py``) and the CSV on the Web metadata of ``data/activities.csv``.

JSON inside a <script> element has every ``<``, ``>`` and ``&`` written as a JSON escape
(stricter than export.anchor_map_script's ``<\\/``), so no value from the data can close the
element or start a comment inside it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from . import feeds
from .build import State
from .export import activities_csv
from .model import Site
from .opendata import DATA_FILES
from .render import Renderer

LEGAL_VALUE = "https://schema.org/UnofficialLegalValue"
OFFICIAL_VALUE = "https://schema.org/OfficialLegalValue"
OPEN_DATA_PAGE = "open-data.md"


def script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    # '<', '>' and '&' as JSON escapes: no value can close the element or open a comment in it
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def document_of(site: Site, page_path: str):
    """The document a page presents: its own page, or its generated page when it has none."""
    for doc_id, doc in site.documents.items():
        own = f"{doc['page']}.md" if doc.get("page") else f"plans/{doc_id}.md"
        if own == page_path:
            return doc
    return None


def legislation(state: State, doc, lang: str, site_url: str) -> dict:
    site, default = state.site, state.settings.default
    r = Renderer(site, state.words, lang)
    page = r.doc_page(doc["id"])
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": feeds.absolute(site_url, page, lang, default),
        "url": feeds.absolute(site_url, page, lang, default),
        "name": r.t(doc["title"]),
        "inLanguage": lang,
        "legislationType": r.label("document_kinds", doc["kind"]),
        "legislationPassedBy": {"@type": "Organization", "name": r.t(doc["issuer"])},
        "legislationLegalValue": LEGAL_VALUE,
    }
    if doc.get("short_title"):
        data["alternateName"] = r.t(doc["short_title"])
    if doc.get("number"):
        data["legislationIdentifier"] = doc["number"]
    if doc.get("issued"):
        data["legislationDate"] = doc["issued"]
    others = [{"@id": feeds.absolute(site_url, page, other, default), "inLanguage": other} for other in site.langs if other != lang]
    if others:
        data["workTranslation"] = others
    targets = [rel["target"].partition("#")[0] for rel in doc.get("relations", [])]
    if targets:
        data["isBasedOn"] = [{"@id": feeds.absolute(site_url, r.doc_page(t), lang, default)} for t in dict.fromkeys(targets)]
    data.update(official_details(r, doc, site_url))
    return data


def official_details(r: Renderer, doc, site_url: str) -> dict:
    """What the data says of the official text and the document's field and scope: the official
    text as an encoding of the legislation with official legal value (this page's stays
    unofficial), the field as what it is about, the scope in its description."""
    found: dict = {}
    if doc.get("official_text"):
        address = doc["official_text"]
        address = address if "://" in address else (site_url.rstrip("/") + "/" + address.lstrip("/"))
        found["encoding"] = {"@type": "LegislationObject", "contentUrl": address, "legislationLegalValue": OFFICIAL_VALUE}
    if r.t(doc.get("sector")):
        found["about"] = {"@type": "Thing", "name": r.t(doc["sector"])}
    if r.t(doc.get("scope")):
        found["description"] = f"{r._('scope')}: {r.t(doc['scope'])}"
    return found


def dataset(state: State, lang: str, site_url: str) -> dict:
    site, default = state.site, state.settings.default
    r = Renderer(site, state.words, lang)
    base = site_url if site_url.endswith("/") else site_url + "/"
    files = [f for f in DATA_FILES if "<" not in f.path]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": feeds.absolute(site_url, OPEN_DATA_PAGE, lang, default),
        "url": feeds.absolute(site_url, OPEN_DATA_PAGE, lang, default),
        "name": r._("open_data_title"),
        "description": f"{r._('open_data_intro')} {r._('open_data_caveat')}",
        "inLanguage": list(site.langs),
        "isAccessibleForFree": True,
        "temporalCoverage": _coverage(site),
        "distribution": [{"@type": "DataDownload", "contentUrl": base + f.path, "encodingFormat": f.media, "name": f.path} for f in files],
    }


def _coverage(site: Site) -> str:
    dates = sorted(c.date for c in feeds.changes(site))
    return f"{dates[0]}/{dates[-1]}" if dates else ""


def head_tags(state: State, page_path: str, lang: str, site_url: str) -> str:
    """What a page adds to its <head>: JSON-LD, or nothing."""
    if page_path == OPEN_DATA_PAGE:
        return script(dataset(state, lang, site_url))
    doc = document_of(state.site, page_path)
    return script(legislation(state, doc, lang, site_url)) if doc is not None else ""


def base_url(site_url: str | None) -> str:
    """The site's address; without one (mkdocs.yml has no site_url) the address of `mkdocs serve`."""
    return site_url or "http://127.0.0.1:8000/"


def add_head(output: str, state: State, page_path: str, lang: str, site_url: str | None) -> str:
    tags = head_tags(state, page_path, lang, base_url(site_url))
    return output.replace("</head>", tags + "</head>", 1) if tags else output


# -- CSV on the Web ------------------------------------------------------------------------

DATE_FORMAT = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4])?$"
LISTS = ("serves", "sources", "uncertain")  # cells holding space-separated ids
DATES = ("date", "start", "end")


def csvw_metadata(site: Site, words) -> dict:
    """The W3C tabular metadata of activities.csv, built from the file's own header, so a new
    column is described (as text) without a change here."""
    header = next(csv.reader(io.StringIO(activities_csv(site).lstrip("\ufeff"))))
    default = site.langs[0]
    columns = []
    for name in header:
        key = f"col_{name}"
        base, _, lang = name.partition("_")
        if base == "title" and lang in site.langs:
            titles = {code: f"{words.get('col_title', code)} ({words.lang_name(lang, code)})" for code in site.langs}
        else:
            titles = {code: words.get(key, code) if key in words.table else name for code in site.langs}
        # The header cell itself (language-neutral, as the file has it), then a title per language.
        column = {"name": name, "titles": {"und": name, **{c: titles[c] for c in site.langs}}}
        if name in DATES:
            column["datatype"] = {"base": "string", "format": DATE_FORMAT}
        else:
            column["datatype"] = "string"
        if name in LISTS:
            column["separator"] = " "
        if name == "id":
            column["required"] = True
        if base == "title" and lang in site.langs:
            column["lang"] = lang
        columns.append(column)
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": default}],
        "url": "activities.csv",
        "dc:title": [{"@value": words.get("csv_title", code), "@language": code} for code in site.langs],
        # The rows are the site's reading, and say so: its own collection, frameworks as settings.
        "dc:description": [{"@value": f"{words.get('collected_caveat', code)} {words.get('framework_note', code)}", "@language": code}
                           for code in site.langs],
        "dialect": {"encoding": "utf-8", "header": True},
        "tableSchema": {"columns": columns, "primaryKey": "id"},
    }


def publish(state: State, site_dir: Path, config) -> None:
    """After the build: feeds, calendars and the CSV metadata. ``config`` is MkDocs' (its
    ``site_url`` and each language's ``site_name`` from the i18n plugin)."""
    site_url = base_url(config.get("site_url"))
    feeds.write_subscriptions(state.site, state.words, site_dir, site_url, site_names(config, state.settings.langs),
                              state.settings.lang_dir)
    data_dir = site_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "activities.csv-metadata.json").write_text(
        json.dumps(csvw_metadata(state.site, state.words), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def site_names(config, langs: tuple) -> dict:
    """The site's name in each language: the i18n plugin's `site_name`, else mkdocs.yml's."""
    i18n = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    # the plugin overrides config.site_name per language build and keeps mkdocs.yml's value
    original = (getattr(i18n, "original_configs", None) or {}).get("site_name")
    names = {lang: original or config.get("site_name") for lang in langs}
    for entry in (i18n.config.languages if i18n else []):
        locale = entry.get("locale") if isinstance(entry, dict) else getattr(entry, "locale", None)
        name = entry.get("site_name") if isinstance(entry, dict) else getattr(entry, "site_name", None)
        if locale in names and name:
            names[locale] = name
    return names
