"""Build steps around the model, still without MkDocs: prepare the data once, write the
generated pages, expand the navigation, export open data, fold the search index."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .model import LANGS, Site, load_or_raise, plan_files
from .problems import ERROR, InputError, Problem
from .render import TEMPLATES, abbreviations, generated_pages, redirect_page, untranslated_page
from .schema import SCHEMA_PATH
from .text import fold, page_url

MANIFEST = ".generated.json"
GENERATED_MARK = "<!-- acsdocs:generated from plans/ and hooks/acsdocs/templates/; edits here are overwritten -->"


@dataclass
class State:
    site: Site
    warnings: list
    pages: dict  # lang -> {path: markdown}
    abbr: dict  # lang -> abbreviation block
    signature: tuple
    moved: dict  # old page path (.md) -> relative URL of its new address
    anchors: dict  # page path (.md) -> {old item id: URL of its new place}


_cache: dict = {}


def _signature(root: Path) -> tuple:
    content = root / "content"
    pages = sorted(p for p in content.rglob("*.md") if not _is_generated(p)) if content.is_dir() else []
    files = plan_files(root / "plans") + sorted(TEMPLATES.iterdir()) + [SCHEMA_PATH] + pages
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


def prepare(root: Path, strict: bool = False) -> State:
    """Load, validate and render everything once; reused while no input file changes.

    mkdocs-static-i18n runs the whole build once per language in one process, so the
    cache is keyed by the input files, not by the build."""
    signature = _signature(root)
    cached = _cache.get((root, strict))
    if cached and cached.signature == signature:
        return cached
    site, problems = load_or_raise(root / "plans", root, strict=strict)
    problems += check_pages(site, root / "content")
    notices, missing = untranslated(root / "content")
    problems += missing
    if any(p.severity == ERROR for p in problems) or (strict and problems):
        raise InputError(problems)
    pages = {lang: generated_pages(site, lang) for lang in LANGS}
    for lang, paths in notices.items():
        for path, other in paths.items():
            pages[lang][path] = untranslated_page(site, lang, path, other)
    abbr = {lang: abbreviations(site, lang) for lang in LANGS}
    known = {p.relative_to(root / "content" / LANGS[0]).as_posix() for p in (root / "content" / LANGS[0]).rglob("*.md")} | set(pages[LANGS[0]])
    moved, anchors, found = plan_redirects(site, known)
    if found:
        raise InputError(problems + found)
    state = State(site, problems, pages, abbr, signature, moved, anchors)
    _cache[(root, strict)] = state
    return state


def check_pages(site: Site, content: Path) -> list[Problem]:
    """Each document's page must exist in both languages."""
    problems = []
    for doc in site.documents.values():
        page = doc.get("page")
        if not page:
            continue
        missing = [lang for lang in LANGS if not (content / lang / f"{page}.md").is_file()]
        origin = site.origin[id(doc)].at("page")
        if len(missing) == len(LANGS):
            problems.append(Problem(*origin, f"page '{page}' does not exist: create content/vi/{page}.md and content/en/{page}.md, or remove `page:` to get a generated page"))
        elif missing:
            problems.append(Problem(*origin, f"page '{page}' has no {missing[0]} version: create content/{missing[0]}/{page}.md (a translation is missing)", "warning"))
    return problems


