"""What the sources say, and what the site adds, stay apart on every page (issue 14).

Rendered from the real plans/ and content/ without MkDocs (fast): every generated page has
a sources section; an area page's reported figures hold no activity list; every relation
carries its official / site's-reading mark; no reader page shows an internal key.
"""

from __future__ import annotations

import html
import re
from functools import cache

import pytest
import yaml
from acsdocs import build
from acsdocs.mkdocsyml import read_mkdocs_yml
from conftest import ROOT


@cache
def state():
    """Every page as the build renders it (generated ones and hand-written ones with their
    markers filled), for the languages mkdocs.yml configures: no language is named here."""
    settings, problems = read_mkdocs_yml(ROOT / "mkdocs.yml")
    assert settings, problems
    return build.prepare(settings)


LANGS = list(read_mkdocs_yml(ROOT / "mkdocs.yml")[0].langs)


def site():
    return state().site


def all_pages(lang: str) -> dict[str, str]:
    prefix = f"{lang}/"
    return {path[len(prefix):]: text for path, text in state().files.items()
            if path.startswith(prefix) and path.endswith(".md") and isinstance(text, str)}


def generated(lang: str) -> dict[str, str]:
    return {path: text for path, text in all_pages(lang).items() if path in state().generated[lang]}


def hand_written(lang: str) -> dict[str, str]:
    return {path: text for path, text in all_pages(lang).items() if path not in state().generated[lang]}


def front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        _, head, body = text.split("---\n", 2)
        return yaml.safe_load(head) or {}, body
    return {}, text


def section(markdown: str, anchor: str) -> str:
    """The text of the level-2 section whose heading has ``{ #anchor ...}``, up to the next one."""
    match = re.search(rf"^## .*\{{ #{anchor}\b.*$", markdown, re.M)
    assert match, anchor
    rest = markdown[match.end():]
    end = re.search(r"^## ", rest, re.M)
    return rest[: end.start()] if end else rest


MARK = 'class="acs-basis"'


def _(key: str, lang: str) -> str:
    return state().words.get(key, lang)


# -- sources ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_generated_page_has_a_sources_section(lang):
    pages = generated(lang)
    assert {"timeline.md", "matrix.md", "materials.md", "areas/index.md", "plans/index.md"} <= set(pages)
    for path, text in pages.items():
        sources = section(text, "sources")
        assert re.search(r"^- \[.+\]\(.*sources\.md#source-[a-z0-9-]+\)", sources, re.M), path


# -- reported figures stand alone -----------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_area_figures_hold_no_activity_list(lang):
    areas = {p: t for p, t in generated(lang).items() if p.startswith("areas/") and p != "areas/index.md"}
    assert areas
    statuses = [site().label("statuses", key, lang) for key in site().vocab["statuses"]]
    frameworks = [site().label("frameworks", key, lang) for key in site().vocab["frameworks"]]
    with_figures = 0
    for path, text in areas.items():
        figures = section(text, "figures")
        assert "#act-" not in figures, path
        assert _("collected_activities", lang) not in figures, path
        if "sources.md#source-" in figures:  # the figures cite their source and date
            with_figures += 1
        activities = section(text, "activities")
        if "#act-" in activities:
            # its own title and caveat, grouped by year, no tally shaped like the report's
            assert _("collected_caveat", lang).split(";")[0] in html.unescape(activities.replace("\\", "")), path
            headings = re.findall(r"^### (.+?) \{", activities, re.M)
            assert headings and all(re.fullmatch(r"\d{4}", h) or h == _("undated", lang) for h in headings), (path, headings)
            assert not any(h in frameworks for h in headings), path
            assert not re.search(rf"^\*\*({'|'.join(map(re.escape, statuses))})\*\*$", activities, re.M), path
            assert "|" not in activities, path  # no table of counts
    assert with_figures >= 5


@pytest.mark.parametrize("lang", LANGS)
def test_plan_overview_keeps_the_collection_apart_from_the_figures(lang):
    text = generated(lang)["plans/asean-2021.md"]
    activities = section(text, "activities")
    assert "#act-" in activities or "{ #act-" in activities
    assert "<svg" not in activities and not re.search(r"^\|", activities, re.M), "a tally or chart inside the activity list"
    assert _("collected_activities", lang) in text


