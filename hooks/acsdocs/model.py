"""Load every plan file, validate it against the schema and the cross-file rules, and
build one read-only model of the site's data. No MkDocs here: tests call these directly."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import schema as schema_mod
from .problems import ERROR, WARNING, InputError, Problem
from .yamlfile import Loaded, load_text

LANGS = ("vi", "en")
VOCAB_LISTS = {
    "document_kinds": "document kind",
    "document_statuses": "document status",
    "item_kinds": "item kind",
    "frameworks": "framework",
    "statuses": "status",
    "relation_types": "relation type",
    "material_formats": "material format",
}
RECORD_LISTS = ("sources", "documents", "activities", "figures", "mappings", "materials", "glossary", "redirects")


@dataclass
class Record:
    """Where a record came from, so later checks can point at its file and line."""

    loaded: Loaded
    path: tuple

    def at(self, *sub, key: bool = False) -> tuple[str, int, int]:
        line, col = self.loaded.where(self.path + tuple(sub), key=key)
        return self.loaded.path, line, col


@dataclass
class Site:
    vocab: dict = field(default_factory=lambda: {name: {} for name in VOCAB_LISTS})
    sources: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)  # "doc#item" -> item
    activities: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    mappings: list = field(default_factory=list)
    materials: list = field(default_factory=list)
    glossary: list = field(default_factory=list)
    redirects: list = field(default_factory=list)
    origin: dict = field(default_factory=dict)  # id(record) -> Record
    files: list = field(default_factory=list)

    def label(self, vocab: str, key: str, lang: str) -> str:
        entry = self.vocab[vocab].get(key)
        return entry["label"].get(lang) or entry["label"].get("vi") or key if entry else key

    def item_doc(self, ref: str) -> dict:
        return self.documents[ref.split("#", 1)[0]]

    def items_of(self, doc_id: str, kind: str | None = None) -> list:
        doc = self.documents[doc_id]
        return [i for i in doc.get("items", []) if kind is None or i["kind"] == kind]

    def resolve(self, ref: str) -> dict | None:
        return self.items.get(ref) if "#" in ref else self.documents.get(ref)


def plan_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def load_folder(folder: Path, root: Path | None = None) -> tuple[Site, list[Problem]]:
    """Read every plan file under ``folder``; return the model and every problem found."""
    root = root or folder.parent
    loaded_files = []
    problems: list[Problem] = []
    for file in plan_files(folder):
        shown = file.resolve().relative_to(root.resolve()).as_posix() if file.resolve().is_relative_to(root.resolve()) else str(file)
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(shown, 1, 1, f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8"))
            continue
        loaded, found = load_text(text, shown)
        problems += found
        if loaded is not None:
            loaded_files.append(loaded)
    site, found = build_site(loaded_files)
    return site, problems + found


def build_site(files: list[Loaded]) -> tuple[Site, list[Problem]]:
    site = Site(files=[f.path for f in files])
    problems: list[Problem] = []

    bad: dict = {}  # file -> paths with schema errors

    def report_for(loaded: Loaded):
        def report(path, message, key=False, severity=ERROR):
            line, col = loaded.where(path, key=key)
            problems.append(Problem(loaded.path, line, col, message, severity))
            bad.setdefault(loaded.path, set()).add(path)
        return report

    for loaded in files:
        if not isinstance(loaded.data, dict):
            report_for(loaded)((), f"a plan file must be a mapping of sections ({', '.join(RECORD_LISTS)}); got {schema_mod.describe(loaded.data)}")
            continue
        schema_mod.validate(loaded.data, report_for(loaded))
    # Cross-file checks run on every record that matches the schema, so one run reports
    # everything; references into sections that lost a record are not reported as unknown.
    incomplete: set = set()
    for loaded in files:
        if isinstance(loaded.data, dict) and () not in bad.get(loaded.path, ()):
            incomplete |= collect(site, loaded, bad.get(loaded.path, set()))
        elif loaded.path in bad:
            incomplete |= set(RECORD_LISTS) | {"vocabulary"}
    problems += check(site, incomplete)
    return site, problems


def _skipped(path: tuple, bad: set) -> bool:
    return any(b[: len(path)] == path or path[: len(b)] == b for b in bad)


def collect(site: Site, loaded: Loaded, bad: set = frozenset()) -> set:
    """Add the file's well-formed records to the model; return the sections that lost one."""
    data = loaded.data
    incomplete = set()
    for name, entries in (data.get("vocabulary") or {}).items():
        for i, entry in enumerate(entries):
            if _skipped(("vocabulary", name, i), bad):
                incomplete.add("vocabulary")
                continue
            site.origin[id(entry)] = Record(loaded, ("vocabulary", name, i))
            first = site.vocab[name].setdefault(entry["id"], entry)
            if first is not entry:
                first.setdefault("_dups", []).append(site.origin[id(entry)])
    for section in RECORD_LISTS:
        for i, record in enumerate(data.get(section) or []):
            if _skipped((section, i), bad):
                incomplete.add(section)
                continue
            site.origin[id(record)] = Record(loaded, (section, i))
            target = getattr(site, section)
            if isinstance(target, dict):
                target.setdefault("_all", []).append(record)
            else:
                target.append(record)
            if section == "documents":
                for j, item in enumerate(record.get("items", [])):
                    site.origin[id(item)] = Record(loaded, ("documents", i, "items", j))
    return incomplete


