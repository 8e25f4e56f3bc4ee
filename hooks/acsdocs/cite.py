"""Reading helpers (issue 13): citations in each language's administrative style, reader-facing
names for source ids, and the interface words the browser script reads from the page.

Every pattern and word lives in templates/strings.yml; nothing here branches on a language.
The functions take a ``Renderer`` (render.py) for its language, labels and dates, so tests
call them directly with any site and language.
"""

from __future__ import annotations

import collections
import re
from functools import lru_cache

CITE_KEYS = (
    "cite_numbered", "cite_unnumbered", "cite_date", "cite_year", "cite_title_date", "cite_subject",
    "cite_item", "cite_item_number", "cite_site_numbering", "cite_full", "source_name",
)
# The words of the not-found page (overrides/404.html), wanted there in every language.
NOT_FOUND_KEYS = ("not_found_title", "not_found_text", "not_found_search", "not_found_sections", "not_found_home")
# Words the browser script (overrides/assets/site.js) needs, rendered into every page by
# overrides/main.html as JSON: the script never carries words of its own.
PAGE_WORD_KEYS = (
    "copy_link", "copy_citation", "copied", "cite_full", "table_scrolls", "scroll_cue", "printed_on", "printed_address",
    "cite_date_style",
)


def _fill(pattern: str, **parts: str) -> str:
    """``str.format`` for patterns from strings.yml, with every part already text."""
    return pattern.format(**parts)


def authority(r, doc: dict) -> str:
    """Who issued the document, as the document itself names the issuer (``authority``:
    'Bộ trưởng Bộ Nội vụ'); the issuing body (``issuer``) when the data gives no authority."""
    return r.t(doc.get("authority")) or r.t(doc.get("issuer"))


def citation_head(r, doc: dict, written: bool = False) -> str:
    """How a citation names a document, in the administrative style of ``r``'s language:
    type, number, date, issuing authority and subject for a numbered document
    ('Quyết định số 896/QĐ-BNV ngày 15/11/2022 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án …');
    title and date for one without a number (a declaration). Parts the data lacks are left out.
    ``written``: the date as a letter's body writes it ('ngày 15 tháng 11 năm 2022')."""
    issued = doc.get("issued") or ""
    when = r.words.date(issued, r.lang, written) if issued else ""
    subject = r.t(doc.get("subject"))
    subject = _fill(r._("cite_subject"), subject=subject) if subject else ""
    if doc.get("number"):
        kind = r.t((r.site.vocab["document_kinds"].get(doc["kind"]) or {}).get("cited_as")) or r.label("document_kinds", doc["kind"])
        pattern = "cite_date" if len(issued) == len("yyyy-mm-dd") else "cite_year"
        date = _fill(r._(pattern), date=when) if issued else ""
        return _fill(r._("cite_numbered"), kind=kind, number=doc["number"], date=date, authority=authority(r, doc), subject=subject)
    date = _fill(r._("cite_title_date"), date=when) if issued else ""
    return _fill(r._("cite_unnumbered"), title=r.t(doc["title"]), date=date, subject=subject)


def item_part(r, doc: dict, item: dict) -> str:
    """The item as a citation names it: 'Nhiệm vụ 7 (đánh số theo trang này): …' where the
    numbers are the site's own (``numbering: site`` on the document)."""
    label = r.label("item_kinds", item["kind"])
    if "number" in item:
        marker = r._("cite_site_numbering") if doc.get("numbering") == "site" else ""
        label = _fill(r._("cite_item_number"), kind=label, number=str(item["number"]), marker=marker)
    return f"{label}: {r.t(item['title'])}"


def item_citation(r, ref: str, written: bool = False) -> str:
    """The citation of one item, without the address and the date of access (the browser
    adds both with ``cite_full``: the address is where the reader found it)."""
    doc = r.site.item_doc(ref)
    item = r.site.items[ref]
    return _fill(r._("cite_item"), head=citation_head(r, doc, written), item=item_part(r, doc, item))


def full_citation(r, ref: str, url: str, accessed: str) -> str:
    """What the 'copy citation' button puts on the clipboard (tests use this as the golden)."""
    return _fill(r._("cite_full"), citation=item_citation(r, ref), url=url, accessed=accessed)


