"""Subscribable files written after the build: an Atom feed per language and iCalendar files.

Everything here is computed from the data, never from the clock, except the calendar's
DTSTAMP (the build date, reproducible with SOURCE_DATE_EPOCH): the same plans give the same
bytes. Links are absolute, under the site's address (``site_url``, sub-path included).

- ``/feed.xml`` (default language) and ``/<lang>/feed.xml``: one entry per dated change,
  newest first: a document issued, an activity, a status reported in a history, a
  training material, a report with figures.
- ``/calendar.ics`` (the whole site) and ``/calendars/<document id>.ics`` (one per plan):
  all-day events for dated milestones and deadlines, with every language's title."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from . import cite, dates
from .agencies import build_date
from .model import Site, current_status, history
from .render import Renderer
from .text import page_url
from .words import Words

ATOM = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
CALENDAR = "calendar.ics"
CALENDARS = "calendars"


@dataclass(frozen=True)
class Change:
    """One dated change: what it is, its stable key, its date and where the site shows it."""

    kind: str  # document | activity | status | material | report
    key: str  # unique and stable: 'activity/forum', 'status/forum/2022-08-05'
    date: str  # as precise as the data gives it
    record: object
    page: str  # page path (.md) relative to a language root
    anchor: str = ""
    entry: object = None  # the history entry of a status change


def changes(site: Site) -> list[Change]:
    """Every dated change, newest first (ties in a fixed order, so the feed is stable)."""
    found: list[Change] = []
    r = Renderer(site, None, site.langs[0])  # only for page paths; no words needed
    for doc_id, doc in site.documents.items():
        if doc.get("issued"):
            found.append(Change("document", f"document/{doc_id}", doc["issued"], doc, r.doc_page(doc_id)))
    for act in site.activities:
        when = act.get("date") or act.get("start")
        if when:
            found.append(Change("activity", f"activity/{act['id']}", when, act, r.activity_page(act), f"act-{act['id']}"))
        for entry in history(act):
            found.append(Change("status", f"status/{act['id']}/{entry['date']}/{entry['status']}", entry["date"], act,
                                r.activity_page(act), f"act-{act['id']}", entry))
    for item in site.items.values():
        for entry in history(item):
            found.append(Change("status", f"status/{item.doc['id']}/{item['id']}/{entry['date']}/{entry['status']}", entry["date"], item,
                                r.doc_page(item.doc["id"]), item["id"], entry))
    for mat in site.materials:
        if mat.get("date"):
            found.append(Change("material", f"material/{mat['id']}", mat["date"], mat, "materials.md", f"material-{mat['id']}"))
    for fig in site.figures:
        found.append(Change("report", f"report/{fig['id']}", fig["date"], fig, f"plans/{fig['document'].partition('#')[0]}.md", "dashboard"))
    order = {"document": 0, "report": 1, "activity": 2, "status": 3, "material": 4}
    found.sort(key=lambda c: (dates.sort_key(c.date), -order[c.kind], c.key), reverse=True)
    return found


def absolute(site_url: str, page: str, lang: str, default: str, anchor: str = "") -> str:
    """The published address of a page in a language, under the site's address."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + page_url(page, lang, default) + (f"#{anchor}" if anchor else "")


def _timestamp(value: str) -> str:
    """The first day of the date's span (Atom wants a day): the summary says when it stands for more."""
    return f"{dates.span(value)[0].isoformat()}T00:00:00Z"


def precision_note(r: Renderer, value: str, key: str) -> str:
    """What a machine output must say when one day stands for a year, a quarter or a month
    (``key``: precision_feed or precision_calendar); '' for a day."""
    kind = dates.precision(value)
    if kind == "day":
        return ""
    period = r._(f"period_{kind}").format(date=r.date(value))
    return r._(key).format(period=period, day=r.date(dates.span(value)[0].isoformat()))


def tentative(site: Site, record) -> bool:
    """Whether the record's status says it has not been reported as taking place (planned)."""
    entry = site.vocab["statuses"].get(current_status(record) or "")
    return bool(entry and entry.get("tentative"))


def record_notes(r: Renderer, record) -> list[str]:
    """The site's notes a machine output carries with a record: an activity is the site's
    own collection, and its framework a setting; a planned one has not been reported as held."""
    if getattr(record, "section", "") != "activities":
        return []
    return [r._("machine_activity_note")] + ([r._("machine_planned_note")] if tentative(r.site, record) else [])


