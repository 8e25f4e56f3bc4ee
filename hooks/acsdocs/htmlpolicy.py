"""The trust boundary of content pages: Markdown, plus raw HTML from a small allow-list.

A page of content/ can come from a pull request, and the site is served from the project's
own origin, so a page may not carry script in any form: no element outside ``TAGS``, no
attribute outside ``ATTRIBUTES`` (so no ``on*`` handler and no ``style``), and every address
(``href``, ``src``…, in raw HTML or in Markdown) relative or http(s), mailto or tel, whatever
its spelling (entities, case, spaces and control characters are undone before the check).
A page that breaks the rule is refused at file:line:col; nothing is silently removed. No
MkDocs here."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .problems import ERROR, WARNING, Problem

TAGS = frozenset("a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure "
                 "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup table tbody td "
                 "tfoot th thead time tr u ul var wbr".split())
ATTRIBUTES = frozenset("id class lang dir title href src alt width height colspan rowspan scope headers hreflang rel datetime "
                       "cite open markdown role name abbr start reversed type span".split())
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset", "xlink:href", "data", "background"})
SCHEMES = ("http", "https", "mailto", "tel")
CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|`+[^`\n]*`+", re.M | re.S)  # fenced blocks and code spans: text, not HTML
HIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def unsafe_address(value: str) -> str | None:
    """The scheme of an address that is neither relative nor one of ``SCHEMES``, else None."""
    plain = HIDDEN.sub("", value)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", plain)
    if match and match.group(1).lower() not in SCHEMES:
        return match.group(1).lower()
    return None


BLOCKS = frozenset({"div", "details", "table", "blockquote", "figure", "dl", "ol", "ul", "pre", "section"})  # left open, they swallow the page


class _Policy(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list = []  # (line, column, message)
        self.open: list = []  # (tag, line, column) of block elements not yet closed

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                return

    def unclosed(self) -> list:
        return [(line, col, f"<{tag}> is opened here and never closed, so it takes in the rest of the page; add </{tag}>") for tag, line, col in self.open]

    def handle_starttag(self, tag, attrs):
        line, col = self.getpos()
        if tag in BLOCKS:
            self.open.append((tag, line, col + 1))
        if tag not in TAGS:
            self.found.append((line, col + 1, f"raw HTML element <{tag}> is not allowed in a page"))
        for name, value in attrs:
            if name not in ATTRIBUTES and not name.startswith("aria-"):
                self.found.append((line, col + 1, f"raw HTML attribute '{name}' (on <{tag}>) is not allowed in a page"))
            elif name in URL_ATTRIBUTES and value and unsafe_address(value):
                self.found.append((line, col + 1, f"the address of '{name}' (on <{tag}>) uses '{unsafe_address(value)}:', which a page may not use"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))  # keep every position


def check(text: str, shown: str, first_line: int = 1) -> list[Problem]:
    """Raw HTML of a page body that the policy refuses, each at its place."""
    parser = _Policy()
    parser.feed(CODE.sub(_blank, text))
    parser.close()
    hint = ("; a page may hold Markdown and the elements and attributes listed in docs/guide.md "
            "('What a page may hold'), with addresses that are relative or http(s), mailto or tel")
    return [Problem(shown, line + first_line - 1, col, message + hint, ERROR, "html") for line, col, message in parser.found] + \
        [Problem(shown, line + first_line - 1, col, message, WARNING, "html") for line, col, message in parser.unclosed()]
