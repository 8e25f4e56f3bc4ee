"""Accessibility gate: axe-core finds no serious or critical violation of WCAG 2.2 A/AA (or of its best
practices) on any kind of page, in either language, on a desktop and on a phone.

axe-core comes from the npm registry, pinned in package.json / package-lock.json (`npm ci`);
it is injected into the built pages served locally, in Debian's chromium driven by Playwright.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
if not AXE.is_file() and not os.environ.get("CI"):  # in CI a missing gate is a failure, not a skip
    pytest.skip(f"axe-core is not installed ({AXE} is missing): run `npm ci` in the repository root", allow_module_level=True)

GATED_IMPACTS = ("serious", "critical")
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 adds target-size, 24 x 24 px), and axe's best practices.
# Naming the tags also turns on rules axe leaves off by default, such as target-size.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]

# One page of every type, in both languages.
PAGES = [
    "",                         # home
    "decision-896/",            # document
    "areas/asean-2021/pa-2/",   # priority area
    "plans/asean-2021/",        # plan overview with its dashboard
    "timeline/",
    "matrix/",
    "glossary/",
    "materials/",
    "compare/qd-896/",          # side-by-side reading
    "sources/",
    "accessibility/",
    "agencies/moha/",           # an agency's responsibilities, with past-deadline marks
    "decision-1439/",           # validity banner, history and relation diagram
    "open-data/",
    "404.html",                 # the static server does not route 404s: open the page directly
]
PATHS = [prefix + page for prefix in ("", "en/") for page in PAGES]


PHONE_PATHS = ["plans/asean-2021/", "en/areas/asean-2021/pa-3/", "matrix/"]
DESKTOP, PHONE = {"viewport": {"width": 1280, "height": 800}}, {"viewport": {"width": 360, "height": 740}, "is_mobile": True}


def describe(violation: dict) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    more = len(violation["nodes"]) - len(targets)
    return (f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"    {len(violation['nodes'])} node(s): {targets}{f' and {more} more' if more > 0 else ''}\n"
            f"    {violation['helpUrl']}")


def audit(browser, base_url, paths: list[str], device: dict) -> dict[str, object]:
    """path -> axe-core's violations on that page (or why the page could not be audited).
    One tab for every page (a new context per page costs more than axe itself); the page's
    `load` is enough, since nothing on it loads later."""
    context = browser.new_context(**device)
    context.add_init_script(path=str(AXE))
    tab, results = context.new_page(), {}
    for path in paths:
        response = tab.goto(base_url + path, wait_until="load")
        if response is None or not response.ok:
            results[path] = f"HTTP {response and response.status}"
            continue
        results[path] = tab.evaluate("async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations", AXE_TAGS)
    context.close()
    return results


@pytest.fixture(scope="module")
def desktop(browser, base_url):
    return audit(browser, base_url, PATHS, DESKTOP)


@pytest.fixture(scope="module")
def phone(browser, base_url):
    return audit(browser, base_url, PHONE_PATHS, PHONE)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p or "home")
def test_no_serious_or_critical_axe_violation(desktop, path):
    check(desktop[path], path)


@pytest.mark.parametrize("path", PHONE_PATHS)
def test_no_serious_or_critical_axe_violation_on_a_phone(phone, path):
    check(phone[path], path)


def check(violations, path):
    assert isinstance(violations, list), f"/{path}: {violations}"
    gated = [v for v in violations if v["impact"] in GATED_IMPACTS]
    report = "\n".join(describe(v) for v in gated)
    if gated:
        print(f"axe-core on /{path}:\n{report}")
    assert not gated, f"/{path}: {len(gated)} serious or critical axe-core violation(s):\n{report}"


def test_the_gate_sees_a_violation(browser, tmp_path):
    """The audit above would report a real violation: a page with an image without text."""
    from browser import serve

    (tmp_path / "index.html").write_text('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>', encoding="utf-8")
    with serve(tmp_path) as url:
        violations = audit(browser, url, [""], DESKTOP)[""]
    assert any(v["id"] == "image-alt" and v["impact"] in GATED_IMPACTS for v in violations), violations
