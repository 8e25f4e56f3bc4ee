"""Load every plan file, validate it against the schema and the cross-file rules
(``rules.py``), and build one read-only model of the site's data. No MkDocs here.

Records keep the data exactly as written (``record.data``, which is what the open data
exports) beside what the model adds as typed fields: where the record came from, the
document an item belongs to, and the reverse indexes (who serves, maps, or counts it)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .settings import Settings
from .yamlfile import Loaded

VOCAB_LISTS = {
    "document_kinds": "document kind",
    "document_statuses": "document status",
    "item_kinds": "item kind",
    "frameworks": "framework",
    "statuses": "status",
    "relation_types": "relation type",
    "material_formats": "material format",
}
KEYED = ("sources", "agencies", "documents")  # sections looked up by id
LISTED = ("activities", "figures", "mappings", "materials", "glossary", "redirects")
RECORD_LISTS = KEYED + LISTED


@dataclass(frozen=True)
class Origin:
    """Where a record stands: its file and its path inside the file's data."""

    loaded: Loaded
    path: tuple

    def at(self, *sub, key: bool = False) -> tuple[str, int, int]:
        line, col = self.loaded.where(self.path + tuple(sub), key=key)
        return self.loaded.path, line, col


@dataclass(eq=False)
class Record:
    """One record as written, readable as ``record["id"]`` or ``record.id`` (templates)."""

    section: str
    data: dict
    origin: Origin

    def __getitem__(self, key):
        return self.data[key]

    def __contains__(self, key) -> bool:
        return key in self.data

    def get(self, key, default=None):
        return self.data.get(key, default)

    def __getattr__(self, name):
        data = self.__dict__.get("data")
        if data is not None and name in data:
            return data[name]
        raise AttributeError(name)


@dataclass(eq=False)
class Item(Record):
    doc: Record | None = None

    @property
    def ref(self) -> str:
        return f"{self.doc['id']}#{self.data['id']}"


@dataclass
class Index:
    """Reverse links, computed once when the model is built."""

    mapped_to: dict = field(default_factory=lambda: defaultdict(list))    # item ref -> mappings whose `to` is it
    mapped_from: dict = field(default_factory=lambda: defaultdict(list))  # item ref -> mappings whose `from` is it
    activities: dict = field(default_factory=lambda: defaultdict(list))   # item ref -> activities serving it
    materials: dict = field(default_factory=lambda: defaultdict(list))    # item ref -> materials serving it
    figure_rows: dict = field(default_factory=lambda: defaultdict(list))  # item ref -> [(figure, row)]
    doc_activities: dict = field(default_factory=lambda: defaultdict(list))  # document id -> activities
    doc_figures: dict = field(default_factory=lambda: defaultdict(list))  # document id -> figures
    agency: dict = field(default_factory=lambda: defaultdict(list))  # agency id -> [(role, Item or activity)]
    related: dict = field(default_factory=lambda: defaultdict(list))  # document id -> documents whose relations name it


@dataclass
class Site:
    langs: tuple
    vocab: dict = field(default_factory=lambda: {name: {} for name in VOCAB_LISTS})
    sources: dict = field(default_factory=dict)
    agencies: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)  # "doc#item" -> Item
    activities: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    mappings: list = field(default_factory=list)
    materials: list = field(default_factory=list)
    glossary: list = field(default_factory=list)
    redirects: list = field(default_factory=list)
    index: Index = field(default_factory=Index)
    files: list = field(default_factory=list)
    texts: list = field(default_factory=list)  # (Loaded, path) of every text object
    incomplete: set = field(default_factory=set)  # sections that lost a record to a schema error

    def __getstate__(self) -> dict:
        """Pickled (acsdocs.memo) without what renderers keep on it (keys starting with '_')."""
        return {key: value for key, value in self.__dict__.items() if not key.startswith("_")}

    def label(self, vocab: str, key: str, lang: str) -> str:
        entry = self.vocab[vocab].get(key)
        if entry is None:
            return key
        return entry["label"].get(lang) or entry["label"].get(self.langs[0]) or key

    def item_doc(self, ref: str) -> Record:
        return self.documents[ref.split("#", 1)[0]]

    def resolve(self, ref: str):
        return self.items.get(ref) if "#" in ref else self.documents.get(ref)


