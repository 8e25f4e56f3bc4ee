"""Reader and publisher details (issue 24) in Debian's chromium via Playwright: phone cards that
read as label/value pairs, the root 404 page for readers of every language, the citation of a
whole document, and a two-column table that fits a phone without a swipe cue."""

from __future__ import annotations

import datetime

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def stacked_pages(site) -> list[str]:
    """Every page of the built site with a table that stacks into cards, both languages."""
    found = []
    for page in sorted(site.rglob("index.html")):
        if "<table data-stack>" in page.read_text(encoding="utf-8"):
            found.append(page.parent.relative_to(site).as_posix().removesuffix(".") + "/" if page.parent != site else "")
    return [p.lstrip("/") for p in found]


@pytest.fixture(scope="module")
def phone_tab(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


# Where each value cell's content lies against its card's value column: every text run and every
# element of the cell must start at or right of the column's left edge, end inside the cell, and the
# content must start on the label's line (not on a row of its own below it).
CARDS = """() => {
  const bad = [];
  let cells = 0;
  document.querySelectorAll('table[data-stack] td[data-label]').forEach(td => {
    cells += 1;
    const style = getComputedStyle(td);
    const name = td.dataset.label + ': ' + td.textContent.trim().slice(0, 30);
    if (style.display !== 'grid') { bad.push(name + ' (not a card: ' + style.display + ')'); return; }
    const columns = style.gridTemplateColumns.split(' ').map(parseFloat);
    const box = td.getBoundingClientRect();
    const top = box.top + parseFloat(style.paddingTop);
    const left = box.left + parseFloat(style.paddingLeft) + columns[0] + parseFloat(style.columnGap || 0);
    const right = box.right - parseFloat(style.paddingRight);
    let first = null;
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      let rects;
      if (node.nodeType === 3) {
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        rects = [...range.getClientRects()];
      } else {
        rects = [...node.getClientRects()];
      }
      for (const r of rects.filter(r => r.width > 0 && r.height > 0)) {
        first = first === null ? r.top : Math.min(first, r.top);
        if (r.left < left - 1) { bad.push(name + ' (starts ' + Math.round(left - r.left) + ' px left of the value column)'); return; }
        if (r.right > right + 1) { bad.push(name + ' (ends ' + Math.round(r.right - right) + ' px past the card)'); return; }
      }
    }
    if (first !== null && first > top + 12) bad.push(name + ' (starts ' + Math.round(first - top) + ' px below its label)');
  });
  return {cells, bad, width: document.documentElement.scrollWidth};
}"""


def test_the_site_has_stacked_tables_in_both_languages(built_site):
    pages = stacked_pages(built_site)
    assert "glossary/" in pages and "en/glossary/" in pages and "matrix/" in pages and "open-data/" in pages
    assert any(p.startswith("agencies/") for p in pages) and "" in pages


def test_every_card_reads_as_label_and_value_at_360_px(phone_tab, base_url, built_site):
    """Every stacked table of the site, both languages: no part of a value cell starts in the
    label column (the glossary's terms, its source links and brackets used to land there)."""
    pages = stacked_pages(built_site)
    problems, cells = [], 0
    for path in pages:
        phone_tab.goto(base_url + path, wait_until="load")
        found = phone_tab.evaluate(CARDS)
        cells += found["cells"]
        problems += [f"{path or 'home'}: {what}" for what in found["bad"][:3]]
        assert found["width"] <= PHONE["width"], path
    assert cells > 500
    assert problems == []


# -- the root 404 page ---------------------------------------------------------------

@pytest.fixture(scope="module")
def pages_url(built_site):
    """The built site served as GitHub Pages serves it: any missing address gets /404.html."""
    from browser import serve

    with serve(built_site, pages_404=True) as url:
        yield url


@pytest.mark.parametrize("path,lang,title,section", [
    ("en/decision-9999/", "en", "Page not found", "Main sections"),
    ("en/areas/asean-2021/pa-9/#figures", "en", "Page not found", "Main sections"),
    ("quyet-dinh-cu/", "vi", "Không tìm thấy trang", "Các mục chính"),
])
def test_a_missing_address_is_answered_in_its_language(browser, pages_url, path, lang, title, section):
    page = browser.new_page()
    response = page.goto(pages_url + path)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").inner_text() == title
    visible = page.locator("article").inner_text()
    assert section in visible
    others = {"en": "Không tìm thấy trang", "vi": "Page not found"}[lang]
    assert others not in visible  # the other language is hidden once the script has chosen
    assert page.title().startswith(title)
    links = page.locator("article section:not([hidden]) ul a")
    assert links.count() >= 5
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        assert href.startswith("/en/" if lang == "en" else "/") and not href.startswith("/vi/")
        assert page.request.get(pages_url.rstrip("/") + href).ok, href
    page.close()


def test_without_script_the_root_404_offers_every_language(browser, pages_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(pages_url + "en/no-such-page/")
    text = page.locator("article").inner_text()
    assert "Không tìm thấy trang" in text and "Page not found" in text
    assert page.locator("article section[lang=en] a[href='/en/areas/']").count() == 1
    assert page.locator("article nav a[hreflang=en]").get_attribute("href") == "#not-found-en"
    context.close()


# -- a two-column table fits a phone -------------------------------------------------

DOCUMENT_PAGES = ["declaration-2017/", "declaration-2021/", "decision-1439/", "decision-896/"]

TWO_COLUMNS = """() => [...document.querySelectorAll('.md-typeset table')]
  .filter(t => t.rows[0] && t.rows[0].cells.length <= 2)
  .map(t => { const wrap = t.closest('.md-typeset__scrollwrap');
              return {first: t.rows[0].textContent.trim().slice(0, 30), cue: !!wrap && wrap.classList.contains('acs-scrolls'),
                      right: t.getBoundingClientRect().right}; })"""


@pytest.mark.parametrize("path", [lang + p for lang in ("", "en/") for p in DOCUMENT_PAGES])
def test_the_attribute_table_fits_a_phone_without_a_swipe_cue(phone_tab, base_url, path):
    """Decision 896's two-column attribute table showed 'swipe for more columns' at 360 px."""
    phone_tab.goto(base_url + path, wait_until="load")
    tables = phone_tab.evaluate(TWO_COLUMNS)
    assert tables, path
    for table in tables:
        assert not table["cue"] and table["right"] <= PHONE["width"], f"{path}: {table}"


# -- citing a whole document -----------------------------------------------------------

@pytest.mark.parametrize("lang,numeric,written", [
    ("", "Quyết định số 896/QĐ-BNV ngày 15/11/2022 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án “Tăng cường hợp tác quốc tế "
         "về xây dựng nền công vụ giai đoạn 2022-2026”. {url} (truy cập ngày {today:%d/%m/%Y})",
     "Quyết định số 896/QĐ-BNV ngày 15 tháng 11 năm 2022 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án “Tăng cường hợp tác quốc tế "
     "về xây dựng nền công vụ giai đoạn 2022-2026”. {url} (truy cập ngày {today:%d} tháng {month} năm {today.year})"),
    ("en/", "Decision No. 896/QĐ-BNV dated 15 November 2022 of the Minister of Home Affairs approving the Project "
            "“Strengthening International Cooperation on Building the Civil Service, 2022–2026”. {url} (accessed {today.day} {today:%B %Y})",
     None),
])
def test_the_whole_document_is_cited_from_its_title(browser, base_url, lang, numeric, written):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + lang + "decision-896/")
    today = datetime.date.today()
    month = f"{today.month:02d}" if today.month < 3 else str(today.month)
    url = base_url + lang + "decision-896/"
    tools = page.locator("article h1 + .acs-document-tools")
    tools.locator("button").nth(1).click()
    assert page.evaluate("navigator.clipboard.readText()") == numeric.format(url=url, today=today, month=month)
    tools.locator("button").nth(0).click()
    assert page.evaluate("navigator.clipboard.readText()") == url
    choice = page.locator(".acs-date-style select")
    if written is None:  # the language writes a date the same way in a letter: no choice to make
        assert choice.count() == 0
    else:
        assert choice.count() == 1
        choice.select_option("written")
        tools.locator("button").nth(1).click()
        assert page.evaluate("navigator.clipboard.readText()") == written.format(url=url, today=today, month=month)
        # the choice holds for the items' citations and on the next page
        page.locator("#task-7 + .acs-tools button").nth(1).click()
        assert "ngày 15 tháng 11 năm 2022" in page.evaluate("navigator.clipboard.readText()")
        page.goto(base_url + "decision-1439/")
        page.locator("article h1 + .acs-document-tools button").nth(1).click()
        assert page.evaluate("navigator.clipboard.readText()").startswith("Quyết định số 1439/QĐ-TTg ngày 29 tháng 10 năm 2018 của Thủ tướng Chính phủ phê duyệt Đề án")
    context.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_root_404_in_english_passes_the_accessibility_gate(browser, pages_url, device):
    """The page a reader of /en/… meets on GitHub Pages, once its script has chosen English
    (tests/test_a11y.py opens only pages that exist)."""
    from test_a11y import AXE, AXE_TAGS, DESKTOP, PHONE, describe  # skips when axe-core is not installed

    context = browser.new_context(**(DESKTOP if device == "desktop" else PHONE))
    context.add_init_script(path=str(AXE))
    tab = context.new_page()
    tab.goto(pages_url + "en/no-such-page/", wait_until="load")
    assert tab.locator("html").get_attribute("lang") == "en"
    violations = tab.evaluate("async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations", AXE_TAGS)
    assert [describe(v) for v in violations if v["impact"] in ("serious", "critical")] == []
    context.close()
