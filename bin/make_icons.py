#!/usr/bin/env python3
"""Draw the app's icons (web app manifest, home screen) from hand-written SVG, rasterised by Chromium.

Writes static/img/icons/icon-192.png, icon-512.png (rounded, transparent corners) and maskable-512.png
(full bleed, the mark inside the 80 % safe zone, so any mask shape keeps it whole), plus the SVGs.
Run again after changing the mark: `.venv/bin/python bin/make_icons.py` (needs Debian's chromium).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "icons"
BLUE, WHITE, LIGHT = "#2457d6", "#ffffff", "#9fc0ff"
# The favicon's mark (static/img/favicon.svg) on a 32-unit grid: an arrow pointing up, and a dot.
MARK = f'<path d="M9 20.5 16 8l7 12.5-7-3.2z" fill="{WHITE}"/><circle cx="16" cy="23.5" r="2" fill="{LIGHT}"/>'


def any_svg() -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
            f'<rect width="32" height="32" rx="7" fill="{BLUE}"/>{MARK}</svg>')


def maskable_svg() -> str:
    # The mark is scaled to 62 % around the centre: well inside the safe circle of radius 40 %.
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="{BLUE}"/>'
            f'<g transform="translate(16 16) scale(.78) translate(-16 -16)">{MARK}</g></svg>')


def main() -> int:
    chromium = shutil.which("chromium")
    if not chromium:
        print("Debian's chromium is needed to rasterise the icons", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    icons = [("icon-192.png", any_svg(), 192), ("icon-512.png", any_svg(), 512),
             ("maskable-512.png", maskable_svg(), 512), ("apple-touch-icon.png", maskable_svg(), 180)]
    (OUT / "icon.svg").write_text(any_svg() + "\n")
    (OUT / "maskable.svg").write_text(maskable_svg() + "\n")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
        for name, svg, size in icons:
            page = browser.new_page(viewport={"width": size, "height": size})
            sized = svg.replace("<svg ", f'<svg width="{size}" height="{size}" style="display:block" ', 1)
            page.set_content(f'<html><body style="margin:0;background:transparent">{sized}</body></html>')
            page.locator("svg").screenshot(path=str(OUT / name), omit_background=True)
            page.close()
            print(f"wrote {OUT / name} ({size}×{size})")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