def _tag(site_url: str, key: str) -> str:
    """A tag URI (RFC 4151): stable as long as the site's host and the record ids are."""
    host = urlsplit(site_url).hostname or "localhost"
    path = urlsplit(site_url).path.strip("/")
    return f"tag:{host},2017:{path + '/' if path else ''}{key}"


def change_title(r: Renderer, change: Change) -> str:
    rec = change.record
    if change.kind == "document":
        return f"{r._('feed_document')}: {cite.citation_head(r, rec)}"
    if change.kind == "activity":
        planned = f" ({r.label('statuses', current_status(rec))})" if tentative(r.site, rec) else ""
        return f"{r._('feed_activity')}: {r.t(rec['title'])}{planned}"
    if change.kind == "status":
        name = r.item_name(rec.ref) if rec.section == "items" else r.t(rec["title"])
        return f"{r._('feed_status')}: {r.label('statuses', change.entry['status'])} ({name})"
    if change.kind == "material":
        return f"{r._('feed_material')}: {r.t(rec['title'])}"
    return f"{r._('feed_report')}: {r.t(rec['title'])}"


def change_summary(r: Renderer, change: Change) -> str:
    rec = change.record
    what = r._("event_" + (rec.get("issued_event") or "issued")) if change.kind == "document" else r._("date")
    parts = [f"{what}: {r.date(change.date)}.", precision_note(r, change.date, "precision_feed")]
    if change.kind == "status":
        entry = change.entry
        parts += [r.t(entry.get("note")), f"{r._('delay_reason')}: {r.t(entry['delay_reason'])}" if entry.get("delay_reason") else ""]
        parts.append(f"{r._('source')}: " + ", ".join(r.t(r.site.sources[s]["publisher"]) for s in entry["sources"] if s in r.site.sources) + ".")
    elif change.kind == "document":
        event = rec.get("issued_event") or "issued"
        parts.append(f"{r._('issuer' if event == 'issued' else 'by_' + event)}: {r.t(rec['issuer'])}.")
    elif rec.get("text"):
        parts.append(r.t(rec["text"]))
    if change.kind in ("activity", "status"):
        parts += record_notes(r, rec)
    return " ".join(p for p in parts if p)


def atom_feed(site: Site, words: Words, lang: str, site_url: str, site_name: str) -> bytes:
    default = site.langs[0]
    r = Renderer(site, words, lang)
    found = changes(site)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    here = absolute(site_url, "index.md", lang, default)

    def sub(parent, tag, text=None, **attrs):
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    sub(feed, "id", _tag(site_url, f"{lang}/feed"))
    sub(feed, "title", f"{site_name}: {r._('feed_title')}")
    sub(feed, "subtitle", r._("feed_subtitle"))
    sub(feed, "updated", _timestamp(found[0].date if found else build_date()))
    sub(feed, "link", rel="self", type="application/atom+xml", href=here + FEED)
    sub(feed, "link", rel="alternate", type="text/html", href=here)
    author = sub(feed, "author")
    sub(author, "name", site_name)
    sub(author, "uri", here)
    for change in found:
        entry = sub(feed, "entry")
        sub(entry, "id", _tag(site_url, f"{lang}/{change.key}"))
        sub(entry, "title", change_title(r, change))
        sub(entry, "updated", _timestamp(change.date))
        sub(entry, "link", rel="alternate", type="text/html", href=absolute(site_url, change.page, lang, default, change.anchor))
        sub(entry, "category", term=change.kind, label=r._(f"feed_{change.kind}"))
        sub(entry, "summary", change_summary(r, change))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


# -- iCalendar (RFC 5545) ---------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    uid: str
    when: str  # a date as precise as the data: the event spans that day, month or year
    titles: dict  # lang -> title
    page: str
    anchor: str
    doc_id: str  # the plan it belongs to ('' for none)
    what: str  # interface word for what the date is
    notes: dict = field(default_factory=dict)  # lang -> the site's notes on the record (record_notes)
    tentative: bool = False  # planned: not reported as held


def _span(value: str) -> tuple[date, date]:
    """First day and the day after the last day of a date given as year, quarter, month or day."""
    first, last = dates.span(value)
    return first, last + timedelta(days=1)


