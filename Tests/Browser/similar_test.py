#!/usr/bin/env python3
"""Browser test of the similar incidents and recurrence parts of the pages, from file:// under
the site's Content-Security-Policy:

    Tests/Browser/similar_test.py SITE_DIR LATER_PAGE EARLIER_ID

On LATER_PAGE (a post-mortem that recurs EARLIER_ID) the "Recurrence" box and the "Similar
incidents (computed)" list are on screen, the table of contents links to the list, the list's
first entry is EARLIER_ID with a score and its reasons, and following it opens that page; the
dashboard lists the recurrence under "Recent recurrences"; at a phone's width nothing scrolls
sideways; no page logs a console error.

Exit 0 on success, 1 on failure, 77 when Chromium, chromedriver or selenium is missing.
"""
import os
import sys

from headless import chromium, click, console_errors, finish, skip


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: similar_test.py SITE_DIR LATER_PAGE EARLIER_ID")
    site, later, earlier_id = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    try:
        from selenium.webdriver.common.by import By
    except ImportError:
        skip("the Python package selenium is not installed")
    root = "file://" + site + "/"
    driver = chromium(capabilities={"goog:loggingPrefs": {"browser": "ALL"}})
    failures = []
    try:
        driver.set_window_size(1280, 900)
        driver.get(root + later)
        box = driver.find_elements(By.CSS_SELECTOR, "section.recurrence")
        if not box or not box[0].is_displayed():
            failures.append("no Recurrence box on screen")
        elif earlier_id not in box[0].text or "was open" not in box[0].text:
            failures.append(f"the Recurrence box does not name {earlier_id}: {box[0].text!r}")
        section = driver.find_elements(By.ID, "debrief-similar")
        if not section or not section[0].is_displayed() or section[0].text != "Similar incidents (computed)":
            failures.append("no 'Similar incidents (computed)' heading on screen")
        if not driver.find_elements(By.CSS_SELECTOR, "nav.toc a[href='#debrief-similar']"):
            failures.append("the table of contents does not link to the similar incidents")
        items = driver.find_elements(By.CSS_SELECTOR, ".similar-list .similar-item")
        if not items:
            failures.append("no similar incident listed")
        else:
            first = items[0]
            if earlier_id not in first.text:
                failures.append(f"first similar incident is not {earlier_id}: {first.text!r}")
            score = first.find_elements(By.CSS_SELECTOR, ".similar-score")
            if not score or not score[0].text.startswith("0."):
                failures.append("the first similar incident shows no score")
            reasons = first.find_elements(By.CSS_SELECTOR, ".similar-reasons")
            if not reasons or "shared terms:" not in reasons[0].text:
                failures.append("the first similar incident shows no reasons")
            link = first.find_element(By.CSS_SELECTOR, "a.similar-title")
            target = link.get_attribute("href")
            click(link)
            if driver.current_url != target or earlier_id not in driver.find_element(By.CSS_SELECTOR, ".doc-id").text:
                failures.append(f"following the first similar incident did not open {earlier_id}")
        console_errors(driver, failures, later)

        driver.get(root + "index.html")
        recent = driver.find_elements(By.ID, "dash-recurrences")
        if not recent or not recent[0].is_displayed():
            failures.append("no 'Recent recurrences' on the dashboard")
        elif earlier_id not in driver.find_element(By.CSS_SELECTOR, "[aria-labelledby='dash-recurrences']").text:
            failures.append(f"the dashboard's recurrences do not name {earlier_id}")
        console_errors(driver, failures, "index.html")

        driver.set_window_size(375, 800)
        for page in [later, "index.html"]:
            driver.get(root + page)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                failures.append(f"{page} scrolls sideways by {overflow} px at 375 px")
            console_errors(driver, failures, page + " (phone)")
    finally:
        driver.quit()
    finish(failures)


if __name__ == "__main__":
    main()
