"""Reading on a phone, printing a brief, citing (issue 13), in Debian's chromium via Playwright."""

from __future__ import annotations

import datetime
import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
AREAS = [f"areas/asean-2021/pa-{n}/" for n in range(1, 6)]
# Every page with a table or a chart, in both languages.
WIDE_PAGES = ["", "declaration-2017/", "declaration-2021/", "decision-1439/", "decision-896/", "glossary/", "matrix/",
              "plans/asean-2021/", "plans/qd-896/", "timeline/", "materials/", "sources/", "compare/qd-896/"] + AREAS
A4_CONTENT_PX = 688  # 210 mm less 2 x 14 mm margins, at 96 px per inch


def phone_context(browser):
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


@pytest.fixture
def phone(browser):
    context = phone_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone_tab(browser):
    """One phone tab that opens page after page (a reader following links)."""
    context = phone_context(browser)
    yield context.new_page()
    context.close()


MEASURE = """() => {
  const out = {page: document.documentElement.scrollWidth, tables: [], charts: []};
  document.querySelectorAll('.md-typeset table').forEach(t => {
    const wrap = t.closest('.md-typeset__scrollwrap');
    const cue = wrap && wrap.classList.contains('acs-scrolls') ? getComputedStyle(wrap, '::before').content : 'none';
    out.tables.push({right: t.getBoundingClientRect().right, cue: cue && cue !== 'none' && cue !== '""' ? cue : null,
                     first: t.rows[0] ? t.rows[0].textContent.trim().slice(0, 40) : ''});
  });
  document.querySelectorAll('.acs-chart').forEach(c => {
    const fonts = [], cut = [];
    c.querySelectorAll('*').forEach(e => {
      if ([...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) fonts.push(parseFloat(getComputedStyle(e).fontSize));
    });
    c.querySelectorAll('.acs-bar-label').forEach(l => { if (l.scrollWidth > l.clientWidth + 1) cut.push(l.textContent); });
    out.charts.push({right: c.getBoundingClientRect().right, font: Math.min(...fonts), cut,
                     gaps: c.querySelectorAll('.acs-seg--gap').length, gapLegend: c.querySelectorAll('.acs-chart-legend .acs-swatch--gap').length,
                     statuses: new Set([...c.querySelectorAll('.acs-seg:not(.acs-seg--gap)')].map(s => s.style.background)).size,
                     legend: c.querySelectorAll('.acs-chart-legend .acs-swatch:not(.acs-swatch--gap)').length});
  });
  return out;
}"""


@pytest.mark.parametrize("path", [lang + page for lang in ("", "en/") for page in WIDE_PAGES], ids=lambda p: p or "home")
def test_tables_and_charts_fit_a_phone_or_show_a_scroll_cue(phone_tab, base_url, path):
    """Nothing scrolls the page sideways; a table or a chart fits, or says it scrolls."""
    phone_tab.goto(base_url + path, wait_until="load")
    found = phone_tab.evaluate(MEASURE)
    assert found["page"] <= PHONE["width"]
    for table in found["tables"]:
        assert table["right"] <= PHONE["width"] or table["cue"], f"{path}: table '{table['first']}' is cut off with no cue"
    for chart in found["charts"]:
        assert chart["right"] <= PHONE["width"]
        assert chart["font"] >= 11, f"{path}: chart text of {chart['font']} px"
        assert chart["cut"] == []
        assert chart["legend"] >= chart["statuses"] and chart["gapLegend"] == (1 if chart["gaps"] else 0)


def test_the_figures_table_of_an_area_stacks_on_a_phone(phone, base_url):
    """The table that was 741 px wide at 360 px: one card per row, each cell named."""
    phone.goto(base_url + "areas/asean-2021/pa-2/")
    table = phone.locator("#figures ~ .md-typeset__scrollwrap table, #figures ~ table").first
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert table.locator("td[data-label]").first.evaluate("td => getComputedStyle(td, '::before').content") != "none"


def test_buttons_are_at_least_24_px(phone, base_url):
    phone.goto(base_url + "decision-896/")
    sizes = phone.eval_on_selector_all(".acs-button", "els => els.map(e => [e.offsetWidth, e.offsetHeight])")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes)


def test_home_answers_what_and_where_to_start_on_a_phone(phone, base_url):
    for path, start in (("", "Bắt đầu từ đây"), ("en/", "Start here")):
        phone.goto(base_url + path)
        label = phone.get_by_text(start, exact=False).first
        first_link = phone.locator("article ul a[href*='areas/']").first
        assert label.bounding_box()["y"] < PHONE["height"]
        assert first_link.bounding_box()["y"] + first_link.bounding_box()["height"] < PHONE["height"]


# -- print ---------------------------------------------------------------------------

def pdf_pages(pdf: bytes) -> int:
    return max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))


