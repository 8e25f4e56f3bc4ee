"""Level 3: a real `mkdocs build --strict` of the repository, checked page by page."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from catalogue import build
from conftest import ROOT, mini_project

pytestmark = pytest.mark.build

LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def pages(site: Path, lang: str) -> set[str]:
    """HTML pages of one language, as paths relative to that language's root."""
    base = site if lang == "vi" else site / "en"
    found = set()
    for page in base.rglob("*.html"):
        rel = page.relative_to(base).as_posix()
        if lang == "vi" and rel.startswith("en/"):
            continue
        found.add(rel)
    return found


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_both_languages_have_the_same_pages(built_site):
    vi, en = pages(built_site, "vi"), pages(built_site, "en")
    assert vi == en
    for page in ("index.html", "404.html", "declaration-2017/index.html", "declaration-2021/index.html",
                 "decision-1439/index.html", "decision-896/index.html", "background/index.html",
                 "glossary/index.html", "sources/index.html", "timeline/index.html", "matrix/index.html",
                 "materials/index.html", "areas/index.html", "plans/index.html", "plans/asean-2021/index.html"):
        assert page in vi
    for n in range(1, 6):
        assert f"areas/asean-2021/pa-{n}/index.html" in vi


def test_html_lang_of_every_page(built_site):
    for lang in ("vi", "en"):
        base = built_site if lang == "vi" else built_site / "en"
        for rel in pages(built_site, lang):
            assert LANG.search(html(base, rel)).group(1) == lang, f"{lang}:{rel}"


def test_404_pages_are_in_their_own_language(built_site):
    vi = html(built_site, "404.html")
    en = html(built_site, "en/404.html")
    assert LANG.search(vi).group(1) == "vi" and LANG.search(en).group(1) == "en"
    assert "assets/stylesheets/main" in vi and "assets/stylesheets/main" in en


def switcher_links(text: str) -> dict[str, str]:
    """hreflang -> href of the language switcher entries."""
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', text)}


@pytest.mark.parametrize("page", ["declaration-2021/", "areas/asean-2021/pa-2/", "timeline/"])
def test_switcher_links_the_counterpart_both_ways(built_site, page):
    vi = switcher_links(html(built_site, f"{page}index.html"))
    en = switcher_links(html(built_site, f"en/{page}index.html"))
    assert vi["en"].rstrip("/").endswith(f"en/{page}".rstrip("/"))
    assert en["vi"].rstrip("/").endswith(f"/{page}".rstrip("/"))
    assert not en["vi"].rstrip("/").endswith("en/" + page.rstrip("/"))


def test_sitemap_lists_both_languages_and_generated_pages(built_site):
    sitemap = html(built_site, "sitemap.xml")
    assert "/en/declaration-2021/" in sitemap
    assert "/declaration-2021/" in sitemap
    assert "/areas/asean-2021/pa-3/" in sitemap and "/en/areas/asean-2021/pa-3/" in sitemap


def test_generated_pages_are_in_the_navigation(built_site):
    vi = html(built_site, "index.html")
    en = html(built_site, "en/index.html")
    assert 'href="areas/asean-2021/pa-1/"' in vi
    assert 'href="plans/asean-2021/"' in en


def test_search_index_holds_generated_pages_in_each_language(built_site):
    """The search index is Pagefind's, per language (hooks/acsdocs/search.py); Material's
    whole-site index is not shipped. Finding words without diacritics: tests/test_search.py."""
    assert not (built_site / "search" / "search_index.json").exists()
    vi = json.loads(html(built_site, "pagefind/pages.vi.json"))
    en = json.loads(html(built_site, "pagefind/pages.en.json"))
    assert "areas/asean-2021/pa-2/" in vi and "en/areas/asean-2021/pa-2/" in en
    assert all(not page.startswith("en/") for page in vi)  # one language per index
    assert all(page.startswith("en/") for page in en)
    entry = json.loads(html(built_site, "pagefind/pagefind-entry.json"))
    assert set(entry["languages"]) == {"vi", "en"}


def test_open_data_reproduces_the_reported_figures(built_site):
    """The counts of the ACCSM 21 report (05/8/2022), typed here independently of plans/."""
    expected = {  # (area, framework): (stated total, {status: count})
        ("pa-1", "accsm"): (4, {"planned": 3, "completed": 1}),
        ("pa-1", "accsm-plus-3"): (12, {"planned": 10, "completed": 2}),
        ("pa-2", "accsm"): (18, {"planned": 10, "completed": 5}),
        ("pa-2", "accsm-plus-3"): (8, {"planned": 5, "completed": 3}),
        ("pa-3", "accsm"): (25, {"planned": 14, "completed": 7, "ongoing": 1, "recurring": 3}),
        ("pa-3", "accsm-plus-3"): (23, {"planned": 14, "completed": 5, "ongoing": 1, "recurring": 3}),
        ("pa-4", "accsm"): (24, {"planned": 13, "completed": 6, "ongoing": 1, "recurring": 4}),
        ("pa-4", "accsm-plus-3"): (21, {"planned": 14, "completed": 4, "recurring": 3}),
        ("pa-5", "accsm"): (2, {"planned": 1, "completed": 1}),
        ("pa-5", "accsm-plus-3"): (0, {}),
        (None, "accsm"): (2, {"planned": 2}),
        (None, "accsm-plus-3"): (7, {"planned": 5, "completed": 2}),
    }
    data = json.loads(html(built_site, "data/plans.json"))
    (figure,) = [f for f in data["figures"] if f["document"] == "asean-2021"]
    assert figure["date"] == "2022-08-05"
    got = {}
    for row in figure["rows"]:
        area = row["item"].split("#")[1] if "item" in row else None
        got[(area, row["framework"])] = (row["total"], row.get("counts", {}))
    assert got == expected
    assert (built_site / "data" / "activities.csv").read_text(encoding="utf-8").startswith("\ufeffid,title_vi,title_en")
    assert json.loads(html(built_site, "data/plans.schema.json"))["title"] == "Plan file"


