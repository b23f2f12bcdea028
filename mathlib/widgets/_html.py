"""The static HTML view of a slider figure: frames, controls, and a small script.

The markup works with no script at all (the initial frame and its alt text); the script
flips between frames. To paint a step within one display frame it never decodes on
demand: when the figure comes near the viewport it turns the base64 frames into Blob
URLs and decodes them all (nearest frames first) into ``Image`` objects that it keeps;
a step then points the one ``<img>`` at an already decoded image, which the browser
shows synchronously. Far from the viewport the decoded images are let go (a 2x frame
takes width x height x 4 bytes decoded).

Frames are transparent. In light mode the page shows through; in dark mode (the theme
sets ``html[data-theme=dark]``) the frame is inverted and hue-rotated back, so black
ink becomes light ink and colours keep their hue, on the page's own background. The
theme paints notebook outputs and images in dark mode with a light panel; the rules at
the end undo that for slider figures only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Sequence

SCRIPT = """(function () {
  "use strict";
  var root = document.getElementById("%(uid)s");
  var data = JSON.parse(root.querySelector(".sf-data").textContent);
  var img = root.querySelector("img.sf-frame");
  var controls = root.querySelectorAll(".sf-slider input, .sf-choice");
  var urls = [], kept = null;
  urls[data.start] = img.getAttribute("src");
  function position() {
    return Array.prototype.map.call(controls, function (c) {
      var input = c.tagName === "INPUT" ? c : c.querySelector("input:checked");
      return +input.value;
    });
  }
  function flat(pos) {  /* row-major index into data.frames */
    return pos.reduce(function (i, p, k) { return i * data.shape[k] + p; }, 0);
  }
  function url(i) {  /* a Blob URL per frame, made once */
    if (!urls[i]) {
      var bytes = atob(data.frames[i]), buf = new Uint8Array(bytes.length);
      for (var j = 0; j < bytes.length; j++) buf[j] = bytes.charCodeAt(j);
      urls[i] = URL.createObjectURL(new Blob([buf], {type: data.type}));
    }
    return urls[i];
  }
  function show() {
    var pos = position();
    controls.forEach(function (c, k) {
      if (c.tagName !== "INPUT") return;
      var text = data.texts[k][pos[k]];
      c.nextElementSibling.textContent = text;
      c.setAttribute("aria-valuetext", data.labels[k] + " = " + text);
    });
    img.src = url(flat(pos));
  }
  function warm() {  /* decode every frame ahead of time, nearest first */
    if (kept) return;
    var here = position(), order = data.frames.map(function (_, i) {
      var d = 0;
      for (var k = data.shape.length - 1, r = i; k >= 0; k--) {
        d += Math.abs(r %% data.shape[k] - here[k]); r = Math.floor(r / data.shape[k]);
      }
      return [d, i];
    }).sort(function (a, b) { return a[0] - b[0]; });
    var mine = kept = order.map(function (di) {
      var im = new Image(); im.src = url(di[1]); return im;
    });
    Promise.all(mine.map(function (im) { return im.decode().catch(function () {}); }))
      .then(function () { if (kept === mine) root.dataset.ready = "1"; });
  }
  function cool() { kept = null; delete root.dataset.ready; }
  root.addEventListener("input", show);
  root.addEventListener("focusin", warm);
  if (!window.IntersectionObserver) return warm();
  function watch(margin, near) {
    new IntersectionObserver(function (e) {
      if (e[e.length - 1].isIntersecting === near) (near ? warm : cool)();
    }, {rootMargin: margin}).observe(root);
  }
  watch("100%% 0px", true);   /* within a screen: decode */
  watch("300%% 0px", false);  /* beyond three screens: let go */
})();"""

STYLE = """.slider-figure{margin:0 0 .5em}
.slider-figure img.sf-frame{display:block;max-width:100%;height:auto}
.sf-controls{display:flex;flex-wrap:wrap;align-items:center;gap:.4em 1.5em;
 margin-top:.3em}
.sf-slider{display:flex;align-items:center;gap:.5em;margin:0}
.sf-slider input{width:11em;max-width:45vw;margin:0;
 accent-color:var(--pst-color-primary)}
