"""Site search: a per-language Pagefind index built from the sections of the built site.

Material's search plugin still runs, but only as the extractor of sections: it writes
`search/search_index.json` (every page split at its headings, with `search: exclude` and
`data-search-exclude` honoured). `finish()` turns those sections into Pagefind records, one
per section, each in its page's language, writes the chunked index to `<site>/pagefind/`, and
removes Material's whole-site index so no page ever downloads it. The search box
(overrides/partials/search.html + overrides/assets/search.js) loads Pagefind only when the
reader starts to search, and only the index chunks the typed words need.

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
import html
import json
import re
import shutil
from pathlib import Path

from .pagefind_service import write_index
from .text import fold

MATERIAL_INDEX = Path("search") / "search_index.json"
BUNDLE = "pagefind"
PAGES_FILE = "pages.{lang}.json"  # page URL -> page title, read by search.js to label results

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# The headings of note boxes ("Lưu ý", "Note") are not what a reader searched for.
_ADMONITION_TITLE = re.compile(r'<p class="admonition-title">.*?</p>', re.S)


def index_text(value: str) -> str:
    """What Pagefind indexes for a text: 'đ'/'Đ' as 'ď'/'Ď', which Pagefind folds to 'd'."""
    return value.replace("đ", "ď").replace("Đ", "Ď")


def plain(html_text: str) -> str:
    """Section HTML (as Material's index holds it) to one line of plain text."""
    text = _ADMONITION_TITLE.sub(" ", html_text or "")
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def language_of(location: str, langs: list[str], default_lang: str) -> str:
    """The language of a page from its URL: '<lang>/...' for the non-default ones."""
    head = location.split("/", 1)[0]
    return head if head in langs and head != default_lang else default_lang


# Between a section's text and its syllable pairs in what Pagefind indexes (INVISIBLE SEPARATOR):
# search.js shows only what comes before it.
PAIRS_MARK = "\u2063"


def words(text: str) -> list[str]:
    """Folded words, split at anything that is not a letter or a digit: '896/QĐ-BNV' -> 896 qd bnv."""
    return [w for w in re.split(r"[^\w]+|_", fold(text)) if w]


def pairs(text: str, syllables: bool = True) -> list[str]:
    """Adjacent words joined, the unit a query of several words is searched by, each pair once.

    In a language whose words are written as syllables separated by spaces (``syllables``:
    Vietnamese, 'chính phủ số' -> chinhphu phuso) every two adjacent words are joined: a pair
    is far rarer than either syllable, so a query loads small index chunks and finds the words
    side by side. In any other language only the parts of one written word are ('ACCSM+3' ->
    accsm3, '896/QĐ-BNV' -> 896qd qdbnv): its words are already the units a reader types."""
    if not syllables:  # a written word of letters and digits only has no parts to join
        return list(dict.fromkeys(p for token in text.split() if not token.isalnum() for p in pairs(token)))
    ws = words(text)
    return list(dict.fromkeys(a + b for a, b in zip(ws, ws[1:], strict=False)))


def records(index: dict, langs: list[str], default_lang: str, syllables=()) -> dict[str, list[dict]]:
    """lang -> Pagefind records, one per section of Material's index.

    A record's content is the section's text, then PAIRS_MARK and the pairs (see `pairs`; the
    languages in ``syllables`` join syllables) of its text and item id that its heading does
    not already hold. Meta, which Pagefind indexes too: `title`, the heading as shown (a page's
    first section carries the page title); `heading`, the heading's pairs; `page`, the same for a page's own
    first section only, so that a document's or an area's page ranks above the pages that
    mention it; `key`, the item id from the URL ('task-7', 'pa-2'), as cited. A page's
    `search: boost:` (site_hooks gives documents' pages one) becomes the filter `boost`."""
    out: dict[str, list[dict]] = {lang: [] for lang in langs}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        text = plain(doc.get("text", ""))
        title = plain(doc.get("title", ""))
        if not (text or title):
            continue
        lang = language_of(location, langs, default_lang)
        joins = lang in syllables
        page, _, anchor = location.partition("#")
        key = anchor or page.rstrip("/").rsplit("/", 1)[-1]
        in_heading = pairs(title, joins)
        heading = " ".join(in_heading)
        meta = {"title": index_text(title)}
        if heading:
            meta["heading"] = heading
            if not anchor:
                meta["page"] = heading
        if key:
            meta["key"] = key
        shown = set(in_heading)
        joined = " ".join(p for p in dict.fromkeys(pairs(text, joins) + pairs(key, joins)) if p not in shown)
        content = index_text(text) + (f" {PAIRS_MARK} {joined}" if joined else "")
        record = {"url": "/" + location, "content": content, "meta": meta}
        if doc.get("boost"):  # `search: boost:` of the page (a document's own page): a filter, so not a searchable word
            record["filters"] = {"boost": [str(doc["boost"])]}
        out[lang].append(record)
    return out


def page_titles(index: dict, langs: list[str], default_lang: str) -> dict[str, dict[str, str]]:
    """lang -> {page URL: page title}: the title of each page's first section."""
    out: dict[str, dict[str, str]] = {lang: {} for lang in langs}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        if "#" not in location:
            out[language_of(location, langs, default_lang)].setdefault(location, plain(doc.get("title", "")))
    return out


# Files of the Pagefind bundle that this site does not use (its own UIs and their styles).
_UNUSED = re.compile(r"^pagefind-(ui|component-ui|modular-ui|highlight)\.|^pagefind-playground")


def write_bundle(output: Path, index: dict, langs: list[str], default_lang: str, started=None, syllables=()) -> Path:
    """Write the Pagefind bundle and the page-title tables into the folder ``output``."""
    output = Path(output).resolve()
    write_index(records(index, langs, default_lang, syllables), output, started)
    for unused in output.iterdir():
        if unused.is_file() and _UNUSED.match(unused.name):
            unused.unlink()
    entry = output / "pagefind-entry.json"  # Pagefind lists the languages in any order: fix it (reproducible builds)
    entry.write_text(json.dumps(_read_entry(entry), ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    for lang, titles in page_titles(index, langs, default_lang).items():
        (output / PAGES_FILE.format(lang=lang)).write_text(json.dumps(titles, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return output


def _read_entry(entry: Path) -> dict:
    text = entry.read_text(encoding="utf-8") if entry.is_file() else ""
    try:
        return json.loads(text)
    except ValueError:
        raise RuntimeError(f"Pagefind gave {entry.name} as {len(text)} characters that are not JSON: {text[:120]!r}") from None


def write_pagefind(site_dir: Path, index: dict, langs: list[str], default_lang: str, syllables=()) -> Path:
    """Write the Pagefind bundle and the page-title tables into `<site>/pagefind/`."""
    output = site_dir / BUNDLE
    if output.exists():
        shutil.rmtree(output)
    return write_bundle(output, index, langs, default_lang, syllables=syllables)


def read_sections(site_dir: Path, keep_source: bool = False) -> dict | None:
    """Material's section index of the built site, every language's part merged (None without
    one); the index is then deleted unless ``keep_source``, so no reader ever downloads it."""
    source = Path(site_dir) / MATERIAL_INDEX
    if not source.is_file():
        return None
    index = json.loads(source.read_text(encoding="utf-8"))
    for split in sorted(source.parent.glob("search_index.*.json")):  # an index already split per language
        index["docs"] += json.loads(split.read_text(encoding="utf-8")).get("docs", [])
    if not keep_source:
        shutil.rmtree(source.parent)
    return index


def finish(site_dir: Path, langs: list[str], default_lang: str, keep_source: bool = False, syllables=()) -> dict:
    """After the whole site is built (every language, i18n's index merge done): build the
    Pagefind index from Material's section index, then delete Material's index.

    Returns {lang: {"sections": n}}; does nothing (returns {}) without Material's index.
    `keep_source` leaves Material's index in place (scripts/search_benchmark.py measures it)."""
    site_dir = Path(site_dir)
    index = read_sections(site_dir, keep_source)
    if index is None:
        return {}
    write_pagefind(site_dir, index, list(langs), default_lang, syllables)
    counts: dict = {lang: 0 for lang in langs}
    for doc in index.get("docs", []):
        counts[language_of(doc.get("location", ""), list(langs), default_lang)] += 1
    return {lang: {"sections": n} for lang, n in counts.items()}


# -- measuring ---------------------------------------------------------------------------

def gzip_size(data: bytes, level: int = 6) -> int:
    return len(gzip.compress(data, compresslevel=level))


def index_sizes(site_dir: Path, langs: list[str]) -> dict:
    """Per language: sections indexed, and the gzip bytes (level 6, as static hosts send them)
    every search needs before its first index chunk (`entry_gz`: the loader, the worker, the
    WebAssembly, the language's index metadata and page titles). `bundle_raw`/`bundle_gz`: the
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
        files = shared + [wasm, bundle / f"pagefind.{info['hash']}.pf_meta", bundle / PAGES_FILE.format(lang=lang)]
        out[lang] = {"sections": info.get("page_count", 0),
                     "entry_gz": sum(gzip_size(f.read_bytes()) for f in files if f.is_file())}
    every = [f for f in bundle.rglob("*") if f.is_file()]
    out["bundle_raw"] = sum(f.stat().st_size for f in every)
    out["bundle_gz"] = sum(gzip_size(f.read_bytes()) for f in every)
    out["files"] = len(every)
    return out
