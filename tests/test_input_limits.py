"""Careless and hostile input at the loader and validator level: files that cannot be read,
dates of different precision, CSV cells, and fuzzing (no exception but the project's own
problem reports, no hang). Bad plan edits with golden messages are in tests/cases/errors/."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from acsdocs import dates, schema, yamlfile
from acsdocs.problems import Problem
from acsdocs.text import csv_cell
from acsdocs.yamlfile import load_file, load_text, read_text_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SAVE = "example: in the editor choose Save with Encoding (or Save As) > UTF-8"


# --------------------------------------------------------------------------- reading files

def test_a_good_file_reads_without_problems(tmp_path):
    (tmp_path / "a.yml").write_text("sources: []\n", encoding="utf-8")
    assert read_text_file(tmp_path / "a.yml", "plans/a.yml") == ("sources: []\n", [])


def test_latin1_file_names_the_byte_and_the_fix(tmp_path):
    (tmp_path / "a.yml").write_bytes("sources:\n  - title: café\n".encode("latin-1"))
    text, problems = read_text_file(tmp_path / "a.yml", "plans/a.yml")
    assert text is None
    assert [str(p) for p in problems] == [
        "plans/a.yml:2:15: error: the file is not UTF-8: byte 0xe9 cannot be read (it looks like Latin-1 or "
        f"Windows-1252); expected UTF-8 text; {SAVE}"]


def test_utf16_file_is_named(tmp_path):
    (tmp_path / "a.yml").write_bytes("sources: []\n".encode("utf-16"))
    text, problems = read_text_file(tmp_path / "a.yml", "plans/a.yml")
    assert text is None
    assert [str(p) for p in problems] == [f"plans/a.yml:1:1: error: the file is saved as UTF-16; expected UTF-8 text; {SAVE}"]


def test_bom_is_accepted_and_removed(tmp_path):
    """Windows editors save UTF-8 with a byte-order mark; every tool of the stack reads it."""
    (tmp_path / "a.yml").write_bytes(b"\xef\xbb\xbfsources: []\n")
    text, problems = read_text_file(tmp_path / "a.yml", "plans/a.yml")
    assert text == "sources: []\n" and problems == []
    loaded, again = load_file(tmp_path / "a.yml", "plans/a.yml")
    assert loaded.data == {"sources": []} and again == []


@pytest.mark.parametrize("escape", ["\\x01", "\\0", "\\x1b", "\\x7f", "\\u0085", "\\ufffe", "\\uffff", "\\ufdd0"])
def test_control_characters_written_as_escapes_are_refused_at_their_place(tmp_path, escape):
    (tmp_path / "a.yml").write_text(f'sources:\n  - id: s1\n    title: "A{escape}B"\n', encoding="utf-8")
    loaded, problems = load_file(tmp_path / "a.yml", "plans/a.yml")
    assert [(p.line, p.column, p.severity) for p in problems] == [(3, 12, "error")], problems
    assert re.search(r"(control |non-)character U\+[0-9A-F]{4}", problems[0].message)


def test_nul_byte_is_located(tmp_path):
    (tmp_path / "a.yml").write_bytes(b"sources:\n  - x\x00\n")
    text, problems = read_text_file(tmp_path / "a.yml", "plans/a.yml")
    assert text is None
    assert [(p.line, p.column) for p in problems] == [(2, 6)]
    assert "NUL byte" in problems[0].message


def test_dangling_symlink_folder_and_missing_file(tmp_path):
    (tmp_path / "link.yml").symlink_to(tmp_path / "gone.yml")
    (tmp_path / "dir.yml").mkdir()
    assert [p.message for p in read_text_file(tmp_path / "link.yml", "l")[1]] == [
        "the file is a symbolic link to a file that does not exist; expected a readable file; "
        "example: restore the file it points to, or delete the link"]
    assert [p.message for p in read_text_file(tmp_path / "dir.yml", "d")[1]] == [
        "this is a folder named like a file; expected a file; example: rename the folder"]
    text, problems = read_text_file(tmp_path / "nothing.yml", "n")
    assert text is None and problems[0].message.startswith("the file cannot be read (No such file or directory)")


def test_a_pipe_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.yml")
    text, problems = read_text_file(tmp_path / "pipe.yml", "p")
    assert text is None and problems[0].message.startswith("this is not a regular file (a pipe or a device)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0)
    assert read_text_file(path, "a")[1][0].message.startswith("the file cannot be read (Permission denied)")


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 10)
    (tmp_path / "a.yml").write_text("sources: []  # a comment\n", encoding="utf-8")
    assert [p.message for p in read_text_file(tmp_path / "a.yml", "a")[1]] == [
        "the file is 25 bytes; expected at most 10 bytes in one file; example: split it into several files in the same folder"]


# --------------------------------------------------------------------------- loading text

def test_decomposed_unicode_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "công chức")
    assert decomposed != "công chức"
    loaded, problems = load_text(f"glossary:\n  - {{id: cc, term: {decomposed}}}\n{decomposed}: 1\n", "g")
    assert problems == []
    assert loaded.data["glossary"][0]["term"] == "công chức"
    assert "công chức" in loaded.data  # keys too


def test_alias_bomb_stops_quickly():
    bomb = "a: &a [" + ",".join(['"lol"'] * 9) + "]\n" + "".join(
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    started = time.perf_counter()
    loaded, problems = load_text(bomb, "b")
    assert loaded is None and "aliases expand to more than 10,000 values" in problems[0].message
    assert time.perf_counter() - started < 2


def test_deep_nesting_stops_before_the_stack_does():
    for text in ("[" * 200_000, "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 500)), "- " * 5_000 + "x"):
        loaded, problems = load_text(text, "n")
        assert loaded is None and "nested more than 32 levels" in problems[0].message


def test_an_alias_gives_a_copy_with_the_anchor_position():
    loaded, problems = load_text("a: &x {b: [1]}\nc: *x\n", "x")
    assert problems == [] and loaded.data == {"a": {"b": [1]}, "c": {"b": [1]}}
    assert loaded.data["a"] is not loaded.data["c"]  # records are told apart by identity
    assert loaded.where(("c", "b", 0)) == (1, 12)


def test_plain_scalars_keep_their_meaning():
    loaded, problems = load_text("i: 12\nx: 0x1F\nf: 2.5\nb: yes\nn: ~\nd: 2022-08-05\ns: !!str 2022\nq: '12'\n", "s")
    assert problems == []
    assert loaded.data == {"i": 12, "x": 31, "f": 2.5, "b": True, "n": None, "d": "2022-08-05", "s": "2022", "q": "12"}


def test_largest_exact_integer_is_accepted():
    assert load_text(f"n: {2**53}\nm: -{2**53}\n", "n")[1] == []
    assert len(load_text(f"n: {2**53 + 1}\n", "n")[1]) == 1
    assert len(load_text("n: " + "9" * 5000 + "\n", "n")[1]) == 1  # no int() of 5,000 digits


def test_explicit_document_start_and_end_are_fine():
    loaded, problems = load_text("---\nsources: []\n...\n", "d")
    assert problems == [] and loaded.data == {"sources": []}


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("value, parsed", [
    ("2022", (2022,)), ("2022-08", (2022, 8)), ("2024-02-29", (2024, 2, 29)),
    ("2022-02-31", None), ("2023-02-29", None), ("2022-13", None), ("0000", None), ("2022-8", None),
    ("2022-08-05\n", None), ("22", None), (2022, None),
])
def test_dates_parse(value, parsed):
    assert dates.parse(value) == parsed


@pytest.mark.parametrize("a, b, result", [
    ("2022-08-15", "2022-08", 0), ("2022-08", "2022-08-15", 0), ("2021", "2022-05", -1),
    ("2022-05", "2021", 1), ("2022-08-15", "2022-08-16", -1), ("2022", "2022-12-31", 0),
    ("2022-09", "2022-08-31", 1),
])
def test_dates_compare_at_the_precision_they_share(a, b, result):
    assert dates.compare(a, b) == result
    assert dates.before(a, b) == (result < 0)


def test_a_period_may_end_in_the_month_it_starts():
    assert not dates.before("2022-08", "2022-08-15")  # '2022-08' < '2022-08-15' as strings


def test_compare_refuses_what_is_not_a_date():
    with pytest.raises(ValueError):
        dates.compare("2022-02-31", "2022")


def test_future_dates():
    today = dt.date(2026, 11, 29)
    assert dates.in_future("2099", today)
    assert dates.in_future("2026-11-30", today)
    assert not dates.in_future("2026", today) and not dates.in_future("2026-11", today)
    assert not dates.in_future("2026-11-29", today)
    assert not dates.in_future("2025-12-31", today)
    assert dates.today_anywhere() >= dt.datetime.now(dt.UTC).date()


# --------------------------------------------------------------------------- CSV cells

@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"https://evil.example\",\"x\")", "'=HYPERLINK(\"https://evil.example\",\"x\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("Hội thảo", "Hội thảo"), ("a=b", "a=b"), ("", ""), ("'quoted", "'quoted"),
    (5, 5), (-5, -5), (None, None),
])
def test_csv_cell_neutralises_formulas(value, cell):
    assert csv_cell(value) == cell


# --------------------------------------------------------------------------- fuzzing
# No input makes the loader or the validator raise (anything but the project's own
# problem reports) or run long: 2,300 examples in all, about 15 seconds on one core.

FUZZ = settings(deadline=dt.timedelta(seconds=5), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def fuzz(examples: int):
    return settings(FUZZ, max_examples=examples)


def well_formed(problems: list) -> bool:
    return all(isinstance(p, Problem) and p.line >= 1 and p.column >= 1 and "\n" not in str(p)
               and "Traceback" not in p.message for p in problems)


YAML_BITS = st.sampled_from([
    "a", "id", ": ", ":", " ", "  ", "\n", "- ", "-", "[", "]", "{", "}", ", ", "&x ", "*x", "&y ", "*y",
    "!include ", "!!int ", "!!str ", "!!python/object ", "! ", "<<: ", "---\n", "...\n", '"', "'", "# c",
    "|\n", ">\n", "? ", "1", "-7", "0x1F", "9" * 30, ".inf", ".nan", "2022-02-31", "2022-08", "yes", "~",
    "null", "\t", "\r\n", "\ufeff", "\x00", "\x07", "é", "e\u0301", "đ", "\\u0000", "\\ud800", '"\\n"',
    "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "sources", "documents", "url: ", "//evil", "javascript:",
])


@fuzz(700)
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_fuzz_loader_on_yaml_shaped_text(text):
    loaded, problems = load_text(text, "plans/fuzz.yml")
    assert loaded is not None or problems
    assert well_formed(problems)


@fuzz(500)
@given(st.text(max_size=300))
def test_fuzz_loader_on_any_text(text):
    loaded, problems = load_text(text, "plans/fuzz.yml")
    assert loaded is not None or problems
    assert well_formed(problems)


@fuzz(300)
@given(st.binary(max_size=300))
def test_fuzz_reader_on_any_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("fuzz") / "a.yml"
    path.write_bytes(raw)
    loaded, problems = load_file(path, "plans/a.yml")
    assert loaded is not None or problems
    assert well_formed(problems)


SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
           | st.text(max_size=20) | st.sampled_from(["pa-2", "2022-02-31", "2022-08", "//host", "https://a.org/",
                                                    "a2\n", "x" * 300, "decl#pa-1", "accsm", "official"]))


def json_like(leaves=SCALARS):
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=8) | st.sampled_from(FIELDS), inner, max_size=5), max_leaves=15)


def _fields(node, out: set) -> set:
    if isinstance(node, dict):
        out.update(node.get("properties", {}))
        for value in node.values():
            _fields(value, out)
    elif isinstance(node, list):
        for value in node:
            _fields(value, out)
    return out


FIELDS = sorted(_fields(schema.load_schema(), set()))


def from_schema(node: dict, depth: int = 0):
    """Values shaped by the schema, with junk mixed in at every level."""
    root = schema.load_schema()
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    junk = json_like() if depth < 2 else SCALARS
    kind = node.get("type")
    if depth > 5:
        return SCALARS
    if kind == "object" and "properties" in node:
        props = node["properties"]
        shaped = st.fixed_dictionaries({}, optional={k: from_schema(v, depth + 1) for k, v in props.items()})
        return shaped | junk if depth else shaped
    if kind == "array":
        return st.lists(from_schema(node.get("items", {}), depth + 1), max_size=3) | junk
    if "enum" in node:
        return st.sampled_from(node["enum"]) | junk
    return junk


def run_validator(data) -> list:
    messages = []
    schema.validate(data, lambda path, message, key=False: messages.append((path, message)))
    for path, message in messages:
        assert isinstance(path, tuple) and isinstance(message, str) and "\n" not in message
    return messages


@fuzz(400)
@given(from_schema(schema.load_schema()))
def test_fuzz_validator_on_schema_shaped_data(data):
    run_validator(data)


@fuzz(200)
@given(json_like())
def test_fuzz_validator_on_any_data(data):
    run_validator(data)


@fuzz(200)
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(min_size=1, max_size=8).filter(str.isprintable),
                       json_like(st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.text(max_size=30)), max_size=5))
def test_fuzz_dump_then_load_round_trips(data):
    """What yaml.safe_dump writes, the loader reads as PyYAML does (strings in NFC), or refuses
    it with its own problems (a duplicate key after NFC, a long text)."""
    text = yaml.safe_dump(data, allow_unicode=True)
    loaded, problems = load_text(text, "plans/fuzz.yml")
    assert well_formed(problems)
    if not problems:
        assert loaded.data == nfc(yaml.safe_load(text))


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def test_validator_reports_whole_file_problems_on_junk():
    assert run_validator([1, 2]) and run_validator("text") and run_validator(None)


def test_shipped_plans_load_the_same_way(tmp_path):
    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "plans").glob("*.yml")):
        loaded, problems = load_file(path, path.name)
        assert problems == [] and isinstance(loaded.data, dict)
