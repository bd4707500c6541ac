"""Take Chromium screenshots of pages of a running server (development aid, not a test).

Usage: .venv/bin/python bin/screenshots.py http://127.0.0.1:8000 /dashboard/ /jobs/ ...
Logs in as the demo account first; writes PNGs to screenshots/ (desktop and phone widths).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(base: str, paths: list[str]) -> None:
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        for label, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
            page = browser.new_page(viewport=viewport)
            page.on("console", lambda msg: print(f"console[{msg.type}]: {msg.text}"))
            if "--anon" not in paths:
                page.goto(base + "/accounts/login/")
                page.fill("input[name=login]", "demo")
                page.fill("input[name=password]", "copilot-demo-2026")
                page.click("button[type=submit]")
            for path in [p for p in paths if not p.startswith("--")]:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_").replace("?", "_") or "root"
                page.screenshot(path=str(out / f"{name}-{label}.png"), full_page=True)
                print("saved", out / f"{name}-{label}.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