def test_the_disagreement_is_shown_to_readers(built_site):
    for page in ("areas/asean-2021/pa-2/index.html", "en/areas/asean-2021/pa-2/index.html"):
        text = html(built_site, page)
        assert "18" in text and "⚠" in text and "admonition warning" in text


def test_no_external_resources_in_pages(built_site):
    for lang in ("vi", "en"):
        base = built_site if lang == "vi" else built_site / "en"
        for rel in pages(built_site, lang):
            text = html(base, rel)
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
            for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', text):
                assert src.startswith("http://127.0.0.1"), f"{rel}: {src}"


def test_data_text_cannot_become_markup(tmp_path):
    project = mini_project(tmp_path / "project")
    (project / "plans" / "evil.yml").write_text(
        "activities:\n"
        "  - id: evil\n"
        "    title: {vi: '<script>alert(1)</script> [x](javascript:alert(2))', en: '<img src=x onerror=alert(3)>'}\n"
        "    framework: accsm\n    status: planned\n    serves: [decl#pa-1]\n    sources: [src-a]\n"
        "    evidence:\n      - {title: {vi: a, en: b}, url: 'https://example.org/a)[y](javascript:alert(4)'}\n",
        encoding="utf-8")
    dest = tmp_path / "site"
    outcome = build(project, dest)
    assert outcome.code == 0, outcome.output[-2000:]
    for page in ("plans/decl/index.html", "en/plans/decl/index.html", "areas/decl/pa-1/index.html"):
        text = (dest / page).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text
        assert "onerror=alert(3)>" not in text
        assert 'href="javascript:' not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (dest / "plans/decl/index.html").read_text(encoding="utf-8")


def test_titles_from_data_are_escaped_exactly_once(tmp_path):
    """The tab, the sidebar, the footer links and their labels show `L'été & <b>` as typed."""
    project = mini_project(tmp_path / "project")
    plan = project / "plans" / "mini.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("title: {vi: Lãnh đạo, en: Leadership}", "title: {vi: \"L'été & <b>\", en: Leadership}"), encoding="utf-8")
    dest = tmp_path / "site"
    assert build(project, dest).code == 0
    text = (dest / "areas" / "decl" / "pa-1" / "index.html").read_text(encoding="utf-8")
    assert "<title>Lĩnh vực ưu tiên 1: L&#x27;été &amp; &lt;b&gt; - Mini</title>" in text
    neighbour = (dest / "areas" / "index.html").read_text(encoding="utf-8")
    assert "&amp;#x27;" not in text + neighbour and "&amp;amp;" not in text + neighbour
    assert "L&#x27;été &amp; &lt;b&gt;" in neighbour and "<b>" not in neighbour.split("<body", 1)[1].split("md-content", 1)[0]


def test_content_holds_only_what_people_wrote(built_project):
    """The build stages generated pages elsewhere: content/ is byte for byte what git has."""
    from catalogue import digest
    assert digest(built_project / "content") == digest(ROOT / "content")


def test_a_page_in_one_language_gets_a_notice_and_fails_strict(tmp_path):
    project = mini_project(tmp_path / "project")
    (project / "content" / "vi" / "thu-nghiem.md").write_text("# Trang thử\n\nChỉ có tiếng Việt.\n", encoding="utf-8")
    strict = build(project, tmp_path / "strict")
    assert strict.code != 0
    assert "content/vi/thu-nghiem.md:1:1: warning: this page has no en translation" in strict.output
    relaxed = build(project, tmp_path / "site", strict=False)
    assert relaxed.code == 0, relaxed.output[-2000:]
    notice = (tmp_path / "site" / "en" / "thu-nghiem" / "index.html").read_text(encoding="utf-8")
    assert "This page has not been translated yet" in notice and 'href="../../thu-nghiem/"' in notice
    report = json.loads((tmp_path / "site" / "data" / "translation-report.json").read_text(encoding="utf-8"))
    assert report["missing_translations"][0]["where"] == "content/vi/thu-nghiem.md:1:1"


def test_pages_say_when_their_sources_last_changed_and_where_to_edit(tmp_path, monkeypatch):
    """Dates come from git history (the same commit gives the same dates), not from the clock."""
    import subprocess
    project = mini_project(tmp_path / "project")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=project, check=True, env={**os.environ, "GIT_COMMITTER_DATE": "2025-03-04T05:06:07Z", "GIT_AUTHOR_DATE": "2025-03-04T05:06:07Z"})
    monkeypatch.setenv("EDIT_BASE", "https://github.com/example/fork/edit/main/")
    assert build(project, tmp_path / "site").code == 0
    dec = (tmp_path / "site" / "en" / "dec" / "index.html").read_text(encoding="utf-8")
    assert 'Last updated: 4 March 2025 · <a class="acs-edit" href="https://github.com/example/fork/edit/main/content/en/dec.md"' in dec
    area = (tmp_path / "site" / "areas" / "decl" / "pa-1" / "index.html").read_text(encoding="utf-8")
    assert "Cập nhật lần cuối: 04/03/2025" in area and "edit/main/plans/mini.yml" in area