@pytest.mark.parametrize("path", [lang + area for lang in ("", "en/") for area in AREAS])
def test_each_area_brief_prints_on_one_a4_page(browser, base_url, path):
    page = browser.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    assert pdf_pages(page.pdf(format="A4", prefer_css_page_size=True, print_background=True)) == 1
    page.emulate_media(media="print")
    for visible in ("h1", "#figures", "#national", ".acs-print-meta"):
        assert page.locator(visible).first.is_visible(), visible
    for hidden in ("#activities", "#materials", ".md-header", ".acs-tools", ".acs-print-button"):
        assert not page.locator(hidden).first.is_visible(), hidden
    meta = page.locator(".acs-print-meta").inner_text()
    assert re.search(r"\d{4}", meta.split(":")[-2]) or str(datetime.date.today().year) in meta  # the date printed
    assert "/areas/asean-2021/" in meta  # the short address
    page.close()


@pytest.mark.parametrize("path", ["decision-896/", "en/decision-1439/", "plans/asean-2021/", "glossary/", "matrix/"])
def test_a_document_page_prints_with_no_table_cut(browser, base_url, path):
    page = browser.new_page(viewport={"width": A4_CONTENT_PX, "height": 1000})
    page.goto(base_url + path)
    page.emulate_media(media="print")
    overflow = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table')]
        .filter(t => t.getBoundingClientRect().right > document.querySelector('article').getBoundingClientRect().right + 1)
        .map(t => t.rows[0].textContent.trim().slice(0, 40))""")
    assert overflow == []
    assert page.locator("a[data-print-href]").count() > 0  # link addresses are printed
    page.close()


# -- citations -----------------------------------------------------------------------

CITATION_896_TASK_7 = {
    "": "Quyết định số 896/QĐ-BNV ngày 15/11/2022 của Bộ trưởng Bộ Nội vụ phê duyệt Đề án “Tăng cường hợp tác quốc tế "
        "về xây dựng nền công vụ giai đoạn 2022-2026”, Nhiệm vụ 7 (đánh số theo trang này): Xây dựng đội ngũ theo khung "
        "năng lực, đạt chuẩn vào năm 2026. {url} (truy cập ngày {today:%d/%m/%Y})",
    "en/": "Decision No. 896/QĐ-BNV dated 15 November 2022 of the Minister of Home Affairs approving the Project "
           "“Strengthening International Cooperation on Building the Civil Service, 2022–2026”, Task 7 (numbering by this "
           "site): Staff built on a competency framework, to standard by 2026. {url} (accessed {today.day} {today:%B %Y})",
}


@pytest.mark.parametrize("lang", ["", "en/"])
def test_citation_of_task_7_of_decision_896(browser, base_url, lang):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + lang + "decision-896/")
    page.locator("#task-7 + .acs-tools button").nth(1).click()
    copied = page.evaluate("navigator.clipboard.readText()")
    today = datetime.date.today()
    expected = CITATION_896_TASK_7[lang].format(url=base_url + lang + "decision-896/#task-7", today=today)
    assert copied == expected
    context.close()


# -- orientation ---------------------------------------------------------------------

@pytest.mark.parametrize("path,lang,title,search", [("404.html", "vi", "Không tìm thấy trang", "Tìm kiếm trên trang"),
                                                    ("en/404.html", "en", "Page not found", "Search the site")])
def test_404_pages_are_localised_with_search_and_sections(browser, base_url, path, lang, title, search):
    page = browser.new_page()
    page.goto(base_url + path)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").inner_text() == title
    assert "Not found" not in page.locator("article").inner_text() or lang == "en"
    links = page.locator("article ul a")
    assert links.count() >= 5
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        assert page.request.get(urljoin(page.url, href)).ok, href
    page.get_by_role("button", name=search).click()
    assert page.locator(".md-search__input").evaluate("e => document.activeElement === e")
    page.close()


class _VisibleText(HTMLParser):
    """The text a reader sees: no head, scripts, styles, or elements marked `hidden`."""

    SKIP = {"head", "script", "style", "template", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        hidden = tag in self.SKIP or any(k == "hidden" for k, _ in attrs)
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(page_html: str) -> str:
    parser = _VisibleText()
    parser.feed(page_html)
    return html.unescape(" ".join(parser.parts))


def test_no_maintainer_words_or_internal_ids_on_reader_pages(built_site):
    found = []
    for page in sorted(built_site.rglob("*.html")):
        text = visible_text(page.read_text(encoding="utf-8"))
        for match in re.finditer(r"plans/|\bs00\d\b|\.yml\b", text):
            found.append(f"{page.relative_to(built_site)}: …{text[max(0, match.start() - 40):match.end() + 20]}…")
    assert found == []


def test_no_page_throws_a_script_error(browser, base_url, built_site):
    """The site's own scripts run on every page without an error (the relation diagram's SVG
    links once made the print stamp throw a TypeError)."""
    errors = []
    page = browser.new_page()
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    for path in sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")):
        page.goto(urljoin(base_url, path.removesuffix("index.html")))
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.close()
    assert errors == []
