"""What a reader sees, in Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


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


LOCAL_PAGES = ["", "declaration-2021/", "areas/asean-2021/pa-2/", "plans/asean-2021/", "timeline/", "matrix/", "glossary/",
               "en/decision-896/", "en/materials/"]


@pytest.fixture(scope="module")
def requests_by_page(browser, base_url):
    """path -> every request its page made until the network was idle. Each page has its own
    tab and all are opened first, so their waits for a quiet network overlap."""
    context = browser.new_context()
    tabs = {}
    for path in LOCAL_PAGES:
        tab = tabs[path] = context.new_page()
        tab.requests = []
        tab.on("request", lambda request, tab=tab: tab.requests.append(request.url))
        tab.goto(base_url + path, wait_until="commit")
    for tab in tabs.values():
        tab.wait_for_load_state("networkidle")
    yield {path: tab.requests for path, tab in tabs.items()}
    context.close()


@pytest.mark.parametrize("path", LOCAL_PAGES)
def test_no_request_leaves_the_site(requests_by_page, base_url, path):
    assert requests_by_page[path], "the page was not loaded"
    assert_local(requests_by_page[path], base_url)


def search(page, base_url, start, query):
    """Type a query as a reader would; return the result links, best first."""
    page.goto(base_url + start)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup; fill() alone sends none
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("query,expected", [
    ("cong vu", "công vụ"),
    ("dao tao", "đào tạo"),
    ("huong dan", "hướng dẫn"),
])
def test_vietnamese_search_without_diacritics(page, base_url, query, expected):
    links = search(page, base_url, "", query)
    assert links
    top = page.locator(".md-search-result__item").first.inner_text().lower()
    assert expected in top
    assert "/en/" not in urlparse(links[0]).path


@pytest.mark.parametrize("start,query,expected", [
    ("", "1439", "decision-1439/"),
    ("", "896/QĐ-BNV", "decision-896/"),
    ("", "qd-ttg 1439", "decision-1439/"),
    ("en/", "1439", "en/decision-1439/"),
])
def test_document_numbers_find_their_document(page, base_url, start, query, expected):
    links = search(page, base_url, start, query)
    assert urlparse(links[0]).path.endswith("/" + expected), links[:5]


def test_english_readers_get_english_pages_first(page, base_url):
    links = search(page, base_url, "en/", "civil service")
    assert all("/en/" in link for link in links[:5]), links[:5]


def test_copy_link_puts_the_permalink_on_the_clipboard(browser, base_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "decision-896/")
    page.locator("#task-3 + .acs-tools button").first.click()
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "decision-896/#task-3"
    page.locator("#task-3 + .acs-tools button").nth(1).click()
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith("Quyết định số 896/QĐ-BNV ngày 15/11/2022") and "#task-3" in citation
    context.close()


def test_print_hides_navigation_and_search(page, base_url):
    page.goto(base_url + "areas/asean-2021/pa-2/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".acs-tools"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").is_visible()


def test_switching_language_keeps_the_item_anchor(page, base_url):
    page.goto(base_url + "decision-896/#task-7")
    page.locator(".md-select:has(a[hreflang])").first.hover()
    page.locator('a[hreflang="en"]').first.click()
    page.wait_for_url("**/en/decision-896/#task-7")
    assert page.evaluate("location.hash") == "#task-7"
