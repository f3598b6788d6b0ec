#!/usr/bin/env python3
"""Browser test of a service's history and the dashboard's late and "on this day" parts, on the
site built from Tests/DebriefCLITests/Fixtures/history-repo as of 2026-12-01: headless Chromium
opens them (from file:// under the site's Content-Security-Policy), checks what they show,
follows the dashboard's service link and the history's overdue link into the filtered actions
view, and fails on any console error.

    Tests/Browser/service_history_test.py BASE_URL

Exit 0 on success, 1 on failure, 77 when Chromium, chromedriver or selenium is missing.
"""
import sys

from headless import chromium, click, console_errors, finish, skip


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: service_history_test.py BASE_URL")
    base = sys.argv[1]
    try:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        skip("the Python package selenium is not installed")
    driver = chromium(["--window-size=1280,900"], {"goog:loggingPrefs": {"browser": "ALL"}})
    failures = []
    try:
        wait = WebDriverWait(driver, 30)

        # The dashboard: the late post-mortem, the incidents of week 49 in earlier years.
        driver.get(base + "index.html")
        late = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "section[aria-labelledby=dash-late]")))
        if "INC-2026-061" not in late.text or "4 days late" not in late.text:
            failures.append(f"the late part reads {late.text!r}")
        day = driver.find_element(By.CSS_SELECTOR, "section.on-this-day")
        items = [item.text for item in day.find_elements(By.CSS_SELECTOR, "li")]
        if len(items) != 2 or "INC-2024-077" not in items[0] or "INC-2023-041" not in items[1]:
            failures.append(f"on this day lists {items}")
        if "2026-12-01" not in day.text or "week 49" not in day.text:
            failures.append(f"on this day does not say which week and build day: {day.text!r}")
        if "1 overdue" not in items[-1]:
            failures.append(f"the 2023 incident's overdue action is not counted: {items[-1]!r}")
        console_errors(driver, failures, "dashboard")

        # A dashboard chart links into the service's history.
        click(driver.find_element(By.CSS_SELECTOR, "ol.bar-list a[href$='services/checkout.html#history']"))
        history = wait.until(EC.visibility_of_element_located((By.ID, "history")))
        text = history.text
        for expected in ["2 days since the last incident", "189 days between incidents (median)", "9 days between the last two",
                         "2 open actions", "1 overdue", "1 stale SOP", "1 incident of this service", "stale since 2023-12-05"]:
            if expected not in text.replace("\n", " "):
                failures.append(f"the history does not read {expected!r}: {text!r}")
        for chart in ["history-incidents", "history-trend"]:
            svgs = driver.find_elements(By.CSS_SELECTOR, f"#{chart} svg[role=img]")
            if len(svgs) != 1 or svgs[0].size["width"] < 200:
                failures.append(f"the {chart} chart is missing or collapsed")
        dots = driver.find_elements(By.CSS_SELECTOR, "#history-trend circle.trend-ttr")
        if len(dots) != 4:
            failures.append(f"the trend has {len(dots)} time-to-resolve points, expected 4 quarters")
        if driver.execute_script("return getComputedStyle(document.querySelector('#history-trend polyline.trend-ttr')).fill") != "none":
            failures.append("a trend line is filled")
        rows = driver.find_elements(By.CSS_SELECTOR, "#history table.actions-table tbody tr")
        if len(rows) != 2 or "is-overdue" not in (rows[0].get_attribute("class") or ""):
            failures.append("the open actions are not listed overdue first")
        console_errors(driver, failures, "service page")

        # Its overdue link opens the actions view filtered to this service's overdue actions.
        click(history.find_element(By.PARTIAL_LINK_TEXT, "only the overdue ones"))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#action-results small.action-key"))
        keys = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#action-results small.action-key")]
        if keys != ["INC-2023-041/PA-2"]:
            failures.append(f"the overdue link shows {keys}")
        console_errors(driver, failures, "filtered actions")

        # The post-mortem page's review record.
        driver.get(base + "postmortems/2026-11-20-checkout-payments-timeout.html")
        facts = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".publish-deadline"))).text
        if "2026-11-27" not in facts or "4 days late" not in facts:
            failures.append(f"the publishing deadline reads {facts!r}")
        console_errors(driver, failures, "post-mortem page")
    finally:
        driver.quit()
    finish(failures)


if __name__ == "__main__":
    main()
