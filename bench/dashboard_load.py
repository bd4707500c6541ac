"""How long the dashboard takes to finish loading in Chromium, and how much JavaScript it ships (issue 15).

Run: .venv/bin/python bench/dashboard_load.py [--runs 7]

Production settings (DEBUG off, collected and compressed static files) on gunicorn with 2 workers on a
free loopback port, a throwaway SQLite database holding the demo account (``seed_demo``). Chromium
(Debian's, through Playwright) signs in, then opens the dashboard ``--runs`` times in a fresh browser
context each (empty cache: every script and stylesheet is fetched) and ``--runs`` times in one context
(cached). Prints the median and worst time to the ``load`` event (navigation start to loadEventEnd) and
the scripts fetched with their compressed sizes. Target: under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
LOAD_TIME = ("(() => { const n = performance.getEntriesByType('navigation')[0]; "
             "return n.loadEventEnd - n.startTime; })()")
SCRIPTS = ("performance.getEntriesByType('resource').filter(r => r.initiatorType === 'script')"
           ".map(r => [r.name, r.transferSize, r.decodedBodySize])")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    work = tempfile.mkdtemp(prefix="copilot-bench-dashboard-")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{work}/bench.sqlite3", "DEBUG": "0",
           "SECRET_KEY": "bench-" + "x" * 50, "ALLOWED_HOSTS": HOST, "SITE_URL": f"http://{HOST}:{port}",
           "SECURE_SSL_REDIRECT": "0", "LOG_LEVEL": "warning", "ENABLE_SCHEDULER": "0",
           "DJANGO_SETTINGS_MODULE": "copilot.settings"}
    server = None
    try:
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "copilot.wsgi", "-w", "2", "-b",
                                   f"{HOST}:{port}", "--log-level", "warning"], cwd=ROOT, env=env,
                                  start_new_session=True)
        base = f"http://{HOST}:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)

            def signed_in_context():
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto(base + "/accounts/login/")
                page.fill("input[name=login]", "demo")
                page.fill("input[name=password]", "copilot-demo-2026")
                page.click("button[type=submit]")
                page.wait_for_url("**/dashboard/")
                return context, page

            cold, warm, scripts = [], [], []
            for _ in range(args.runs):
                context, page = signed_in_context()
                page.context.new_cdp_session(page).send("Network.clearBrowserCache")
                page.goto(base + "/dashboard/", wait_until="load")
                cold.append(page.evaluate(LOAD_TIME))
                scripts = page.evaluate(SCRIPTS)
                context.close()
            context, page = signed_in_context()
            for _ in range(args.runs):
                page.goto(base + "/dashboard/", wait_until="load")
                warm.append(page.evaluate(LOAD_TIME))
            context.close()
            browser.close()
        print(f"dashboard in Chromium over loopback, gunicorn -w 2, production settings; {args.runs} runs each; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores shared with other work")
        for label, times in (("empty cache", cold), ("cached", warm)):
            print(f"  {label:12s} load event: median {statistics.median(times):6.0f} ms, worst {max(times):6.0f} ms")
        total = sum(size for _name, size, _decoded in scripts)
        print(f"  scripts: {len(scripts)}, {total / 1024:.1f} KiB transferred "
              f"({sum(d for *_x, d in scripts) / 1024:.1f} KiB decoded)")
        for name, size, decoded in scripts:
            print(f"    {name.removeprefix(base)}: {size / 1024:.1f} KiB ({decoded / 1024:.1f} KiB decoded)")
        return 0 if statistics.median(cold) < 300 else 1
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