def plan_redirects(site: Site, known_pages: set) -> tuple[dict, dict, list]:
    """Old addresses from `redirects:`: whole pages get a redirect page; renamed item ids on
    a page that still exists get a client-side map. Targets must exist; old pages must not."""
    moved, anchors, problems = {}, {}, []
    for record in site.redirects:
        old_page, _, old_id = record["from"].partition("#")
        new_page, _, new_id = record["to"].partition("#")
        where = site.origin[id(record)]
        if f"{new_page}.md" not in known_pages:
            problems.append(Problem(*where.at("to"), f"redirect target page '{new_page}' does not exist; name a page without .md, e.g. decision-896"))
            continue
        old_md, new_md = f"{old_page}.md", f"{new_page}.md"
        fragment = f"#{new_id}" if new_id else ""
        target = fragment if new_md == old_md else posixpath.relpath(page_url(new_md) or ".", page_url(old_md) or ".") + "/" + fragment
        if old_id and old_md not in known_pages:
            problems.append(Problem(*where.at("from"), f"a renamed item id needs its old page '{old_page}' to exist; to redirect a whole page, leave out '#{old_id}'"))
        elif old_id:
            anchors.setdefault(old_md, {})[old_id] = target
        elif old_md in known_pages:
            problems.append(Problem(*where.at("from"), f"page '{old_page}' still exists, so it cannot redirect; remove the redirect or the page"))
        else:
            moved[old_md] = target
    return moved, anchors, problems


def write_redirects(site_dir: Path, moved: dict, lang_dirs: dict) -> None:
    """Write one redirect page per old address and language (``lang_dirs``: lang -> folder)."""
    for lang, folder in lang_dirs.items():
        for old, target in moved.items():
            page = folder / page_url(old) / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(redirect_page(target, lang), encoding="utf-8")


def anchor_map_script(mapping: dict) -> str:
    """The inline JSON that overrides/assets/site.js reads to follow renamed item ids."""
    data = json.dumps(mapping, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/json" id="acs-anchor-redirects">{data}</script>'


def _is_generated(path: Path) -> bool:
    return path.is_file() and GENERATED_MARK in path.read_text(encoding="utf-8")


def write_generated(content: Path, pages: dict) -> int:
    """Write generated Markdown under content/<lang>/, only where it changed (so
    `mkdocs serve` does not loop), remove pages generated earlier that are gone, and
    refuse to overwrite a hand-written page (one without the generated mark).
    Returns how many files were written."""
    manifest_path = content / MANIFEST
    previous = set(json.loads(manifest_path.read_text())) if manifest_path.is_file() else set()
    current = {f"{lang}/{path}" for lang, lang_pages in pages.items() for path in lang_pages}
    clashes = [p for p in sorted(current) if (content / p).exists() and not _is_generated(content / p)]
    if clashes:
        raise InputError([Problem(f"content/{p}", 1, 1, "this hand-written page has the address of a generated page; rename or move it") for p in clashes])
    written = 0
    for lang, lang_pages in pages.items():
        for path, text in lang_pages.items():
            target = content / lang / path
            text = text.rstrip("\n") + "\n\n" + GENERATED_MARK + "\n"
            if target.is_file() and target.read_text(encoding="utf-8") == text:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written += 1
    for stale in sorted(previous - current):
        if _is_generated(content / stale):
            (content / stale).unlink()
    if previous != current:
        manifest_path.write_text(json.dumps(sorted(current), indent=0), encoding="utf-8")
    return written


def hand_written_pages(content: Path) -> dict:
    """lang -> set of Markdown pages that people wrote (not generated ones)."""
    return {lang: {p.relative_to(content / lang).as_posix() for p in (content / lang).rglob("*.md") if not _is_generated(p)}
            for lang in LANGS}


def untranslated(content: Path) -> tuple[dict, list]:
    """Hand-written pages missing in one language: notice pages to generate, and warnings."""
    written = hand_written_pages(content)
    notices: dict = {lang: {} for lang in LANGS}
    problems = []
    for lang in LANGS:
        for other in LANGS:
            for path in sorted(written[other] - written[lang]) if other != lang else []:
                notices[lang][path] = other
                problems.append(Problem(f"content/{other}/{path}", 1, 1, f"this page has no {lang} translation; add content/{lang}/{path} (readers see a notice until then)", "warning"))
    return notices, problems


def expand_nav(nav: list | None, generated: dict) -> list | None:
    """A nav entry pointing at a generated index page (``areas/index.md``) becomes a
    section holding that index and every generated page beside it."""
    if nav is None:
        return None

    def expand(entry):
        if isinstance(entry, dict):
            return {title: expand(value) for title, value in entry.items()}
        if isinstance(entry, list):
            return [expand(e) for e in entry]
        if isinstance(entry, str) and entry.endswith("/index.md") and entry in generated:
            folder = entry[: -len("index.md")]
            children = sorted(p for p in generated if p.startswith(folder) and p != entry)
            return [entry] + children
        return entry

    return expand(nav)


# -- open data -------------------------------------------------------------------

def public(value):
    """The data without the model's private keys (those starting with '_')."""
    if isinstance(value, dict):
        return {k: public(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, list):
        return [public(v) for v in value]
    return value


def plans_json(site: Site) -> str:
    data = {
        "vocabulary": {name: list(public(entries).values()) for name, entries in site.vocab.items()},
        "sources": list(public(site.sources).values()),
        "documents": list(public(site.documents).values()),
        "activities": public(site.activities),
        "figures": public(site.figures),
        "mappings": public(site.mappings),
        "materials": public(site.materials),
        "glossary": public(site.glossary),
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def activities_csv(site: Site) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "title_vi", "title_en", "framework", "status", "date", "start", "end", "serves", "mapping", "sources"])
    for act in site.activities:
        writer.writerow([
            act["id"], act["title"].get("vi", ""), act["title"].get("en", ""), act["framework"], act["status"],
            act.get("date", ""), act.get("start", ""), act.get("end", ""), " ".join(act["serves"]),
            act.get("mapping", "editorial"), " ".join(act["sources"]),
        ])
    return out.getvalue()


def translation_report(problems: list) -> str:
    """Every missing translation found by this build (pages and fields), for maintainers."""
    missing = [{"where": f"{p.path}:{p.line}:{p.column}", "what": p.message} for p in problems if "translation" in p.message or "text (only" in p.message]
    return json.dumps({"missing_translations": missing}, ensure_ascii=False, indent=1) + "\n"


def export_data(site: Site, site_dir: Path, problems: list = ()) -> None:
    data_dir = site_dir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "translation-report.json").write_text(translation_report(list(problems)), encoding="utf-8")
    (data_dir / "plans.json").write_text(plans_json(site), encoding="utf-8")
    (data_dir / "activities.csv").write_text(activities_csv(site), encoding="utf-8")
    shutil.copyfile(SCHEMA_PATH, data_dir / "plans.schema.json")