def page_citations(r, doc: dict, items: list | None = None, written: bool = False) -> dict:
    """{item id: citation} for the items shown on a page, for the browser script."""
    chosen = doc.get("items", []) if items is None else items
    return {item["id"]: item_citation(r, f"{doc['id']}#{item['id']}", written) for item in chosen}


def document_citations(r, doc: dict) -> dict:
    """The citation of a document as a whole, as its first mention in a text names it (number,
    date, authority and subject), with the date in each style: {'numeric': …, 'written': …}."""
    return {"numeric": citation_head(r, doc), "written": citation_head(r, doc, written=True)}


# -- reader-facing names ---------------------------------------------------------------

@lru_cache(maxsize=8)
def _source_ids(ids: tuple) -> re.Pattern:
    """One pattern for the known source ids, each a whole word ('s002', not 's0021')."""
    names = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w/#-])({names})(?![\w/-])")


def name_sources(text: str, site, lang_text, lang: str) -> str:
    """Replace the ids of known sources in a text from the data ('nguồn s002') by how readers
    know them: publisher and date ('nguồn Bộ Nội vụ – Trang thông tin ACCSM 21, 05/08/2022').
    ``lang_text`` gives a source's name in ``lang``: (publisher, date) -> str. Each text is
    named once per loaded site and language (the same texts recur on many pages)."""
    if not text or not site.sources:
        return text
    named = site.__dict__.setdefault("_named", {}).setdefault(lang, {})
    found = named.get(text)
    if found is None:
        pattern = _source_ids(tuple(site.sources))
        found = named[text] = pattern.sub(lambda m: lang_text(site.sources[m[1]].get("publisher"), site.sources[m[1]].get("date")), text)
    return found


def _look_alikes(r) -> collections.Counter:
    """How many sources read alike (date, publisher in the reader's language), counted once
    per loaded site and language (every page lists sources: counting per label was quadratic)."""
    kept = r.site.__dict__.setdefault("_look_alikes", {})
    if r.lang not in kept:
        kept[r.lang] = collections.Counter((other.get("date"), r._text(other.get("publisher"))) for other in r.site.sources.values())
    return kept[r.lang]


def source_label(r, sid: str) -> str:
    """How a list of links names a source: its publisher and date; when another source would
    read the same (one publisher, no date), the start of its title too, so no two look alike."""
    source = r.site.sources[sid]
    label = r._source_name(source.get("publisher"), source.get("date"))
    if _look_alikes(r)[(source.get("date"), r._text(source.get("publisher")))] < 2 or not source.get("title"):
        return label
    words = str(source["title"]).split()
    return f"{label}: “{' '.join(words[:8])}{'…' if len(words) > 8 else ''}”"


def page_words(words, lang: str) -> dict:
    """The interface words of one language for the browser script, with how the language
    writes a date (``locales/<lang>.yml``: the ``day`` pattern and the month names)."""
    found = {key: words.get(key, lang) for key in PAGE_WORD_KEYS}
    fmt = words.formats.get(lang) or {}
    found["date_pattern"] = fmt.get("day", "{y}-{m:02d}-{d:02d}")
    found["months"] = list(fmt.get("months") or [])
    found["date_pattern_written"] = fmt.get("day_written", found["date_pattern"])  # as a letter's body writes it
    found["months_written"] = list(fmt.get("months_written") or found["months"])
    return found


def theme_globals(words, lang: str, id_words: list | tuple = ()) -> dict:
    """What the theme overrides read: the interface words (`acs_words`), those of
    overrides/assets/site.js (`acs_page_words`), how search.js pairs what is typed, which
    abbreviations it expands (`acs_synonyms`) and which words begin an id (`acs_id_words`), and the
    words of the not-found page in every language, this one first (`acs_not_found`: the host
    serves the root's 404 page for a missing address in any language)."""
    order = [lang] + [code for code in words.langs if code != lang]
    not_found = [{"lang": code, "name": words.lang_name(code, code), **{key: words.get(key, code) for key in NOT_FOUND_KEYS}}
                 for code in order]
    return {"acs_words": {key: words.get(key, lang) for key in words.table}, "acs_page_words": page_words(words, lang),
            "acs_syllables": words.syllables(lang), "acs_synonyms": words.synonyms(lang), "acs_id_words": list(id_words), "acs_not_found": not_found}
