"""Long activity lists stay light (issue 25): an area page with more than Renderer.FOLD_OVER activities
puts each year's lines in a closed <details class="acs-fold"> under the year's heading; every line stays
in the HTML (search, find in page), and on paper the folded lines are shown."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import markdown
import pytest
from acsdocs.generated import generated_pages
from acsdocs.render import Renderer
from acsdocs.words import load_words
from conftest import ROOT

AREA, PAGE = "decl#pa-2", "areas/decl/pa-2.md"  # the mini fixture's area with an activity


class Lines(HTMLParser):
    """Where each activity link of a page lies: inside which folded group, and what each group says."""

    def __init__(self):
        super().__init__()
        self.stack, self.groups, self.links, self.headings, self.summary = [], [], {}, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and "acs-fold" in (attrs.get("class") or "").split():
            self.groups.append({"summary": "", "lines": 0, "after": self.headings[-1] if self.headings else None})
        self.stack.append((tag, len(self.groups) - 1 if tag == "details" else None))
        folded = next((g for t, g in reversed(self.stack) if t == "details" and g is not None), None)
        if tag == "summary" and folded is not None:
            self.summary = folded
        if tag == "li" and folded is not None:
            self.groups[folded]["lines"] += 1
        if tag == "a" and "#act-" in attrs.get("href", ""):
            self.links[attrs["href"].rpartition("#act-")[2]] = folded
        if tag == "h3" and attrs.get("id", "").startswith("activities-"):
            self.headings.append((attrs["id"], folded))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag == "summary":
            self.summary = None

    def handle_data(self, data):
        if self.summary is not None:
            self.groups[self.summary]["summary"] += data


@pytest.fixture
def words(mini_settings):
    words, problems = load_words(mini_settings)
    assert problems == []
    return words


def area_with(site, words, count: int, lang: str = "en") -> Lines:
    """The area page's HTML with ``count`` activities (copies of the fixture's, over several years)."""
    first = site.index.activities[AREA][0]
    acts = []
    for i in range(count):
        data = {k: v for k, v in first.data.items() if k not in ("date", "start", "end")} | {"id": f"{first['id']}-{i}"}
        data |= {"date": f"{2018 + i % 5}-0{1 + i % 9}-1{i % 9}"} if i % 6 else {}  # every sixth undated
        acts.append(dataclasses.replace(first, data=data))
    site.index.activities[AREA] = acts
    text = generated_pages(site, words, lang)[PAGE]
    lines = Lines()
    lines.feed(markdown.markdown(text, extensions=["attr_list", "md_in_html"]))
    return lines


def test_a_short_list_is_not_folded(mini_site, words):
    lines = area_with(mini_site, words, Renderer.FOLD_OVER)
    assert len(lines.links) == Renderer.FOLD_OVER
    assert lines.groups == [] and set(lines.links.values()) == {None}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_long_list_is_folded_by_year_with_every_line_in_the_page(mini_site, words, lang):
    count, first = Renderer.FOLD_OVER + 1, mini_site.index.activities[AREA][0]["id"]
    lines = area_with(mini_site, words, count, lang)
    assert sorted(lines.links) == sorted(f"{first}-{i}" for i in range(count))  # every line, once
    assert None not in lines.links.values()  # each inside a folded group
    assert len(lines.groups) == len(lines.headings) == 6  # five years and the undated ones
    assert [g["after"] for g in lines.groups] == lines.headings  # each group under its year's heading
    assert all(folded is None for _, folded in lines.headings)  # the headings stay outside: the page's contents list them
    for group in lines.groups:
        assert re.findall(r"\d+", group["summary"]) == [str(group["lines"])]  # the summary says how many it holds
    assert sum(g["lines"] for g in lines.groups) == count


@pytest.mark.browser
def test_folded_lines_are_hidden_on_screen_and_printed(browser):
    """The stylesheet shows a closed group's lines on paper, even where no script opens it (printing to PDF)."""
    css = (ROOT / "overrides" / "assets" / "site.css").read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.set_content(f"<style>{css}</style><article class='md-typeset'><h3>2020</h3><details class='acs-fold'>"
                         "<summary>List (1)</summary><ul><li id='line'>A line</li></ul></details></article>")
        assert not page.is_visible("#line")
        page.emulate_media(media="print")
        assert page.is_visible("#line") and not page.is_visible("summary")
    finally:
        page.close()


def test_a_fold_defines_a_term_once_and_keeps_every_line():
    from acsdocs.layout import first_definitions_in_folds

    line = '<li><a href="x"><abbr title="Sở Nội vụ: cơ quan">Sở Nội vụ</abbr> A</a> <abbr title="B: b">B</abbr></li>'
    page = f'<p><abbr title="Sở Nội vụ: cơ quan">Sở Nội vụ</abbr></p><details class="acs-fold"><summary>2024</summary><ul>{line * 3}</ul></details>'
    out = first_definitions_in_folds(page + page.replace("2024", "2025"))
    folds = out.split('<details class="acs-fold">')
    assert folds[0].count("<abbr") == 1  # outside a fold: untouched
    for fold in folds[1:]:
        body = fold.split("</details>")[0]
        assert body.count('<abbr title="Sở Nội vụ: cơ quan">') == 1 and body.count('<abbr title="B: b">') == 1
        assert body.count("Sở Nội vụ</a>") == 0 and body.count("Sở Nội vụ A</a>") == 2 and body.count("<li>") == 3
