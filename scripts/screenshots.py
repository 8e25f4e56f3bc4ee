"""Screenshots of the built site for the README: a priority-area page on a phone (360 px wide)
and on a desktop (1280 px wide), in Debian's chromium driven by Playwright (no browser download).

    make site   # or: mkdocs build --strict -d site
    PYTHONPATH=tests .venv/bin/python scripts/screenshots.py site docs/screenshots

The images are taken from the built site, never edited by hand; run this again after a change
that readers would see, and commit the images with it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

PAGE = "areas/asean-2021/pa-2/"
SHOTS = {
    # A tall phone screen: the title, the tools and the figures table stacked into cards, in one image.
    "area-phone-360.png": {"viewport": {"width": 360, "height": 1500}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True},
    "area-desktop-1280.png": {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
}


def take(site: Path, out: Path, page: str = PAGE) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, options in SHOTS.items():
            context = browser.new_context(**options)
            tab = context.new_page()
            tab.goto(base + page)
            tab.wait_for_load_state("networkidle")
            tab.screenshot(path=str(out / name))
            written.append(out / name)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build -d ...)")
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs" / "screenshots")
    parser.add_argument("--page", default=PAGE, help=f"page to capture (default {PAGE})")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} is not a built site; build it first")
    for path in take(args.site, args.out, args.page):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
