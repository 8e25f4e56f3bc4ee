"""Search records: what Pagefind indexes for each page of the built site (acsdocs.search
writes them; overrides/assets/search-rank.js reads them back).

One record per page (a long page: per part), its sections as Pagefind anchors (sub-results), built from Material's
section index: each section's heading weighed up (Pagefind's weight markers), its text, and
what is searched but never shown (pairs of adjacent syllables, the item id as typed, the
section's names from the data), set apart by PAIRS_MARK so that search.js shows only the
heading and the text. A page's title and names (acsdocs.searchfacts) are meta fields, which
Pagefind searches and weighs. Pure functions; no language is named here.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from . import searchfacts
from .text import fold

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


# Ends a heading, then a section's text, in what Pagefind indexes (INVISIBLE SEPARATOR, a word of
# its own): search.js shows the heading and the text, never what follows (pairs, item ids, names).
PAIRS_MARK = "\u2063"
# Pagefind's own markers in a record's content: an anchor (a section of the page, a sub-result)
# and a weight for the words up to the end marker (Pagefind weighs an HTML page's h1 7, h2 6).
ANCHOR = "___PAGEFIND_ANCHOR___h2:{n}:{id}"
WEIGHT, END_WEIGHT = "___PAGEFIND_WEIGHT___{w}", "___END_PAGEFIND_WEIGHT___"
TITLE_WEIGHT, HEADING_WEIGHT = 7, 5
# A page's list of its sources (the section every generated and written page ends with) repeats
# the sources page, where each source has a section of its own: it is not indexed again.
SOURCES_ANCHOR = "sources"
# A page of more than LONG_PAGE indexed words (a plan listing hundreds of activities: about 25,000 with
# its pairs at 10,000 activities; the longest written page, the sources page, is about 8,000 as
# shipped, 13,000 at 10,000 activities) is cut into as few records as keep each under about
# PART_WORDS: each search reads a record's whole text (its fragment) to rank its sections, so a
# fragment stays small. 10,000 since the index chunks are smaller (pagefind_service.CHUNK_POSITIONS):
# at 10,000 activities the indexer peaked at 590 MB against 598 with 14,000, and the slowest query
# gave its first result in 0.83 s against 0.97 (docs/search-decision.md). A part record is named by
# its first section's anchor and carries the page's title in PART_META only, which search.js weighs
# 0 (shown, not ranked): the page's title and names rank its first record alone.
LONG_PAGE, PART_WORDS = 20000, 10000
PART_META = "page"
COMMON_PAIR = 0.5  # share of a language's sections whose text holds a pair, over which it is not indexed (`common_pairs`)
VOCABULARY_MIN = 4  # letters: a typo is corrected in a word of five or more, to one of four or more
_ITEM_ID = re.compile(r"[a-z]+-\d+")  # an item id as a text cites it ('task-7', 'pa-2')


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Folded words, split at anything that is not a letter or a digit: '896/QĐ-BNV' -> 896 qd bnv."""
    return _WORD.findall(fold(text))


def pairs(text: str, syllables: bool = True) -> list[str]:
    """Adjacent words joined, the unit a query of several words is searched by, each pair once.

    In a language whose words are written as syllables separated by spaces (``syllables``:
    Vietnamese, 'chính phủ số' -> chinhphu phuso) every two adjacent words are joined: a pair
    is far rarer than either syllable, so a query loads small index chunks and finds the words
    side by side. In any other language only the parts of one written word are ('ACCSM+3' ->
    accsm3, '896/QĐ-BNV' -> 896qd qdbnv): its words are already the units a reader types."""
    if not syllables:  # a written word of letters and digits only has no parts to join
        return list(dict.fromkeys(p for token in text.split() if not token.isalnum() for p in pairs(token)))
    return _joined(words(text))


def _adjacent(ws: list[str]):
    """Each word joined to the next."""
    return map(str.__add__, ws, ws[1:])


def _joined(ws: list[str]) -> list[str]:
    return list(dict.fromkeys(_adjacent(ws)))


def _counted(text: str, joins: bool, counts: dict | None) -> list[str]:
    """`pairs` of a text, its words counted into ``counts`` (the vocabulary) on the way."""
    ws = words(text) if joins or counts is not None else []
    if counts is not None:
        counts.update(ws)  # every word (C speed): `vocabulary` keeps those a typo may be corrected to
    return _joined(ws) if joins else pairs(text, False)


def _safe(text: str) -> str:
    """Text as Pagefind indexes it: 'đ' as 'ď', and no word that Pagefind would take for one of
    its markers ('___PAGEFIND_…': a run of underscores is broken by a zero-width space, which
    Pagefind drops from the words it indexes)."""
    return index_text(text.replace("___", "__\u200b_"))


