"""Renamed pages and item ids keep trainers' old links working."""

from __future__ import annotations

import pytest
from browser import serve
from conftest import SUB_PATH

pytestmark = pytest.mark.build

@pytest.fixture
def moved_site(variant_site):
    return variant_site


def test_old_page_addresses_get_redirect_pages(moved_site):
    for lang in ("", "en/"):
        page = (moved_site / lang / "tuyen-bo-2021" / "index.html").read_text(encoding="utf-8")
        assert 'url=../declaration-2021/"' in page
        assert f'lang="{lang[:2] or "vi"}"' in page


def test_renamed_item_ids_are_mapped_on_their_page(moved_site):
    for lang in ("", "en/"):
        page = (moved_site / lang / "decision-896" / "index.html").read_text(encoding="utf-8")
        assert '<script type="application/json" id="acs-anchor-redirects">{"nhiem-vu-7": "#task-7"}</script>' in page


@pytest.mark.browser
def test_old_links_land_on_the_new_place(moved_site, browser):
    with serve(moved_site, prefix=SUB_PATH) as base:
        page = browser.new_page()
        page.goto(base + "tuyen-bo-2021/#pa-2")
        page.wait_for_url(base + "declaration-2021/#pa-2")
        page.goto(base + "en/decision-896/#nhiem-vu-7")
        page.wait_for_function("location.hash === '#task-7'")
        page.close()
