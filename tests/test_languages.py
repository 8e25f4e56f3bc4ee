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
from conftest import ROOT, mini_project

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


@pytest.fixture(scope="module")
def lao_khmer(tmp_path_factory):
    """Two languages Material does not ship (lo, km), added as data only; Khmer half-translated."""
    project = mini_project(tmp_path_factory.mktemp("lokm") / "project", ("vi", "en", "lo", "km"))
    for page in ("dec.md", "sources.md"):
        (project / "content" / "km" / page).unlink()
    site = project.parent / "site"
    return project, site, build(project, site, strict=False)


def test_languages_the_theme_lacks_build_with_their_own_code(lao_khmer):
    _, site, outcome = lao_khmer
    assert outcome.code == 0 and not outcome.traceback and "Traceback" not in outcome.output, outcome.output[-3000:]
    for folder in ("lo", "km"):
        assert LANG.search((site / folder / "dec" / "index.html").read_text(encoding="utf-8")).group(1) == folder


def test_a_half_translated_language_prints_a_line_per_page_and_one_summary(lao_khmer):
    _, _, outcome = lao_khmer
    lines = [line for line in outcome.output.splitlines() if ": warning: " in line or ": error: " in line]
    pages = [line for line in lines if "this page has no km translation" in line]
    summaries = [line for line in lines if "is not translated yet" in line]
    assert len(pages) == 2 and len(summaries) == 2  # lo and km each one summary
    assert len(lines) == len(pages) + len(summaries), "\n".join(lines)


def test_links_into_an_untranslated_page_still_land(lao_khmer):
    """The notice page in km keeps every id of the page it stands for."""
    _, site, _ = lao_khmer
    notice = (site / "km" / "dec" / "index.html").read_text(encoding="utf-8")
    assert 'id="solution-1"' in notice


def test_the_theme_words_of_a_language_it_lacks_come_from_strings(lao_khmer, tmp_path):
    project, _, _ = lao_khmer
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache"))
    shutil.copytree(ROOT / "hooks", copy / "hooks", ignore=shutil.ignore_patterns("__pycache__"))  # the site's own words
    strings = copy / "hooks" / "acsdocs" / "templates" / "strings.yml"
    strings.write_text(strings.read_text(encoding="utf-8") + 'theme.search.placeholder: {lo: "ຄົ້ນຫາ <b>"}\n', encoding="utf-8")
    outcome = build(copy, tmp_path / "site", strict=False)
    assert outcome.code == 0, outcome.output[-2000:]
    page = (tmp_path / "site" / "lo" / "index.html").read_text(encoding="utf-8")
    assert "ຄົ້ນຫາ &lt;b&gt;" in page and "ຄົ້ນຫາ <b>" not in page  # text, not markup
