"""The data's memo (acsdocs/memo.py): validate reads the plan files' model and the generated
pages of an earlier run with the same inputs, and decides exactly what a run without it decides."""

from __future__ import annotations

import os
import pickle

import pytest
from acsdocs import build, memo
from acsdocs.__main__ import main
from acsdocs.problems import InputError
from conftest import copy_project, settings_of


def validate(project, capsys, *extra) -> tuple[int, str, str]:
    build._cache.clear()
    code = main(["validate", "-f", str(project / "mkdocs.yml"), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def state_of(project):
    """What prepare decides, with the memo if there is one."""
    build._cache.clear()
    try:
        state = build.prepare(settings_of(project))
    except InputError as exc:
        return None, sorted(str(p) for p in exc.problems)
    return state.files, sorted(str(p) for p in state.warnings)


def fresh_state_of(project):
    """What prepare decides without a memo (the memo file, if any, is put back after)."""
    store = project / ".cache" / memo.NAME
    kept = store.read_bytes() if store.is_file() else None
    store.unlink(missing_ok=True)
    try:
        return state_of(project)
    finally:
        memo.forget()  # what this run rendered is not saved by a later one
        if kept is not None:
            store.write_bytes(kept)


@pytest.fixture(scope="module")
def remembered(tmp_path_factory):
    """The real site's sources after one validate (the memo written)."""
    project = copy_project(tmp_path_factory.mktemp("memo") / "project")
    build._cache.clear()
    assert main(["validate", "-f", str(project / "mkdocs.yml")]) == 0
    assert (project / ".cache" / memo.NAME).is_file()
    return project


def test_a_second_validate_reads_no_plan_file_and_renders_no_generated_page(remembered, capsys, monkeypatch):
    first = validate(remembered, capsys)
    monkeypatch.setattr(memo, "load_folder", lambda *a: pytest.fail("the plan files were read again"))
    monkeypatch.setattr(memo, "generated_pages", lambda *a: pytest.fail("a generated page was rendered again"))
    assert validate(remembered, capsys) == first


def test_the_memo_gives_what_a_run_without_it_gives(remembered):
    assert state_of(remembered) == fresh_state_of(remembered)


def edits(project):
    """Careless edits of every kind of input: each is undone after its check."""
    plan = sorted((project / "plans").glob("*.yml"))[0]
    page = project / "content" / "vi" / "index.md"
    marker_page = next(p for p in sorted((project / "content").rglob("*.md")) if "<!-- acs:" in p.read_text(encoding="utf-8"))
    strings = project / "hooks" / "acsdocs" / "templates" / "strings.yml"
    return [
        (plan, lambda t: t.replace("id:", "idd:", 1)),  # a broken record
        (plan, lambda t: t + "\n# a comment\n"),  # same data, other bytes
        (page, lambda t: t + "\n[a link](nowhere.md)\n"),
        (marker_page, lambda t: t.replace("<!-- acs:", "<!-- acs:x", 1)),  # a marker the core does not know
        (strings, lambda t: t.replace(", en: Document attributes}", "}", 1)),  # a word without its English
        (project / "schema" / "plans.schema.json", lambda t: t.replace('"required": [', '"required": ["colour", ', 1)),
    ]


@pytest.mark.parametrize("n", range(6))
def test_after_each_careless_edit_the_memo_decides_as_a_fresh_run(remembered, capsys, n):
    path, edit = edits(remembered)[n]
    before = path.read_text(encoding="utf-8")
    unedited = fresh_state_of(remembered)
    try:
        path.write_text(edit(before), encoding="utf-8")
        assert n == 1 or fresh_state_of(remembered) != unedited  # the edit changes the verdict or the pages
        validate(remembered, capsys)  # keeps this state's data
        assert state_of(remembered) == fresh_state_of(remembered)
    finally:
        path.write_text(before, encoding="utf-8")


def test_every_input_and_the_dates_key_the_memo(remembered, monkeypatch):
    settings = settings_of(remembered)
    key = memo.digest(settings)
    inputs = [p for root in (settings.plans, settings.schema, settings.templates, settings.locales) for p in memo._files(root)]
    assert len(inputs) > 10
    for path in inputs:
        data = path.read_bytes()
        try:
            path.write_bytes(data + b"\n")
            assert memo.digest(settings) != key, path
        finally:
            path.write_bytes(data)
    (settings.plans / "new.yml").write_text("", encoding="utf-8")
    assert memo.digest(settings) != key
    (settings.plans / "new.yml").unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ["SOURCE_DATE_EPOCH"]) + 86400 * 40))
    assert memo.digest(settings) != key
    monkeypatch.undo()
    assert memo.digest(settings) == key


def test_a_linked_plan_file_keys_the_memo_by_its_targets_bytes(tmp_path):
    project = copy_project(tmp_path / "project")
    settings = settings_of(project)
    plan = sorted(settings.plans.glob("*.yml"))[0]
    target = tmp_path / "elsewhere.yml"
    target.write_bytes(plan.read_bytes())
    plan.unlink()
    plan.symlink_to(target)
    key = memo.digest(settings)
    target.write_bytes(target.read_bytes() + b"\n# edited where the link points\n")
    assert memo.digest(settings) != key


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(("key", {"a": 1})), pickle.dumps([1, 2])[:-3]])
def test_a_damaged_memo_is_a_miss(remembered, capsys, damage):
    store = remembered / ".cache" / memo.NAME
    kept = store.read_bytes()
    try:
        store.write_bytes(damage)
        assert state_of(remembered) == fresh_state_of(remembered)
    finally:
        store.write_bytes(kept)


def test_an_unwritable_cache_folder_is_skipped(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    (project / ".cache").write_text("a file where the cache folder goes", encoding="utf-8")
    assert validate(project, capsys)[0] == 0
    assert validate(project, capsys)[0] == 0
