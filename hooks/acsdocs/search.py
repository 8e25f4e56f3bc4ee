"""Site search: a per-language Pagefind index built from the sections of the built site.

Material's search plugin still runs, but only as the extractor of sections: it writes
`search/search_index.json` (every page split at its headings, with `search: exclude` and
`data-search-exclude` honoured). `finish()` turns those sections into Pagefind records, one
per page with its sections as sub-results (Pagefind's anchors), each in its page's language,
writes the chunked index to `<site>/pagefind/`, and removes Material's whole-site index so no
page ever downloads it. What a page is (a document's number and names, an agency's names, a
glossary term) comes from the site's data (acsdocs.searchfacts) and weighs more than its text.
The search box (overrides/partials/search.html + overrides/assets/search.js) loads Pagefind
only when the reader starts to search, and only the index chunks the typed words need.

Vietnamese: Pagefind folds tones ('công' = 'cong') but 'đ' is a letter of its own, not 'd' plus
a mark. In what Pagefind indexes (never in the pages) 'đ'/'Đ' are written 'ď'/'Ď', whose tone
Pagefind does strip, so 'dao tao' finds 'đào tạo'; search.js writes them back as 'đ'/'Đ' when
it shows a title or an excerpt, and turns 'đ' typed in a query into 'ď' too. Adjacent syllables
are matched as a unit: each section also carries its syllable pairs (see `pairs`), and search.js
searches a query of several words by its pairs. See docs/search-decision.md.

Pure functions of the built files and the configured languages: no language is named here.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

from . import searchfacts
from .pagefind_service import write_index
from .searchrecords import PAIRS_MARK, each_record, index_text, language_of, page_sections, pairs, plain, records, vocabulary, words  # noqa: F401

VOCABULARY_FILE = "words.{lang}.json"  # the words of the index, for search.js to correct a typo
PAGES_FILE = "pages.{lang}.json"  # page URL -> page title: what the index holds (tools and tests read it)

MATERIAL_INDEX = Path("search") / "search_index.json"
BUNDLE = "pagefind"

# Files of the Pagefind bundle that this site does not use (its own UIs and their styles).
_UNUSED = re.compile(r"^pagefind-(ui|component-ui|modular-ui|highlight)\.|^pagefind-playground")


def write_bundle(output: Path, index: dict, langs: list[str], default_lang: str, started=None, syllables=()) -> Path:
    """Write into the folder ``output`` the Pagefind bundle and, per language, the pages it holds
    (PAGES_FILE: URL -> title) and its vocabulary (VOCABULARY_FILE, fetched by search.js only to
    correct a typo). ``index``'s sections are taken out of it (its "docs" emptied): each page's
    record is made, sent to the indexer and let go in turn."""
    output = Path(output).resolve()
    sections, counts = page_sections(index, langs, default_lang), {}
    names = searchfacts.page_names(index.pop("facts", None) or {}, langs)
    index["docs"] = []  # what the records need is in ``sections`` and ``names`` now
    titles = {lang: {page.lstrip("/"): found[0]["title"] for page, found in pages.items() if found and not found[0]["anchor"]}
              for lang, pages in sections.items()}
    write_index(each_record(names, sections, default_lang, syllables, counts), output, started)
    for unused in output.iterdir():
        if unused.is_file() and _UNUSED.match(unused.name):
            unused.unlink()
    entry = output / "pagefind-entry.json"  # Pagefind lists the languages in any order: fix it (reproducible builds)
    entry.write_text(json.dumps(_read_entry(entry), ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    for lang in titles:
        _write_json(output / PAGES_FILE.format(lang=lang), titles[lang])
        _write_json(output / VOCABULARY_FILE.format(lang=lang), vocabulary(counts.get(lang, {})))
    return output


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read_entry(entry: Path) -> dict:
    text = entry.read_text(encoding="utf-8") if entry.is_file() else ""
    try:
        return json.loads(text)
    except ValueError:
        raise RuntimeError(f"Pagefind gave {entry.name} as {len(text)} characters that are not JSON: {text[:120]!r}") from None


def write_pagefind(site_dir: Path, index: dict, langs: list[str], default_lang: str, syllables=()) -> Path:
    """Write the Pagefind bundle and the vocabularies into `<site>/pagefind/`."""
    output = site_dir / BUNDLE
    if output.exists():
        shutil.rmtree(output)
    return write_bundle(output, index, langs, default_lang, syllables=syllables)


def read_sections(site_dir: Path, keep_source: bool = False) -> dict | None:
    """Material's section index of the built site, every language's part merged (None without
    one), with the site's data under "facts" (searchfacts: what each page is); the index is then
    deleted unless ``keep_source``, so no reader ever downloads it."""
    source = Path(site_dir) / MATERIAL_INDEX
    if not source.is_file():
        return None
    index = json.loads(source.read_text(encoding="utf-8"))
    for split in sorted(source.parent.glob("search_index.*.json")):  # an index already split per language
        index["docs"] += json.loads(split.read_text(encoding="utf-8")).get("docs", [])
    if not keep_source:
        shutil.rmtree(source.parent)
    index["facts"] = searchfacts.read(site_dir)
    return index


def finish(site_dir: Path, langs: list[str], default_lang: str, keep_source: bool = False, syllables=()) -> dict:
    """After the whole site is built (every language, i18n's index merge done): build the
    Pagefind index from Material's section index, then delete Material's index.

    Returns {lang: {"sections": n, "pages": n}}; does nothing (returns {}) without Material's index.
    `keep_source` leaves Material's index in place (scripts/search_benchmark.py measures it)."""
    site_dir = Path(site_dir)
    index = read_sections(site_dir, keep_source)
    if index is None:
        return {}
    counts: dict = {lang: {"sections": 0, "pages": set()} for lang in langs}
    for doc in index.get("docs", []):
        count = counts[language_of(doc.get("location", ""), list(langs), default_lang)]
        count["sections"] += 1
        count["pages"].add(doc.get("location", "").partition("#")[0])
    write_pagefind(site_dir, index, list(langs), default_lang, syllables)
    return {lang: {"sections": n["sections"], "pages": len(n["pages"])} for lang, n in counts.items()}


# -- measuring ---------------------------------------------------------------------------

def gzip_size(data: bytes, level: int = 6) -> int:
    return len(gzip.compress(data, compresslevel=level))


def index_sizes(site_dir: Path, langs: list[str]) -> dict:
    """Per language: sections indexed, and the gzip bytes (level 6, as static hosts send them)
    every search needs before its first index chunk (`entry_gz`: the loader, the worker, the
    WebAssembly and the language's index metadata; `vocabulary_gz`, fetched only to correct a
    typo). `bundle_raw`/`bundle_gz`: the
    whole bundle of every language, which no reader downloads: a query fetches only the
    chunks of the words typed and the fragments of the results shown.
    For the bytes a real search downloads, see scripts/search_benchmark.py."""
    bundle = Path(site_dir) / BUNDLE
    out: dict = {}
    if not bundle.is_dir():
        return out
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    shared = [bundle / "pagefind.js", bundle / "pagefind-worker.js", bundle / "pagefind-entry.json"]
    for lang in langs:
        info = entry.get("languages", {}).get(lang)
        if not info:
            continue
        wasm = bundle / f"wasm.{info['wasm'] or 'unknown'}.pagefind"
        files = shared + [wasm, bundle / f"pagefind.{info['hash']}.pf_meta"]
        vocabulary = bundle / VOCABULARY_FILE.format(lang=lang)
        out[lang] = {"records": info.get("page_count", 0),
                     "entry_gz": sum(gzip_size(f.read_bytes()) for f in files if f.is_file()),
                     "vocabulary_gz": gzip_size(vocabulary.read_bytes()) if vocabulary.is_file() else 0}
    every = [f for f in bundle.rglob("*") if f.is_file()]
    out["bundle_raw"] = sum(f.stat().st_size for f in every)
    out["bundle_gz"] = sum(gzip_size(f.read_bytes()) for f in every)
    out["files"] = len(every)
    return out
