#!/usr/bin/env python3
"""Browser test of linked files: serves a built site over HTTP (so every file shares the site's
origin, as on a real host), opens a page, then opens every link and image source of the page in
turn, and fails when any of them shows a JavaScript alert.

    Tests/Browser/linked_files_test.py SITE_DIR PAGE

Exit 0 on success, 1 on failure, 77 when Chromium, chromedriver or selenium is missing
(Tests/bootstrap.sh --test installs them).
"""
import functools
import http.server
import os
import sys
import threading

from headless import chromium, finish, skip


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: linked_files_test.py SITE_DIR PAGE")
    site, page = os.path.abspath(sys.argv[1]), sys.argv[2]
    try:
        from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
        from selenium.webdriver.common.by import By
    except ImportError:
        skip("the Python package selenium is not installed")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"

    driver = chromium(capabilities={"unhandledPromptBehavior": "ignore"})
    failures = []
    opened = 0

    def alert_text():
        try:
            alert = driver.switch_to.alert
            text = alert.text
            alert.dismiss()
            return text
        except NoAlertPresentException:
            return None

    def visit(url):
        try:
            driver.get(url)
            driver.execute_script("return document.readyState")
        except UnexpectedAlertPresentException:
            pass
        text = alert_text()
        if text is not None:
            failures.append(f"{url}: alert({text!r})")

    try:
        visit(origin + page)
        targets = set()
        for element in driver.find_elements(By.CSS_SELECTOR, "main a[href], main img[src]"):
            target = element.get_attribute("href") or element.get_attribute("src")
            if target and target.startswith(origin):
                targets.add(target)
        for target in sorted(targets):
            visit(target)
            opened += 1
    finally:
        driver.quit()
        server.shutdown()
    finish(failures, f"ok: {opened} links opened")


if __name__ == "__main__":
    main()