def key_words(anchor: str) -> list[str]:
    """An item id as a reader types it ('task-7' -> task7, 'pa-2' -> pa2); none for other ids."""
    return [anchor.replace("-", "")] if _ITEM_ID.fullmatch(anchor) else []


def id_words(site) -> list[str]:
    """The words that begin an id of the data that `key_words` joins ('task-7' -> task, 'pa-2' ->
    pa): search-rank.js searches a word and a number typed apart as an id ('pa 2' -> pa2) only after
    one of these, not after every word ('tinh mau 042')."""
    ids = [*site.documents, *site.agencies, *(ref.partition("#")[2] for ref in site.items), *(a.get("id", "") for a in site.activities)]
    return sorted({i.rpartition("-")[0] for i in ids if _ITEM_ID.fullmatch(i)})


def section_digest(title: str, text: str, anchor: str, n: int, joins: bool, names=(), weight: int = HEADING_WEIGHT, counts=None, common=frozenset()) -> str:
    """One section of a page record: its anchor (none for the page's own first section, whose
    ``anchor`` is the page's last path segment), its heading weighed up, PAIRS_MARK, its text,
    PAIRS_MARK, what is searched as the heading but never shown (the heading's pairs, the item
    id as typed, the section's other names and their pairs), PAIRS_MARK, the text's pairs.
    The words shown are counted into ``counts`` (see `vocabulary`)."""
    head_pairs = _counted(title, joins, counts)
    hidden = head_pairs + key_words(anchor) + [_safe(name) for name in names] + [p for name in names for p in _counted(name, joins, counts)]
    text_pairs = [p for p in _counted(text, joins, counts) if p not in head_pairs and p not in common]
    parts = [ANCHOR.format(n=n, id=anchor)] if n else []
    parts += [WEIGHT.format(w=weight), _safe(title), END_WEIGHT, PAIRS_MARK, _safe(text), PAIRS_MARK]
    if hidden:
        parts += [WEIGHT.format(w=weight), " ".join(hidden), END_WEIGHT]
    return " ".join(parts + [PAIRS_MARK] + text_pairs)


def page_sections(index: dict, langs: list[str], default_lang: str) -> dict[str, dict[str, list[dict]]]:
    """lang -> page URL -> its sections in order, each {'anchor', 'title', 'text'} in plain text;
    a page's own list of sources left out, the glossary table cut into its terms (searchfacts)."""
    facts = index.get("facts") or {}
    terms = searchfacts.glossary_terms(facts, langs)
    out: dict[str, dict[str, list[dict]]] = {lang: {} for lang in langs}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        page, _, anchor = location.partition("#")
        if anchor == SOURCES_ANCHOR:
            continue
        title, text = plain(doc.get("title", "")), plain(doc.get("text", ""))
        lang = language_of(location, langs, default_lang)
        section = {"anchor": anchor, "title": title, "text": text, "boost": doc.get("boost")}
        head, parts = searchfacts.split_glossary(text, terms, langs, lang) or (text, []) if terms else (text, [])
        out[lang].setdefault(page, []).append({**section, "text": head})
        out[lang][page] += [{**part, "boost": None} for part in parts]
    return out


def page_key(page: str, names: dict) -> str:
    """The id a reader types for a page: a document's own page, the document's id ('qd-1439');
    another page, its last path segment ('pa-2'), unless that is a document's id whose own page
    is elsewhere (a plan's page, 'plans/qd-1439/', is not what 'qd 1439' names)."""
    if names.get(f"{page}#key"):
        return names[f"{page}#key"][0]
    slug = page.rstrip("/").rsplit("/", 1)[-1]
    owned = {ids[0] for url, ids in names.items() if url.endswith("#key")}
    return "" if slug in owned else slug


