#!/usr/bin/env python3
"""Browser test of the actions page: headless Chromium opens it (from file:// or from
`debrief serve`), filters by status, owner, service, tag, severity and SOP, alone and combined,
from the form and from a deep link, pages through the results, and fails on any console error
(Content-Security-Policy violations are console errors too). What each filter should find is
worked out here, independently, from the action data files.

    Tests/Browser/actions_test.py SITE_DIR BASE_URL

BASE_URL is file:///.../site/ or http://127.0.0.1:PORT/. Exit 0 on success, 1 on failure, 77
when Chromium, chromedriver or selenium is missing.
"""
import json
import os
import sys
from urllib.parse import urlencode

from headless import chromium, console_errors, finish, skip

PER_PAGE = 100


def load_data(site):
    """The meta object and every row, from the files the page loads."""
    def payload(path, prefix):
        with open(os.path.join(site, path), encoding="utf-8") as handle:
            text = handle.read()
        assert text.startswith(prefix) and text.endswith(";\n"), path
        return json.loads(text[len(prefix):-2])
    meta = payload("actions-data/meta.js", "window.DEBRIEF_ACTION_META = ")
    rows = []
    for number in range(meta["shards"]):
        rows += payload(f"actions-data/{number}.js",
                        f"(window.DEBRIEF_ACTION_SHARDS = window.DEBRIEF_ACTION_SHARDS || [])[{number}] = ")
    return meta, rows


