#!/usr/bin/env python3
"""Browser test of the full-text search on the search fixture (Tests/DebriefCLITests/Fixtures/
search-repo) built into SITE: headless Chromium opens BASE_URL (file://... or http://...) and
checks the page's analyzer against the fixture the Swift analyzer is tested with, then words
found only in bodies, a phrase, filters, a prefix, a suggestion, snippets with section links,
keyboard navigation, and no console errors (Content-Security-Policy violations are errors).

    Tests/Browser/full_text_search_test.py BASE_URL ANALYSIS_FIXTURE

Exit 0 on success, 1 on failure, 77 when Chromium, chromedriver or selenium is missing.
"""
import sys
import urllib.parse

from headless import chromium, console_errors, finish, skip


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: full_text_search_test.py BASE_URL ANALYSIS_FIXTURE")
    base, fixture = sys.argv[1], sys.argv[2]
    if not base.endswith("/"):
        base += "/"
    try:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        skip("the Python package selenium is not installed")
    driver = chromium(["--window-size=1280,900"], {"goog:loggingPrefs": {"browser": "ALL"}})
    failures = []
    wait = WebDriverWait(driver, 20)

    def search(query):
        """Opens search.html?q=query and waits until the status line is written."""
        driver.get(base + "search.html?q=" + urllib.parse.quote(query))
        wait.until(lambda d: d.find_element(By.ID, "search-status").text != "")
        return results()

    def results():
        items = []
        for li in driver.find_elements(By.CSS_SELECTOR, "#search-results > li"):
            title = li.find_element(By.CSS_SELECTOR, ".search-result-title").text
            excerpt = li.find_elements(By.CSS_SELECTOR, ".search-result-excerpt")
            marks = [m.text for m in li.find_elements(By.CSS_SELECTOR, ".search-result-excerpt mark")]
            section = li.find_elements(By.CSS_SELECTOR, ".search-result-section")
            items.append({"title": title, "excerpt": excerpt[0].text if excerpt else "", "marks": marks,
                          "section": section[0].get_attribute("href") if section else "",
                          "badges": [b.text for b in li.find_elements(By.CSS_SELECTOR, ".badge")],
                          "actions": [a.text for a in li.find_elements(By.CSS_SELECTOR, ".search-result-actions li")]})
        return items

    try:
        # 1. The page's analyzer gives the terms the build's analyzer gives.
        driver.get(base + "search.html")
        wait.until(lambda d: d.execute_script("return !!(window.debriefSearch && window.debriefSearch.analyze)"))
        with open(fixture, encoding="utf-8") as handle:
            for line in handle.read().splitlines():
                text, _, expected = line.partition("\t")
                actual = " ".join(driver.execute_script("return window.debriefSearch.analyze(arguments[0])", text))
                if actual != expected:
                    failures.append(f"analyzer differs on {text!r}: page {actual!r}, build {expected!r}")

        # 2. Words that are only in bodies find their post-mortem first.
        for query, expected, section in [
            ("pg_basebackup", "Primary database data loss during replication repair", "#root-cause"),
            ("Orchestrator", "Writes split across two data centres after a network partition", "#root-cause"),
            ("Transit Gateway", "Internal network congestion took down the console and APIs", "#root-cause"),
            ("regular expression", "Global CPU exhaustion after a firewall rule deploy", "#root-cause"),
            ("soft deletes", "Customer projects removed by a cleanup job", "#root-cause"),
        ]:
            found = search(query)
            titles = [r["title"] for r in found]
            if expected not in titles:
                failures.append(f"{query!r} did not find {expected!r}: {titles}")
                continue
            hit = found[titles.index(expected)]
            if titles[0] != expected and query != "pg_basebackup":
                failures.append(f"{query!r} ranked {titles[0]!r} first")
            if not hit["marks"]:
                failures.append(f"{query!r}: no highlighted word in the snippet {hit['excerpt']!r}")
            if not hit["section"].endswith(section):
                failures.append(f"{query!r}: the snippet links to {hit['section']!r}, not {section}")
        # pg_basebackup is also in an SOP; the incident is one of the two results.
        if len(search("pg_basebackup")) != 2:
            failures.append("pg_basebackup: expected the incident and the SOP")

        # 3. A phrase holds its order; the same words in another order do not match it.
        found = search('"soft deletes"')
        if [r["title"] for r in found] != ["Customer projects removed by a cleanup job"]:
            failures.append(f"phrase: {[r['title'] for r in found]}")
        if search('"deletes soft"'):
            failures.append("a phrase in the wrong order matched")

        # 4. Filters: severity and year; every result carries the severity.
        found = search("severity:SEV1 primary")
        if not found or any("SEV1" not in r["badges"] for r in found):
            failures.append(f"severity filter: {[(r['title'], r['badges']) for r in found]}")
        found = search("year:2019")
        if [r["title"] for r in found] != ["Global CPU exhaustion after a firewall rule deploy"]:
            failures.append(f"year filter: {[r['title'] for r in found]}")
        found = search("is:overdue")
        if not found or any(not any("overdue" in a for a in r["actions"]) for r in found):
            failures.append(f"is:overdue: {[(r['title'], r['actions']) for r in found]}")
        found = search("-restore pg_basebackup")
        if found:
            failures.append(f"an excluded word still matched: {[r['title'] for r in found]}")

        # Filter entries are not words: "yea" (typed on the way to year:) finds no document.
        if search("yea"):
            failures.append("a prefix matched the filter entries year:...")
        # Words of a URL in a query are each required: no document has "zzzz".
        search("https://status.example.com/zzzz")
        status = driver.find_element(By.ID, "search-status").text
        if "No document has every word" not in status and "No results" not in status:
            failures.append(f"a URL query dropped a word: {status!r}")

        # 5. The word being typed matches longer words.
        found = search("orchestr")
        if [r["title"] for r in found] != ["Writes split across two data centres after a network partition"]:
            failures.append(f"prefix: {[r['title'] for r in found]}")

        # 6. Nothing found: the nearest indexed word is offered, and following it searches.
        found = search("orchestrater")
        status = driver.find_element(By.ID, "search-status").text
        if found or "No results" not in status:
            failures.append(f"misspelling: status {status!r}, results {found}")
        wait.until(lambda d: d.find_element(By.ID, "search-suggest").text != "")
        suggestion = driver.find_element(By.CSS_SELECTOR, "#search-suggest a")
        if suggestion.text != "orchestrator":
            failures.append(f"suggestion: {suggestion.text!r}")
        suggestion.click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#search-results > li")) > 0)
        if results()[0]["title"] != "Writes split across two data centres after a network partition":
            failures.append("following the suggestion did not find the post-mortem")

        # 7. Keyboard: typing searches; arrow down moves to the first result, escape back.
        driver.get(base + "search.html")
        box = wait.until(lambda d: d.find_element(By.ID, "search-q"))
        box.send_keys("connection pool")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#search-results > li")) >= 2)
        box.send_keys(Keys.ARROW_DOWN)
        active = driver.switch_to.active_element
        first = driver.find_element(By.CSS_SELECTOR, "#search-results .search-result-title")
        if active != first:
            failures.append("arrow down did not move to the first result")
        active.send_keys(Keys.ARROW_DOWN)
        second = driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result-title")[1]
        if driver.switch_to.active_element != second:
            failures.append("arrow down did not move to the second result")
        driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        if driver.switch_to.active_element != driver.find_element(By.ID, "search-q"):
            failures.append("escape did not go back to the box")
        console_errors(driver, failures, "search")
    finally:
        driver.quit()

    finish(failures)


if __name__ == "__main__":
    main()
