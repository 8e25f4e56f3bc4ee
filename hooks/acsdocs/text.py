"""Small text helpers: accent folding, slugs, Markdown escaping, dates, CSV cells."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from markupsafe import Markup


class _Marks(dict):
    """str.translate table that drops combining marks (category Mn), learnt one character at
    a time: folding runs at C speed over the whole search index."""

    def __missing__(self, code: int):
        self[code] = None if unicodedata.category(chr(code)) == "Mn" else code
        return self[code]


_MARKS = _Marks({ord("đ"): "d", ord("Đ"): "D"})


def fold(text: str) -> str:
    """Vietnamese without diacritics, lowercased: 'Đào tạo công vụ' -> 'dao tao cong vu'."""
    return unicodedata.normalize("NFD", text).translate(_MARKS).lower()


def slugify(value: str, separator: str = "-") -> str:
    """Heading ids that keep Vietnamese readable: 'Đà Nẵng' -> 'da-nang' (the default drops 'đ')."""
    value = fold(value)
    value = re.sub(r"[^\w\s-]", "", value).strip()
    return re.sub(r"[\s_-]+", separator, value)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|.-])")


def md_escape(value: object) -> Markup:
    """Text from data, safe to place in Markdown: no markup, no links, no attributes.

    HTML characters become entities and Markdown punctuation is backslash-escaped, so a
    title like ``[x](javascript:...)`` or ``<img onerror=...>`` shows as typed."""
    return _md_escape(value if type(value) is str else str(value))


@lru_cache(maxsize=1 << 16)  # the same names and titles recur on many pages and in every language
def _md_escape(text: str) -> Markup:
    return Markup(html.escape(_MD_SPECIAL.sub(r"\\\1", " ".join(text.split())), quote=True))


def html_escape(value: object) -> Markup:
    """Text for a raw HTML context (inside an SVG or an HTML table)."""
    return Markup(html.escape(" ".join(str(value).split()), quote=True))


def page_url(page: str, lang: str = "", default: str = "") -> str:
    """Where a page is published, as a path from the site root without a leading slash:
    'decision-896.md' -> 'decision-896/', 'index.md' -> ''; a language other than the
    default under its own folder ('en/decision-896/')."""
    stem = page[: -len(".md")]
    url = "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")
    return url if lang == default else f"{lang}/{url}"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value for a CSV cell that no spreadsheet runs as a formula (OWASP, "CSV Injection").

    Text that begins with =, +, -, @, a tab or a carriage return gets a leading apostrophe,
    which Excel, LibreOffice and Google Sheets take as "this is text" and do not display:
    '=HYPERLINK(...)' and '+cmd|...' stay text. Numbers and None pass unchanged (a number
    is never a formula); quoting commas and quotes is the csv module's job."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
