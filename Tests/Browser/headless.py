"""What every browser test shares: skipping with exit code 77 when a tool is missing, and
starting headless Chromium through chromedriver."""
import shutil
import sys
import time

SKIP = 77


def skip(reason):
    print(f"skip: {reason}; run Tests/bootstrap.sh --test to install it")
    sys.exit(SKIP)


def chromium(arguments=(), capabilities=None):
    """A headless Chromium WebDriver, or exit 77 when selenium, Chromium or chromedriver is
    missing. `arguments` are added to the browser's command line, `capabilities` set as given."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        skip("the Python package selenium is not installed")
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver_path = shutil.which("chromedriver")
    if not browser:
        skip("chromium is not installed")
    if not driver_path:
        skip("chromedriver (Debian package chromium-driver) is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *arguments]:
        options.add_argument(argument)
    for name, value in (capabilities or {}).items():
        options.set_capability(name, value)
    return webdriver.Chrome(service=Service(driver_path), options=options)


def click(element):
    """Clicks a link in the middle of the window, clear of the sticky site header."""
    from selenium.common.exceptions import ElementClickInterceptedException
    element.parent.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    try:
        element.click()
    except ElementClickInterceptedException:
        # The header shrinks as the page scrolls and may still be moving over the link.
        time.sleep(0.5)
        element.click()


def console_errors(driver, failures, where):
    """Adds each console error the browser logged since the last call to `failures` (a
    Content-Security-Policy violation is one). The driver needs goog:loggingPrefs browser ALL."""
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            failures.append(f"{where}: console error: {entry.get('message')}")


def finish(failures, ok="ok"):
    """Prints the failures and exits 1, or prints `ok`: what the Swift side asserts."""
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(ok)