def expected_keys(meta, rows, filters):
    def index(table, value):
        return next((i for i, item in enumerate(meta[table]) if item[0] == value), -2)
    keys = []
    for row in rows:
        pm = meta["postmortems"][row[6]]
        status = filters.get("status")
        if status == "overdue" and not row[3] > 0:
            continue
        if status and status != "overdue" and (not isinstance(row[2], int) or meta["statuses"][row[2]][0] != status):
            continue
        if "owner" in filters and row[4] != index("owners", filters["owner"]):
            continue
        if "service" in filters and index("services", filters["service"]) not in pm[3]:
            continue
        if "tag" in filters and index("tags", filters["tag"]) not in pm[4]:
            continue
        if "severity" in filters and pm[2] != index("severities", filters["severity"]):
            continue
        if "sop" in filters and index("sops", filters["sop"]) not in (row[7] if len(row) > 7 else []):
            continue
        keys.append(row[0])
    return keys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: actions_test.py SITE_DIR BASE_URL")
    site, base = os.path.abspath(sys.argv[1]), sys.argv[2]
    try:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import Select, WebDriverWait
    except ImportError:
        skip("the Python package selenium is not installed")
    meta, rows = load_data(site)
    driver = chromium(["--window-size=1280,900"], {"goog:loggingPrefs": {"browser": "ALL"}})
    failures = []
    try:
        wait = WebDriverWait(driver, 30)

        def shown_keys():
            return [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#action-results small.action-key")]

        def settle(filters, page=1):
            """Waits for the results to show what the filters should find, page `page`."""
            want = expected_keys(meta, rows, filters)
            first = want[(page - 1) * PER_PAGE:page * PER_PAGE]
            label = f"{filters} page {page}"
            try:
                if want:
                    wait.until(lambda d: shown_keys() == first)
                else:
                    wait.until(lambda d: "No action matches" in d.find_element(By.ID, "action-filter-status").text)
            except Exception:
                failures.append(f"{label}: expected {len(want)} matches starting {first[:3]}, the page shows {shown_keys()[:3]}"
                                f" ({driver.find_element(By.ID, 'action-filter-status').text!r})")
                return want
            status = driver.find_element(By.ID, "action-filter-status").text
            if want and not status.startswith(f"{len(want)} action"):
                failures.append(f"{label}: status reads {status!r}, expected {len(want)} matches")
            if driver.find_element(By.ID, "action-list").is_displayed():
                failures.append(f"{label}: the unfiltered list is still shown")
            for name, value in filters.items():
                if f"{name}={value}" not in driver.current_url:
                    failures.append(f"{label}: the address {driver.current_url} does not hold {name}={value}")
            return want

        # Without a filter the complete list shows and nothing else is loaded.
        driver.get(base + "actions.html")
        form = wait.until(EC.visibility_of_element_located((By.ID, "action-filters")))
        if not driver.find_element(By.ID, "action-list").is_displayed():
            failures.append("the complete list is hidden without a filter")
        if driver.execute_script("return typeof window.DEBRIEF_ACTION_META") != "undefined":
            failures.append("the action data loaded before any filter was set")

        # One filter at a time, from the form.
        owner = meta["owners"][0][0]
        service = meta["services"][0][0]
        Select(form.find_element(By.ID, "filter-status")).select_by_value("overdue")
        overdue = settle({"status": "overdue"})
        if not overdue:
            failures.append("the fixture has no overdue action")
        if any("is-overdue" not in (row.get_attribute("class") or "") for row in driver.find_elements(By.CSS_SELECTOR, "#action-results tbody tr")):
            failures.append("an overdue result is not marked overdue")
        Select(form.find_element(By.ID, "filter-status")).select_by_value("")
        Select(form.find_element(By.ID, "filter-owner")).select_by_value(owner)
        settle({"owner": owner})
        names = {cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#action-results tbody td:nth-child(3)")}
        if names != {meta["owners"][0][1]}:
            failures.append(f"the owner filter shows owners {names}")
        Select(form.find_element(By.ID, "filter-owner")).select_by_value("")
        Select(form.find_element(By.ID, "filter-service")).select_by_value(service)
        settle({"service": service})

        # Combined: service and status.
        Select(form.find_element(By.ID, "filter-status")).select_by_value("open")
        settle({"service": service, "status": "open"})

        # Clearing brings the complete list back.
        form.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
        wait.until(lambda d: d.find_element(By.ID, "action-list").is_displayed())
        if "service=" in driver.current_url or "status=" in driver.current_url:
            failures.append(f"clearing left the filters in the address: {driver.current_url}")
        console_errors(driver, failures, "form filters")

        # Deep links, as other pages write them.
        for filters in [{"status": "open"}, {"owner": owner, "service": service}, {"sop": meta["sops"][0][0]},
                        {"tag": meta["tags"][0][0]}, {"severity": meta["severities"][0][0]}]:
            driver.get(base + "actions.html?" + urlencode(filters))
            settle(filters)
            console_errors(driver, failures, f"deep link {filters}")

        # Results longer than a page are paged, in the browser and in the address.
        filters = {"status": "open"}
        driver.get(base + "actions.html?" + urlencode(filters))
        want = settle(filters)
        if len(want) <= PER_PAGE:
            failures.append(f"the fixture has only {len(want)} open actions; paging is not exercised")
        else:
            if len(driver.find_elements(By.CSS_SELECTOR, "#action-results tbody tr")) != PER_PAGE:
                failures.append("the first page of results does not hold 100 rows")
            next_page = driver.find_element(By.XPATH, "//div[@id='action-results']//button[text()='Next page']")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", next_page)
            next_page.click()
            settle(filters, page=2)
            if "p=2" not in driver.current_url:
                failures.append(f"page 2 is not in the address: {driver.current_url}")
            driver.get(base + "actions.html?" + urlencode(dict(filters, p="2")))
            settle(filters, page=2)
        console_errors(driver, failures, "paging")
    finally:
        driver.quit()

    phone_checks(base, failures)
    finish(failures)


PHONE_CHECK = """
const width = document.documentElement.clientWidth;
const problems = [];
if (document.documentElement.scrollWidth > width) problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
const rows = Array.from(document.querySelectorAll(arguments[0] + ' tbody tr')).slice(0, 20);
if (rows.length === 0) problems.push('no action rows');
rows.forEach(function (row, n) {
  Array.from(row.cells).forEach(function (cell, c) {
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) problems.push('row ' + n + ' cell ' + c + ' is hidden');
    if (box.right > width + 0.5 || box.left < -0.5) problems.push('row ' + n + ' cell ' + c + ' is off-screen (' + Math.round(box.left) + '-' + Math.round(box.right) + ' of ' + width + ')');
    if (c >= 2 && getComputedStyle(cell, '::before').content.replace(/"/g, '') === 'none') problems.push('row ' + n + ' cell ' + c + ' has no label');
  });
});
return problems;
"""


def phone_checks(base, failures):
    """At a phone's width (the window asks for 390 x 844; headless Chromium keeps it under 600
    CSS pixels, where the cards apply) every field of every action row is on screen, labelled, and
    nothing scrolls sideways: in the complete list and in filtered results."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver = chromium(["--window-size=390,844"])
    try:
        driver.get(base + "actions.html")
        failures += [f"phone, complete list: {p}" for p in driver.execute_script(PHONE_CHECK, "#action-list")]
        driver.get(base + "actions.html?status=open")
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#action-results tbody tr"))
        failures += [f"phone, filtered: {p}" for p in driver.execute_script(PHONE_CHECK, "#action-results")]
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
