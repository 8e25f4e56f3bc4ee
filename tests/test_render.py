"""Level 1: rendering, text helpers and build steps, called directly (no MkDocs)."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
from acsdocs import build
from acsdocs.model import load_folder
from acsdocs.render import MarkerError, abbreviations, fill_markers, generated_pages
from acsdocs.schemadoc import reference, undocumented
from acsdocs.text import fold, format_date, md_escape, slugify
from conftest import FIXTURES, ROOT

GOLDEN = Path(__file__).parent / "golden" / "mini"


@pytest.fixture
def mini_site(mini_plans):
    site, problems = load_folder(mini_plans, mini_plans.parent)
    assert problems == []
    return site


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_generated_pages_match_golden_files(mini_site, lang):
    """Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change; review the diff."""
    pages = generated_pages(mini_site, lang)
    for path, text in pages.items():
        golden = GOLDEN / lang / path
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == text, path
    assert sorted(pages) == sorted(p.relative_to(GOLDEN / lang).as_posix() for p in (GOLDEN / lang).rglob("*.md"))


def test_generated_pages_have_the_same_anchors_in_both_languages(mini_site):
    import re
    anchors = {lang: {p: re.findall(r"\{ #([a-z0-9-]+)", t) for p, t in generated_pages(mini_site, lang).items()} for lang in ("vi", "en")}
    assert anchors["vi"] == anchors["en"]


def test_md_escape_neutralises_markup():
    rendered = markdown.markdown(str(md_escape("[x](javascript:alert(1)) <b onmouseover=x>**y** {: #z}")), extensions=["attr_list"])
    assert "<a" not in rendered and "<b " not in rendered and "<strong>" not in rendered
    assert "[x](javascript:alert(1))" in rendered and "&lt;b onmouseover=x&gt;" in rendered


def test_fold_and_slugify():
    assert fold("Đào tạo, bồi dưỡng công vụ") == "dao tao, boi duong cong vu"
    assert fold("HƯỚNG DẪN") == "huong dan"
    assert slugify("Đà Nẵng: 2025") == "da-nang-2025"


def test_dates_in_each_language():
    assert format_date("2018-10-29", "vi") == "29/10/2018"
    assert format_date("2018-10-29", "en") == "29 October 2018"
    assert format_date("2019-03", "en") == "March 2019"
    assert format_date("2021", "vi") == "2021"


def test_markers_are_filled(mini_site):
    text = fill_markers("# T\n\n<!-- acs:attributes -->\n\n<!-- acs:items kind=solution -->\n", mini_site, "vi", "dec.md", {"document": "dec"})
    assert "| Số, ký hiệu | 1/QĐ\\-TTg |" in text
    assert "{ #solution-1 .acs-item }" in text
    assert "(../decl.md#pa-1)" not in text  # decl has no page of its own: its items live on its plan page
    assert "(plans/decl.md#pa-1)" in text


def test_unknown_marker_and_missing_document_are_errors(mini_site):
    with pytest.raises(MarkerError, match="unknown marker 'acs:nope'"):
        fill_markers("<!-- acs:nope -->\n", mini_site, "vi", "x.md", {})
    with pytest.raises(MarkerError, match="add `document: <id>` to the front matter"):
        fill_markers("<!-- acs:attributes -->\n", mini_site, "vi", "x.md", {})
    with pytest.raises(MarkerError, match="has no items of kind 'task'"):
        fill_markers("<!-- acs:items kind=task -->\n", mini_site, "vi", "x.md", {"document": "dec"})


def test_glossary_becomes_tooltips(mini_site):
    assert abbreviations(mini_site, "vi") == "*[công chức]: civil servant: Người làm việc trong cơ quan nhà nước."
    assert abbreviations(mini_site, "en").startswith("*[civil servant]: công chức: ")


def test_write_generated_writes_only_changes_and_refuses_clashes(tmp_path):
    content = tmp_path / "content"
    (content / "vi").mkdir(parents=True)
    pages = {"vi": {"timeline.md": "a"}, "en": {"timeline.md": "b", "areas/x.md": "c"}}
    assert build.write_generated(content, pages) == 3
    assert build.write_generated(content, pages) == 0
    del pages["en"]["areas/x.md"]
    build.write_generated(content, pages)
    assert not (content / "en" / "areas" / "x.md").exists()
    (content / "vi" / "matrix.md").write_text("hand-written", encoding="utf-8")
    with pytest.raises(build.InputError, match="content/vi/matrix.md:1:1: error: this hand-written page"):
        build.write_generated(content, {"vi": {"matrix.md": "generated"}})
    assert (content / "vi" / "matrix.md").read_text(encoding="utf-8") == "hand-written"


def test_nav_expands_generated_sections():
    nav = [{"Home": "index.md"}, {"Areas": "areas/index.md"}]
    generated = {"areas/index.md": "", "areas/d/pa-2.md": "", "areas/d/pa-1.md": "", "timeline.md": ""}
    assert build.expand_nav(nav, generated) == [{"Home": "index.md"}, {"Areas": ["areas/index.md", "areas/d/pa-1.md", "areas/d/pa-2.md"]}]


def test_schema_reference_page_is_current_and_complete():
    assert undocumented() == []
    committed = (ROOT / "docs" / "plans-schema.md").read_text(encoding="utf-8")
    assert committed == reference(), "docs/plans-schema.md is stale: run `make schema-doc`"


def test_every_plan_file_names_the_schema_for_editors():
    for folder in (ROOT / "plans", FIXTURES / "mini" / "plans"):
        for plan in folder.glob("*.yml"):
            assert plan.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), plan


def test_interface_strings_exist_in_both_languages():
    from acsdocs.render import strings
    for key, value in strings().items():
        assert set(value) == {"vi", "en"} and all(isinstance(v, str) and v for v in value.values()), key


def test_chart_is_drawn_with_the_vocabulary_colours(mini_site):
    page = generated_pages(mini_site, "vi")["plans/decl.md"]
    assert '<svg role="img"' in page
    assert 'fill="#1565c0"' in page  # 'planned' as set in vocabulary.yml
    assert "\\#" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]  # no Markdown escaping inside SVG


def test_figure_totals_marker_renders_the_stated_totals(mini_site):
    text = fill_markers("<!-- acs:figure-totals id=report -->\n", mini_site, "en", "x.md", {})
    assert "| [Priority area 1: Leadership](areas/decl/pa-1.md) | 4 |" in text
    assert "| Not mapped to an area | 2 |" in text
    with pytest.raises(MarkerError, match="needs id=<figure id>; known: report"):
        fill_markers("<!-- acs:figure-totals id=nope -->\n", mini_site, "en", "x.md", {})
