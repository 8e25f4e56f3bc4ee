"""One verdict: hypothesis edits the content pages, mkdocs.yml and the plans of a small site
(links, anchors, images, nav, templates, markers, front matter, item ids, validation
levels), then runs `python -m acsdocs validate --strict` and the real `mkdocs build --strict`
(both in this process). They must agree on every input: both pass, or both fail with the
same lines; never a traceback. MkDocs' own link and nav checks stay on during the build, so
anything the core misses shows as a disagreement."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
import yaml
from acsdocs import scan
from acsdocs.__main__ import main as validate
from catalogue import build
from conftest import mini_project
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.build
PAGES = ["index.md", "dec.md", "sources.md"]
TARGETS = PAGES + ["areas/decl/pa-1.md", "plans/dec.md", "glossary.md", "nope.md", "areas/nope.md", "img.png", "dec/", "/dec.md", ""]
ANCHORS = ["", "", "solution-1", "solution-2", "pa-1", "cac-giai-phap", "sample-site", "source-src-a", "zzz", "own-id", "tieu-de-rieng", "named"]
FORMS = ["[x]({})", "![x]({})", '<a href="{}">x</a>', "[x][r]\n\n[r]: {}", "!!! note\n    See [x]({}).", "[x]({}?q=1)"]
NAV_ENTRIES = PAGES + ["areas/index.md", "plans/index.md", "agencies/index.md", "compare/index.md", "timeline.md", "matrix.md",
                       "materials.md", "glossary.md", "open-data.md", "nope.md", "/index.md"]
langs = st.sampled_from(["vi", "en"])
link = st.builds(lambda lang, page, form, target, anchor: ("append", f"content/{lang}/{page}", "\n" + form.format(target + (f"#{anchor}" if anchor else "")) + "\n"),
                 langs, st.sampled_from(PAGES), st.sampled_from(FORMS), st.sampled_from(TARGETS), st.sampled_from(ANCHORS))
heading = st.builds(lambda lang, page, text: ("append", f"content/{lang}/{page}", text), langs, st.sampled_from(PAGES),
                    st.sampled_from(["\n## Tiêu đề riêng\n", "\n## Other {#own-id}\n", '\n<a name="named"></a>\n', '\n<div id="own-id" markdown>\nText\n</div>\n']))
marker = st.builds(lambda lang, page, name: ("append", f"content/{lang}/{page}", f"\n<!-- acs:{name} -->\n"), langs, st.sampled_from(PAGES),
                   st.sampled_from(["items kind=solution", "items kind=priority-area", "items kind=bogus", "sources", "glossary", "atributes"]))
template = st.builds(lambda lang, page, name: ("front", f"content/{lang}/{page}", f"template: {name}"), langs, st.sampled_from(PAGES),
                     st.sampled_from(["main.html", "nope.html", "404.html", "base.html", "partials/toc.html", "partials/copyright.html"]))
front = st.builds(lambda lang, page, line: ("front", f"content/{lang}/{page}", line), langs, st.sampled_from(PAGES),
                  st.sampled_from(["document: dec", "document: nope", "title: Other", "sources: [src-a]", "search: {exclude: true}"]))
remove = st.builds(lambda lang, what: ("replace", f"content/{lang}/{what[0]}", what[1]), langs,
                   st.sampled_from([("dec.md", "<!-- acs:items kind=solution -->"), ("sources.md", "<!-- acs:source-list -->"), ("dec.md", "## ")]))
delete = st.builds(lambda lang, page: ("delete", f"content/{lang}/{page}", ""), langs, st.sampled_from(["dec.md", "sources.md"]))
asset = st.builds(lambda lang: ("asset", f"content/{lang}/img.png", ""), langs)
item_id = st.just(("replace", "plans/mini.yml", "solution-1"))
nav = st.builds(lambda lang, entries: ("nav", lang, entries), langs, st.lists(st.sampled_from(NAV_ENTRIES), min_size=1, max_size=14, unique=True))
level = st.builds(lambda key, value: ("validation", key, value), st.sampled_from(["anchors", "omitted_files", "unrecognized_links", "absolute_links"]),
                  st.sampled_from(["warn", "info"]))
edits = st.lists(link | heading | marker | template | front | remove | delete | asset | item_id | nav | level, min_size=1, max_size=4)


def apply(project: Path, edit: tuple) -> None:
    kind, target, value = edit
    path = project / target
    if kind == "append" and path.is_file():
        path.write_text(path.read_text(encoding="utf-8") + value, encoding="utf-8")
    elif kind == "front" and path.is_file():
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", f"---\n{value}\n", 1) if text.startswith("---\n") else f"---\n{value}\n---\n{text}", encoding="utf-8")
    elif kind == "replace" and path.is_file():
        path.write_text(path.read_text(encoding="utf-8").replace(value, "x-" + value if value[0].isalnum() else "", 1), encoding="utf-8")
    elif kind == "delete" and path.is_file():
        path.unlink()
    elif kind == "asset":
        path.write_bytes(b"\x89PNG\r\n\x1a\n")
    elif kind in ("nav", "validation"):
        config = project / "mkdocs.yml"
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        _configure(data, kind, target, value)
        config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _configure(data: dict, kind: str, target: str, value) -> None:
    if kind == "validation":
        data.setdefault("validation", {})[target] = value
        return
    for plugin in data["plugins"]:
        for language in plugin.get("i18n", {}).get("languages", []) if isinstance(plugin, dict) else []:
            if language["locale"] == target:
                language["nav"] = value


def problem_lines(text: str) -> list[str]:
    return sorted(line.strip().removeprefix("WARNING -  ").removeprefix("ERROR   -  ") for line in text.splitlines() if ": error: " in line or ": warning: " in line)


RESULTS = {"agree-pass": 0, "agree-fail": 0}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    project = mini_project(tmp_path_factory.mktemp("verdict") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("!ENV [ACSDOCS_LANG, null]", "null")  # plain YAML: the edits rewrite it
    config.write_text(text.replace("!ENV [EDIT_BASE, \"\"]", "\"\""), encoding="utf-8")
    return project


# No shrinking: one build is a second, and the failing example is printed as drawn.
@settings(max_examples=60, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=edits)
def test_validate_and_the_build_agree(base, tmp_path_factory, changes):
    work = tmp_path_factory.mktemp("case")
    project = work / "project"
    shutil.copytree(base, project, ignore=shutil.ignore_patterns(".cache"))
    for edit in changes:
        apply(project, edit)
    outcome = build(project, work / "site")
    (project / ".cache" / "scans.json").unlink(missing_ok=True)  # validate converts every page itself,
    scan._scanners.clear()  # not from what the build recorded of MkDocs' conversions
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = validate(["validate", "--strict", "-f", str(project / "mkdocs.yml")])
    assert not outcome.traceback and "Traceback" not in outcome.output, outcome.output[-3000:]
    assert (code == 0) == (outcome.code == 0), f"{changes}\nvalidate {code}:\n{stderr.getvalue()}\nbuild {outcome.code}:\n{outcome.output[-3000:]}"
    if code:
        assert problem_lines(outcome.output) == problem_lines(stderr.getvalue()), changes
    RESULTS["agree-fail" if code else "agree-pass"] += 1


def test_both_verdicts_were_seen():
    """Guard against a generator whose every example passes (or fails): that would prove little."""
    assert RESULTS["agree-pass"] >= 3 and RESULTS["agree-fail"] >= 10, RESULTS
