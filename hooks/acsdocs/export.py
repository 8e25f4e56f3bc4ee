"""What the build writes besides pages: open data, redirect pages, per-language search
indexes. Each reads the model (``record.data`` is the data as written), never MkDocs."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from . import computed
from .build import State
from .generated import redirect_page
from .model import Site
from .problems import TRANSLATION
from .text import csv_cell, page_url


def _data(records) -> list:
    return [record.data for record in records]


def site_reading(site: Site, words, at: computed.AsOf) -> dict:
    """What the site adds to its sources, said in the data itself: the activities are its own
    collection, a framework is a setting, links are marked, and the computed flag with its rule."""
    def text(key: str) -> dict:
        return {lang: words.get(key, lang) for lang in site.langs}

    return {"activities": text("collected_caveat"), "framework": text("framework_note"), "links": text("editorial_note"),
            "past_deadline": computed.summary(site, words, at)}


def plans_json(site: Site, words=None, at: computed.AsOf | None = None) -> str:
    """The data as written; with ``words`` and ``at``, also what the site computes and reads
    into it (``site_reading``), kept apart from the records."""
    data = {
        "languages": list(site.langs),
        "vocabulary": {name: _data(entries.values()) for name, entries in site.vocab.items()},
        "sources": _data(site.sources.values()),
        "agencies": _data(site.agencies.values()),
        "documents": _data(site.documents.values()),
        "activities": _data(site.activities),
        "figures": _data(site.figures),
        "mappings": _data(site.mappings),
        "materials": _data(site.materials),
        "glossary": _data(site.glossary),
    }
    if words is not None and at is not None:
        data["site_reading"] = site_reading(site, words, at)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def activities_csv(site: Site) -> str:
    """One row per activity; a title column per language. Starts with a UTF-8 byte-order
    mark so spreadsheet programs read the diacritics; cells that a spreadsheet would run
    as a formula are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", *(f"title_{lang}" for lang in site.langs), "framework", "status", "date", "start", "end", "serves", "mapping", "sources", "uncertain", "lead"])
    for act in site.activities:
        writer.writerow([csv_cell(v) for v in (
            act["id"], *(act["title"].get(lang, "") for lang in site.langs), act["framework"], act["status"],
            act.get("date", ""), act.get("start", ""), act.get("end", ""), " ".join(act["serves"]),
            act.get("mapping", "editorial"), " ".join(act["sources"]), " ".join(act.get("uncertain") or []), act.get("lead", ""))])
    return "\ufeff" + out.getvalue()


def translation_report(problems: list) -> str:
    """Every missing translation found by this build (pages, fields, interface words)."""
    missing = [{"where": f"{p.path}:{p.line}:{p.column}", "what": p.message} for p in problems if p.code == TRANSLATION]
    return json.dumps({"missing_translations": missing}, ensure_ascii=False, indent=1) + "\n"


def export_data(state: State, site_dir: Path) -> None:
    data_dir = site_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "translation-report.json").write_text(translation_report(state.warnings), encoding="utf-8")
    (data_dir / "plans.json").write_text(plans_json(state.site, state.words, computed.as_of(state.settings.templates)), encoding="utf-8")
    (data_dir / "activities.csv").write_text(activities_csv(state.site), encoding="utf-8")
    shutil.copyfile(state.settings.schema, data_dir / "plans.schema.json")


def write_redirects(state: State, site_dir: Path) -> None:
    """One redirect page per old address and language."""
    settings = state.settings
    for lang in settings.langs:
        for old, target in state.moved.items():
            page = site_dir / settings.lang_dir(lang) / page_url(old) / "index.html"
            if page.exists() or not page.resolve().is_relative_to(site_dir.resolve()):  # checked by plan_redirects; never overwrite
                raise RuntimeError(f"the redirect from '{old[:-3]}' would replace {page.relative_to(site_dir)}; choose another old address in `redirects:`")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(redirect_page(state.words, target, lang, settings.templates), encoding="utf-8")


def anchor_map_script(mapping: dict) -> str:
    """The inline JSON that overrides/assets/site.js reads to follow renamed item ids."""
    data = json.dumps(mapping, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/json" id="acs-anchor-redirects">{data}</script>'
