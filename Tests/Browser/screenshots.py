#!/usr/bin/env python3
"""Full-page screenshots of a built site, with a programmatic look at each: headless Chromium
opens the dashboard, the longest post-mortem, the actions page and the search page (with a
query) at 1280x900 and 390x844, light and dark (prefers-color-scheme emulated), saves
OUT_DIR/<page>-<width>-<scheme>.png and reports

- elements that stick out of the viewport sideways (the page scrolls sideways), outside the
  regions meant to scroll (`overflow-x: auto`, like the table wrappers);
- text and controls that overlap other text or controls;
- a header out of view, or taller than 64 px, once the page is scrolled;
- console errors (a Content-Security-Policy violation is one).

It builds nothing: give it a site `debrief build` made.

    Tests/Browser/screenshots.py SITE_DIR OUT_DIR [--query TEXT] [--postmortem PATH] [--tiles]

Prints one line per page and size (its height in CSS pixels), then the problems; exits 1 when
there is any, 0 when there is none, 77 when Chromium, chromedriver or selenium is missing
(Tests/bootstrap.sh --test installs them). The longest post-mortem is the tallest page under
postmortems/ at 1280 px, unless --postmortem names one.
"""
import argparse
import base64
import os
import sys
import time
import urllib.parse

from headless import chromium, skip

SIZES = [(1280, 900), (390, 844)]
SCHEMES = ["light", "dark"]
HEADER_LIMIT = 64

