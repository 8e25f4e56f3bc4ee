"""Cross-file rules: a table of small checks, each given the model and a reporter.

The rules only read the model. The id rules run on the records as collected; the model
then keeps the first record of each id and links itself, so later rules see one record per
id; every rule skips references into a section that lost records to a
schema error (those would only repeat the schema's message)."""

from __future__ import annotations

import re

from . import dates
from .model import VOCAB_LISTS, Site
from .problems import ERROR, TRANSLATION, WARNING, Problem
from .schema import did_you_mean


class Reporter:
    def __init__(self, site: Site):
        self.site = site
        self.problems: list[Problem] = []

    def __call__(self, record, sub, message, severity=ERROR, key=False, code="rule"):
        self.problems.append(Problem(*record.origin.at(*sub, key=key), message, severity, code))


def unique_vocabulary(site: Site, report: Reporter) -> None:
    for name, entries in site.vocab.items():
        for key, records in entries.items():
            for dup in records[1:]:
                report(dup, ("id",), f"duplicate vocabulary id '{key}' in {name}; each value is listed once", code="duplicate")


def unique_ids(site: Site, report: Reporter) -> None:
    for section in ("sources", "agencies", "documents"):
        table = getattr(site, section)
        for key, records in table.items():
            first = records[0].origin.at("id")
            for dup in records[1:]:
                report(dup, ("id",), f"duplicate {section[:-1]} id '{key}' (first in {first[0]}:{first[1]}); ids must be unique across all plan files", code="duplicate")
    for doc in (records[0] for records in site.documents.values()):
        seen: dict = {}
        for j, item in enumerate(doc.get("items", [])):
            if item["id"] in seen:
                sub = ("items", j, "id")
                report(doc, sub, f"duplicate item id '{item['id']}' in document '{doc['id']}' (first at line {doc.origin.at('items', seen[item['id']])[1]}); each item needs its own id", code="duplicate")
            seen.setdefault(item["id"], j)
    names = {"activities": "activity", "figures": "figure", "materials": "material", "glossary": "term"}
    for section, name in names.items():
        seen = {}
        for record in getattr(site, section):
            if record["id"] in seen:
                first = seen[record["id"]].origin.at("id")
                report(record, ("id",), f"duplicate {name} id '{record['id']}' (first in {first[0]}:{first[1]}); ids must be unique", code="duplicate")
            seen.setdefault(record["id"], record)


def _vocab(site: Site, report: Reporter, record, sub, vocab_name: str, value: str) -> None:
    if value not in site.vocab[vocab_name] and "vocabulary" not in site.incomplete:
        known = list(site.vocab[vocab_name])
        report(record, sub, f"unknown {VOCAB_LISTS[vocab_name]} '{value}'{did_you_mean(value, known)}; expected one of: {', '.join(known) or '(none defined)'}; add new values to vocabulary.{vocab_name}", code="reference")


def _ref(site: Site, report: Reporter, record, sub, value: str) -> None:
    if site.resolve(value) is not None or "documents" in site.incomplete:
        return
    doc_id, _, item_id = value.partition("#")
    if doc_id in site.documents and item_id:
        known = [i["id"] for i in site.documents[doc_id].get("items", [])]
        report(record, sub, f"unknown item '{value}'{did_you_mean(item_id, known, prefix=f'{doc_id}#')}; items of {doc_id}: {', '.join(known) or '(none)'}", code="reference")
    else:
        report(record, sub, f"unknown document '{doc_id}' in reference '{value}'{did_you_mean(doc_id, site.documents)}; known documents: {', '.join(site.documents)}", code="reference")


def _sources(site: Site, report: Reporter, record, sub, ids) -> None:
    for i, sid in enumerate(ids or []):
        if sid not in site.sources and "sources" not in site.incomplete:
            report(record, sub + (i,), f"unknown source '{sid}'{did_you_mean(sid, site.sources)}; add it to a `sources:` list or use a known id", code="reference")


def documents(site: Site, report: Reporter) -> None:
    for doc in site.documents.values():
        _vocab(site, report, doc, ("kind",), "document_kinds", doc["kind"])
        _vocab(site, report, doc, ("status",), "document_statuses", doc["status"])
        _sources(site, report, doc, ("sources",), doc["sources"])
        if doc.get("validity"):
            _sources(site, report, doc, ("validity", "sources"), doc["validity"]["sources"])
        for i, event in enumerate(doc.get("events", [])):
            _sources(site, report, doc, ("events", i, "sources"), event["sources"])
            if event.get("by"):
                _ref(site, report, doc, ("events", i, "by"), event["by"])
        for i, rel in enumerate(doc.get("relations", [])):
            _vocab(site, report, doc, ("relations", i, "type"), "relation_types", rel["type"])
            _ref(site, report, doc, ("relations", i, "target"), rel["target"])
            _sources(site, report, doc, ("relations", i, "sources"), rel.get("sources"))
        for j, item in enumerate(doc.get("items", [])):
            _vocab(site, report, doc, ("items", j, "kind"), "item_kinds", item["kind"])
            _sources(site, report, doc, ("items", j, "sources"), item.get("sources"))
            if item.get("outcome"):
                _sources(site, report, doc, ("items", j, "outcome", "sources"), item["outcome"]["sources"])