def check(site: Site, incomplete: set = frozenset()) -> list[Problem]:
    problems: list[Problem] = []

    def report(record, sub, message, severity=ERROR, key=False):
        problems.append(Problem(*site.origin[id(record)].at(*sub, key=key), message, severity))

    # Vocabulary duplicates were kept aside by collect().
    for entries in site.vocab.values():
        for entry in entries.values():
            for rec in entry.pop("_dups", []):
                problems.append(Problem(*rec.at("id"), f"duplicate vocabulary id '{entry['id']}'; each value is listed once"))

    # Ids: unique per section (items: per document).
    for section in ("sources", "documents"):
        records = getattr(site, section).pop("_all", [])
        for record in records:
            table = getattr(site, section)
            if record["id"] in table:
                first = site.origin[id(table[record["id"]])].at("id")
                report(record, ("id",), f"duplicate {section[:-1]} id '{record['id']}' (first in {first[0]}:{first[1]}); ids must be unique across all plan files")
            else:
                table[record["id"]] = record
    for doc in site.documents.values():
        for item in doc.get("items", []):
            ref = f"{doc['id']}#{item['id']}"
            if ref in site.items:
                first = site.origin[id(site.items[ref])].at("id")
                report(item, ("id",), f"duplicate item id '{item['id']}' in document '{doc['id']}' (first at line {first[1]}); each item needs its own id")
            else:
                site.items[ref] = item
                item["_doc"] = doc["id"]
    for section in ("activities", "figures", "materials", "glossary"):
        seen: dict = {}
        for record in getattr(site, section):
            if record["id"] in seen:
                first = site.origin[id(seen[record["id"]])].at("id")
                report(record, ("id",), f"duplicate {section.rstrip('s').replace('activitie', 'activity').replace('glossary', 'term')} id '{record['id']}' (first in {first[0]}:{first[1]}); ids must be unique")
            else:
                seen[record["id"]] = record

    def vocab(record, sub, vocab_name, value):
        if value not in site.vocab[vocab_name] and "vocabulary" not in incomplete:
            known = list(site.vocab[vocab_name])
            report(record, sub, f"unknown {VOCAB_LISTS[vocab_name]} '{value}'{schema_mod.did_you_mean(value, known)}; expected one of: {', '.join(known) or '(none defined)'}; add new values to vocabulary.{vocab_name}")

    def ref(record, sub, value):
        if site.resolve(value) is not None or "documents" in incomplete:
            return
        doc_id, _, item_id = value.partition("#")
        if doc_id in site.documents and item_id:
            known = [i["id"] for i in site.documents[doc_id].get("items", [])]
            hint = schema_mod.did_you_mean(item_id, known, prefix=f"{doc_id}#")
            report(record, sub, f"unknown item '{value}'{hint}; items of {doc_id}: {', '.join(known)}")
        else:
            hint = schema_mod.did_you_mean(doc_id, site.documents)
            report(record, sub, f"unknown document '{doc_id}' in reference '{value}'{hint}; known documents: {', '.join(site.documents)}")

    def sources(record, sub, ids):
        for i, sid in enumerate(ids or []):
            if sid not in site.sources and "sources" not in incomplete:
                report(record, sub + (i,), f"unknown source '{sid}'{schema_mod.did_you_mean(sid, site.sources)}; add it to a `sources:` list or use a known id")

    for doc in site.documents.values():
        vocab(doc, ("kind",), "document_kinds", doc["kind"])
        vocab(doc, ("status",), "document_statuses", doc["status"])
        sources(doc, ("sources",), doc["sources"])
        for i, rel in enumerate(doc.get("relations", [])):
            vocab(doc, ("relations", i, "type"), "relation_types", rel["type"])
            ref(doc, ("relations", i, "target"), rel["target"])
        for item in doc.get("items", []):
            vocab(item, ("kind",), "item_kinds", item["kind"])
            sources(item, ("sources",), item.get("sources"))
    for act in site.activities:
        vocab(act, ("framework",), "frameworks", act["framework"])
        vocab(act, ("status",), "statuses", act["status"])
        sources(act, ("sources",), act["sources"])
        for i, target in enumerate(act["serves"]):
            ref(act, ("serves", i), target)
        if act.get("start") and act.get("end") and act["end"] < act["start"]:
            report(act, ("end",), f"the activity ends ({act['end']}) before it starts ({act['start']}); check the dates")
        if act.get("date") and (act.get("start") or act.get("end")):
            report(act, ("date",), "give either `date` (one day) or `start`/`end` (a period), not both")
    for fig in site.figures:
        ref(fig, ("document",), fig["document"])
        sources(fig, ("source",), [fig["source"]])
        for i, row in enumerate(fig["rows"]):
            if "item" in row:
                ref(fig, ("rows", i, "item"), row["item"])
            vocab(fig, ("rows", i, "framework"), "frameworks", row["framework"])
            counts = row.get("counts", {})
            for status in counts:
                if status not in site.vocab["statuses"]:
                    report(fig, ("rows", i, "counts", status), f"unknown status '{status}' in counts{schema_mod.did_you_mean(status, site.vocab['statuses'])}; expected one of: {', '.join(site.vocab['statuses'])}", key=True)
            parts = sum(counts.values())
            if counts and parts != row["total"] and "discrepancy" not in row:
                report(fig, ("rows", i, "total"), f"the counts add up to {parts} but the stated total is {row['total']}; if the source really says so, keep both and add `discrepancy: {{vi: ..., en: ...}}` explaining it to readers; otherwise fix the typing")
            if "discrepancy" in row and (not counts or parts == row["total"]):
                report(fig, ("rows", i, "discrepancy"), f"a discrepancy is noted but the counts add up to the total ({row['total']}); remove the note", WARNING)
    for i_map in site.mappings:
        ref(i_map, ("from",), i_map["from"])
        ref(i_map, ("to",), i_map["to"])
        if i_map["from"] == i_map["to"]:
            report(i_map, ("to",), "an item cannot serve itself; `from` and `to` must differ")
    for mat in site.materials:
        vocab(mat, ("format",), "material_formats", mat["format"])
        sources(mat, ("sources",), mat.get("sources"))
        for i, target in enumerate(mat["serves"]):
            ref(mat, ("serves", i), target)
    for term in site.glossary:
        sources(term, ("sources",), term.get("sources"))

    problems += check_translations(site)
    return problems


