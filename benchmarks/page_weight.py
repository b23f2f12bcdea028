"""Weigh every page of the built site as a browser loads it, and each slider figure on it.

    python benchmarks/page_weight.py [PART ...]    (after `make build`)

Prints, per page (or only the pages whose path contains one of the PARTs): the HTML
document and what it loads, by kind (scripts, styles, fonts, images, anything else), the
total against the 3 MB goal per page, and the largest slider figure's embedded frames
against the 500 KB goal per figure. Sizes are the bytes served (the site is served
uncompressed here). Uses headless Chromium (/usr/bin/chromium) through Playwright.
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync"]
PAGE_GOAL_KB = 3 * 1024
FIGURE_GOAL_KB = 500
# Playwright's resource types, in the table's columns; anything else counts as "other".
KINDS = {"document": "HTML", "script": "scripts", "stylesheet": "styles",
         "font": "fonts", "image": "images"}
COLUMNS = [*KINDS.values(), "other"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def largest_figure_kb(html: str) -> float:
    figures = re.findall(r'<div class="slider-figure".*?</style>\s*</div>', html, flags=re.S)
    return max((len(f.encode()) for f in figures), default=0) / 1024


def weigh(browser, url: str) -> dict[str, float]:
    """KB served per column for one page load, until the network is idle."""
    page = browser.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(url, wait_until="networkidle")
    kb = dict.fromkeys(COLUMNS, 0.0)
    for r in responses:
        if r.ok:
            kb[KINDS.get(r.request.resource_type, "other")] += len(r.body()) / 1024
    page.close()
    return kb


def main(parts: list[str]) -> None:
    pages = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                   if not p.relative_to(SITE).parts[0].startswith("_")
                   and p.name not in {"genindex.html", "search.html", "index.html"})
    pages = [p for p in pages if not parts or any(part in p for part in parts)]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"{'page (KB)':44}" + "".join(f"{c:>8}" for c in COLUMNS)
          + f"{'total':>8}{'figure':>8}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for name in pages:
            kb = weigh(browser, base + name)
            total = sum(kb.values())
            fig = largest_figure_kb((SITE / name).read_text("utf-8"))
            checks = (("page over 3 MB", total > PAGE_GOAL_KB),
                      (f"figure over {FIGURE_GOAL_KB} KB", fig > FIGURE_GOAL_KB))
            flags = [label for label, over in checks if over]
            print(f"{name:44}" + "".join(f"{kb[c]:8.0f}" for c in COLUMNS)
                  + f"{total:8.0f}{fig:8.0f}  {', '.join(flags)}".rstrip())
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