# -- relations carry a mark ------------------------------------------------------------

def _link_lines(text: str, pattern: str):
    return [line for line in text.splitlines() if re.search(pattern, line) and not line.startswith("#")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_to_an_activity_or_material_is_marked(lang):
    checked = 0
    for path, text in all_pages(lang).items():
        if path == "timeline.md" or path.startswith("agencies/"):  # dated events; who leads what, as its source says
            continue
        for line in _link_lines(text, r"\]\([^)]*#(act|material)-[a-z0-9-]+\)"):
            assert MARK in line, (path, line)
            checked += 1
    assert checked > 20


def _page_of(ref: str, lang: str) -> list[str]:
    """The pages on which an item's own relations are listed: its document page, and its area page."""
    doc_id, _, item = ref.partition("#")
    doc = site().documents[doc_id]
    pages = [f"{doc['page']}.md" if doc.get("page") else f"plans/{doc_id}.md"]
    if site().items[ref]["kind"] == "priority-area":
        pages.append(f"areas/{doc_id}/{item}.md")
    return pages


def _target(ref: str) -> str:
    doc_id, _, item = ref.partition("#")
    doc = site().documents[doc_id]
    return rf"{re.escape(doc.get('page') or doc_id)}\.md#{re.escape(item)}\)"


@pytest.mark.parametrize("lang", LANGS)
def test_every_mapping_is_marked_where_it_is_shown(lang):
    pages = all_pages(lang)
    for mapping in site().mappings:
        for here, there in ((mapping["from"], mapping["to"]), (mapping["to"], mapping["from"])):
            lines = [line for page in _page_of(here, lang) for line in _link_lines(pages[page], _target(there))]
            assert lines, (here, there)
            for line in lines:
                assert MARK in line and f'data-basis="{mapping["basis"]}"' in line, (here, line)


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_cells_and_plan_relations_are_marked(lang):
    matrix = generated(lang)["matrix.md"]
    rows = [line for line in matrix.splitlines() if line.startswith("| [")]
    assert rows
    for row in rows:
        for cell in row.strip("|").split(" | ")[1:]:
            if "](" in cell:
                assert MARK in cell, cell
    serves = f"**{_('serves', lang)}**"
    for path, text in generated(lang).items():
        for line in text.splitlines():
            if line.startswith(f"- {serves}"):
                assert MARK in line, (path, line)
    for path, text in hand_written(lang).items():
        for line in text.splitlines():
            if line.startswith(f"| {_('relations', lang)} |"):
                assert MARK in line, (path, line)


@pytest.mark.parametrize("lang", LANGS)
def test_uncertain_framework_is_never_shown_as_fact(lang):
    acts = [a for a in site().activities if "framework" in (a.get("uncertain") or [])]
    assert acts, "the data marks some inferred frameworks"
    pages = generated(lang)
    for act in acts:
        page = pages[f"plans/{act['serves'][0].partition('#')[0]}.md"]
        block = page.split(f"{{ #act-{act['id']} ", 1)[1].split("\n#### ", 1)[0]
        line = next(x for x in block.splitlines() if f"**{_('framework', lang)}:**" in x)
        assert _("unconfirmed", lang) in line, line


# -- no internal keys ------------------------------------------------------------------

def visible(markdown: str) -> str:
    """The words a reader sees: no link targets, anchors, attributes, comments or front matter."""
    _, text = front_matter(markdown)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{[^{}]*#[^{}]*\}", "", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text.replace("\\", ""))


@pytest.mark.parametrize("lang", LANGS)
def test_no_reader_page_shows_an_internal_key(lang):
    ids = [sid for sid in site().sources if re.search(r"\d", sid) or "-" in sid]
    key = re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    internal = re.compile(r"plans/|\.ya?ml\b|fact sheet|FACTS\.md|bảng tổng hợp dữ kiện", re.I)
    for path, text in all_pages(lang).items():
        seen = visible(text)
        assert not key.search(seen), (path, key.search(seen).group(0))
        assert not internal.search(seen), (path, internal.search(seen).group(0))
