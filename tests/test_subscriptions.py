"""Issue 15: status history, agencies, feeds, calendars and linked data, on the mini site built
by the real `mkdocs build --strict` (in process), published under a sub-path. Feeds, calendars
and CSVW are read back with real libraries (feedparser, icalendar, csvw: requirements-dev.txt)."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from acsdocs import agencies, linked
from catalogue import build
from conftest import mini_project
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

pytestmark = pytest.mark.build

SITE_URL = "https://example.org/asean/"
LANGS = ("vi", "en")
# The dated status change the test adds to the fixture plan (tests/fixtures/mini/plans/progress.yml).
CHANGE = """      - {date: "2023-01-10", status: completed, sources: [src-a], note: {vi: Lớp học đã kết thúc., en: The course has ended.}}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = mini_project(tmp_path_factory.mktemp("subs") / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: http://127.0.0.1:8000/", f"site_url: {SITE_URL}"), encoding="utf-8")
    for lang in LANGS:  # the home page's subscribe box, as the site's own home page has it
        with open(project / "content" / lang / "index.md", "a", encoding="utf-8") as page:
            page.write("\n<!-- acs:subscribe -->\n")
    plan = project / "plans" / "progress.yml"
    text = plan.read_text(encoding="utf-8")
    old = '      - {date: "2022-08-05", status: ongoing, sources: [src-a]}\n'
    assert old in text and "    status: ongoing\n" in text
    plan.write_text(text.replace(old, old + CHANGE).replace("    status: ongoing\n", "    status: completed\n"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(project, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("subs-site") / "site"
    outcome = build(project, dest)
    assert outcome.code == 0, outcome.output[-3000:]
    return dest


def row_of(page: str, anchor: str) -> str:
    """The table row that links to ``anchor``."""
    return next(row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if anchor in row)


def lang_dir(lang: str) -> str:
    return "" if lang == LANGS[0] else f"{lang}/"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


# -- the done-when test: one dated status change shows everywhere ---------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_a_status_change_shows_in_history_feed_agency_page_and_data(site, lang):
    feedparser = pytest.importorskip("feedparser")
    plan = read(site, f"{lang_dir(lang)}plans/local/index.html")
    history = plan[plan.index('id="act-training"'):]
    history = history[history.index('class="acs-history"'):]
    assert ("10/01/2023" if lang == "vi" else "10 January 2023") in history[:2000]
    assert ("Lớp học đã kết thúc." if lang == "vi" else "The course has ended.") in history[:2000]

    feed = feedparser.parse(read(site, f"{lang_dir(lang)}feed.xml"))
    status = [e for e in feed.entries if "status/training/2023-01-10" in e.id]
    assert len(status) == 1
    assert status[0].link == f"{SITE_URL}{lang_dir(lang)}plans/local/#act-training"
    assert feed.entries[0] is status[0]  # the newest change comes first

    agency = read(site, f"{lang_dir(lang)}agencies/ministry-a/index.html")
    row = row_of(agency, "#act-training")
    assert ("Đã hoàn thành" if lang == "vi" else "Completed") in row
    assert "acs-overdue" not in row


def test_a_status_change_is_in_the_open_data(site):
    data = json.loads(read(site, "data/plans.json"))
    training = next(a for a in data["activities"] if a["id"] == "training")
    assert training["status"] == "completed"
    assert training["history"][-1] == {"date": "2023-01-10", "status": "completed", "sources": ["src-a"],
                                       "note": {"vi": "Lớp học đã kết thúc.", "en": "The course has ended."}}
    assert [a["id"] for a in data["agencies"]] == ["ministry-a"]


# -- agencies -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_agency_pages_list_tasks_with_deadlines_and_the_overdue_mark(site, lang):
    page = read(site, f"{lang_dir(lang)}agencies/ministry-a/index.html")
    row = row_of(page, "#milestone-1")
    assert "2019" in row and 'data-overdue="true"' in row
    index = read(site, f"{lang_dir(lang)}agencies/index.html")
    assert 'href="ministry-a/"' in index
    local = read(site, f"{lang_dir(lang)}plans/local/index.html")
    training = local[local.index('id="act-training"'):]
    assert 'href="../../agencies/ministry-a/"' in training[:3000]  # the lead, linked to its page


def test_overdue_uses_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1546300800")  # 2019-01-01
    assert agencies.build_date() == "2019-01-01"
    assert not agencies.passed("2019", "2019-12-31") and agencies.passed("2019", "2020-01-01")
    assert agencies.passed("2019-06", "2019-07-01") and not agencies.passed("2019-06-30", "2019-06-30")


# -- feeds ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_feeds_are_valid_atom_with_unique_ids_and_absolute_links(site, lang):
    feedparser = pytest.importorskip("feedparser")
    raw = read(site, f"{lang_dir(lang)}feed.xml")
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == lang
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids)) > 3
    links = [e.link for e in feed.entries] + [link.href for link in feed.feed.links]
    assert all(link.startswith(SITE_URL) for link in links), links
    assert f"{SITE_URL}{lang_dir(lang)}feed.xml" in [link.href for link in feed.feed.links if link.rel == "self"]
    dates = [e.updated_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    kinds = {e.tags[0].term for e in feed.entries}
    assert {"document", "activity", "status", "material", "report"} <= kinds or {"document", "activity", "status", "report"} <= kinds


def test_feeds_are_reproducible(project, site, tmp_path):
    again = tmp_path / "again"
    assert build(project, again).code == 0
    for rel in ("feed.xml", "en/feed.xml", "calendar.ics", "calendars/local.ics", "data/activities.csv-metadata.json"):
        assert (again / rel).read_bytes() == (site / rel).read_bytes(), rel


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_its_languages_feed(site, lang):
    for rel in ("index.html", "plans/local/index.html", "agencies/ministry-a/index.html"):
        page = read(site, f"{lang_dir(lang)}{rel}")
        href = re.search(r'<link rel="alternate feed" type="application/atom\+xml" href="([^"]+)"', page).group(1)
        depth = rel.count("/") + (lang != LANGS[0])
        resolved = Path("/", lang_dir(lang), rel).parent.joinpath(href).resolve()
        assert resolved == Path("/", lang_dir(lang), "feed.xml"), (rel, href, depth)


# -- calendars ------------------------------------------------------------------------------

def test_calendars_parse_with_stable_uids_and_every_languages_titles(site):
    icalendar = pytest.importorskip("icalendar")
    files = [site / "calendar.ics", *sorted((site / "calendars").glob("*.ics"))]
    assert [f.name for f in files[1:]] == ["dec.ics", "decl.ics", "local.ics"]
    whole = None
    for path in files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        assert str(cal["PRODID"]).startswith("-//acsdocs//") and str(cal["VERSION"]) == "2.0"
        events = cal.walk("VEVENT")
        uids = [str(e["UID"]) for e in events]
        assert len(uids) == len(set(uids))
        for event in events:
            assert event["DTSTART"].params.get("VALUE") == "DATE" and type(event.decoded("DTSTART")).__name__ == "date"
            assert event.decoded("DTEND") > event.decoded("DTSTART")
            assert str(event["URL"]).startswith(SITE_URL)
        if path.name == "calendar.ics":
            whole = {str(e["UID"]): e for e in events}
    forum = whole["activity-forum@example.org"]
    assert "Diễn đàn / Forum" == str(forum["SUMMARY"])
    deadline = whole["item-local-milestone-1-deadline@example.org"]
    assert str(deadline.decoded("DTSTART")) == "2019-01-01" and str(deadline.decoded("DTEND")) == "2020-01-01"
    assert f"{SITE_URL}en/plans/local/#milestone-1" in str(deadline["DESCRIPTION"])


def test_plans_link_their_calendar_with_a_subscribe_hint(site):
    page = read(site, "en/plans/local/index.html")
    assert 'href="../../../calendars/local.ics"' in page and "Subscribe" in page
    home = read(site, "en/index.html")
    assert 'href="../calendar.ics"' in home and 'href="../en/feed.xml"' in home


# -- linked data ----------------------------------------------------------------------------

def json_ld(page: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


@pytest.mark.parametrize("lang", LANGS)
def test_document_pages_carry_legislation_json_ld(site, lang):
    (data,) = json_ld(read(site, f"{lang_dir(lang)}dec/index.html"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "1/QĐ-TTg"
    assert data["legislationDate"] == "2018-10-29"
    assert data["legislationType"] == ("Quyết định của Thủ tướng Chính phủ" if lang == "vi" else "Prime Minister's decision")
    assert data["legislationPassedBy"]["name"] == ("Thủ tướng Chính phủ" if lang == "vi" else "Prime Minister")
    assert data["inLanguage"] == lang
    assert data["legislationLegalValue"] == "https://schema.org/UnofficialLegalValue"
    assert data["url"] == f"{SITE_URL}{lang_dir(lang)}dec/"
    other = [code for code in LANGS if code != lang]
    assert [t["@id"] for t in data["workTranslation"]] == [f"{SITE_URL}{lang_dir(code)}dec/" for code in other]
    (generated,) = json_ld(read(site, f"{lang_dir(lang)}plans/local/index.html"))
    assert generated["legislationIdentifier"] == "2/KH-UBND"
    assert generated["isBasedOn"] == [{"@id": f"{SITE_URL}{lang_dir(lang)}dec/"}]
    assert json_ld(read(site, f"{lang_dir(lang)}timeline/index.html")) == []


def test_json_ld_cannot_close_its_script_element():
    text = linked.script({"name": "</script><script>alert(1)</script><!-- &amp;"})
    assert text.count("</script>") == 1 and "<!--" not in text and text.count("<") == 2
    assert json.loads(text[len('<script type="application/ld+json">'):-len("</script>")])["name"].startswith("</script>")


@pytest.mark.parametrize("lang", LANGS)
def test_open_data_page_lists_every_file_and_carries_dataset_json_ld(site, lang):
    page = read(site, f"{lang_dir(lang)}open-data/index.html")
    (data,) = json_ld(page)
    assert data["@type"] == "Dataset" and data["inLanguage"] == list(LANGS)
    urls = [d["contentUrl"] for d in data["distribution"]]
    for url in urls:
        assert url.startswith(SITE_URL)
        assert (site / url[len(SITE_URL):]).is_file(), url
    for f in linked.DATA_FILES:
        assert f"/{f.path}".replace("<", "&lt;").replace(">", "&gt;") in page
        assert f.media in page


def test_csvw_metadata_validates_against_the_csv(site):
    csvw = pytest.importorskip("csvw")
    meta = site / "data" / "activities.csv-metadata.json"
    with warnings.catch_warnings(record=True) as caught:  # csvw reports problems as warnings
        warnings.simplefilter("always")
        table = csvw.CSVW(str(meta), validate=True)
    assert table.is_valid and [str(w.message) for w in caught] == []
    rows = list(table.tables[0].iterdicts())
    training = next(r for r in rows if r["id"] == "training")
    assert training["serves"] == ["local#milestone-1"] and training["lead"] == "ministry-a" and training["status"] == "completed"
    columns = json.loads(meta.read_text(encoding="utf-8"))["tableSchema"]["columns"]
    assert all(set(LANGS) <= set(c["titles"]) for c in columns)
    assert next(c for c in columns if c["name"] == "start")["datatype"]["format"]


def test_csvw_rejects_metadata_that_does_not_match(site, tmp_path):
    """The check has teeth: a date pattern the file does not follow makes the table invalid."""
    csvw = pytest.importorskip("csvw")
    (tmp_path / "activities.csv").write_bytes((site / "data" / "activities.csv").read_bytes())
    meta = json.loads((site / "data" / "activities.csv-metadata.json").read_text(encoding="utf-8"))
    next(c for c in meta["tableSchema"]["columns"] if c["name"] == "date")["datatype"] = {"base": "string", "format": "^[0-9]{2}$"}
    (tmp_path / "m.json").write_text(json.dumps(meta), encoding="utf-8")
    with warnings.catch_warnings(record=True):  # csvw reports each bad cell as a warning
        warnings.simplefilter("always")
        assert not csvw.CSVW(str(tmp_path / "m.json"), validate=True).is_valid


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
@hypothesis_settings(max_examples=300, deadline=None)
def test_a_calendar_line_is_folded_at_75_octets_never_inside_a_character(line):
    """RFC 5545, 3.1: each physical line at most 75 octets, a continuation starting with one space;
    unfolding gives the line back, so no character (of up to four octets) is cut."""
    from acsdocs.feeds import _fold

    physical = _fold(line).split("\r\n ")  # the continuation's leading space taken off
    limits = [75] + [74] * (len(physical) - 1)
    assert all(len(p.encode("utf-8")) <= n for p, n in zip(physical, limits, strict=True))
    assert "".join(physical) == line
    for p, following, n in zip(physical, physical[1:], limits, strict=False):  # each line as long as it can be
        assert len(p.encode("utf-8")) + len(following[:1].encode("utf-8")) > n