# Runs in the page: problems as strings.
CHECK = r"""
const problems = [];
const width = document.documentElement.clientWidth;
function name(element) {
  const parts = [];
  for (let e = element; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    let part = e.tagName.toLowerCase();
    if (e.id) { part += '#' + e.id; parts.unshift(part); break; }
    if (e.classList.length) part += '.' + [...e.classList].slice(0, 2).join('.');
    parts.unshift(part);
  }
  return parts.join(' > ');
}
// Hidden, or clipped to nothing (the visually-hidden labels and table heads).
function visible(element) {
  if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
  for (let e = element; e && e !== document.body; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.clipPath !== 'none' || style.clip !== 'auto') return false;
    if (style.overflow !== 'visible') {
      const r = e.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return false;
    }
  }
  return true;
}
function scrolls(element) {
  for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
    const x = getComputedStyle(e).overflowX;
    if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
  }
  return false;
}
// Sideways overflow.
if (document.documentElement.scrollWidth > width + 1) {
  problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
}
let reported = 0;
for (const element of document.body.querySelectorAll('*')) {
  if (reported >= 10 || !visible(element)) continue;
  const box = element.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) continue;
  if ((box.right > width + 1 || box.left < -1) && !scrolls(element)) {
    problems.push(`overflows the viewport sideways (${Math.round(box.left)}..${Math.round(box.right)} of ${width}): ${name(element)}`);
    reported += 1;
  }
}
// The action tracker is made to fit: on a phone as cards, elsewhere as a table.
for (const region of document.querySelectorAll('.table-scroll')) {
  if (region.querySelector('.actions-table') && region.scrollWidth > region.clientWidth + 1) {
    problems.push(`the action tracker scrolls sideways (${region.scrollWidth} px in ${region.clientWidth} px): ${name(region)}`);
  }
}
// Overlaps: each line of text and each control or image as boxes; two boxes of different
// nodes that cover each other by more than 2 px both ways overlap.
const boxes = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (!node.textContent.trim() || !node.parentElement || !visible(node.parentElement)) continue;
  if (node.parentElement.closest('script, style, noscript, svg')) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  for (const r of range.getClientRects()) {
    if (r.width >= 2 && r.height >= 2) boxes.push({node, r, owner: node.parentElement});
  }
}
for (const element of document.body.querySelectorAll('img, svg, input, select, button, textarea')) {
  if (!visible(element) || element.closest('svg') !== element && element.tagName.toLowerCase() === 'svg') continue;
  const r = element.getBoundingClientRect();
  if (r.width >= 2 && r.height >= 2) boxes.push({node: element, r, owner: element});
}
// A box can only overlap boxes near it: sort by top and look ahead while they can meet.
boxes.sort((a, b) => a.r.top - b.r.top);
let overlaps = 0;
for (let i = 0; i < boxes.length && overlaps < 10; i++) {
  const a = boxes[i];
  for (let j = i + 1; j < boxes.length && boxes[j].r.top < a.r.bottom - 2; j++) {
    const b = boxes[j];
    if (a.node === b.node || a.owner.contains(b.owner) && b.node.nodeType === 1 || b.owner.contains(a.owner) && a.node.nodeType === 1) continue;
    const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (x > 2 && y > 2) {
      const text = n => n.nodeType === 3 ? JSON.stringify(n.textContent.trim().slice(0, 30)) : '<' + n.tagName.toLowerCase() + '>';
      problems.push(`overlap at ${Math.round(a.r.left)},${Math.round(a.r.top)}: ${text(a.node)} in ${name(a.owner)} and ${text(b.node)} in ${name(b.owner)}`);
      overlaps += 1;
      break;
    }
  }
}
return problems;
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("out")
    parser.add_argument("--query", default="connection")
    parser.add_argument("--tiles", action="store_true", help="also save each page a screen at a time (<name>-NN.png)")
    parser.add_argument("--postmortem", help="a post-mortem page, relative to SITE (default: the tallest)")
    args = parser.parse_args()
    site, out = os.path.abspath(args.site), os.path.abspath(args.out)
    if not os.path.isfile(os.path.join(site, "index.html")):
        sys.exit(f"{site} holds no built site (no index.html); run debrief build first")
    os.makedirs(out, exist_ok=True)
    try:
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        skip("the Python package selenium is not installed")
    driver = chromium(["--window-size=1280,900", "--hide-scrollbars"], {"goog:loggingPrefs": {"browser": "ALL"}})
    problems = []
    try:
        wait = WebDriverWait(driver, 20)

        def url(page):
            path, _, query = page.partition("?")
            return "file://" + urllib.parse.quote(os.path.join(site, path)) + ("?" + query if query else "")

        def load(page, width, height, scheme):
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            driver.get(url(page))
            wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
            if page.startswith("search.html"):
                # Results, or the status saying there are none.
                try:
                    wait.until(lambda d: d.execute_script(
                        "const s = document.getElementById('search-status');"
                        "return document.querySelector('#search-results li') !== null || (s && /result/i.test(s.textContent))"))
                except TimeoutException:
                    problems.append(f"{page} {width}x{height}: the search never showed results or a status")
            return driver.execute_script("return document.documentElement.scrollHeight")

        postmortem = args.postmortem
        if not postmortem:
            folder = os.path.join(site, "postmortems")
            pages = sorted(f"postmortems/{name}" for name in os.listdir(folder) if name.endswith(".html")) if os.path.isdir(folder) else []
            heights = {page: load(page, 1280, 900, "light") for page in pages}
            postmortem = max(heights, key=heights.get) if heights else None
        targets = [("dashboard", "index.html"), ("actions", "actions.html"),
                   ("search", "search.html?q=" + urllib.parse.quote(args.query))]
        if postmortem:
            targets.insert(1, ("postmortem", postmortem))
        for label, page in targets:
            for width, height in SIZES:
                for scheme in SCHEMES:
                    full = load(page, width, height, scheme)
                    where = f"{label} ({page}) {width}x{height} {scheme}"
                    found = driver.execute_script(CHECK, HEADER_LIMIT)
                    if full > height + 300:
                        driver.execute_script("window.scrollTo({top: 300, behavior: 'instant'})")
                        time.sleep(0.3)
                        header = driver.execute_script(
                            "const h = document.querySelector('.site-header'); if (!h) return 0;"
                            "const r = h.getBoundingClientRect(); return r.bottom > 0 ? r.height : 0")
                        if header == 0:
                            found.append("the header (site navigation) is out of view once scrolled")
                        elif header > HEADER_LIMIT:
                            found.append(f"the header is {round(header)} px tall once scrolled (at most {HEADER_LIMIT})")
                        driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
                        time.sleep(0.3)
                    for entry in driver.get_log("browser"):
                        if entry.get("level") == "SEVERE":
                            found.append(f"console error: {entry.get('message')}")
                    # The whole page in one image: the viewport made as tall as the page.
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                           {"width": width, "height": full, "deviceScaleFactor": 1, "mobile": width < 600})
                    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
                    name = os.path.join(out, f"{label}-{width}-{scheme}.png")
                    with open(name, "wb") as file:
                        file.write(base64.b64decode(shot["data"]))
                    if args.tiles:
                        # Tall pages are easier to look at a screen at a time.
                        for number, top in enumerate(range(0, full, height)):
                            clip = {"x": 0, "y": top, "width": width, "height": min(height, full - top), "scale": 1}
                            tile = driver.execute_cdp_cmd("Page.captureScreenshot",
                                                          {"format": "png", "captureBeyondViewport": True, "clip": clip})
                            with open(os.path.join(out, f"{label}-{width}-{scheme}-{number + 1:02d}.png"), "wb") as file:
                                file.write(base64.b64decode(tile["data"]))
                    print(f"{where}: {full} px tall -> {os.path.relpath(name)}")
                    problems += [f"{where}: {problem}" for problem in found]
    finally:
        driver.quit()
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("ok: nothing overflows or overlaps")


if __name__ == "__main__":
    main()
