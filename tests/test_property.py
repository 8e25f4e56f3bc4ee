"""Whatever `validate` accepts, the build renders: hypothesis writes plan files that match
the schema (ids drawn from small pools so that references often resolve), and `prepare`
(the checks and the rendering of every page, exactly what validate and the build run)
either renders everything or reports problems; it never raises anything else."""

from __future__ import annotations

import shutil

import yaml
from acsdocs import linked
from acsdocs.build import prepare
from acsdocs.feeds import atom_feed, icalendar
from acsdocs.problems import InputError
from conftest import FIXTURES, settings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DOCS = ["d1", "d2", "d3"]
ITEMS = ["i1", "i2", "pa-1"]
SOURCES = ["s1", "s2"]
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)
texts = st.fixed_dictionaries({"vi": text, "en": text})
refs = st.sampled_from(DOCS) | st.builds(lambda d, i: f"{d}#{i}", st.sampled_from(DOCS), st.sampled_from(ITEMS))
dates = st.sampled_from(["2021", "2022-08", "2018-10-29", "2024-02-29"])
statuses = st.sampled_from(["planned", "ongoing", "completed", "recurring"])
frameworks = st.sampled_from(["accsm", "accsm-plus-3", "national"])
AGENCIES = ["ag1", "ag2"]
source_ids = st.lists(st.sampled_from(SOURCES), min_size=1, max_size=2)
history = st.lists(st.fixed_dictionaries({"date": dates, "status": statuses, "sources": source_ids},
                                         optional={"note": texts, "delay_reason": texts}), max_size=2)
progress = {"lead": st.sampled_from(AGENCIES), "coordinating": st.lists(st.sampled_from(AGENCIES), max_size=2), "history": history}


def item(kind):
    return st.fixed_dictionaries({"id": st.sampled_from(ITEMS), "kind": kind, "title": texts},
                                 optional={"number": st.integers(1, 9), "text": texts, "deadline": dates, "sources": st.lists(st.sampled_from(SOURCES), max_size=2),
                                           "status": statuses, **progress})


document = st.fixed_dictionaries(
    {"id": st.sampled_from(DOCS), "kind": st.sampled_from(["asean-declaration", "pm-decision"]), "title": texts, "issuer": texts,
     "status": st.sampled_from(["adopted", "issued"]), "sources": st.lists(st.sampled_from(SOURCES), min_size=1, max_size=2)},
    optional={"number": text, "issued": dates, "short_title": texts, "items": st.lists(item(st.sampled_from(["priority-area", "solution", "task"])), max_size=3, unique_by=lambda i: i["id"]),
              "relations": st.lists(st.fixed_dictionaries({"type": st.just("implements"), "target": refs}), max_size=2),
              "validity": st.fixed_dictionaries({"status": st.sampled_from(["in-force", "not-in-force"]), "sources": source_ids}, optional={"date": dates, "note": texts}),
              "events": st.lists(st.fixed_dictionaries({"date": dates, "type": st.sampled_from(["amended", "replaced"]), "sources": source_ids},
                                                       optional={"by": refs, "note": texts}), max_size=2)})
activity = st.fixed_dictionaries(
    {"id": st.sampled_from(["a1", "a2", "a3"]), "title": texts, "framework": frameworks, "status": statuses,
     "serves": st.lists(refs, min_size=1, max_size=2), "sources": st.lists(st.sampled_from(SOURCES), min_size=1, max_size=2)},
    optional={"date": dates, "place": texts, "lead_role": texts, **progress})
counts = st.dictionaries(statuses, st.integers(0, 10), max_size=3)
row = st.builds(lambda fw, c, item: {"framework": fw, "total": sum(c.values()), "counts": c, **({"item": item} if item else {})},
                frameworks, counts, st.none() | refs)
figure = st.fixed_dictionaries({"id": st.sampled_from(["f1", "f2"]), "document": refs, "date": dates, "source": st.sampled_from(SOURCES),
                                "title": texts, "rows": st.lists(row, min_size=1, max_size=4)}, optional={"note": texts})
plans = st.fixed_dictionaries({
    "sources": st.lists(st.fixed_dictionaries({"id": st.sampled_from(SOURCES), "publisher": texts, "title": text}, optional={"date": dates}),
                        min_size=2, max_size=2, unique_by=lambda r: r["id"]),
    "agencies": st.lists(st.fixed_dictionaries({"id": st.sampled_from(AGENCIES), "name": texts, "kind": st.sampled_from(["ministry", "group"])},
                                               optional={"parent": st.sampled_from(AGENCIES), "sources": st.lists(st.sampled_from(SOURCES), max_size=2)}),
                         max_size=2, unique_by=lambda r: r["id"]),
    "documents": st.lists(document, min_size=1, max_size=3, unique_by=lambda r: r["id"]),
    "activities": st.lists(activity, max_size=3, unique_by=lambda r: r["id"]),
    "figures": st.lists(figure, max_size=2, unique_by=lambda r: r["id"]),
    "mappings": st.lists(st.fixed_dictionaries({"from": refs, "to": refs, "basis": st.sampled_from(["official", "editorial"]), "rationale": texts}), max_size=2),
    "glossary": st.lists(st.fixed_dictionaries({"id": st.sampled_from(["g1", "g2"]), "term": texts}, optional={"definition": texts}), max_size=2,
                         unique_by=lambda r: r["id"]),
})
RESULTS = {"rendered": 0, "refused": 0}
SETTINGS: dict = {}  # the fixture project's settings: its mkdocs.yml never changes between examples


def project(tmp_path):
    root = tmp_path / "p"
    if not root.exists():
        shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns("mini.yml", "progress.yml", "content"))
        shutil.copytree(FIXTURES.parent.parent / "schema", root / "schema")
        for lang in ("vi", "en"):
            (root / "content" / lang).mkdir(parents=True)
            (root / "content" / lang / "index.md").write_text("# Home\n\nText.\n", encoding="utf-8")
        config = (FIXTURES / "mini" / "mkdocs.yml").read_text(encoding="utf-8")
        languages = "[{locale: vi, name: Tiếng Việt, default: true}, {locale: en, name: English}]"
        (root / "mkdocs.yml").write_text(config.replace("@LANGUAGES@", languages), encoding="utf-8")
    return root


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=plans)
def test_whatever_validate_accepts_renders(tmp_path, data):
    root = project(tmp_path)
    (root / "plans" / "gen.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        state = prepare(SETTINGS.get(root) or SETTINGS.setdefault(root, settings_of(root)))
    except InputError as exc:
        assert exc.problems, "refused without a reason"
        RESULTS["refused"] += 1
        RESULTS.setdefault("codes", __import__("collections").Counter()).update({p.code for p in exc.problems})
        return
    assert all(isinstance(text, str) or text.is_file() for text in state.files.values())
    for lang in state.settings.langs:  # and what is written after the build: feeds, calendars, linked data
        assert atom_feed(state.site, state.words, lang, "https://example.org/a/", "Site").startswith(b"<?xml")
        for doc_id in state.site.documents:
            assert linked.head_tags(state, f"plans/{doc_id}.md", lang, "https://example.org/a/")
    assert icalendar(state.site, state.words, "https://example.org/a/", "Site").startswith(b"BEGIN:VCALENDAR")
    assert linked.csvw_metadata(state.site, state.words)["tableSchema"]["columns"]
    RESULTS["rendered"] += 1


def test_the_property_test_renders_many_sites():
    """Guard against a generator whose every example is refused (which would prove nothing)."""
    assert RESULTS["rendered"] >= 50, RESULTS
