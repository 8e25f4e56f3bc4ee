"""A page's ids and links (acsdocs.scan) are the same whichever way they are read: from the
conversion MkDocs makes to build the page, from the core's own conversion, or from the file of
earlier results; a damaged or unwritable cache is a miss, never a wrong verdict."""

from __future__ import annotations

import json

import pytest
from acsdocs import scan
from acsdocs.scan import Scanner, as_converted, body_of
from conftest import settings_of
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data


def test_mkdocs_conversions_and_the_cores_agree_on_every_page(built_site, built_project):
    """The real strict build records each page as MkDocs converts it (.cache/scans.json); the
    core, converting the same staged text itself, reads the same ids, links and unsafe values."""
    stored = json.loads((built_project / ".cache" / scan.CACHE_NAME).read_text(encoding="utf-8"))
    own = Scanner(*settings_of(built_project).markdown)
    staged = sorted((built_project / ".cache" / "stage").rglob("*.md"))
    assert len(staged) > 50
    for page in staged:
        body = as_converted(body_of(page.read_text(encoding="utf-8")))
        recorded = stored.get(own.digest(body))
        assert recorded is not None, f"{page} was not recorded"
        assert scan.Scan.of(recorded) == own.scan(body), page
    assert own.converted == len({as_converted(body_of(p.read_text(encoding="utf-8"))) for p in staged})


PAGE = "---\ntitle: T\n---\n# Heading {#top}\n\n[a](other.md#x) ![i](img.png)\n"


def test_a_page_is_converted_again_only_when_its_text_changes(tmp_path):
    store = tmp_path / "scans.json"
    first = Scanner(("attr_list", "toc"), {}, store)
    found = first.scan(PAGE)
    assert found.anchors == {"top"} and found.links == (("other.md#x", "a"), ("img.png", "img"))
    first.save()
    again = Scanner(("attr_list", "toc"), {}, store)
    assert again.scan(PAGE) == found and again.converted == 0
    assert again.scan(PAGE.replace("#top", "#start")).anchors == {"start"} and again.converted == 1
    other_setup = Scanner(("toc",), {}, store)  # no attr_list: `{#top}` is text, the heading gets its slug
    assert other_setup.scan(PAGE).anchors == {"heading-top"} and other_setup.converted == 1


@pytest.mark.parametrize("html, anchor", [
    ('<a name="named"></a>', "named"), ('<span ID = "upper">x</span>', "upper"), ("<div\nid\n=\nlines>x</div>", "lines"),
    ("<p data-id='d' id='second'>x</p>", "second"), ('<a NAME="shout"></a>', "shout"),
])
def test_raw_html_that_names_an_anchor_is_read_however_it_is_written(html, anchor):
    """Raw HTML is parsed for its ids only where an `id=` or `name=` may be (most pages hold none)."""
    assert anchor in Scanner(("attr_list", "md_in_html"), {}, None).scan(f"# Page\n\n{html}\n").anchors


@pytest.mark.parametrize("damage", ["{not json", "[1, 2]", '{"%s": [1, 2, 3]}', '{"%s": [["a"], [["x"]], []]}', '{"%s": null}'])
def test_a_damaged_cache_is_a_miss(tmp_path, damage):
    store = tmp_path / "scans.json"
    probe = Scanner(("attr_list", "toc"), {}, None)
    store.write_text(damage.replace("%s", probe.digest(as_converted(body_of(PAGE)))) if "%s" in damage else damage, encoding="utf-8")
    scanner = Scanner(("attr_list", "toc"), {}, store)
    assert scanner.scan(PAGE).anchors == {"top"} and scanner.converted == 1


def test_an_unwritable_cache_is_skipped(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    scanner = Scanner(("toc",), {}, blocked / "scans.json")
    scanner.scan(PAGE)
    scanner.save()  # no exception, nothing written
    assert blocked.read_text(encoding="utf-8") == "not a folder" and list(tmp_path.iterdir()) == [blocked]


def test_the_setup_key_names_callables_not_addresses():
    def slug(value, separator):
        return value

    one = scan.setup_key(("toc",), {"toc": {"slugify": slug}})
    assert "0x" not in one and one == scan.setup_key(("toc",), {"toc": {"slugify": slug}})


LINE = st.sampled_from(["---", "...", "title: T", "Title: Home", "  more: x", "    continued", "- a", "x: [1", "", "# H", "[l](p.md)", "text", "a:b"])


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE, max_size=8))
def test_the_page_text_is_what_mkdocs_takes_from_the_file(lines):
    """Front matter (YAML or MultiMarkdown) is taken off exactly as mkdocs.utils.meta does."""
    text = "\n".join(lines) + "\n"
    assert body_of(text) == get_data(text)[0]


@pytest.mark.parametrize("extensions", [
    ["attr_list", {"toc": {"permalink": True}}],
    {"admonition": None, "tables": None, "toc": {"permalink": "#"}},
    ["fenced_code", "abbr", "toc", {"toc": {"toc_depth": 2}}],
    [],
])
def test_validate_converts_with_the_extensions_mkdocs_uses(tmp_path, extensions):
    """MkDocs adds toc, tables and fenced_code first and names each extension once: validate's
    Scanner gets the same list, so that a fence (say) is code for both."""
    from acsdocs.mkdocsyml import split_extensions
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(json.dumps({"site_name": "t", "markdown_extensions": extensions}), encoding="utf-8")
    loaded = load_config(str(config))
    names, configs = split_extensions(json.loads(json.dumps(extensions)))
    assert names == tuple(loaded["markdown_extensions"])
    assert configs == {k: v for k, v in loaded["mdx_configs"].items() if v}