def check_translations(site: Site) -> list[Problem]:
    """Text missing in one language is a warning; --strict makes it fail."""
    problems: list[Problem] = []
    for loaded in {o.loaded.path: o.loaded for o in site.origin.values()}.values():
        walk_text(loaded.data, (), loaded, problems)
    return problems


def walk_text(value, path, loaded: Loaded, problems: list) -> None:
    if isinstance(value, dict):
        keys = set(value) - {"_doc"}
        if keys and keys <= set(LANGS) and all(isinstance(value[k], str) for k in keys):
            for lang in LANGS:
                if lang not in value:
                    other = LANGS[1 - LANGS.index(lang)]
                    line, col = loaded.where(path)
                    problems.append(Problem(loaded.path, line, col, f"'{path[-1]}' has no {lang} text (only {other}); add `{lang}: ...` so both languages show it", WARNING))
            return
        for key, child in value.items():
            if not str(key).startswith("_"):
                walk_text(child, path + (key,), loaded, problems)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            walk_text(child, path + (i,), loaded, problems)


def load_or_raise(folder: Path, root: Path | None = None, strict: bool = False) -> tuple[Site, list[Problem]]:
    """The model, or InputError with every error (and, under strict, every warning)."""
    site, problems = load_folder(folder, root)
    fatal = [p for p in problems if p.severity == ERROR or strict]
    if fatal:
        raise InputError(problems)
    return site, problems
