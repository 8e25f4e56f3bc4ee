"""What a reader sees, in Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serve

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def base_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda request: pg.requests.append(request.url))
    yield pg
    context.close()


def assert_local(requests, base_url):
    origin = urlparse(base_url).netloc
    outside = [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin]
    assert outside == []


def test_home_pages_and_switcher(page, base_url):
    page.goto(base_url)
    assert page.title().endswith("Nền công vụ ASEAN")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.goto(base_url + "declaration-2021/")
    page.locator(".md-select:has(a[hreflang])").first.hover()
    page.locator('a[hreflang="en"]').first.click()
    page.wait_for_url("**/en/declaration-2021/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-select:has(a[hreflang])").first.hover()
    page.locator('a[hreflang="vi"]').first.click()
    page.wait_for_url(base_url + "declaration-2021/")
    page.goto(base_url + "en/")
    assert page.title().endswith("ASEAN civil service declarations")
    assert_local(page.requests, base_url)


def test_404_pages_render_with_styles(page, base_url):
    for url in (base_url + "no-such-page/", base_url + "en/no-such-page/"):
        assert page.goto(url).status == 404
    # the static server does not route 404s: open the pages directly, as a host would serve them
    for path, lang in (("404.html", "vi"), ("en/404.html", "en")):
        page.goto(base_url + path)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed", "relative")
    assert_local(page.requests, base_url)


@pytest.mark.parametrize("path", ["", "declaration-2021/", "areas/asean-2021/pa-2/", "plans/asean-2021/", "timeline/",
                                  "matrix/", "glossary/", "en/decision-896/", "en/materials/"])
def test_no_request_leaves_the_site(page, base_url, path):
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert_local(page.requests, base_url)
