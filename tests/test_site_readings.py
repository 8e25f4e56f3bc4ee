"""What the site computes or adds says so, on every page and in every machine output (issue 23).

The real site, built once per session (conftest.built_site), is scanned for four kinds of fault.
Each kind is a function that returns the faults it finds in a built site, so a test also shows it
finding one planted in a copy:

- a computed "deadline passed" mark without its note and link to the rule, or on a page that does
  not state the rule and its date;
- a mark on anything but an item whose deadline has wholly passed with no outcome reported;
- a date shown less precisely than the data gives it (pages, calendars, feeds);
- a machine output (Atom, iCalendar, CSVW, Dataset JSON-LD, plans.json) that does not mark what
  is the site's reading.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from acsdocs import build, computed, dates, feeds
from acsdocs.mkdocsyml import read_mkdocs_yml
from conftest import ROOT

pytestmark = pytest.mark.build

SETTINGS = read_mkdocs_yml(ROOT / "mkdocs.yml")[0]
LANGS = list(SETTINGS.langs)
MARK = re.compile(r'<span class="acs-overdue"([^>]*)>(.*?)</span>(.{0,400})', re.S)
NOTE = re.compile(r' \(<a class="acs-computed" href="([^"]+)">([^<]+)</a>\)')


@cache
def state():
    return build.prepare(SETTINGS)


def _(key: str, lang: str) -> str:
    return state().words.get(key, lang)


def when(value: str, lang: str) -> str:
    return state().words.date(value, lang)


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("index.html"))}


def lang_of(rel: str) -> str:
    return next((lang for lang in LANGS[1:] if rel.startswith(f"{lang}/")), LANGS[0])


def prefix(lang: str) -> str:
    folder = SETTINGS.lang_dir(lang)
    return f"{folder}/" if folder else ""


def text(page: str) -> str:
    """What a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def data(site: Path) -> dict:
    return json.loads((site / "data" / "plans.json").read_text(encoding="utf-8"))


def as_of(site: Path) -> computed.AsOf:
    reading = data(site)["site_reading"]["past_deadline"]
    return computed.AsOf(reading["as_of"], reading["as_of_is"])


def items(site: Path) -> dict:
    """'doc#item' -> (document, item) from the published data."""
    return {f"{doc['id']}#{item['id']}": (doc, item) for doc in data(site)["documents"] for item in doc.get("items", [])}


def doc_page(doc: dict, lang: str) -> str:
    return f"{prefix(lang)}{doc.get('page') or 'plans/' + doc['id']}/index.html"


def item_block(page: str, item_id: str) -> str:
    """An item's section on its document's page: from its heading to the next item's."""
    start = page.index(f'id="{item_id}"')
    end = page.find('class="acs-item"', start + 20)
    return page[start:end if end > 0 else None]


# -- kind 1: every mark carries its note, links the rule, and the page states the rule ------------

def marks_without_note(site: Path) -> list[str]:
    faults, at = [], as_of(site)
    for rel, page in pages(site).items():
        lang = lang_of(rel)
        found = MARK.findall(page)
        if found and computed.rule(state().words, lang, at) not in text(page):
            faults.append(f"{rel}: a mark, but the page does not state the rule with its date")
        for attrs, _label, tail in found:
            note = NOTE.match(tail)
            expected = _("overdue_mark", lang).format(date=when(at.date, lang))
            if not note or html.unescape(note[2]) != expected:
                faults.append(f"{rel}: mark without the note “{expected}”: {tail[:120]!r}")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), note[1].split("#")[0]))
            if f"{target}/index.html" != f"{prefix(lang)}plans/index.html" or not note[1].endswith("#past-deadline"):
                faults.append(f"{rel}: the note links {note[1]}, not the rule")
            if 'data-record="' not in attrs:
                faults.append(f"{rel}: a mark that names no record")
    for lang in LANGS:
        rule_page = pages(site).get(f"{prefix(lang)}plans/index.html", "")
        if 'id="past-deadline"' not in rule_page or computed.rule(state().words, lang, at) not in text(rule_page):
            faults.append(f"{prefix(lang)}plans/: the rule's section is missing")
    return faults


# -- kind 2: only items with a deadline wholly passed and no outcome; all of those -----------------

