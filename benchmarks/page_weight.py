"""Weigh every page of the built site as a browser loads it, and each slider figure on it.

    python benchmarks/page_weight.py        (after `jupyter-book build .`)

Prints, per page: the HTML document, everything it loads (scripts, styles, fonts, images),
and the largest slider figure's embedded frames, against the 400 KB goal per figure.
Uses headless Chromium (/usr/bin/chromium) through Playwright.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync"]
FIGURE_GOAL_KB = 400


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def largest_figure_kb(html: str) -> float:
    figures = re.findall(r'<div class="slider-figure".*?</style>\s*</div>', html, flags=re.S)
    return max((len(f.encode()) for f in figures), default=0) / 1024


def main() -> None:
    pages = sorted(p for p in SITE.rglob("*.html")
                   if not p.relative_to(SITE).parts[0].startswith("_")
                   and p.name not in {"genindex.html", "search.html", "index.html"})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"{'page':44} {'HTML KB':>8} {'total KB':>9} {'requests':>8} {'figure KB':>10}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for path in pages:
            name = path.relative_to(SITE).as_posix()
            page = browser.new_page()
            responses = []
            page.on("response", lambda r, responses=responses: responses.append(r))
            page.goto(base + name, wait_until="networkidle")
            sizes = [len(r.body()) for r in responses if r.ok]
            page.close()
            html = path.read_text("utf-8")
            fig = largest_figure_kb(html)
            flag = "  over goal" if fig > FIGURE_GOAL_KB else ""
            print(f"{name:44} {len(html.encode()) / 1024:8.0f} {sum(sizes) / 1024:9.0f} "
                  f"{len(sizes):8d} {fig:10.0f}{flag}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