.sf-slider output{white-space:nowrap;font-variant-numeric:tabular-nums}
.sf-choice{display:flex;align-items:center}
.sf-choice>span{margin-right:.5em}
.sf-choice label{position:relative;margin:0}
.sf-choice input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
.sf-choice label span{display:block;padding:.1em .7em;cursor:pointer;
 border:1px solid var(--pst-color-border,#ccc);margin-left:-1px}
.sf-choice label:first-of-type span{border-radius:.3em 0 0 .3em;margin-left:0}
.sf-choice label:last-of-type span{border-radius:0 .3em .3em 0}
.sf-choice input:checked+span{background:var(--pst-color-primary,#0a7d91);
 border-color:var(--pst-color-primary,#0a7d91);color:var(--pst-color-background,#fff)}
.sf-choice input:focus-visible+span{outline:2px solid var(--pst-color-accent,#c4501b);
 outline-offset:1px}
html[data-theme=dark] div.slider-figure img.sf-frame.dark-light{
 filter:invert(1) hue-rotate(180deg);background:none;padding:0;border-radius:0}
html[data-theme=dark] div.cell_output div.output.text_html:has(>div.slider-figure){
 background:none;color:inherit;padding:0}"""


def data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def _slider(uid: str, k: int, label: str, texts: Sequence[str], start: int) -> str:
    width = max(len(t) for t in texts)
    shown = html.escape(texts[start])
    return (
        f'<label class="sf-slider"><span>{html.escape(label)}</span>'
        f'<input type="range" min="0" max="{len(texts) - 1}" step="1" value="{start}" '
        f'aria-valuetext="{html.escape(label)} = {shown}">'
        f'<output style="min-width:{width}ch">{shown}</output></label>'
    )


def _choice(uid: str, k: int, label: str, texts: Sequence[str], start: int) -> str:
    buttons = "".join(
        f'<label><input type="radio" name="{uid}-{k}" value="{i}"'
        f'{" checked" if i == start else ""}><span>{html.escape(t)}</span></label>'
        for i, t in enumerate(texts)
    )
    return (f'<div class="sf-choice" role="radiogroup" aria-labelledby="{uid}-{k}">'
            f'<span id="{uid}-{k}">{html.escape(label)}</span>{buttons}</div>')


def page(
    frames: Sequence[bytes],
    mime: str,
    shape: Sequence[int],
    kinds: Sequence[str],
    labels: Sequence[str],
    texts: Sequence[Sequence[str]],
    initial: Sequence[int],
    alt: str,
    css_size: tuple[int, int],
) -> str:
    """HTML that flips between ``frames`` (row-major over the controls' values)."""
    # The id comes from the content, so a rebuilt page is the same page (a random id would
    # make every build differ); two identical figures on one page would share it.
    digest = hashlib.sha256(repr((alt, labels, texts, initial)).encode())
    for frame in frames:
        digest.update(frame)
    uid = "sf-" + digest.hexdigest()[:10]
    start = 0
    for i, n in zip(initial, shape, strict=True):
        start = start * n + i
    make = {"slider": _slider, "choice": _choice}
    controls = "".join(
        make[kind](uid, k, label, vals, i)
        for k, (kind, label, vals, i) in enumerate(zip(kinds, labels, texts, initial,
                                                       strict=True))
    )
    data = {
        "shape": list(shape), "start": start, "type": mime, "labels": list(labels),
        "texts": [list(t) for t in texts],
        # The initial frame is the <img>'s own source; it is not repeated here.
        "frames": ["" if i == start else base64.b64encode(f).decode()
                   for i, f in enumerate(frames)],
    }
    width, height = css_size
    return f"""<div class="slider-figure" id="{uid}">
<img class="sf-frame dark-light" src="{data_url(frames[start], mime)}"
 alt="{html.escape(alt)}" width="{width}" height="{height}">
<div class="sf-controls">{controls}</div>
<script type="application/json" class="sf-data">{_json_for_html(data)}</script>
<script>{SCRIPT % {"uid": uid}}</script>
<style>{STYLE}</style>
</div>"""


def still(png: bytes, alt: str, css_size: tuple[int, int], frames: int) -> str:
    """HTML for where frames were not rendered: the initial frame with its note."""
    width, height = css_size
    return (f'<div class="slider-figure" data-frames-missing="{frames - 1}">'
            f'<img src="{data_url(png, "image/png")}" alt="{html.escape(alt)}" '
            f'width="{width}" style="max-width:100%;height:auto"></div>')


def _json_for_html(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/")
