"""Renamed pages and item ids keep trainers' old links working."""

from __future__ import annotations

import pytest
from browser import serve
from conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.build

REDIRECTS = """redirects:
  - from: tuyen-bo-2021
    to: declaration-2021
  - from: decision-896#nhiem-vu-7
    to: decision-896#task-7
"""


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("moved"))
    (project / "plans" / "redirects.yml").write_text(REDIRECTS, encoding="utf-8")
    dest = tmp_path_factory.mktemp("moved-site")
    result = mkdocs_build(project, dest)
    assert result.returncode == 0, result.stderr[-3000:]
    return dest


def test_old_page_addresses_get_redirect_pages(moved_site):
    for lang in ("", "en/"):
        page = (moved_site / lang / "tuyen-bo-2021" / "index.html").read_text(encoding="utf-8")
        assert 'url=../declaration-2021/"' in page
        assert f'lang="{lang[:2] or "vi"}"' in page


def test_renamed_item_ids_are_mapped_on_their_page(moved_site):
    for lang in ("", "en/"):
        page = (moved_site / lang / "decision-896" / "index.html").read_text(encoding="utf-8")
        assert '<script type="application/json" id="acs-anchor-redirects">{"nhiem-vu-7": "#task-7"}</script>' in page


def test_redirect_to_a_missing_page_is_an_error(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "plans" / "redirects.yml").write_text("redirects:\n  - from: old\n    to: no-such-page\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "plans/redirects.yml:3:9: error: redirect target page 'no-such-page' does not exist" in result.stderr


@pytest.mark.browser
def test_old_links_land_on_the_new_place(moved_site, browser):
    with serve(moved_site) as base:
        page = browser.new_page()
        page.goto(base + "tuyen-bo-2021/#pa-2")
        page.wait_for_url(base + "declaration-2021/#pa-2")
        page.goto(base + "en/decision-896/#nhiem-vu-7")
        page.wait_for_function("location.hash === '#task-7'")
        page.close()