def events(site: Site, words: Words) -> list[Event]:
    """Dated milestones and deadlines: documents issued and in effect, item dates and
    deadlines, activities' dates; oldest first."""
    renderers = {lang: Renderer(site, words, lang) for lang in site.langs}
    found: list[Event] = []

    def titles(make) -> dict:
        return {lang: make(r) for lang, r in renderers.items()}

    r0 = renderers[site.langs[0]]
    for doc_id, doc in site.documents.items():
        for key in ("issued", "effective"):
            if doc.get(key):
                what = ("event_" + (doc.get("issued_event") or "issued")) if key == "issued" else key
                found.append(Event(f"document-{doc_id}-{key}", doc[key], titles(lambda r, what=what, doc=doc: f"{r._(what)}: {cite.citation_head(r, doc)}"),
                                   r0.doc_page(doc_id), "", doc_id, key))
    for ref, item in site.items.items():
        for key in ("date", "deadline"):
            if item.get(key):
                found.append(Event(f"item-{item.doc['id']}-{item['id']}-{key}", item[key], titles(lambda r, key=key, ref=ref: f"{r._(key)}: {r.item_name(ref)}"),
                                   r0.doc_page(item.doc["id"]), item["id"], item.doc["id"], key))
    for act in site.activities:
        when = act.get("date") or act.get("start")
        if when:
            planned = tentative(site, act)
            found.append(Event(f"activity-{act['id']}", when,
                               titles(lambda r, act=act, planned=planned: r.t(act["title"]) + (f" ({r.label('statuses', current_status(act))})" if planned else "")),
                               r0.activity_page(act), f"act-{act['id']}", act["serves"][0].partition("#")[0], "date",
                               titles(lambda r, act=act: " ".join(record_notes(r, act))), planned))
    return sorted(found, key=lambda e: (dates.sort_key(e.when), e.uid))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545, 3.1), never inside a character."""
    data, parts, start, limit = line.encode("utf-8"), [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the cut goes before its character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


def icalendar(site: Site, words: Words, site_url: str, site_name: str, doc_id: str | None = None, found: list[Event] | None = None) -> bytes:
    """The calendar of the whole site, or of one plan (``doc_id``); ``found``: `events()`, if already known."""
    default = site.langs[0]
    host = urlsplit(site_url).hostname or "localhost"
    stamp = build_date().replace("-", "") + "T000000Z"
    renderers = {lang: Renderer(site, words, lang) for lang in site.langs}
    name = site_name if doc_id is None else f"{site_name}: {renderers[default].doc_short(site.documents[doc_id])}"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//acsdocs//{_escape(site_name)}//{default.upper()}",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    for event in events(site, words) if found is None else found:
        if doc_id is not None and event.doc_id != doc_id:
            continue
        start, end = _span(event.when)
        summary = " / ".join(dict.fromkeys(event.titles[lang] for lang in site.langs if event.titles.get(lang)))
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                  f"SUMMARY;LANGUAGE={default}:{_escape(summary)}",
                  f"DESCRIPTION:{_escape(_description(renderers, site_url, event))}",
                  f"URL:{absolute(site_url, event.page, default, default, event.anchor)}",
                  *(["STATUS:TENTATIVE"] if event.tentative else []),
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def _description(renderers: dict, site_url: str, event: Event) -> str:
    """Per language: the title and its page, what the dates stand for, and the site's notes."""
    out = []
    for lang, r in renderers.items():
        notes = [precision_note(r, event.when, "precision_calendar"), event.notes.get(lang, "")]
        out.append(" ".join([f"{lang}: {event.titles[lang]} {absolute(site_url, event.page, lang, r.site.langs[0], event.anchor)}", *filter(None, notes)]))
    return "\n".join(out)


def plan_calendar_path(doc_id: str) -> str:
    return f"{CALENDARS}/{doc_id}.ics"


def write_subscriptions(site: Site, words: Words, site_dir: Path, site_url: str, names: dict, lang_dir) -> list[Path]:
    """Write every feed and calendar; ``names`` maps a language to the site's name in it."""
    written = []
    for lang in site.langs:
        target = site_dir / lang_dir(lang) / FEED
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(atom_feed(site, words, lang, site_url, names.get(lang) or names[site.langs[0]]))
        written.append(target)
    name, found = names[site.langs[0]], events(site, words)  # every calendar is a selection of the same events
    (site_dir / CALENDAR).write_bytes(icalendar(site, words, site_url, name, found=found))
    written.append(site_dir / CALENDAR)
    for doc_id in site.documents:
        target = site_dir / plan_calendar_path(doc_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(icalendar(site, words, site_url, name, doc_id, found))
        written.append(target)
    return written