def history(record) -> list:
    """The dated statuses of an activity or an item, oldest first (as written)."""
    return record.get("history") or []


def current_status(record) -> str | None:
    """The latest entry of the history, else the status as written, else None (not stated)."""
    entries = history(record)
    return entries[-1]["status"] if entries else record.get("status")


def plan_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and (p.is_file() or p.is_symlink()))


def stray_files(folder: Path, settings: Settings) -> list[Problem]:
    """Files in plans/ that would never be read: another extension, or a broken link."""
    problems = []
    for path in sorted(folder.rglob("*")):
        shown = settings.shown(path)
        if path.is_symlink() and not path.exists():
            problems.append(Problem(shown, 1, 1, "this link points to a file that does not exist; remove it or restore its target", code="file"))
        elif path.is_file() and path.suffix not in (".yml", ".yaml") and not path.name.startswith("."):
            hint = f"rename it to {path.stem}.yml" if path.suffix.lower() in (".yml", ".yaml") else "plan files end in .yml; move other files out of plans/"
            problems.append(Problem(shown, 1, 1, f"this file is not read: {hint}", code="file"))
    return problems


def _skipped(path: tuple, bad: set) -> bool:
    return any(b[: len(path)] == path or path[: len(b)] == b for b in bad)


def collect(site: Site, loaded: Loaded, bad: set) -> set:
    """Add the file's well-formed records to the model; return the sections that lost one.
    Duplicates are kept in order: the id rules report every one after the first."""
    incomplete = set()
    vocabulary = loaded.data.get("vocabulary")
    for name, entries in vocabulary.items() if isinstance(vocabulary, dict) and ("vocabulary",) not in bad else ():
        if name not in site.vocab or not isinstance(entries, list) or ("vocabulary", name) in bad:
            incomplete.add("vocabulary")
            continue
        for i, entry in enumerate(entries):
            if _skipped(("vocabulary", name, i), bad):
                incomplete.add("vocabulary")
                continue
            record = Record("vocabulary", entry, Origin(loaded, ("vocabulary", name, i)))
            site.vocab[name].setdefault(entry["id"], []).append(record)
    for section in RECORD_LISTS:
        records = loaded.data.get(section) or []
        if not isinstance(records, list) or (section,) in bad:
            incomplete.add(section)
            continue
        for i, data in enumerate(records):
            if _skipped((section, i), bad):
                incomplete.add(section)
                continue
            record = Record(section, data, Origin(loaded, (section, i)))
            target = getattr(site, section)
            if section in KEYED:
                target.setdefault(data["id"], []).append(record)
            else:
                target.append(record)
    return incomplete


def keep_first(site: Site) -> None:
    """One record per id, the first as written (the id rules have reported the others)."""
    for entries in site.vocab.values():
        for key, records in entries.items():
            entries[key] = records[0]
    for section in KEYED:
        table = getattr(site, section)
        for key, records in table.items():
            table[key] = records[0]


def link(site: Site) -> None:
    """Fill the items and the reverse indexes (after ``keep_first``)."""
    for doc in site.documents.values():
        for j, data in enumerate(doc.get("items", [])):
            item = Item("items", data, Origin(doc.origin.loaded, doc.origin.path + ("items", j)), doc)
            site.items.setdefault(item.ref, item)
    index = site.index
    for doc in site.documents.values():
        for rel in doc.get("relations", []):
            index.related[rel["target"].partition("#")[0]].append(doc)
    for record in [*site.items.values(), *site.activities]:
        if record.get("lead"):
            index.agency[record["lead"]].append(("lead", record))
        for agency in record.get("coordinating", []):
            index.agency[agency].append(("coordinating", record))
    for m in site.mappings:
        index.mapped_to[m["to"]].append(m)
        index.mapped_from[m["from"]].append(m)
    for act in site.activities:
        for ref in act["serves"]:
            index.activities[ref].append(act)
        index.doc_activities[act["serves"][0].partition("#")[0]].append(act)
    for mat in site.materials:
        for ref in mat["serves"]:
            index.materials[ref].append(mat)
    for fig in site.figures:
        index.doc_figures[fig["document"].partition("#")[0]].append(fig)
        for row in fig["rows"]:
            if "item" in row:
                index.figure_rows[row["item"]].append((fig, row))
