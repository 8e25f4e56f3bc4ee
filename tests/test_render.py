"""Level 1: rendering, text helpers and build steps, called directly (no MkDocs)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest
from acsdocs import build, links
from acsdocs.generated import abbreviations, generated_pages
from acsdocs.pages import fill, read_page
from acsdocs.problems import Problem
from acsdocs.render import Renderer
from acsdocs.schemadoc import reference, undocumented
from acsdocs.text import fold, md_escape, slugify
from acsdocs.words import load_words
from conftest import FIXTURES, ROOT

GOLDEN = Path(__file__).parent / "golden" / "mini"


@pytest.fixture
def words(mini_settings):
    words, problems = load_words(mini_settings)
    assert problems == []
    return words


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_generated_pages_match_golden_files(mini_site, words, lang):
    """Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change; review the diff."""
    pages = generated_pages(mini_site, words, lang)
    for path, text in pages.items():
        golden = GOLDEN / lang / path
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == text, path
    assert sorted(pages) == sorted(p.relative_to(GOLDEN / lang).as_posix() for p in (GOLDEN / lang).rglob("*.md"))


def test_generated_pages_have_the_same_anchors_in_both_languages(mini_site, words):
    anchors = {lang: {p: re.findall(r"\{ #([a-z0-9-]+)", t) for p, t in generated_pages(mini_site, words, lang).items()} for lang in ("vi", "en")}
    assert anchors["vi"] == anchors["en"]


def test_md_escape_neutralises_markup():
    rendered = markdown.markdown(str(md_escape("[x](javascript:alert(1)) <b onmouseover=x>**y** {: #z}")), extensions=["attr_list"])
    assert "<a" not in rendered and "<b " not in rendered and "<strong>" not in rendered
    assert "[x](javascript:alert(1))" in rendered and "&lt;b onmouseover=x&gt;" in rendered


def test_fold_and_slugify():
    assert fold("Đào tạo, bồi dưỡng công vụ") == "dao tao, boi duong cong vu"
    assert fold("HƯỚNG DẪN") == "huong dan"
    assert slugify("Đà Nẵng: 2025") == "da-nang-2025"


def test_dates_in_each_language(words):
    assert words.date("2018-10-29", "vi") == "29/10/2018"
    assert words.date("2018-10-29", "en") == "29 October 2018"
    assert words.date("2019-03", "en") == "March 2019"
    assert words.date("2021", "vi") == "2021"


def page_of(tmp_path, text: str, name: str = "x.md"):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return read_page(source, "vi", name, f"content/vi/{name}")


def test_markers_are_filled(mini_site, words, mini_settings, tmp_path):
    page, problems = page_of(tmp_path, "---\ndocument: dec\n---\n# T\n\n<!-- acs:attributes -->\n\n<!-- acs:items kind=solution -->\n", "dec.md")
    assert problems == []
    text = fill(page, Renderer(mini_site, words, "vi", "dec.md"))
    assert text.startswith("---\ndocument: dec\n---\n# T\n")
    assert "| Số, ký hiệu | 1/QĐ\\-TTg |" in text
    assert "{ #solution-1 .acs-item }" in text
    assert "(../decl.md#pa-1)" not in text  # decl has no page of its own: its items live on its plan page
    assert "(plans/decl.md#pa-1)" in text


def test_marker_mistakes_are_named_with_their_line(mini_site, tmp_path):
    from acsdocs.pages import check_page
    page, problems = page_of(tmp_path, "# T\n\n<!-- acs:itmes kind=task -->\n<!-- acs:attributes -->\ntext <!-- acs:items -->\n")
    problems += check_page(page, mini_site)
    assert [str(p) for p in sorted(problems, key=Problem.key)] == [
        "content/vi/x.md:3:1: error: unknown marker 'acs:itmes'; did you mean 'items'?; known: attributes, items, sources, documents, figure-totals, glossary, source-list, subscribe",
        "content/vi/x.md:4:1: error: acs:attributes needs the page's document; add `document: <id>` to the front matter",
        "content/vi/x.md:5:1: error: this looks like a marker but is not one; a marker is alone on its line, e.g. `<!-- acs:items kind=task -->`",
    ]
    page, problems = page_of(tmp_path, "---\ndocument: dec\n---\n# T\n\n<!-- acs:items kind=task level=three -->\n")
    assert [str(p) for p in check_page(page, mini_site)] == [
        "content/vi/x.md:6:1: error: document 'dec' has no items of kind 'task'",
        "content/vi/x.md:6:1: error: level must be a heading level from 1 to 6; got 'three'; example: level=3",
    ]


def test_front_matter_of_the_wrong_type_is_named(tmp_path):
    page, problems = page_of(tmp_path, "---\ntitle: [a, b]\nsources: s1\n---\n# T\n")
    assert [str(p) for p in problems] == [
        "content/vi/x.md:2:8: error: 'title' should be text; got a list; example: title: Quyết định 1439",
        "content/vi/x.md:3:10: error: 'sources' should be a list of source ids; got text 's1'; example: sources: [s001]",
    ]


def test_glossary_becomes_tooltips(mini_site):
    assert abbreviations(mini_site, "vi") == "*[công chức]: civil servant: Người làm việc trong cơ quan nhà nước."
    assert abbreviations(mini_site, "en").startswith("*[civil servant]: công chức: ")


def test_stage_writes_only_changes_and_removes_stale_files(mini_settings, tmp_path):
    state = build.prepare(mini_settings)
    folder = tmp_path / "stage"
    assert build.stage(state, folder) == len(state.files)
    assert build.stage(state, folder) == 0  # nothing changed: nothing written (no serve loop)
    (folder / "vi" / "old.md").write_text("gone", encoding="utf-8")
    build.stage(state, folder)
    assert not (folder / "vi" / "old.md").exists()
    assert not list(mini_settings.content.rglob("timeline.md"))  # content/ holds only what people wrote


def test_nav_expands_generated_sections():
    nav = [{"Home": "index.md"}, {"Areas": "areas/index.md"}]
    generated = {"areas/index.md", "areas/d/pa-2.md", "areas/d/pa-1.md", "timeline.md"}
    assert links.expand_nav(nav, generated) == [{"Home": "index.md"}, {"Areas": ["areas/index.md", "areas/d/pa-1.md", "areas/d/pa-2.md"]}]


def test_schema_reference_page_is_current_and_complete():
    assert undocumented() == []
    committed = (ROOT / "docs" / "plans-schema.md").read_text(encoding="utf-8")
    assert committed == reference(), "docs/plans-schema.md is stale: run `make schema-doc`"


def test_every_plan_file_names_the_schema_for_editors():
    for folder in (ROOT / "plans", FIXTURES / "mini" / "plans"):
        for plan in folder.glob("*.yml"):
            assert plan.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), plan


def test_interface_words_exist_in_every_configured_language():
    from acsdocs.mkdocsyml import read_mkdocs_yml
    settings, _ = read_mkdocs_yml(ROOT / "mkdocs.yml")
    _, problems = load_words(settings)
    assert problems == []


def test_chart_is_drawn_with_the_vocabulary_colours(mini_site, words):
    page = generated_pages(mini_site, words, "vi")["plans/decl.md"]
    chart = page.split('<figure class="acs-chart"', 1)[1].split("</figure>", 1)[0]
    assert "background:#1565c0" in chart  # 'planned' as set in vocabulary.yml
    assert "\\#" not in chart  # no Markdown escaping inside the chart's HTML


def test_figure_totals_marker_renders_the_stated_totals(mini_site, words, tmp_path):
    page, _ = page_of(tmp_path, "# T\n\n<!-- acs:figure-totals id=report -->\n")
    text = fill(page, Renderer(mini_site, words, "en", "x.md"))
    assert "| [Priority area 1: Leadership](areas/decl/pa-1.md) | 4 |" in text
    assert "| Not mapped to an area | 2 |" in text
    page, _ = page_of(tmp_path, "# T\n\n<!-- acs:figure-totals id=nope -->\n")
    from acsdocs.pages import check_page
    assert [p.message for p in check_page(page, mini_site)] == ["unknown figure 'nope'; known: report"]