def marks_off_deadline(site: Path) -> list[str]:
    faults, at, known = [], as_of(site), items(site)
    closing = {s["id"] for s in data(site)["vocabulary"]["statuses"] if not s.get("open")}
    marked: dict[str, set] = {}
    for rel, page in pages(site).items():
        for attrs, _label, _tail in MARK.findall(page):
            ref = re.search(r'data-record="([^"]+)"', attrs)
            ref = ref[1] if ref else "?"
            marked.setdefault(ref, set()).add(rel)
            doc, item = known.get(ref, (None, {}))
            status = (item.get("history") or [{}])[-1].get("status") or item.get("status")
            if not item.get("deadline"):
                faults.append(f"{rel}: a mark on {ref}, which has no deadline (an event's or a signature's date is not one)")
            elif not dates.before(item["deadline"], at.date) or item.get("outcome") or status in closing:
                faults.append(f"{rel}: a mark on {ref}, whose deadline {item['deadline']} has not wholly passed or has an outcome")
    expected = set(data(site)["site_reading"]["past_deadline"]["records"])
    if set(marked) != expected:
        faults.append(f"marked on the pages {sorted(marked)} but the data lists {sorted(expected)}")
    for ref in expected:
        doc, _item = known[ref]
        for lang in LANGS:
            if doc_page(doc, lang) not in marked.get(ref, ()):
                faults.append(f"{ref}: not marked on {doc_page(doc, lang)}")
    return faults


# -- kind 3: dates keep the precision of the data ------------------------------------------------

def _ics_events(path: Path) -> dict[str, dict]:
    raw = path.read_bytes().decode("utf-8").replace("\r\n ", "").split("\r\n")
    events, current = {}, None
    for line in raw:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events[current["UID"].split("@")[0]] = current
        elif current is not None and ":" in line:
            name, _, value = line.partition(":")
            current[name.split(";")[0]] = value.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n").replace("\\\\", "\\")
    return events


def lost_precision(site: Path) -> list[str]:
    faults, known, all_pages = [], items(site), pages(site)
    for ref, (doc, item) in known.items():
        if not item.get("deadline"):
            continue
        deadline, item_id = item["deadline"], ref.partition("#")[2]
        for lang in LANGS:
            shown = when(deadline, lang)
            block = text(item_block(all_pages[doc_page(doc, lang)], item_id))
            if f"{_('deadline', lang)}: {shown}" not in block:
                faults.append(f"{doc_page(doc, lang)}#{item_id}: deadline not shown as “{shown}”")
            timeline = all_pages[f"{prefix(lang)}timeline/index.html"]
            lines = [li for li in re.findall(r"<li>.*?</li>", timeline, re.S) if f'#{item_id}"' in li and f"/{doc.get('page') or doc['id']}/" in li]
            if not any(f"<strong>{html.escape(shown, quote=False)}</strong>" in li for li in lines):
                faults.append(f"{prefix(lang)}timeline/: {ref} not dated “{shown}”")
            for agency in [item.get("lead"), *item.get("coordinating", [])]:
                if agency:
                    rows = [row for row in re.findall(r"<tr>.*?</tr>", all_pages[f"{prefix(lang)}agencies/{agency}/index.html"], re.S) if f'#{item_id}"' in row]
                    if not rows or shown not in text(rows[0]):
                        faults.append(f"{prefix(lang)}agencies/{agency}/: {ref} not dated “{shown}”")
    events = _ics_events(site / "calendar.ics")
    model = state().site
    for event in feeds.events(model, state().words):
        got = events.get(event.uid)
        first, last = dates.span(event.when)
        span = (first.strftime("%Y%m%d"), (last + timedelta(days=1)).strftime("%Y%m%d"))
        if not got or (got["DTSTART"], got["DTEND"]) != span:
            faults.append(f"calendar.ics {event.uid}: spans {got and (got['DTSTART'], got['DTEND'])}, not {span} ({event.when})")
        elif dates.precision(event.when) != "day" and _("precision_calendar", LANGS[0]).split("{")[0] not in got.get("DESCRIPTION", ""):
            faults.append(f"calendar.ics {event.uid}: does not say that {event.when} is more than a day")
    return faults + _feed_precision(site)


def _feed_precision(site: Path) -> list[str]:
    faults, changes = [], {c.key: c for c in feeds.changes(state().site)}
    for lang in LANGS:
        feed = (site / prefix(lang) / "feed.xml").read_text(encoding="utf-8")
        for entry in re.findall(r"<entry>.*?</entry>", feed, re.S):
            key = re.search(r"<id>tag:[^<]*?" + re.escape(f"{lang}/") + r"([^<]+)</id>", entry)[1]
            value = changes[key].date
            summary = html.unescape(re.search(r"<summary>(.*?)</summary>", entry, re.S)[1])
            updated = re.search(r"<updated>(\d{4}-\d{2}-\d{2})T", entry)[1]
            if updated != dates.span(value)[0].isoformat() or when(value, lang) not in summary:
                faults.append(f"{prefix(lang)}feed.xml {key}: dated {updated} / “{summary[:60]}” for {value}")
            elif dates.precision(value) != "day" and feeds.precision_note(_Words(lang), value, "precision_feed") not in summary:
                faults.append(f"{prefix(lang)}feed.xml {key}: does not say that {updated} stands for {value}")
    return faults