# -- search ------------------------------------------------------------------------

def _searchable(html_text: str) -> str:
    """Folded plain text; '/' splits document numbers ('896/QĐ-BNV' -> '896 qd-bnv')."""
    return " ".join(fold(html.unescape(re.sub(r"<[^>]+>", " ", html_text))).replace("/", " ").split())


def localise_search_index(index_path: Path, langs=LANGS) -> list[Path]:
    """Give each language its own search index, made searchable without diacritics.

    mkdocs-static-i18n merges both languages into one index; here each language keeps only
    its own pages (so a reader's results are in the reader's language, and each index is
    half the size). The default language keeps the original file name; the others get
    `search_index.<lang>.json`, which overrides/main.html makes their pages load.
    Vietnamese entries get accent-folded copies of their title and text, declared under
    the search plugin's `fields:` in mkdocs.yml and indexed but never shown, so 'cong vu'
    finds 'công vụ'; English needs none."""
    data = json.loads(index_path.read_text(encoding="utf-8"))
    by_lang: dict = {lang: [] for lang in langs}
    for doc in data.get("docs", []):
        doc_lang = next((other for other in langs[1:] if doc["location"].startswith(other + "/")), langs[0])
        if doc_lang == "vi":
            doc["folded_title"] = _searchable(doc.get("title", ""))
            doc["folded_text"] = _searchable(doc.get("text", ""))
        by_lang[doc_lang].append(doc)
    written = []
    for lang in langs:
        target = index_path if lang == langs[0] else index_path.with_name(f"search_index.{lang}.json")
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps({**data, "docs": by_lang[lang]}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, target)
        written.append(target)
    return written
