#!/usr/bin/env python3
"""Accessibility check of a built site with axe-core in headless Chromium, at desktop and
phone widths. axe-core comes from the PyPI package axe-core-python (axe 4.4); the older
axe-selenium-python (axe 3.1, whose rules predate `<div>` groups in `<dl>`) is the fallback.

    Tests/Browser/axe_check.py SITE_DIR PAGE...

Prints every violation; exit 1 when one is serious or critical, 77 when a tool is missing.
"""
import json
import os
import sys

from headless import chromium, skip


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: axe_check.py SITE_DIR PAGE...")
    site, pages = os.path.abspath(sys.argv[1]), sys.argv[2:]
    script_path = None
    try:
        import axe_core_python
        script_path = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")
    except ImportError:
        try:
            import axe_selenium_python
            script_path = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
        except ImportError:
            skip("the Python package axe-core-python is not installed")
    with open(script_path, encoding="utf-8") as handle:
        axe_source = handle.read()

    driver = chromium()
    serious = 0
    try:
        for width, height in [(1280, 900), (390, 844)]:
            driver.set_window_size(width, height)
            for page in pages:
                driver.get("file://" + os.path.join(site, page))
                driver.execute_script(axe_source)
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)));")
                for violation in json.loads(result):
                    impact = violation.get("impact") or "minor"
                    if impact in ("serious", "critical"):
                        serious += 1
                    targets = [node.get("target") for node in violation.get("nodes", [])][:3]
                    print(f"{page} @{width}px: {impact}: {violation['id']}: {violation['help']} {targets}")
    finally:
        driver.quit()
    if serious:
        print(f"{serious} serious or critical violations")
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