def page_record(page: str, sections: list[dict], joins: bool, names: dict, counts=None, common=frozenset()) -> list[dict]:
    """The Pagefind records of a page: one, its sections as sub-results (see `section_digest`), or
    for a long page one per part (`_parts`).

    Meta, which Pagefind searches too and weighs (search.js sets the weights): `title`, the
    page's title; `names`, the page's other names from the data (searchfacts) and, where words
    are syllables, the pairs of its title and names; `by`, who issued the page's document;
    `key`, the page's id as cited (`page_key`), for search.js to tell an id typed. A
    page's `search: boost:` (site_hooks gives documents' own pages one) becomes the filter
    `boost`."""
    first = sections[0] if sections[0]["anchor"] == "" else {"anchor": "", "title": "", "text": "", "boost": None}
    rest = sections[1:] if first is sections[0] else sections
    own = [n for n in names.get(page, []) if n != first["title"]]
    key = page_key(page, names)
    digest = [section_digest(first["title"], first["text"], key, 0, joins, (), TITLE_WEIGHT, counts, common)]
    digest += [section_digest(s["title"], s["text"], s["anchor"], n, joins, names.get(f"{page}#{s['anchor']}", ()), HEADING_WEIGHT, counts, common)
               for n, s in enumerate(rest, 1)]
    digest, parts = _parts(digest, [s["anchor"] for s in rest])
    meta = {"title": _safe(first["title"] or page)}
    if key_words(key):
        meta["key"] = key
    if names.get(f"{page}#by"):
        meta["by"] = _safe(" ; ".join(names[f"{page}#by"]))
    called = [_safe(n) for n in own] + (list(dict.fromkeys(p for n in [first["title"]] + own for p in _counted(n, joins, counts if n in own else None))) if joins else [])
    if called:
        meta["names"] = " ".join(called)
    record = {"url": "/" + page, "content": " ".join(digest), "meta": meta}
    if first.get("boost"):  # a filter, so not a searchable word
        record["filters"] = {"boost": [str(first["boost"])]}
    return [record] + [{"url": f"/{page}#{anchor}", "content": " ".join(part), "meta": {PART_META: meta["title"]}} for anchor, part in parts]


def _parts(digest: list[str], anchors: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A page of more than LONG_PAGE words cut into as few runs of whole sections as keep each under
    about PART_WORDS, of even size: the first run stays the page's record, each next one becomes a
    record of its own, named by its first section's anchor."""
    sizes = [section.count(" ") + 1 for section in digest]
    total = sum(sizes)
    if total <= LONG_PAGE:
        return digest, []
    target = total / -(-total // PART_WORDS)
    runs, size = [[]], 0
    for n, words_in in enumerate(sizes):
        if runs[-1] and size + words_in / 2 > target:
            runs.append([])
            size = 0
        runs[-1].append(n)
        size += words_in
    return [digest[n] for n in runs[0]], [(anchors[run[0] - 1], [digest[n] for n in run]) for run in runs[1:]]


def records(index: dict, langs: list[str], default_lang: str, syllables=(), sections=None, counts=None) -> dict[str, list[dict]]:
    """lang -> Pagefind records, one per page of Material's section index or part of a long one (`page_record`);
    with ``counts`` ({}), lang -> how often each word shown is written (see `vocabulary`)."""
    sections = sections or page_sections(index, langs, default_lang)
    out: dict[str, list[dict]] = {lang: [] for lang in sections}
    names = searchfacts.page_names(index.get("facts") or {}, langs)
    for lang, record in each_record(names, sections, default_lang, syllables, counts):
        out[lang].append(record)
    return out


def each_record(names: dict, sections: dict, default_lang: str, syllables=(), counts=None):
    """(lang, record) one page at a time, in the order of ``sections`` (`page_sections`), which
    is emptied as it goes: the whole site's records and sections are never in memory together.
    ``names``: the pages' names from the data (searchfacts.page_names)."""
    for lang in list(sections):
        prefix = "" if lang == default_lang else f"{lang}/"
        local = {prefix + url: found for url, found in names.items()}
        counted = counts.setdefault(lang, Counter()) if counts is not None else None
        pages = list(sections.pop(lang).items())
        common = common_pairs(dict(pages)) if lang in syllables else frozenset()
        for n, (page, found) in enumerate(pages):
            pages[n] = None
            if found:
                for record in page_record(page, found, lang in syllables, local, counted, common):
                    yield lang, record


def common_pairs(pages: dict[str, list[dict]]) -> frozenset[str]:
    """The pairs of adjacent words that the texts of more than COMMON_PAIR of a language's sections
    hold ('kế hoạch', 'thực hiện' in a list of thousands of activities): such a pair selects nothing,
    yet its place in every section is most of what the pairs cost the index (its memory, its chunks,
    every fragment). It is not indexed as a pair; a query holding it is found by its other pairs and
    its words (Pagefind passes over a word it does not know), and search.js still sees the words
    side by side in the text."""
    held: Counter[str] = Counter()
    sections = [s for found in pages.values() for s in found]
    for s in sections:
        held.update(set(_adjacent(words(s["text"]))))
    return frozenset(p for p, n in held.items() if n > COMMON_PAIR * len(sections))


def vocabulary(counts: dict[str, int]) -> list[str]:
    """The words a typo may be corrected to (headings, texts and names shown, VOCABULARY_MIN
    letters or more, no number), the most frequent first."""
    kept = [w for w in counts if len(w) >= VOCABULARY_MIN and not w.isdigit()]
    return sorted(kept, key=lambda w: (-counts[w], w))
