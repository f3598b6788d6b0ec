#!/usr/bin/env python3
"""Browser test of a built site: headless Chromium opens it from file://, searches from the
header box, expects a post-mortem among the results, and fails on any
console error (Content-Security-Policy violations are console errors too).

    Tests/Browser/search_test.py SITE_DIR QUERY EXPECTED_TITLE

Exit 0 on success, 1 on failure, 77 when Chromium, chromedriver or selenium is missing
(Tests/bootstrap.sh --test installs them).
"""
import os
import sys

from headless import chromium, console_errors, finish, skip


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: search_test.py SITE_DIR QUERY EXPECTED_TITLE")
    site, query, expected = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    try:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        skip("the Python package selenium is not installed")
    driver = chromium(["--window-size=1280,900"], {"goog:loggingPrefs": {"browser": "ALL"}})
    failures = []
    try:
        wait = WebDriverWait(driver, 20)

        # Every page type loads without a console error.
        for page in ["index.html", "actions.html", "postmortems.html", "sops.html", "services.html", "404.html"]:
            driver.get("file://" + os.path.join(site, page))
            wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
            console_errors(driver, failures, page)

        # Search from the header box on the dashboard: the form goes to search.html?q=...
        driver.get("file://" + os.path.join(site, "index.html"))
        box = wait.until(EC.presence_of_element_located((By.ID, "site-search-q")))
        box.send_keys(query)
        box.send_keys(Keys.ENTER)
        wait.until(EC.url_contains("search.html"))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#search-results li")))
        titles = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result-title")]
        if expected not in titles:
            failures.append(f"search for {query!r} did not find {expected!r}; results: {titles}")
        elif titles[0] != expected:
            failures.append(f"search for {query!r} ranked {titles[0]!r} above {expected!r}")
        status = driver.find_element(By.ID, "search-status").text
        if "result" not in status:
            failures.append(f"search status reads {status!r}")
        # The result links to its page, and the page opens.
        driver.find_element(By.LINK_TEXT, expected).click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "article.postmortem h1")))
        heading = driver.find_element(By.CSS_SELECTOR, "article.postmortem h1").text
        if heading != expected:
            failures.append(f"the result opened {heading!r}")
        console_errors(driver, failures, "search")

    finally:
        driver.quit()

    finish(failures)


if __name__ == "__main__":
    main()
