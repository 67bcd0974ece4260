"""End-to-end test of the search page in headless Chromium: upload a file, read the result list, click a result.

Builds a small index of Fashion-MNIST (the catalogue's tiny copy), starts `latent serve` on a free port, drives
the page with Selenium through Debian's chromium and /usr/bin/chromedriver, and stops the server. Fails, naming
what is missing, when chromium, chromedriver or selenium is: a test that cannot run has not passed. Closes with
"N passed, N failed".

Usage: python3 Tests/Browser/search_page_test.py [--latent .build/debug/latent] [--screenshot page.png]
"""
import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TINY = os.path.join(ROOT, "Tests", "BadInput", "files", "tiny")
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
QUERY_ROW, K = 3, 5


def missing_tools():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(path)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (python module)")
    return missing


def start_server(latent, index):
    """`latent serve` on a port the system picks; returns the process and the page's URL."""
    server = subprocess.Popen([latent, "serve", "--index", index, "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        match = re.search(r"on (http://127\.0\.0\.1:\d+/)", line)
        if match:
            return server, match.group(1)
        if not line and server.poll() is not None:
            break
    stop_server(server)
    raise RuntimeError(f"latent serve did not start: {line!r}")


def stop_server(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def results(driver):
    """The result list as (path, distance) pairs, in page order, read in one script so that a list the page is
    replacing cannot go stale half-way through."""
    pairs = driver.execute_script(
        "return [...document.querySelectorAll('#results li.result')].map(item => "
        "[item.querySelector('.path').textContent, item.querySelector('.distance').textContent]);")
    return [(path, float(distance.split()[-1])) for path, distance in pairs]


def click_result(driver, position):
    """Clicks a result as a user would, again if the page replaced the list under the click."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    for _ in range(5):
        try:
            driver.find_elements(By.CSS_SELECTOR, "#results li.result")[position].click()
            return
        except StaleElementReferenceException:
            continue
    raise AssertionError(f"result {position} kept going stale")


def drive_page(url, query_file, screenshot):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.get(url)
        driver.find_element(By.ID, "k").clear()
        driver.find_element(By.ID, "k").send_keys(str(K))
        driver.find_element(By.ID, "file").send_keys(query_file)
        WebDriverWait(driver, 30).until(lambda d: len(results(d)) == K)
        found = results(driver)
        assert found[0][0] == f"fashion-mnist/train/{QUERY_ROW}", f"first result {found[0]}"
        assert abs(found[0][1]) < 1e-4, f"distance of the image to itself: {found[0][1]}"
        assert all(a[1] <= b[1] for a, b in zip(found, found[1:])), f"distances not ascending: {found}"
        thumbnail_loaded = driver.execute_script(
            "const img = document.querySelector('#results li img'); return img.complete && img.naturalWidth;")
        assert thumbnail_loaded == 28, f"thumbnail width {thumbnail_loaded}"
        # Clicking a result searches with it: it then comes first, at distance 0.
        second = found[1][0]
        click_result(driver, 1)
        WebDriverWait(driver, 30).until(lambda d: results(d) and results(d)[0][0] == second)
        assert abs(results(driver)[0][1]) < 1e-4
        if screenshot:
            driver.save_screenshot(screenshot)
        status = driver.find_element(By.ID, "status").text
        assert "most similar images" in status, status
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--latent", default=os.path.join(ROOT, ".build", "debug", "latent"))
    parser.add_argument("--screenshot")
    arguments = parser.parse_args()
    missing = missing_tools()
    if missing:
        print(f"browser test FAILED: cannot run without {', '.join(missing)} (apt-get install chromium "
              "chromium-driver; bash scripts/setup-python.sh)")
        print("browser: 0 passed, 1 failed")
        return 1
    folder = tempfile.mkdtemp(prefix="latent-browser-")
    server = None
    try:
        index = os.path.join(folder, "fashion.index.h5")
        subprocess.run([arguments.latent, "index", "build", "--dataset", "fashion-mnist", "--data-dir", TINY,
                        "--pca", "16", "--out", index], check=True, stdout=subprocess.DEVNULL)
        # The database's images as the files a user would upload; the query is one of them.
        photos = os.path.join(folder, "photos")
        subprocess.run([arguments.latent, "data", "export", "fashion-mnist", "--data-dir", TINY, "--split", "train",
                        "--out", photos], check=True, stdout=subprocess.DEVNULL)
        query, = glob.glob(os.path.join(photos, "*", f"train-{QUERY_ROW:05d}.png"))
        server, url = start_server(arguments.latent, index)
        drive_page(url, query, arguments.screenshot)
        print("browser: upload, result list and click-to-search passed")
        print("browser: 1 passed, 0 failed")
        return 0
    except Exception as error:  # the closing line must come whatever failed
        print(f"browser test FAILED: {type(error).__name__}: {error}")
        print("browser: 0 passed, 1 failed")
        return 1
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