class _Words:
    """The little of a Renderer that feeds.precision_note reads."""

    def __init__(self, lang: str):
        self.lang = lang

    def _(self, key: str) -> str:
        return _(key, self.lang)

    def date(self, value: str) -> str:
        return when(value, self.lang)


# -- kind 4: machine outputs mark what is the site's reading --------------------------------------

def unmarked_machine_outputs(site: Path) -> list[str]:
    faults, model = [], state().site
    planned = {a["id"] for a in model.activities if feeds.tentative(model, a)}
    for lang in LANGS:
        feed = (site / prefix(lang) / "feed.xml").read_text(encoding="utf-8")
        for entry in re.findall(r"<entry>.*?</entry>", feed, re.S):
            anchor = re.search(r'href="[^"]*#act-([a-z0-9-]+)"', entry)
            if anchor and html.unescape(_("machine_activity_note", lang)) not in html.unescape(entry):
                faults.append(f"{prefix(lang)}feed.xml: activity {anchor[1]} does not say it is the site's collection")
            label = model.label("statuses", next((a["status"] for a in model.activities if anchor and a["id"] == anchor[1]), ""), lang)
            if anchor and anchor[1] in planned and 'term="activity"' in entry and f"({label})" not in html.unescape(entry):
                faults.append(f"{prefix(lang)}feed.xml: planned activity {anchor[1]} shown as an event")
    for path in [site / "calendar.ics", *sorted((site / "calendars").glob("*.ics"))]:
        for uid, event in _ics_events(path).items():
            if not uid.startswith("activity-"):
                continue
            if any(_("machine_activity_note", lang) not in event.get("DESCRIPTION", "") for lang in LANGS):
                faults.append(f"{path.name} {uid}: does not say it is the site's collection")
            if uid.removeprefix("activity-") in planned and event.get("STATUS") != "TENTATIVE":
                faults.append(f"{path.name} {uid}: a planned activity shown as a confirmed event")
    csvw = json.loads((site / "data" / "activities.csv-metadata.json").read_text(encoding="utf-8"))
    described = {d["@language"]: d["@value"] for d in csvw.get("dc:description", [])}
    for lang in LANGS:
        if _("collected_caveat", lang) not in described.get(lang, "") or _("framework_note", lang) not in described.get(lang, ""):
            faults.append(f"activities.csv-metadata.json: no caveat in {lang}")
        page = (site / prefix(lang) / "open-data" / "index.html").read_text(encoding="utf-8")
        blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
        if not any(b.get("@type") == "Dataset" and _("open_data_caveat", lang) in b.get("description", "") for b in blocks):
            faults.append(f"{prefix(lang)}open-data/: the Dataset does not carry the caveat")
    reading = data(site).get("site_reading") or {}
    for key in ("activities", "framework", "links"):
        if set(reading.get(key) or {}) != set(LANGS):
            faults.append(f"plans.json: site_reading.{key} missing or not in every language")
    past = reading.get("past_deadline") or {}
    if set(past.get("rule") or {}) != set(LANGS) or not dates.parse(past.get("as_of")) or past.get("as_of_is") not in computed.BASES:
        faults.append("plans.json: the computed mark's rule or date is missing")
    return faults


# -- the checks on the real site ---------------------------------------------------------------

def test_every_mark_carries_its_note_and_the_page_states_the_rule(built_site):
    assert MARK.search((built_site / "decision-1439" / "index.html").read_text(encoding="utf-8")), "the data has passed deadlines"
    assert marks_without_note(built_site) == []


def test_marks_stand_only_on_wholly_passed_deadlines_without_outcome(built_site):
    records = data(built_site)["site_reading"]["past_deadline"]["records"]
    assert "qd-1439#milestone-2" in records and "qd-1439#milestone-1" not in records  # an outcome is reported for the first
    assert marks_off_deadline(built_site) == []


def test_dates_keep_the_precision_of_the_data(built_site):
    page = text((built_site / "decision-1439" / "index.html").read_text(encoding="utf-8"))
    assert f"{_('deadline', 'vi')}: {when('2019-Q1', 'vi')}" in page
    assert lost_precision(built_site) == []


def test_machine_outputs_mark_the_sites_reading(built_site):
    assert unmarked_machine_outputs(built_site) == []


# -- each check finds a fault planted in a copy --------------------------------------------------

@pytest.fixture
def copy(built_site, tmp_path) -> Path:
    return Path(shutil.copytree(built_site, tmp_path / "site", ignore=shutil.ignore_patterns("pagefind*", "assets")))


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    body = path.read_bytes().decode("utf-8")
    assert old in body, old
    path.write_bytes(body.replace(old, new, count).encode("utf-8"))


