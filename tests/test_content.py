"""Content rules: language parity, stable item anchors, attribute blocks, sources, no pasted text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from acsdocs.build import read_content
from acsdocs.mkdocsyml import read_mkdocs_yml
from conftest import ROOT

CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"
ITEM_ANCHOR = re.compile(r'<h[1-6] (?=[^>]*class="[^"]*acs-item)[^>]*id="([^"]+)"')


def hand_written(lang: str) -> set[str]:
    settings, _ = read_mkdocs_yml(ROOT / "mkdocs.yml")
    pages, problems = read_content(settings)
    assert problems == []
    return set(pages[lang])


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def test_every_page_exists_in_both_languages():
    assert hand_written("vi") == hand_written("en")
    assert {"index.md", "declaration-2017.md", "declaration-2021.md", "decision-1439.md", "decision-896.md",
            "background.md", "glossary.md", "sources.md"} <= hand_written("vi")


def test_both_languages_share_front_matter_and_markers():
    for page in hand_written("vi"):
        vi, en = CONTENT / "vi" / page, CONTENT / "en" / page
        assert front_matter(vi).get("document") == front_matter(en).get("document"), page
        markers = [re.findall(r"<!-- acs:[^>]*-->", p.read_text(encoding="utf-8")) for p in (vi, en)]
        assert markers[0] == markers[1], page


def item_anchors(site: Path, page: str) -> list[str]:
    return ITEM_ANCHOR.findall((site / page).read_text(encoding="utf-8"))


def all_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("en/"))


def test_item_anchors_are_the_same_in_both_languages(built_site):
    checked = 0
    for page in all_pages(built_site):
        vi = item_anchors(built_site, page)
        en = item_anchors(built_site, "en/" + page)
        assert vi == en, page
        checked += len(vi)
    assert checked > 60


@pytest.mark.parametrize("page,anchors", [
    ("declaration-2017/index.html", [f"commitment-{n}" for n in range(1, 6)]),
    ("declaration-2021/index.html", [f"pa-{n}" for n in range(1, 6)] + ["nm-1", "nm-2", "nm-3", "rm-1", "rm-2", "rm-3"]),
    ("decision-1439/index.html", [f"solution-{n}" for n in range(1, 6)] + ["target-1", "target-2", "target-3", "milestone-1", "milestone-2"]),
    ("decision-896/index.html", ["objective-general"] + [f"objective-{n}" for n in range(1, 6)] + [f"task-{n}" for n in range(1, 9)]
     + [f"field-{n}" for n in range(1, 5)] + [f"solution-{n}" for n in range(1, 7)]),
])
def test_documented_item_anchors_exist(built_site, page, anchors):
    for lang_page in (page, "en/" + page):
        found = item_anchors(built_site, lang_page)
        assert set(anchors) <= set(found), (lang_page, sorted(set(anchors) - set(found)))


DOCUMENT_PAGES = ["declaration-2017", "declaration-2021", "decision-1439", "decision-896"]


@pytest.mark.parametrize("page", DOCUMENT_PAGES)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_document_pages_have_attributes_and_sources(built_site, page, lang):
    text = (built_site / lang / page / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="acs-attributes">(.*?)</div>', text, re.S)
    assert block, page
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", block.group(1), re.S)
    labels = [re.sub("<[^>]+>", "", k) for k, _ in rows]
    assert len(labels) >= 9, labels  # number, type, title, issuer, signer, issued, effective, status, sources
    assert all(re.sub("<[^>]+>", "", v).strip() for _, v in rows)
    sources = re.search(r'<h2 id="sources".*?</h2>(.*?)(?:<h2|</article>)', text, re.S)
    assert sources and "<li>" in sources.group(1), page


def test_every_page_with_facts_cites_sources(built_site):
    for page in all_pages(built_site):
        if page.startswith(("glossary/", "sources/", "materials/", "matrix/", "timeline/", "areas/index", "plans/index", "compare/index",
                            "accessibility/")):
            continue
        text = (built_site / page).read_text(encoding="utf-8")
        assert 'id="sources"' in text, page


@pytest.mark.skipif(not (SHARED / "tools" / "copy_check.py").is_file(), reason="the source articles are not beside this clone")
def test_no_passage_is_pasted_from_the_sources():
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "copy_check.py"), str(SHARED / "sources"), "content", "plans", "docs"],
                            cwd=ROOT, capture_output=True, text=True)
    assert "FAIL" not in result.stdout + result.stderr, result.stdout[-2000:]
