"""Text from data is text: hostile strings in every text field of the plans and in front
matter are built into a real site, then every page is opened in Debian's chromium with a
dialog handler, every abbreviation hovered (the theme's tooltips), and the DOM probed for
handlers, script and links to other schemes that came from the data."""

from __future__ import annotations

import itertools
import re
import shutil

import pytest
import yaml
from catalogue import build
from conftest import mini_project

pytestmark = [pytest.mark.build, pytest.mark.browser]

PAYLOADS = [
    "<script>alert('P1')</script>",
    "<img src=x onerror=alert('P2')>",
    "\"><svg onload=alert('P3')>",
    "[click](javascript:alert('P4'))",
    "x{: onclick=\"alert('P5')\" }",
    "</title><script>alert('P6')</script>",
    "' onmouseover='alert(\"P7\")' x='",
    "<a href=\"data:text/html,<script>alert('P8')</script>\">P8</a>",
    "<javascript:alert('P9')>",
    "*[P10]: <img src=x onerror=alert('P10')>",
    "<details open ontoggle=alert('P11')>",
    "`<b>`</code><img src=x onerror=alert('P12')>",
    "L'été & <b>P13</b> {#p13 onclick=alert('P13')}",
    "line\n<script>alert('P14')</script>",
    "<!-- acs:glossary --><iframe srcdoc=\"<script>alert('P15')</script>\">",
    "&lt;script&gt;alert('P16')&lt;/script&gt;",
]
PROBE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value;
      if (name.startsWith('on') && /alert|P\\d/.test(value)) found.push(el.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc'].includes(name) && /^\\s*(javascript|data|vbscript):/i.test(value)) found.push(el.tagName + ' ' + name + '=' + value.slice(0, 40));
      if (name === 'srcdoc') found.push(el.tagName + ' srcdoc');
    }
    // JSON-LD and JSON data blocks hold the payloads as data (never run); linked.script keeps them inert
    const data = el.tagName === 'SCRIPT' && /^application\\/(ld\\+)?json$/.test(el.type);
    if (el.tagName === 'SCRIPT' && !data && /alert\\('P/.test(el.textContent)) found.push('script ' + el.textContent.slice(0, 40));
    if (data && /<\\/script|<!--/i.test(el.textContent)) found.push('data script not escaped ' + el.textContent.slice(0, 40));
  }
  return found;
}"""


def poison(value, payloads):
    """Every text object's texts and every free-text string get the next payload."""
    if isinstance(value, dict):
        return {k: (f"{v} {next(payloads)}" if isinstance(v, str) and k in ("vi", "en", "number", "place", "note") else poison(v, payloads))
                for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, payloads) for v in value]
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = mini_project(tmp_path_factory.mktemp("hostile") / "project")
    payloads = itertools.cycle(PAYLOADS)
    plan = project / "plans" / "mini.yml"
    data = poison(yaml.safe_load(plan.read_text(encoding="utf-8")), payloads)
    for source in data["sources"]:
        source["title"] += " " + next(payloads)
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for lang in ("vi", "en"):
        page = project / "content" / lang / "dec.md"
        front = yaml.safe_dump({"document": "dec", "title": "T " + next(payloads), "description": "D " + next(payloads)}, allow_unicode=True)
        page.write_text(page.read_text(encoding="utf-8").replace("document: dec\n", front, 1), encoding="utf-8")
    site = project.parent / "site"
    strict = build(project, site)
    assert strict.code == 0, strict.output[-3000:]  # payloads break no link and no anchor
    build(project, site, strict=False)  # the same site; the browser probe below is what judges it
    return site


def test_payloads_are_shown_as_text_and_never_run(hostile_site, browser):
    from browser import serve
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) >= 20
    dialogs, probed = [], []
    with serve(hostile_site) as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in pages:
            page.goto(base + rel.removesuffix("index.html"))
            for abbr in page.locator("abbr").all()[:20]:
                if abbr.is_visible():
                    abbr.hover()
            page.wait_for_timeout(50)
            probed += [f"{rel}: {f}" for f in page.evaluate(PROBE)]
        page.close()
    assert dialogs == [] and probed == [], (dialogs, probed[:20])
    shown = (hostile_site / "dec" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;P1&#x27;)&lt;/script&gt;" in shown or "&lt;script&gt;alert('P1')&lt;/script&gt;" in shown


# Raw HTML and Markdown in content pages (a pull request can edit them; the site is served from the
# project's origin). Each payload, and a few spellings of the same vectors, appended to a page body:
# the build refuses it at its place, or builds a site where nothing runs (the probe above).
BODY_PAYLOADS = PAYLOADS + [
    "<a href=\"JaVaScRiPt:alert('B1')\">B1</a>",
    "<a href=\"&#106;avascript:alert('B2')\">B2</a>",
    "<a href=\" \tjavascript:alert('B3')\">B3</a>",
    "[B4](vbscript:msgbox)",
    "![B5](data:image/svg+xml,<svg onload=alert('B5')>)",
    "<span style=\"x\" onmouseover=\"alert('B6')\">B6</span>",
    "## Heading {: onclick=\"alert('B7')\" }",
    "<object data=\"x\"></object>",
    "<form action=\"javascript:alert('B9')\"><button>B9</button></form>",
    "<svg><a xlink:href=\"javascript:alert('B10')\">B10</a></svg>",
]


@pytest.fixture(scope="module")
def body_outcomes(tmp_path_factory):
    """Every body payload in its own copy of the site: (payload, outcome, site folder)."""
    base = mini_project(tmp_path_factory.mktemp("bodies") / "project")
    results = []
    for number, payload in enumerate(BODY_PAYLOADS):
        project = tmp_path_factory.mktemp(f"body{number}") / "project"
        shutil.copytree(base, project, ignore=shutil.ignore_patterns(".cache"))
        page = project / "content" / "en" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n" + payload + "\n", encoding="utf-8")
        results.append((payload, build(project, project.parent / "site"), project.parent / "site"))
    return results


def test_content_payloads_are_refused_at_their_place_or_inert(body_outcomes, browser):
    from browser import serve
    built = [(payload, site) for payload, outcome, site in body_outcomes if outcome.code == 0]
    for payload, outcome, _ in body_outcomes:
        assert not outcome.traceback, (payload, outcome.exception)
        if outcome.code:
            assert re.search(r"content/en/index.md:[78]:\d+: error: ", outcome.output), (payload, outcome.output[-1500:])
    dialogs, probed = [], []
    for payload, site in built:
        with serve(site) as base:
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(base + "en/")
            for element in page.locator(".md-content a, .md-content span, .md-content h2").all()[:30]:
                if element.is_visible():
                    element.hover()
            probed += [f"{payload!r}: {f}" for f in page.evaluate(PROBE)]
            page.close()
    assert dialogs == [] and probed == [], (dialogs, probed)
    refused = len(body_outcomes) - len(built)
    assert refused >= 18, f"only {refused} of {len(body_outcomes)} refused"  # the vectors; text-only payloads build
