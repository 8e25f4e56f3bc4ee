"""Languages are configuration: a site in three languages builds with no code change.

The mini fixture site is built with vi (default), en and th from its mkdocs.yml alone; the
Thai pages exist, data has no Thai text yet, so the non-strict build shows the visible
missing-translation path (marked text, a report) and --strict fails naming it."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from catalogue import build
from conftest import mini_project

pytestmark = pytest.mark.build
LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    project = mini_project(tmp_path_factory.mktemp("three") / "project", ("vi", "en", "th"))
    (project / "content" / "th" / "index.md").write_text("# หน้าแรก\n\nเว็บไซต์ทดสอบ\n\n<!-- acs:documents -->\n", encoding="utf-8")
    site = project.parent / "site"
    outcome = build(project, site, strict=False)
    assert outcome.code == 0, outcome.output[-3000:]
    return project, site, outcome


@pytest.mark.parametrize("lang,folder", [("vi", ""), ("en", "en/"), ("th", "th/")])
def test_every_language_has_every_page_with_its_lang(three, lang, folder):
    _, site, _ = three
    for page in ("index.html", "dec/index.html", "areas/decl/pa-1/index.html", "timeline/index.html", "404.html"):
        text = (site / folder / page).read_text(encoding="utf-8")
        assert LANG.search(text).group(1) == lang, f"{folder}{page}"


def test_switcher_links_every_language(three):
    _, site, _ = three
    links = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', (site / "th" / "dec" / "index.html").read_text(encoding="utf-8")))
    assert links == {"vi": "../../dec/", "en": "../../en/dec/", "th": "./"}


def test_thai_pages_show_the_missing_translation_path(three):
    project, site, outcome = three
    page = (site / "th" / "dec" / "index.html").read_text(encoding="utf-8")
    assert "เว็บไซต์ทดสอบ" in (site / "th" / "index.html").read_text(encoding="utf-8")
    assert "[chưa dịch] Quyết định mẫu" in page  # data without Thai: marked, in the default language
    assert "2018-10-29" in page  # no Thai date format yet: ISO dates
    report = json.loads((site / "data" / "translation-report.json").read_text(encoding="utf-8"))["missing_translations"]
    wheres = {entry["where"].split(":")[0] for entry in report}
    assert {"plans/mini.yml", "plans/vocabulary.yml", "hooks/acsdocs/templates/strings.yml", "hooks/acsdocs/locales/th.yml"} <= wheres
    assert all("th" in entry["what"] for entry in report)
    assert "Traceback" not in outcome.output
    assert (site / "pagefind" / "pages.th.json").is_file()  # a search index of its own
    data = json.loads((site / "data" / "plans.json").read_text(encoding="utf-8"))
    assert data["languages"] == ["vi", "en", "th"]


def test_strict_build_fails_on_the_missing_language_and_keeps_the_site(three, tmp_path):
    project, site, _ = three
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    outcome = build(project, copy)
    assert outcome.code != 0 and not outcome.traceback
    assert "interface words have no th text" in outcome.output
    assert (copy / "th" / "index.html").is_file()
