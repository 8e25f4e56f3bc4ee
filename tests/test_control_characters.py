"""Control characters and other code points that XML, HTML and iCalendar refuse, in text fields
of the plans (written as YAML escapes, the way they slip in): each is refused at load, at its
line, or, where the text is allowed, every output stays well-formed (feedparser without bozo,
icalendar parses, JSON-LD and CSV read back)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import feedparser
import icalendar as ical
from acsdocs import export, linked
from acsdocs.build import prepare
from acsdocs.feeds import atom_feed, icalendar
from acsdocs.problems import InputError
from conftest import mini_project, settings_of
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

ODD = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\t", "\n", "\u2028", "\ufffe", "\ud7ff", "\u200b", "\ufeff", "\u202e", "é", "ữ", "😀", "&", "<", "]]>"]
RESULTS = {"refused": 0, "built": 0}
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
text = st.lists(st.sampled_from(ODD) | st.text(alphabet="abc ", min_size=1, max_size=3), min_size=1, max_size=6).map(lambda parts: "T " + "".join(parts))


def escaped(value: str) -> str:
    """The text as a double-quoted YAML scalar, every character outside printable ASCII escaped."""
    return '"' + "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in value) + '"'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text, place=text)
# both outcomes every run, whatever the random draw: texts that build, texts that are refused
@example(title="T abc", place="T é")
@example(title="T ữ😀", place="T &<]]>")
@example(title="T \u200b\u202e", place="T \t")
@example(title="T \u2028", place="T \ud7ff")
@example(title="T \n", place="T a")
@example(title="T \x00", place="T a")
@example(title="T a", place="T \x1b")
@example(title="T \x7f", place="T \x85")
@example(title="T \ufffe", place="T b")
@example(title="T \x0b", place="T \x9f")
def test_odd_characters_are_refused_or_stay_well_formed(tmp_path_factory, title, place):
    project = tmp_path_factory.mktemp("cc") / "project"
    shutil.copytree(mini_project(tmp_path_factory.mktemp("base") / "p"), project)
    plan = (f"activities:\n  - id: odd\n    title: {{vi: {escaped(title)}, en: {escaped(title)}}}\n    framework: national\n"
            f"    status: completed\n    date: \"2023-05\"\n    place: {{vi: {escaped(place)}, en: {escaped(place)}}}\n    serves: [decl#pa-1]\n    sources: [src-a]\n")
    (project / "plans" / "odd.yml").write_text(plan, encoding="utf-8")
    try:
        state = prepare(settings_of(project))
    except InputError as exc:
        bad = [p for p in exc.problems if p.path == "plans/odd.yml" and p.severity == "error"]
        assert bad and all(p.line in (3, 7) for p in bad), exc.problems
        assert FORBIDDEN.search(title + place) or "\ufeff" in title + place, exc.problems
        RESULTS["refused"] += 1
        return
    assert not FORBIDDEN.search(title + place), "a control character was accepted"
    for lang in ("vi", "en"):
        feed = feedparser.parse(atom_feed(state.site, state.words, lang, "https://example.org/a/", "Site"))
        assert not feed.bozo, feed.bozo_exception
    ical.Calendar.from_ical(icalendar(state.site, state.words, "https://example.org/a/", "Site"))
    json.loads(json.dumps(linked.csvw_metadata(state.site, state.words)))
    rows = list(csv.reader(io.StringIO(export.activities_csv(state.site))))
    assert any("odd" in row for row in rows)
    RESULTS["built"] += 1


def test_both_outcomes_were_seen():
    assert RESULTS["refused"] >= 5 and RESULTS["built"] >= 5, RESULTS
