#!/usr/bin/env python3
"""Measures the site's search next to Pagefind's on the same built site, in headless Chromium.

    Tests/Benchmark/search_measure.py SITE PAGEFIND_DIR QUERY...

SITE is a site built by debrief; PAGEFIND_DIR is what `pagefind --site SITE --output-path
PAGEFIND_DIR` wrote. For each query, on a fresh page with the browser cache off:
  - debrief: search.html?q=QUERY opened from file://, until the first results are shown; the
    time is the page's own (from the query to the results on screen), the bytes are the sizes
    of the search files it loaded (assets/search.js and everything under search/);
  - Pagefind: served over HTTP (it cannot run from file://), `pagefind.search(QUERY)` and the
    data of the first ten results (what its UI shows first); the bytes are those of every
    file under the Pagefind folder it loaded (its script, WebAssembly, index and fragments).
Prints one line per query and tool: bytes loaded, files loaded, milliseconds to first results
(median of 3 fresh loads).
"""
import functools
import http.server
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Browser"))
from headless import chromium  # noqa: E402

HARNESS = """<!doctype html><meta charset="utf-8"><title>pagefind</title>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
const started = performance.now();
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.options({ excerptLength: 30 });
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
window.done = { ms: performance.now() - started, results: search.results.length, shown: data.length };
</script>"""


SERVED = []  # (path, bytes) of every file the server sent, in order


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files quietly and records each file it sends: Pagefind fetches from a worker,
    which the page's resource timing does not see."""

    def log_message(self, *args):
        pass

    def send_head(self):
        result = super().send_head()
        if result is not None:
            path = self.translate_path(self.path)
            if os.path.isfile(path):
                SERVED.append((self.path, os.path.getsize(path)))
        return result


def serve(folder):
    handler = functools.partial(Handler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    site, pagefind_dir, queries = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3:]
    # Pagefind's harness: a folder holding the harness page and a link to Pagefind's output.
    harness_root = os.path.join(os.path.dirname(pagefind_dir), "pagefind-harness")
    os.makedirs(harness_root, exist_ok=True)
    with open(os.path.join(harness_root, "index.html"), "w") as handle:
        handle.write(HARNESS)
    link = os.path.join(harness_root, "pagefind")
    if not os.path.islink(link):
        os.symlink(pagefind_dir, link)
    server = serve(harness_root)
    port = server.server_address[1]

    driver = chromium(["--window-size=1280,900"])
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})

    def cold(origin):
        """Forgets what the browser cached, Pagefind's worker included."""
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    rows = []
    try:
        for query in queries:
            ours, theirs = [], []
            for _ in range(3):
                driver.get("file://" + site + "/search.html?q=" + urllib.parse.quote(query))
                deadline = time.time() + 30
                while time.time() < deadline:
                    ms = driver.execute_script("var t = window.debriefSearch && window.debriefSearch.lastTiming; return t ? t.ms : null")
                    if ms is not None:
                        break
                    time.sleep(0.01)
                loaded = driver.execute_script("return window.debriefSearch.loaded()")
                # search.html loads meta.js itself; the rest the script lists.
                files = [site + "/assets/search.js", site + "/search/meta.js"] + [site + "/search/" + path for path in loaded if path != "meta.js"]
                ours.append((ms, sum(os.path.getsize(f) for f in files), len(files)))

                cold(f"http://127.0.0.1:{port}")
                SERVED.clear()
                driver.get(f"http://127.0.0.1:{port}/index.html?q=" + urllib.parse.quote(query))
                deadline = time.time() + 60
                done = None
                while time.time() < deadline and done is None:
                    done = driver.execute_script("return window.done || null")
                    time.sleep(0.01)
                loaded = [(path, size) for path, size in SERVED if path.startswith("/pagefind/")]
                theirs.append((done["ms"] if done else float("nan"), sum(size for _, size in loaded), len(loaded)))
            for tool, runs in (("debrief", ours), ("pagefind", theirs)):
                rows.append({"query": query, "tool": tool, "ms": statistics.median(r[0] for r in runs),
                             "bytes": statistics.median(r[1] for r in runs), "files": statistics.median(r[2] for r in runs)})
    finally:
        driver.quit()
        server.shutdown()
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
