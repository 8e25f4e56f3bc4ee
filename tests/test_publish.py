"""Publishing gates: links, project-page sub-path, reproducible output, injection via front matter."""

from __future__ import annotations

import pytest
from browser import serve
from linkcheck import broken_links

pytestmark = pytest.mark.build


def test_every_internal_link_and_anchor_resolves(built_site):
    assert broken_links(built_site) == []


def test_the_link_checker_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">missing</a><a href="a/#x">anchor</a><a href="#top">self</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="y">A</h1>')
    assert broken_links(tmp_path) == ["index.html -> b/ (no such file)", "index.html -> a/#x (no anchor 'x')", "index.html -> #top (no anchor 'top')"]


@pytest.fixture
def project_page_site(variant_site):
    """Built as a GitHub project page: https://<user>.github.io/<repo>/."""
    return variant_site


def test_project_page_links_resolve_under_the_sub_path(project_page_site):
    assert broken_links(project_page_site, base_path="/asean-site/") == []
    for page in ("404.html", "en/404.html"):
        text = (project_page_site / page).read_text(encoding="utf-8")
        assert 'href="/asean-site/assets/stylesheets/' in text, page


@pytest.mark.browser
def test_project_page_works_in_a_browser(project_page_site, browser):
    with serve(project_page_site, prefix="/asean-site/") as base:
        page = browser.new_page()
        failed = []
        # a request the next navigation cancels is not a failure; anything else is
        page.on("requestfailed", lambda r: failed.append(r.url) if "ERR_ABORTED" not in (r.failure or "") else None)
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        for path in ("404.html", "en/404.html"):
            page.goto(base + path)
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.goto(base + "declaration-2021/")
        page.locator(".md-select:has(a[hreflang])").first.hover()
        page.locator('a[hreflang="en"]').first.click()
        page.wait_for_url(base + "en/declaration-2021/")
        assert failed == [], failed
        page.close()
