"""Site search at scale (docs/search-decision.md, issue 25): what keeps the bytes a search fetches and
the indexer's memory small when a plan lists thousands of activities. A long page is cut into
records of a few thousand words; a link that only names an item or a source (which has a section
of its own elsewhere) is not indexed again where it is linked."""

from __future__ import annotations

import re
import shutil

import pytest
from acsdocs import search, searchrecords
from material.plugins.search.plugin import Parser
from test_search import DEFAULT, LANGS, home, sections_of


def long_index(sections: int, words: int) -> dict:
    """A plan page of ``sections`` activities of ``words`` words each (a word unique to each: 'mot<n>')."""
    docs = [{"location": "plans/p/", "title": "Kế hoạch mẫu", "text": "<p>Kế hoạch của tỉnh</p>"}]
    docs += [{"location": f"plans/p/#act-{n}", "title": f"Hoạt động {n} của kế hoạch mẫu", "text": "<p>" + " ".join(["kế hoạch đào tạo"] * (words // 4)) + f" mot{n}</p>"}
             for n in range(sections)]
    docs += [{"location": "short/", "title": "Trang ngắn", "text": "<p>Vài chữ</p>"}]
    return {"docs": docs}


def test_a_long_page_is_cut_into_records_and_only_the_first_is_named_by_the_title():
    index = long_index(60, 600)  # about 40,000 words indexed: over LONG_PAGE
    recs = search.records(index, LANGS, DEFAULT, syllables=[DEFAULT])[DEFAULT]
    parts = [r for r in recs if r["url"].startswith("/plans/p/")]
    total = sum(len(p["content"].split()) for p in parts)
    assert total > searchrecords.LONG_PAGE and 2 <= len(parts) <= -(-total // searchrecords.PART_WORDS)  # as few as keep each small
    first, rest = parts[0], parts[1:]
    assert first["url"] == "/plans/p/" and first["meta"]["title"] == "Kế hoạch mẫu"
    for part in rest:  # named by its first section; the page's title shown, never searched as a title
        anchor = part["url"].partition("#")[2]
        assert part["content"].split(" ", 1)[0].endswith(f":{anchor}")  # its first word: the anchor of its first section
        assert part["meta"] == {searchrecords.PART_META: "Kế hoạch mẫu"}
    section_words = max(len(" ".join(s).split()) for s in sections_of(first)[1:])
    assert all(len(p["content"].split()) <= searchrecords.PART_WORDS + section_words for p in parts)
    anchors = [a for p in parts for a in re.findall(r"___PAGEFIND_ANCHOR___h2:\d+:(\S+)", p["content"])]
    assert anchors == [f"act-{n}" for n in range(60)]  # every section once, in order
    assert [r["url"] for r in recs if r["url"].startswith("/short/")] == ["/short/"]  # a short page stays one record
    small = search.records(long_index(3, 600), LANGS, DEFAULT, syllables=[DEFAULT])[DEFAULT]
    assert [r["url"] for r in small if r["url"].startswith("/plans/p")] == ["/plans/p/"]


def material_sections(html: str) -> dict[str, str]:
    """What Material's search plugin (the extractor of sections) takes from a page: anchor -> text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return {section.id or "": "".join(section.text) for section in parser.data}


def test_a_link_to_an_item_or_an_activitys_source_is_not_indexed_again(built_site):
    """An activity's line 'contributes to' links items whose own sections are on their document's or
    area's page, and its source line the sources page: searched there, not in every activity."""
    checked = 0
    for lang in LANGS:
        for page in sorted((built_site / home(lang) / "plans").glob("*/index.html")):
            html = page.read_text(encoding="utf-8")
            texts = material_sections(html)
            for anchor, body in re.findall(r'id="(act-[^"]+)".*?</h\d>(.*?)(?=<h\d|$)', html, re.S):
                links = [("data-search-exclude" in attrs, re.sub(r"<[^>]+>", "", text).strip()) for attrs, text in re.findall(r"<a ([^>]*)>(.*?)</a>", body, re.S)]
                excluded = {name for left_out, name in links if left_out}
                assert excluded, (page, anchor)  # its source, and what it contributes to
                for name in excluded - {name for left_out, name in links if not left_out}:  # (a source its history cites again stays there)
                    assert name and name not in texts[anchor], (page, anchor, name)
                checked += 1
    assert checked > 20, checked


@pytest.mark.browser
def test_a_part_of_a_long_page_is_found_under_the_pages_title(browser, built_site, tmp_path, monkeypatch):
    """search.js: a section of a part record is a result under its page's title; the part itself is
    never a result of its own, and the page's title finds the page once."""
    from browser import serve

    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    monkeypatch.setattr(searchrecords, "PART_WORDS", 300)
    monkeypatch.setattr(searchrecords, "LONG_PAGE", 300)
    search.write_pagefind(site, long_index(12, 120), LANGS, DEFAULT, syllables=[DEFAULT])
    with serve(site) as url:
        page = browser.new_page()
        page.goto(url + home(DEFAULT))
        found = page.evaluate("q => window.acsSearch(q)", "mot9")
        assert found and found[0]["url"] == "/plans/p/#act-9" and found[0]["page"] == "Kế hoạch mẫu", found
        titled = page.evaluate("q => window.acsSearch(q)", "ke hoach")  # the title's words, in every part's text too
        assert [r["url"] for r in titled if r["title"] == "Kế hoạch mẫu"] == ["/plans/p/"], titled  # no part is a result of its own
        page.close()


def test_a_pair_that_most_sections_hold_is_not_indexed_as_a_pair():
    """'kế hoạch' in every activity selects nothing and costs the index most; 'cao huy' in one is kept."""
    docs = [{"location": "p/", "title": "Trang", "text": "<p>Giới thiệu</p>"}]
    docs += [{"location": f"p/#a-{n}", "title": f"Mục {n}", "text": "<p>Kế hoạch năm" + (" của ông Cao Huy" if n == 3 else "") + "</p>"}
             for n in range(6)]
    (record,) = search.records({"docs": docs}, LANGS, DEFAULT, syllables=[DEFAULT])[DEFAULT]
    held = [section[3].split() for section in sections_of(record)]
    assert "caohuy" in held[4] and "kehoach" not in [p for pairs in held for p in pairs]
    assert "Kế hoạch năm" in sections_of(record)[1][1]  # the words themselves are indexed and shown
    assert searchrecords.common_pairs({"p/": [{"text": "a b"}] * 2 + [{"text": "c d"}]}) == {"ab"}