def activities(site: Site, report: Reporter) -> None:
    for act in site.activities:
        _vocab(site, report, act, ("framework",), "frameworks", act["framework"])
        _vocab(site, report, act, ("status",), "statuses", act["status"])
        _sources(site, report, act, ("sources",), act["sources"])
        for i, target in enumerate(act["serves"]):
            _ref(site, report, act, ("serves", i), target)
        start, end = act.get("start"), act.get("end")
        if start and end and dates.before(end, start):
            report(act, ("end",), f"the activity ends ({end}) before it starts ({start}); check the dates", code="date")
        if act.get("date") and (start or end):
            report(act, ("date",), "give either `date` (one day) or `start`/`end` (a period), not both", code="date")
        when = act.get("date") or end
        if act["status"] == "completed" and when and dates.in_future(when):
            key = "date" if act.get("date") else "end"
            report(act, (key,), f"the activity is marked completed but its date ({when}) is in the future; check the date or the status", WARNING, code="date")


def figures(site: Site, report: Reporter) -> None:
    statuses = site.vocab["statuses"]
    for fig in site.figures:
        _ref(site, report, fig, ("document",), fig["document"])
        _sources(site, report, fig, ("source",), [fig["source"]])
        for i, row in enumerate(fig["rows"]):
            if "item" in row:
                _ref(site, report, fig, ("rows", i, "item"), row["item"])
            _vocab(site, report, fig, ("rows", i, "framework"), "frameworks", row["framework"])
            counts = row.get("counts", {})
            for status in counts:
                if status not in statuses and "vocabulary" not in site.incomplete:
                    report(fig, ("rows", i, "counts", status), f"unknown status '{status}' in counts{did_you_mean(status, statuses)}; expected one of: {', '.join(statuses)}", key=True, code="reference")
            parts = sum(counts.values())
            if counts and parts != row["total"] and "discrepancy" not in row:
                report(fig, ("rows", i, "total"), f"the counts add up to {parts} but the stated total is {row['total']}; if the source really says so, keep both and add `discrepancy:` with a text per language explaining it to readers; otherwise fix the typing", code="figures")
            if "discrepancy" in row and (not counts or parts == row["total"]):
                report(fig, ("rows", i, "discrepancy"), f"a discrepancy is noted but the counts add up to the total ({row['total']}); remove the note", WARNING, code="figures")


def links(site: Site, report: Reporter) -> None:
    for mapping in site.mappings:
        _ref(site, report, mapping, ("from",), mapping["from"])
        _ref(site, report, mapping, ("to",), mapping["to"])
        if mapping["from"] == mapping["to"]:
            report(mapping, ("to",), "an item cannot serve itself; `from` and `to` must differ", code="reference")
    for mat in site.materials:
        _vocab(site, report, mat, ("format",), "material_formats", mat["format"])
        _sources(site, report, mat, ("sources",), mat.get("sources"))
        for i, target in enumerate(mat["serves"]):
            _ref(site, report, mat, ("serves", i), target)
    glossary(site, report)


def glossary(site: Site, report: Reporter) -> None:
    """A term is one line (it becomes a tooltip's word) and is defined once per language."""
    seen: dict = {}
    for term in site.glossary:
        _sources(site, report, term, ("sources",), term.get("sources"))
        for lang, text in (term.get("term") or {}).items():
            if re.search(r"\n\s*\n", text.strip()):  # a paragraph break: an explanation written into the term
                report(term, ("term", lang), "the term holds a blank line, but a term is the few words a tooltip explains; put the explanation in `definition:`", WARNING, code="glossary")
            key = (lang, " ".join(text.casefold().split()))
            if key in seen:
                report(term, ("term", lang), f"the term '{text}' is already defined (id '{seen[key]}'); keep one entry, or tell them apart", WARNING, code="duplicate")
            seen.setdefault(key, term["id"])


