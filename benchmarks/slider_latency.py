"""How long a slider step takes to paint, over every slider of every figure on a page.

    python benchmarks/slider_latency.py [SITE] [--sweeps N] [--scale S] [--dark]

SITE is a built site (default `_build/html`) or a single-page build such as
`_build/_page/chapters-01-limits-and-tangents/html`. Every page with slider figures is
served on localhost and opened in headless Chromium (/usr/bin/chromium, via Playwright).
Each figure is scrolled into view (as a reader arrives at it), then every control is
stepped through all its values and back, `--sweeps` times, by arrow keys: trusted input
events, as from a keyboard.

A step is timed from the keydown event's `timeStamp` to the moment the frame showing
the new image is presented, as Chromium's Element Timing API reports it (`renderTime` of
the figure's `<img>`, given an `elementtiming` attribute). That includes decoding and
rasterising the image, which happen off the main thread: `requestAnimationFrame` then
`setTimeout(0)` after the input would stop before them, and the Event Timing API rounds
to 8 ms and reports nothing under 16 ms.

Prints per page: figures, steps, median and worst step in ms (goal: median under one
display frame, 16.7 ms at 60 Hz), each figure's size in KB and the page's HTML in KB
(goal: every figure under 500 KB). The machine's load shows, mostly in the worst case:
compare runs made in the same conditions.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import statistics
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync"]
FIGURE = re.compile(r'<div class="slider-figure".*?</style>\s*</div>', flags=re.S)
FRAME_MS = 1000 / 60

# Installed before the page's own scripts: times each keydown on a slider figure until
# its <img> is next presented with a new image (or gives up after two seconds).
TIMER = """
window.__steps = []; window.__missed = 0; window.__pending = Promise.resolve();
var painted = [], check = null;
new PerformanceObserver(function (list) {
  painted.push.apply(painted, list.getEntries());
  if (check) check();
}).observe({type: "element", buffered: true});
addEventListener("keydown", function (event) {
  var figure = event.target.closest && event.target.closest(".slider-figure");
  if (!figure) return;
  var t0 = event.timeStamp, img = figure.querySelector("img");
  window.__pending = new Promise(function (done) {
    var mine = check = function () {
      var entry = painted.find(function (e) {
        return e.element === img && e.renderTime > t0;
      });
      if (!entry) return;
      check = null; __steps.push(entry.renderTime - t0); done();
    };
    setTimeout(function () {
      if (check === mine) { check = null; __missed++; done(); }
    }, 2000);
  });
}, true);
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def slider_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0].startswith("_")
                  and 'class="slider-figure"' in p.read_text("utf-8"))


def keys_for(page, control) -> list[str]:
    """Arrow keys that move a control through all its values and back to the start."""
    if control.evaluate("c => c.tagName") == "INPUT":
        value, top = control.evaluate("s => [+s.value, +s.max]")
        control.focus()
        return (["ArrowRight"] * (top - value) + ["ArrowLeft"] * top
                + ["ArrowRight"] * value)
    radios = control.locator("input[type=radio]")
    control.locator("input:checked").focus()
    return ["ArrowRight"] * radios.count()  # wraps around to the start


def run_page(browser, url: str, sweeps: int, scale: float, dark: bool) -> list[float]:
    page = browser.new_page(viewport={"width": 1280, "height": 900},
                            device_scale_factor=scale)
    page.add_init_script(TIMER)
    page.goto(url, wait_until="load")
    if dark:
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
    figures = page.locator(".slider-figure")
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.evaluate("f => { f.scrollIntoView({block: 'center'}); f.querySelector"
                        "('img').setAttribute('elementtiming', 'slider'); }")
        try:  # the figure decodes its frames as it nears the viewport
            page.wait_for_function(f"document.querySelectorAll('.slider-figure')[{i}]"
                                   ".dataset.ready === '1'", timeout=10_000)
        except Exception:  # noqa: BLE001 - figures without the attribute: time them anyway
            pass
        controls = figure.locator(".sf-slider input, .sf-choice, input[type=range]")
        for k in range(controls.count()):
            for _ in range(sweeps):
                for key in keys_for(page, controls.nth(k)):
                    page.keyboard.press(key)
                    page.evaluate("() => window.__pending")
    steps, missed = page.evaluate("[window.__steps, window.__missed]")
    page.close()
    if missed:
        raise RuntimeError(f"{url}: {missed} steps never painted a new image")
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--sweeps", type=int, default=2,
                        help="times through each control")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio")
    parser.add_argument("--dark", action="store_true", help="the site's dark mode")
    args = parser.parse_args()
    site = Path(args.site).resolve()
    names = slider_pages(site)
    if not names:
        raise SystemExit(f"no page with slider figures under {site}")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"{'page':44} {'figures':>7} {'steps':>5} {'median ms':>9} {'worst ms':>8} "
          f"{'page KB':>7}  figure KB")
    every = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for name in names:
            html = (site / name).read_text("utf-8")
            sizes = [len(f.encode()) / 1024 for f in FIGURE.findall(html)]
            steps = run_page(browser, base + name, args.sweeps, args.scale, args.dark)
            every += steps
            each = ", ".join(f"{s:.0f}" for s in sizes)
            print(f"{name:44} {len(sizes):7d} {len(steps):5d} "
                  f"{statistics.median(steps):9.1f} {max(steps):8.1f} "
                  f"{len(html.encode()) / 1024:7.0f}  {each}")
        browser.close()
    server.shutdown()
    print(f"{'all pages':44} {'':7} {len(every):5d} {statistics.median(every):9.1f} "
          f"{max(every):8.1f}   (one display frame at 60 Hz: {FRAME_MS:.1f} ms)")


if __name__ == "__main__":
    main()
