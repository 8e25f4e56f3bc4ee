"""Site search (hooks/acsdocs/search.py, overrides/assets/search.js): the index, and what a reader
finds, in Debian's chromium driven by Playwright (no browser download).

The query set is tests/search_queries.yml; the hit rate per language, on the whole set and on the
queries held out of tuning (`held_out: true`), is printed (pytest -s) and asserted."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from acsdocs import search, searchfacts, searchrecords
from acsdocs.words import _locale_error

ROOT = Path(__file__).resolve().parents[1]
QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
HIT_RATE = 0.95
# The held-out fifth is scored, never tuned on, and must meet the same target (issue 22): the third
# held-out set, scored once after the ranking of an item named with its document, brought every
# held-out query to 64/65 vi, 32/32 en (docs/search-decision.md).
HELD_OUT_FLOOR = HIT_RATE


def site_languages() -> tuple[list[str], str]:
    """The languages of mkdocs.yml (mkdocs-static-i18n's `languages:`), default first."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    langs = [entry["locale"] for entry in i18n["languages"]]
    default = next(entry["locale"] for entry in i18n["languages"] if entry.get("default") == "true")
    return [default] + [lang for lang in langs if lang != default], default


LANGS, DEFAULT = site_languages()


def home(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


# -- the index, without a browser ---------------------------------------------------------

def sections_of(record: dict) -> list[list[str]]:
    """A record's content cut as search.js cuts it: per section, [heading, text, hidden, pairs]."""
    content = re.sub(r"___PAGEFIND_WEIGHT___\d+|___END_PAGEFIND_WEIGHT___", "", record["content"])
    parts = re.split(r"___PAGEFIND_ANCHOR___\S+", content)
    return [[" ".join(p.split()) for p in part.split(search.PAIRS_MARK)] for part in parts]


def test_a_page_is_one_record_its_sections_anchors_its_heading_weighed_up():
    index = {"docs": [
        {"location": "decision-896/", "title": "Quyết định 896/QĐ-BNV", "text": "<p>Đề án &amp; nhiệm vụ</p>", "boost": 5},
        {"location": "decision-896/#task-7", "title": "Nhiệm vụ 7", "text": '<p class="admonition-title">Lưu ý</p><p>Khung năng lực</p>'},
        {"location": "decision-896/#sources", "title": "Nguồn", "text": "<p>Báo Phụ nữ</p>"},  # the page's own list of sources
        {"location": "other/decision-896/#task-7", "title": "Task 7", "text": "<p>Competency framework ___PAGEFIND_WEIGHT___9 x</p>"},
    ], "facts": {"documents": [{"id": "qd-896", "page": "decision-896", "number": "896/QĐ-BNV", "issuer": {"aa": "Bộ Nội vụ", "other": "MOHA"},
                                "short_title": {"aa": "Quyết định 896", "other": "Decision 896"}, "title": {"aa": "Quyết định phê duyệt"},
                                "items": [{"id": "task-7", "title": {"aa": "Khung năng lực", "other": "Competency framework"}}]}]}}
    recs = search.records(index, ["aa", "other"], "aa", syllables=["aa"])
    assert [r["url"] for r in recs["aa"]] == ["/decision-896/"] and [r["url"] for r in recs["other"]] == ["/other/decision-896/"]
    (page,) = recs["aa"]
    assert "___PAGEFIND_ANCHOR___h2:1:task-7" in page["content"] and "sources" not in page["content"]  # no anchor for the sources list
    assert "___PAGEFIND_WEIGHT___7 Quyết ďịnh 896/QĎ-BNV ___END_PAGEFIND_WEIGHT___" in page["content"]  # 'đ' indexed as 'ď'
    (own, item) = sections_of(page)
    assert own[0] == "Quyết ďịnh 896/QĎ-BNV" and own[1] == "Ďề án & nhiệm vụ"
    assert own[2].split() == ["quyetdinh", "dinh896", "896qd", "qdbnv", "qd896"]  # the heading's pairs and the document's id, searched as the heading
    assert page["meta"]["key"] == "qd-896"
    assert own[3].split() == ["dean", "annhiem", "nhiemvu"]
    assert item[0] == "Nhiệm vụ 7" and item[1] == "Khung năng lực"  # a note box's title is not content
    assert item[2].split()[:2] == ["nhiemvu", "vu7"] and "task7" in item[2].split()  # the item id as typed
    assert "Competency framework" in item[2]  # the item's title in the other language: found from either site
    assert page["meta"]["title"] == "Quyết ďịnh 896/QĎ-BNV" and page["meta"]["by"] == "Bộ Nội vụ ; MOHA"
    assert "896/QĎ-BNV" in page["meta"]["names"] and "Decision 896" in page["meta"]["names"] and "quyetdinh" in page["meta"]["names"].split()
    assert page["filters"] == {"boost": ["5"]}
    (other,) = recs["other"]  # a language whose words are not syllables: only a written word's parts are joined
    assert "___PAGEFIND_WEIGHT___9" not in other["content"]  # a text cannot speak to Pagefind
    assert sections_of(other)[1][2].split()[0] == "task7"
    assert search.pairs("Quyết định 896/QĐ-BNV và ACCSM+3", syllables=False) == ["896qd", "qdbnv", "accsm3"]
    assert search.pairs("ở ở ở ở") == ["oo"]  # each pair once
    assert searchrecords.key_words("task-7") == ["task7"] and searchrecords.key_words("act-psti-workshop-2024") == []


def test_what_a_page_is_comes_from_the_data():
    data = {"documents": [{"id": "qd-1439", "page": "decision-1439", "number": "1439/QĐ-TTg", "issuer": {"vi": "Thủ tướng", "en": "Prime Minister"},
                           "short_title": {"vi": "Quyết định 1439 (Đề án 1439)", "en": "Decision 1439"}, "title": {"vi": "Quyết định phê duyệt"},
                           "items": [{"id": "solution-3", "title": {"vi": "Đào tạo"}}]},
                          {"id": "asean-2021", "title": {"vi": "Tuyên bố"},
                           "items": [{"id": "pa-1", "kind": "priority-area", "title": {"vi": "Lãnh đạo", "en": "Leadership"}}]}],
            "agencies": [{"id": "moha", "name": {"vi": "Bộ Nội vụ", "en": "Ministry of Home Affairs"}}]}
    names = searchfacts.page_names(data, ["vi", "en"])
    assert names["decision-1439/"] == ["1439/QĐ-TTg", "Quyết định 1439 (Đề án 1439)", "Decision 1439", "Quyết định phê duyệt"]
    assert names["decision-1439/#by"] == ["Thủ tướng", "Prime Minister"]
    assert names["decision-1439/#key"] == ["qd-1439"]  # the document's id names its own page, not its plan's
    assert searchrecords.page_key("decision-1439/", names) == "qd-1439" and searchrecords.page_key("plans/qd-1439/", names) == ""
    assert searchrecords.page_key("areas/asean-2021/pa-1/", names) == "pa-1"
    assert names["decision-1439/#solution-3"] == ["Đào tạo"]
    assert names["plans/asean-2021/"] == ["Tuyên bố"]  # a document without a page of its own: its plan's page
    assert names["areas/asean-2021/pa-1/"] == names["plans/asean-2021/#pa-1"] == ["Lãnh đạo", "Leadership"]
    assert names["agencies/moha/"] == ["Bộ Nội vụ", "Ministry of Home Affairs"]
    assert searchfacts.page_names({}, ["vi"]) == {}


def test_the_glossary_table_is_cut_into_its_terms():
    terms = searchfacts.glossary_terms({"glossary": [{"id": "napa", "term": {"vi": "Học viện (NAPA)", "en": "Academy (NAPA)"}},
                                                    {"id": "moha", "term": {"vi": "Bộ Nội vụ", "en": "Ministry"}}]}, ["vi", "en"])
    assert [t["row"] for t in terms] == ["Học viện (NAPA) Academy (NAPA)", "Bộ Nội vụ Ministry"]  # as the table's row begins
    text = "Tiếng Việt Tiếng Anh Giải nghĩa Học viện (NAPA) Academy (NAPA) Cơ sở đào tạo. Bộ Nội vụ Ministry Cơ quan."
    head, parts = searchfacts.split_glossary(text, terms, ["vi", "en"], "en")
    assert head == "Tiếng Việt Tiếng Anh Giải nghĩa"
    assert parts == [{"anchor": "term-napa", "title": "Academy (NAPA) · Học viện (NAPA)", "text": "Cơ sở đào tạo."},
                     {"anchor": "term-moha", "title": "Ministry · Bộ Nội vụ", "text": "Cơ quan."}]
    assert searchfacts.split_glossary("Học viện (NAPA) Academy (NAPA) only one", terms, ["vi", "en"], "vi") is not None
    assert searchfacts.split_glossary("a text that mentions Bộ Nội vụ Ministry", terms, ["vi", "en"], "vi") is None  # not the table


def test_the_locale_file_says_which_abbreviations_search_expands():
    assert _locale_error("synonyms", {"qđ": "quyết định", "tt": ["thủ tướng", "thông tư"]}) is None
    for bad in (["qđ"], {"qđ": ""}, {"qđ": []}, {"qđ": [1]}, "qđ: quyết định"):
        assert "'synonyms' should map" in _locale_error("synonyms", bad), bad


def test_built_site_has_a_pagefind_index_per_language_and_no_whole_site_index(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == set(LANGS)
    for lang in LANGS:
        titles = json.loads((built_site / "pagefind" / f"pages.{lang}.json").read_text(encoding="utf-8"))
        assert f"{home(lang)}decision-896/" in titles
        assert len(json.loads((built_site / "pagefind" / f"words.{lang}.json").read_text(encoding="utf-8"))) > 500  # typos are corrected to these
    sizes = search.index_sizes(built_site, LANGS)
    for lang in LANGS:
        assert 20 < sizes[lang]["records"] < 100, sizes  # a record per page, not per section


def test_every_page_the_data_names_is_a_page_of_the_site(built_site):
    """searchfacts follows acsdocs.render's addresses: a name given to a page that does not exist
    would rank nothing."""
    data = searchfacts.read(built_site)
    names = searchfacts.page_names(data, LANGS)
    assert len(names) > 30
    for url in names:
        page, _, anchor = url.partition("#")
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert anchor in ("", "by", "key") or f'id="{anchor}"' in html, url


def test_the_search_box_pairs_syllables_in_the_languages_whose_locale_says_so(built_site):
    said = {}
    for lang in LANGS:
        locale = ROOT / "hooks" / "acsdocs" / "locales" / f"{lang}.yml"
        said[lang] = locale.is_file() and (yaml.safe_load(locale.read_text(encoding="utf-8")) or {}).get("syllables") is True
        page = (built_site / home(lang) / "index.html").read_text(encoding="utf-8")
        assert ("data-acs-syllables" in page) == said[lang], lang
        assert "data-acs-synonyms='{&#34;" in page or 'data-acs-synonyms=\'{"' in page, lang  # the locale's abbreviations, as JSON
    assert any(said.values()) and not all(said.values()), said  # the shipped site has both kinds


def test_the_search_box_knows_the_words_that_begin_an_id_of_the_data(built_site):
    """search.js joins a word and a number typed apart ('pa 2' -> pa2, as search.py indexes the id
    'pa-2') only after such a word: else Pagefind passes over the unknown joined word and
    searches the others alone (issue 22: at 10k, 'sample province 042' read ten more records)."""
    from html import unescape

    for lang in LANGS:
        page = (built_site / home(lang) / "index.html").read_text(encoding="utf-8")
        listed = json.loads(unescape(re.search(r"data-acs-id-words='([^']*)'", page).group(1)))
        assert {"pa", "commitment", "task", "qd"} <= set(listed), listed  # items, documents (qd-1439)
        assert not {"province", "tinh", "mau", "cam", "ket"} & set(listed), listed


@pytest.mark.browser
def test_a_word_and_a_number_are_joined_only_where_that_can_be_indexed(reader, base_url):
    reader.goto(base_url + home("en"))
    searched = lambda q: [w for pair in reader.evaluate("q => window.acsSearch.searches(q)", q) for w in pair]  # noqa: E731
    assert "commitment4" in searched("commitment 4") and "pa2" in searched("pa 2")  # ids of the data
    assert not any("province042" in s for s in searched("sample province 042"))  # no id begins so
    reader.goto(base_url + home(DEFAULT))
    assert any("ket2" in s for s in searched("cam ket 2"))  # syllables: the pair indexed where 'Cam kết 2' is written


@pytest.mark.browser
def test_a_query_ranks_the_same_however_its_searches_interleave(browser, base_url):
    """Pagefind writes each search's word locations onto the one object it keeps per record; the
    searches of one query (pairs, words, abbreviations expanded) read them apart."""
    seen = set()
    for _ in range(4):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base_url + home(DEFAULT))
        seen.add(tuple((r["url"], round(r["score"], 6)) for r in page.evaluate("q => window.acsSearch(q)", "cchc")[:6]))
        context.close()
    assert len(seen) == 1, seen


def test_a_bundle_pagefind_left_incomplete_is_taken_from_its_answer(tmp_path, monkeypatch):
    """Pagefind once left its entry file empty; the files are then asked for and written here."""
    from acsdocs import pagefind_service

    index = {"docs": [{"location": "a/", "title": "Khung năng lực", "text": "<p>Đào tạo công chức</p>"},
                      {"location": "en/a/", "title": "Competency framework", "text": "<p>Training civil servants</p>"}]}
    search.write_pagefind(tmp_path / "whole", copy.deepcopy(index), ["vi", "en"], "vi")
    monkeypatch.setattr(pagefind_service, "settled", lambda output, *_: (output / "pagefind-entry.json").write_text("") and False)
    search.write_pagefind(tmp_path / "again", copy.deepcopy(index), ["vi", "en"], "vi")
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(tmp_path / "again" / "pagefind") == files(tmp_path / "whole" / "pagefind")
    assert json.loads((tmp_path / "again" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]


def test_every_kind_of_unfinished_pagefind_file_is_seen(tmp_path):
    """Empty or cut short, each of Pagefind's files is seen as unfinished; whole, it is not."""
    from acsdocs import pagefind_service

    index = {"docs": [{"location": "a/", "title": "Khung năng lực", "text": "<p>Đào tạo công chức</p>"}]}
    search.write_pagefind(tmp_path, copy.deepcopy(index), ["vi"], "vi")
    bundle = tmp_path / "pagefind"
    kinds = {}
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        kinds.setdefault(path.suffix, path)
    assert {".js", ".json", ".pagefind", ".pf_meta", ".pf_fragment", ".pf_index"} <= set(kinds), kinds
    for path in kinds.values():
        data = path.read_bytes()
        assert pagefind_service.whole(path), path
        cuts = [b""] + ([data[: len(data) // 2]] if path.suffix != ".js" else [])  # a script is written in one piece
        for cut in cuts:
            path.write_bytes(cut)
            assert not pagefind_service.whole(path), (path, len(cut))
        path.write_bytes(data)


def test_the_indexer_runs_until_its_last_files_reach_the_disk(tmp_path, monkeypatch):
    """Pagefind answers before its last writes land and stops as soon as its input closes (CI
    once got an empty WebAssembly file): its input stays open until every file is whole."""
    import threading

    from acsdocs import pagefind_service

    index = {"docs": [{"location": "a/", "title": "Khung năng lực", "text": "<p>Đào tạo công chức</p>"}]}
    search.write_pagefind(tmp_path / "whole", copy.deepcopy(index), ["vi"], "vi")
    real_send, asked = pagefind_service.Service.send, []

    def send(service, payloads):
        answers = real_send(service, payloads)
        asked.extend(p["type"] for p in payloads)
        if payloads[0]["type"] == "WriteFiles":  # the WebAssembly still being written, for 0.3 s
            wasm = Path(payloads[0]["output_path"]) / "wasm.unknown.pagefind"
            data = wasm.read_bytes()
            wasm.write_bytes(b"")
            threading.Timer(0.3, wasm.write_bytes, (data,)).start()
        return answers

    monkeypatch.setattr(pagefind_service.Service, "send", send)
    search.write_pagefind(tmp_path / "again", copy.deepcopy(index), ["vi"], "vi")
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(tmp_path / "again" / "pagefind") == files(tmp_path / "whole" / "pagefind")
    assert "GetFiles" not in asked  # waited for, not fetched again


def test_a_stopped_indexer_is_not_waited_for(tmp_path):
    """A file left unfinished by an indexer that was stopped will never be finished: no waiting."""
    import time

    from acsdocs import pagefind_service

    (tmp_path / "pagefind-entry.json").write_text("", encoding="utf-8")
    started = time.monotonic()
    assert not pagefind_service.settled(tmp_path, lambda: False, seconds=30)
    assert time.monotonic() - started < 5
    assert pagefind_service.settled(tmp_path.parent / "absent", lambda: False)  # nothing written: nothing unfinished


def test_the_index_is_cut_into_chunks_of_the_size_set_here(tmp_path):
    """Pagefind (pinned) reads its chunk size from a variable it calls unstable: if a version ever
    ignores it, the chunks fall back to 20,000 positions and this fails (issue 22: bytes at 10k)."""
    from acsdocs import pagefind_service

    def letters(n):
        return "".join(chr(97 + (n // 26 ** k) % 26) for k in range(4))

    def pages():  # 6,000 distinct words, each at one position of one page: 12,000 as Pagefind counts
        for page in range(4):
            yield "en", {"url": f"/p{page}/", "content": " ".join("w" + letters(page * 1500 + n) for n in range(1500)),
                         "meta": {"title": f"Page {page}"}}

    def chunks(size):
        out = tmp_path / str(size)
        pagefind_service.write_index(pages(), out, chunk_positions=size)
        return len(list((out / "index").glob("*.pf_index")))

    assert chunks(20000) == 1
    assert chunks(pagefind_service.CHUNK_POSITIONS) >= 12000 // pagefind_service.CHUNK_POSITIONS >= 2


def test_records_reach_the_indexer_a_batch_at_a_time_as_they_are_made(tmp_path, monkeypatch):
    """The Python side never holds the whole site's records (issue 25: the two processes' peaks)."""
    from acsdocs import pagefind_service

    made, sent = [], []

    def pages():
        for n in range(2 * pagefind_service.BATCH + 1):
            made.append(n)
            yield "vi", {"url": f"/p{n}/", "content": f"trang {n}", "meta": {"title": f"Trang {n}"}}

    real_send = pagefind_service.Service.send

    def send(service, payloads):
        adds = [p for p in payloads if p["type"] == "AddRecord"]
        if adds:
            sent.append((len(adds), len(made)))
        return real_send(service, payloads)

    monkeypatch.setattr(pagefind_service.Service, "send", send)
    pagefind_service.write_index(pages(), tmp_path / "out")
    assert [n for n, _ in sent] == [pagefind_service.BATCH, pagefind_service.BATCH, 1]
    assert all(made_then <= sum(n for n, _ in sent[:i + 1]) + 1 for i, (_, made_then) in enumerate(sent))  # made as sent, not before
    assert json.loads((tmp_path / "out" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["vi"]["page_count"] == len(made)


# -- in the browser ------------------------------------------------------------------------

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def reader(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def type_query(page, base_url, start, query):
    """Open `start`, type as a reader would; return the links of the results shown, best first."""
    open_search(page, base_url, start)
    return type_again(page, query)


def open_search(page, base_url, start):
    page.goto(base_url + start)
    page.locator("label.md-search__icon, .md-search__input").first.click()


def type_again(page, query):
    """Type a new query into the open search box, as a reader trying another one does; wait for
    the results of exactly this query (each result link carries it: ?h=...) or for none."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q", arg=query.strip(), timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")


def site_path(base_url: str, page_url: str, href: str) -> str:
    """A result link as a path from the site root, without the highlight query."""
    from urllib.parse import urljoin

    url = urlparse(urljoin(page_url, href))
    path = url.path[len(urlparse(base_url).path):]
    return path + (f"#{url.fragment}" if url.fragment else "")


def hit(found: list[str], targets: list[str], lang: str) -> bool:
    wanted = [home(lang) + t for t in targets]
    for path in found:
        page, _, anchor = path.partition("#")
        for target in wanted:
            t_page, _, t_anchor = target.partition("#")
            if page == t_page and (not t_anchor or anchor == t_anchor):
                return True
    return False


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_query_set_top3_hit_rate(reader, base_url, lang):
    """At least HIT_RATE of the queries find what was meant in the first three results, on the
    whole set and on the fifth held out of tuning (`held_out: true`, written as a reader before
    any result was seen)."""
    misses, rows = [], QUERIES[lang]
    open_search(reader, base_url, home(lang))
    for row in rows:
        links = type_again(reader, row["q"])
        found = [site_path(base_url, reader.url, h) for h in links[:3]]
        if not hit(found, row["top3"], lang):
            misses.append((row, f"{row['q']!r}{' (held out)' if row.get('held_out') else ''}: wanted one of {row['top3']}, got {found}"))
        assert all(p.startswith(home(lang)) for p in found), found  # results in the reader's language
    held = [row for row in rows if row.get("held_out")]
    rate = 1 - len(misses) / len(rows)
    held_rate = 1 - sum(1 for row, _ in misses if row.get("held_out")) / len(held)
    print(f"\nsearch top-3 hit rate [{lang}]: {rate:.1%} ({len(rows) - len(misses)}/{len(rows)}); held out: {held_rate:.1%} "
          f"({round(held_rate * len(held))}/{len(held)})" + "".join(f"\n  miss {m}" for _, m in misses))
    assert len(held) * 5 >= len(rows), "a fifth of the queries are held out of tuning"
    assert rate >= HIT_RATE and held_rate >= HELD_OUT_FLOOR, "\n".join(m for _, m in misses)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_no_query_of_two_syllables_matches_every_page(reader, base_url, built_site, lang):
    pages = json.loads((built_site / "pagefind" / f"pages.{lang}.json").read_text(encoding="utf-8"))
    reader.goto(base_url + home(lang))
    for row in QUERIES[lang]:
        if len(row["q"].split()) < 2:
            continue
        results = reader.evaluate("q => window.acsSearch(q)", row["q"])
        matched = {r["url"].lstrip("/").split("#")[0] for r in results}
        assert len(matched) < len(pages) * 2 // 3, f"{row['q']!r} matches {len(matched)} of {len(pages)} pages"


@pytest.mark.browser
def test_first_view_downloads_no_search_data_until_the_box_is_used(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(base_url + "areas/asean-2021/pa-2/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in seen if "/pagefind/" in u or "/search/" in u], seen
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("khung nang luc")
    box.press("End")
    page.wait_for_selector(".md-search-result__item")
    assert [u for u in seen if "/pagefind/" in u]
    context.close()


PAUSE_MS = int(re.search(r"var PAUSE_MS = (\d+);", (ROOT / "overrides" / "assets" / "search.js").read_text(encoding="utf-8")).group(1))
NO_SEARCH_ON_PAUSE = f"""(pause => {{ const later = window.setTimeout;
  window.setTimeout = (fn, ms, ...rest) => ms === pause ? 0 : later(fn, ms, ...rest); }})({PAUSE_MS})"""


@pytest.mark.browser
@pytest.mark.parametrize("prefix, typed, fetched", [
    ("", "chu", False),  # a first syllable still being typed: its chunks span hundreds of words
    ("", "chuyen ", True),  # ended by a space
    ("", "chuyen doi", True),  # a second word
    ("en/", "gov", True),  # where words are not syllables, three letters are enough
    ("en/", "go", False),
])
def test_index_chunks_are_fetched_while_typing_only_for_words_worth_it(browser, base_url, prefix, typed, fetched):
    """What is typed is fetched ahead of the search (Pagefind's preload), except a lone first
    syllable still being typed or fewer than three letters. The search itself, run when typing
    pauses, is held back here, so that only the fetching ahead is seen."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(NO_SEARCH_ON_PAUSE)
    page.goto(base_url + prefix + "areas/asean-2021/pa-2/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_load_state("networkidle")  # Pagefind's loader, WebAssembly and metadata
    chunks = []
    page.on("request", lambda request: chunks.append(request.url) if "/pagefind/index/" in request.url else None)
    page.locator("input.md-search__input").press_sequentially(typed, delay=30)
    page.wait_for_timeout(1500)
    assert bool(chunks) == fetched, chunks
    context.close()


@pytest.mark.browser
def test_matches_without_diacritics_are_marked_in_results_and_on_the_page(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    links = type_query(page, base_url, "", "khung nang luc")
    marks = page.eval_on_selector_all(".md-search-result__item mark", "els => els.map(e => e.textContent)")
    assert any("năng" in m.lower() or "khung" in m.lower() for m in marks), marks
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state("load")
    assert "?h=" in page.url
    marked = page.eval_on_selector_all("article mark[data-md-highlight]", "els => els.map(e => e.textContent)")
    assert any(m.lower() == "khung năng lực" for m in marked), marked
    page.goto(base_url + "decision-896/?h=dao%20tao")
    marked = page.eval_on_selector_all("article mark[data-md-highlight]", "els => els.map(e => e.textContent.toLowerCase())")
    assert "đào tạo" in marked, marked
    assert links
    context.close()


WHOLE_WORDS = """els => els.map(e => {
    const after = (e.nextSibling && e.nextSibling.textContent || '').charAt(0);
    const before = (e.previousSibling && e.previousSibling.textContent || '').slice(-1);
    return [e.textContent, /[\\p{L}\\p{N}]/u.test(after) || /[\\p{L}\\p{N}]/u.test(before)];
})"""


@pytest.mark.browser
def test_only_whole_words_are_marked_and_marks_do_not_look_like_links(browser, base_url):
    """'so' marks 'số' (a whole word, its diacritics aside), never the start of 'song phương'."""
    context = browser.new_context()
    page = context.new_page()
    type_query(page, base_url, "", "chuyen doi so")
    marks = page.eval_on_selector_all(".md-search-result__item mark", WHOLE_WORDS)
    assert marks and not [m for m in marks if m[1]], marks  # no mark is part of a longer word
    style = page.eval_on_selector(".md-search-result__item mark", "m => { const s = getComputedStyle(m); "
                                  "const a = getComputedStyle(m.closest('a')); return [s.textDecorationLine, s.backgroundColor, s.color, a.color]; }")
    assert style[0] == "none" and style[1] not in ("rgba(0, 0, 0, 0)", "transparent"), style  # a highlighter's mark, not an underlined link
    page.goto(base_url + "decision-896/?h=so")
    marks = page.eval_on_selector_all("article mark[data-md-highlight]", WHOLE_WORDS)
    assert marks and not [m for m in marks if m[1]], marks
    assert "song" not in {m[0].lower() for m in marks}
    context.close()


@pytest.mark.browser
def test_a_typo_is_corrected_and_the_box_says_so(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    links = type_query(page, base_url, "en/", "secretariet")
    assert site_path(base_url, page.url, links[0]) == "en/agencies/asean-secretariat/", links
    meta = page.locator(".md-search-result__meta").inner_text()
    assert "Showing results for “secretariat”" in meta, meta
    links = type_again(page, "secretariat")  # spelt right: nothing said
    assert "Showing" not in page.locator(".md-search-result__meta").inner_text()
    type_again(page, "accsm")  # five letters, found as typed: not corrected
    assert "Showing" not in page.locator(".md-search-result__meta").inner_text()
    context.close()


@pytest.mark.browser
def test_abbreviations_and_names_in_the_other_language_are_found(reader, base_url):
    reader.goto(base_url + home(DEFAULT))
    found = lambda q: reader.evaluate("q => window.acsSearch(q)", q)  # noqa: E731
    cchc = found("cchc")  # the locale's synonyms: what the abbreviation stands for is searched
    assert cchc and all("cải cách hành chính" in (r["title"] + " " + r["text"]).lower() for r in cchc[:3]), cchc[:3]
    assert "glossary/#term-administrative-reform" in [r["url"].lstrip("/") for r in cchc[:3]]
    other = next(lang for lang in LANGS if lang != DEFAULT)
    reader.goto(base_url + home(other))
    assert found("Bộ Nội vụ")[0]["url"] == f"/{home(other)}agencies/moha/"  # the agency's name in the default language, on the other site
    assert found("Chu Tuấn Tú")[0]["url"].startswith(f"/{home(other)}")


@pytest.mark.browser
@pytest.mark.parametrize("query", ["1439", "qd 1439", "1439/qđ-ttg", "quyết định 1439", "đề án 1439", "QĐ-TTg 1439"])
def test_a_document_named_by_its_number_comes_first(reader, base_url, query):
    reader.goto(base_url + home(DEFAULT))
    results = reader.evaluate("q => window.acsSearch(q)", query)
    assert results[0]["url"] == "/decision-1439/", [r["url"] for r in results[:3]]


@pytest.mark.browser
def test_snippets_come_from_matching_text_not_a_note_title(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    type_query(page, base_url, "", "1439")
    snippets = page.eval_on_selector_all(".md-search-result__item p", "els => els.map(e => e.textContent)")
    assert snippets and all(not s.strip().startswith("Lưu ý") for s in snippets)
    assert all("ď" not in s and "Ď" not in s for s in snippets)
    context.close()


@pytest.mark.browser
def test_an_activity_is_found_where_it_is_described_not_in_the_lists_that_repeat_it(reader, base_url):
    """Agency pages and a document's items list the activities again; only the activity's own
    section of its plan's page is indexed (data-search-exclude on the lists). Without that,
    this query lists two agencies' activity tables and three of the declaration's items."""
    reader.goto(base_url + home(DEFAULT))
    urls = [r["url"].lstrip("/") for r in reader.evaluate("q => window.acsSearch(q)", "hoi thao psti")]
    assert "plans/asean-2021/#act-psti-workshop-2024-11-29" in urls, urls
    # the words are not side by side anywhere: a section holding all three ranks above one
    # holding 'hội thảo' alone (Decision 896's task 6, first before search.js counted that)
    assert urls[0].startswith("plans/asean-2021/#act-psti-"), urls
    assert not [u for u in urls if u.endswith("#activities") or u.startswith("declaration-2021/#pa-")], urls
    assert not [u for u in urls if u.endswith("#sources")], urls  # nor in the lists of sources that end every page


def numbered_items(built_site, lang):
    """(query, item's section, item's own page or None) for every numbered item of a document
    that has its own page: the item as its heading numbers it ('Giải pháp 2') and the document's
    number as its short title writes it ('1439'), e.g. 'Giải pháp 2 1439'."""
    data = searchfacts.read(built_site)
    names = searchfacts.page_names(data, LANGS)
    out = []
    for doc in data["documents"]:
        number = re.search(r"\d+", (doc.get("short_title") or {}).get(lang, ""))
        if not doc.get("page") or not number:
            continue
        html = (built_site / home(lang) / doc["page"] / "index.html").read_text(encoding="utf-8")
        for item in doc["items"]:
            heading = re.search(rf'id="{item["id"]}"[^>]*>(.*?)</h\d>', html, re.S)
            label = re.match(r"([^:]*\d)\s*:", re.sub(r"<[^>]+>", "", heading.group(1)).strip()) if heading else None
            if label:
                own = next((url for url, found in names.items() if "#" not in url and url.startswith("areas/") and url.endswith(f"/{item['id']}/")
                            and found == names.get(f"{doc['page']}/#{item['id']}")), None)
                out.append((f"{label.group(1)} {number.group(0)}", f"/{home(lang)}{doc['page']}/#{item['id']}", own and f"/{home(lang)}{own}"))
    return out


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_an_item_named_with_its_document_comes_first(reader, base_url, built_site, lang):
    """'giai phap 2 de an 1439': the words the document's names hold name the document, the rest
    the item's heading: the item comes first (its section of the document's page, or its own
    page), not the document's page; named alone, the document keeps its page first (above)."""
    cases = numbered_items(built_site, lang)
    assert len(cases) >= 10, cases
    reader.goto(base_url + home(lang))
    wrong = []
    for query, section, own in cases:
        first = reader.evaluate("q => window.acsSearch(q)", query)[0]["url"]
        if first != section and not (own and first.startswith(own)):
            wrong.append((query, first))
    assert not wrong, wrong