def translations(site: Site, report: Reporter) -> None:
    """Every text object names only configured languages; a missing one is a warning,
    summed up per file and language when a file lacks it in many places (a new language)."""
    langs = site.langs
    missing: dict = {}  # (file, lang) -> [(line, column, field)]
    for loaded, path in site.texts:
        value = _at(loaded.data, path)
        for code in value:
            if code not in langs:
                line, col = loaded.where(path + (code,), key=True)
                report.problems.append(Problem(loaded.path, line, col, f"'{code}' is not a language of this site; configured in mkdocs.yml: {', '.join(langs)}{did_you_mean(code, langs)}", ERROR, "language"))
        if any(code in langs for code in value):
            for code in langs:
                if code not in value:
                    missing.setdefault((loaded.path, code), []).append((*loaded.where(path), path[-1] if path else "text"))
    for (file, code), places in missing.items():
        line, col, name = places[0]
        if len(places) > 3:
            lines = ", ".join(str(p[0]) for p in places[1:11]) + (", …" if len(places) > 11 else "")
            message = f"{len(places)} texts in this file have no {code} text (here '{name}', then lines {lines}); add `{code}: ...` to each"
        else:
            message = f"'{name}' has no {code} text; add `{code}: ...` so every language shows it"
        report.problems.append(Problem(file, line, col, message, WARNING, TRANSLATION, code))
        for line, col, name in places[1:] if len(places) <= 3 else []:
            report.problems.append(Problem(file, line, col, f"'{name}' has no {code} text; add `{code}: ...` so every language shows it", WARNING, TRANSLATION, code))


def _at(data, path):
    for step in path:
        data = data[step]
    return data


def _agency(site: Site, report: Reporter, record, sub, value: str) -> None:
    if value not in site.agencies and "agencies" not in site.incomplete:
        report(record, sub, f"unknown agency '{value}'{did_you_mean(value, site.agencies)}; add it to an `agencies:` list (id, name, kind) or use a known id: {', '.join(site.agencies) or '(none defined)'}", code="reference")


def agencies(site: Site, report: Reporter) -> None:
    """Agencies are records: lead and coordinating name one by id; a parent is an agency."""
    for agency in site.agencies.values():
        _sources(site, report, agency, ("sources",), agency.get("sources"))
        if agency.get("parent"):
            _agency(site, report, agency, ("parent",), agency["parent"])
            if agency["parent"] == agency["id"]:
                report(agency, ("parent",), "an agency cannot be its own parent", code="reference")
    places = [(act, ()) for act in site.activities]
    places += [(doc, ("items", j)) for doc in site.documents.values() for j, _ in enumerate(doc.get("items", []))]
    for record, at in places:
        data = _at(record.data, at)
        if data.get("lead"):
            _agency(site, report, record, at + ("lead",), data["lead"])
        for i, value in enumerate(data.get("coordinating", [])):
            _agency(site, report, record, at + ("coordinating", i), value)
        if data.get("lead_role") and not data.get("lead"):
            report(record, at + ("lead_role",), "`lead_role` describes the lead agency; add `lead:` with the agency's id", code="reference")


def histories(site: Site, report: Reporter) -> None:
    """A status history is in date order, each entry sourced with a known status; the
    current status, when also written, is the latest entry's."""
    places = [(act, ()) for act in site.activities]
    places += [(doc, ("items", j)) for doc in site.documents.values() for j, _ in enumerate(doc.get("items", []))]
    for record, at in places:
        data = _at(record.data, at)
        if at and data.get("status"):
            _vocab(site, report, record, at + ("status",), "statuses", data["status"])
        entries = data.get("history") or []
        for i, entry in enumerate(entries):
            where = at + ("history", i)
            _vocab(site, report, record, where + ("status",), "statuses", entry["status"])
            _sources(site, report, record, where + ("sources",), entry["sources"])
            if i and dates.before(entry["date"], entries[i - 1]["date"]):
                report(record, where + ("date",), f"history entries go oldest first: {entry['date']} comes after {entries[i - 1]['date']}; move this entry up", code="date")
        if entries and data.get("status") and data["status"] != entries[-1]["status"]:
            report(record, at + ("status",), f"the status '{data['status']}' is not the latest history entry's ('{entries[-1]['status']}', {entries[-1]['date']}); the current status is the latest entry, so make them agree", code="history")


ID_RULES = (unique_vocabulary, unique_ids)  # on the records as collected, duplicates included
RULES = (documents, agencies, activities, histories, figures, links, translations)  # on the linked model


def check_ids(site: Site) -> list[Problem]:
    return _run(ID_RULES, site)


def check(site: Site) -> list[Problem]:
    return _run(RULES, site)


def _run(rules: tuple, site: Site) -> list[Problem]:
    report = Reporter(site)
    for rule in rules:
        rule(site, report)
    return report.problems