def test_a_mark_without_its_note_is_found(copy):
    page = copy / "en" / "decision-1439" / "index.html"
    body = page.read_text(encoding="utf-8")
    _edit(page, NOTE.search(body[body.index('class="acs-overdue"'):])[0], "")
    assert any("mark without the note" in f for f in marks_without_note(copy))


def test_a_mark_on_a_date_that_is_no_deadline_is_found(copy):
    _edit(copy / "decision-1439" / "index.html", 'data-record="qd-1439#target-1"', 'data-record="qd-1439#purpose-1"')
    assert any("has no deadline" in f for f in marks_off_deadline(copy))


def test_lost_precision_is_found(copy):
    _edit(copy / "decision-1439" / "index.html", f"{when('2019-Q2', 'vi')}</p>", "2019</p>")
    _edit(copy / "calendar.ics", "DTSTART;VALUE=DATE:20190401\r\nDTEND;VALUE=DATE:20190701", "DTSTART;VALUE=DATE:20190101\r\nDTEND;VALUE=DATE:20200101")
    faults = lost_precision(copy)
    assert any("milestone-2: deadline not shown" in f for f in faults) and any("calendar.ics item-qd-1439-milestone-2" in f for f in faults)


def test_an_unmarked_machine_output_is_found(copy):
    _edit(copy / "en" / "feed.xml", html.escape(_("machine_activity_note", "en"), quote=False), "", count=-1)
    _edit(copy / "calendar.ics", "STATUS:TENTATIVE\r\n", "")
    faults = unmarked_machine_outputs(copy)
    assert any("does not say it is the site's collection" in f for f in faults)
    assert any("shown as a confirmed event" in f for f in faults)


# -- the as-of date is what the page says it is ----------------------------------------------------

def test_the_as_of_date_says_whether_it_is_the_last_commits(tmp_path, monkeypatch):
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "f").write_text("x", encoding="utf-8")
    subprocess.run([*git, "-C", str(repo), "add", "f"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-q", "-m", "c"], check=True, env={"GIT_COMMITTER_DATE": "2026-12-07T10:00:00Z", "PATH": "/usr/bin:/bin"})
    stamp = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True).stdout.strip()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", stamp)
    assert computed.as_of(repo) == computed.AsOf("2026-12-07", "last-commit")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(stamp) - 86400))
    assert computed.as_of(repo) == computed.AsOf("2026-12-06", "fixed")
    assert computed.as_of(tmp_path / "not-a-repo").basis == "fixed"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert computed.as_of(repo).basis == "build-day"
    for basis in computed.BASES:
        assert "{date}" in _(f"as_of_{basis}", "vi") and "{date}" in _(f"as_of_{basis}", "en")


# -- the rule, as pure functions ---------------------------------------------------------------

@pytest.mark.parametrize("value, first, last, precision", [
    ("2019-Q1", date(2019, 1, 1), date(2019, 3, 31), "quarter"), ("2019-Q4", date(2019, 10, 1), date(2019, 12, 31), "quarter"),
    ("2019", date(2019, 1, 1), date(2019, 12, 31), "year"), ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ("2021-10-29", date(2021, 10, 29), date(2021, 10, 29), "day"),
])
def test_a_date_stands_for_its_whole_span(value, first, last, precision):
    assert dates.span(value) == (first, last) and dates.precision(value) == precision


def test_quarters_compare_and_read_as_the_sources_write_them():
    assert dates.parse("2019-Q5") is None and dates.parse("2019-Q0") is None and "quarter 5" in dates.problem("2019-Q5")
    assert dates.before("2019-Q1", "2019-04-01") and not dates.before("2019-Q1", "2019-03-31")
    assert dates.compare("2019-Q2", "2019-05") == 0 and sorted(["2019-04", "2019-Q1", "2019"], key=dates.sort_key) == ["2019", "2019-Q1", "2019-04"]
    assert when("2019-Q1", "vi") == "quý I/2019" and when("2019-Q2", "en") == "second quarter of 2019"


def test_the_flag_rule_reads_deadlines_only(mini_site):
    item = next(i for i in mini_site.items.values() if i.get("deadline"))
    assert computed.flag_applies(mini_site, item, "2020-01-01") and not computed.flag_applies(mini_site, item, "2019-12-31")
    act = mini_site.activities[0]
    assert not computed.flag_applies(mini_site, act, "2099-01-01")  # an activity's date is never a deadline
    data_with_outcome = {**item.data, "outcome": {"text": {"vi": "x", "en": "x"}, "sources": ["src-a"]}}
    assert not computed.flag_applies(mini_site, type(item)("items", data_with_outcome, item.origin, item.doc), "2020-01-01")
