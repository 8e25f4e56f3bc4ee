"""Page layout helpers that work on the rendered HTML of a page (issue 13)."""

from __future__ import annotations

import html as htmllib
import re

from markupsafe import Markup

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td\b([^>]*)>(.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]+>")
STACK_FROM = 3  # columns: narrower tables fit a phone as they are


def _text(fragment: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub(" ", fragment)).split())


def label_table_cells(page_html: str) -> str:
    """Give each body cell of a Markdown table the name of its column (``data-label``), so the
    stylesheet can show a table of three or more columns (``data-stack``) as one card per row on a
    narrow screen: the name on the left, the cell's content on the right. The content of a named
    cell is wrapped in one element (``acs-cell``), so that text, links, badges and lists all stay
    in the value column however they mix. Narrower tables, tables without a header row, and
    cells of columns without a name are left as they are."""

    def table(match: re.Match) -> str:
        body = match[1]
        head, sep, rows = body.partition("</thead>")
        if not sep:
            return match[0]
        names = [_text(cell) for cell in _HEAD_CELL.findall(head)]
        if len(names) < STACK_FROM or not any(names):
            return match[0]

        def row(row_match: re.Match) -> str:
            index = iter(range(10_000))

            def cell(found: re.Match) -> str:
                i = next(index)
                name = names[i] if i < len(names) else ""
                if not name:
                    return found[0]
                return f'<td data-label="{htmllib.escape(name, quote=True)}"{found[1]}><div class="acs-cell">{found[2]}</div></td>'

            return "<tr>" + _CELL.sub(cell, row_match[1]) + "</tr>"

        return f"<table data-stack>{head}{sep}{_ROW.sub(row, rows)}</table>"

    return _TABLE.sub(table, page_html)


def escape_meta(meta: dict, title, is_homepage: bool) -> None:
    """The theme prints a page's title and description unescaped: give it each escaped exactly
    once (a title from the first heading is HTML already; the home page's tab shows the site's name)."""
    if isinstance(meta.get("title"), str):
        meta["title"] = Markup(htmllib.escape(meta["title"]))
    elif not is_homepage:
        meta["title"] = Markup(title or "")
    if isinstance(meta.get("description"), str):
        meta["description"] = Markup(htmllib.escape(meta["description"]))


FOLD = re.compile(r'<details class="acs-fold">.*?</details>', re.S)
ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)


def first_definitions_in_folds(page_html: str) -> str:
    """In a folded long list (details.acs-fold) the same glossary term recurs on every line:
    its first occurrence in the fold keeps the definition, the others are plain text."""
    def fold(match: re.Match) -> str:
        seen: set = set()

        def abbr(found: re.Match) -> str:
            key = (found.group(1), found.group(2))
            if key in seen:
                return found.group(2)
            seen.add(key)
            return found.group(0)
        return ABBR.sub(abbr, match.group(0))
    return FOLD.sub(fold, page_html) if "acs-fold" in page_html else page_html
