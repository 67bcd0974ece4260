"""End-to-end test of the search page in headless Chromium: upload a file, read the result list, click a result;
the address of a search (Back, Forward, a loaded link), browsing the collection page by page, a non-image upload,
the page's icon; then, for an index of the exported photos served with --photos, each result's link to its original,
and a photo held twice (a byte copy in another folder) shown as one result marked "+1 identical".

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
IMAGES, PAGE_SIZE = 200, 24  # the tiny Fashion-MNIST's training images; the page's browsing page


def missing_tools():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(path)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (python module)")
    return missing


def start_server(latent, index, options=()):
    """`latent serve` on a port the system picks; returns the process and the page's URL."""
    server = subprocess.Popen([latent, "serve", "--index", index, "--port", "0", *options], stdout=subprocess.PIPE,
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
    replacing cannot go stale half-way through; a browsed page's images, which have no distance, are left out."""
    pairs = driver.execute_script(
        "return [...document.querySelectorAll('#results li.result')].filter(item => item.querySelector('.distance'))"
        ".map(item => "
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


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def check_originals(url, photos):
    """Each result links its original photo, which the browser draws at the file's own size (28 pixels)."""
    driver = start_browser()
    try:
        driver.get(f"{url}?image=0")
        wait(driver, lambda d: len(results(d)) == K, "the search of the imported photos")
        links = driver.execute_script(
            "return [...document.querySelectorAll('#results li.result a.original')].map(link => link.href);")
        assert len(links) == K, f"links to originals: {links}"
        drawn = driver.execute_async_script(
            "const done = arguments[1]; const photo = new Image();"
            "photo.onload = () => done(photo.naturalWidth); photo.onerror = () => done(0); photo.src = arguments[0];",
            links[0])
        assert drawn == 28, f"the original photo drew {drawn} pixels wide"
        first = results(driver)[0][0]
        served = driver.execute_async_script(
            "const done = arguments[1]; fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(b.byteLength));",
            links[0])
        assert served == os.path.getsize(os.path.join(photos, first)), f"{first}: {served} bytes served"
    finally:
        driver.quit()


def check_identical(url, query_file, paths):
    """Two byte-identical photos are one result, the first, marked "+1 identical" with the other's path in its
    tooltip; k counts it once, and /neighbours answers it the same way in JSON."""
    from selenium.webdriver.common.by import By
    driver = start_browser()
    try:
        driver.get(url)
        driver.find_element(By.ID, "file").send_keys(query_file)
        wait(driver, lambda d: len(results(d)) == K, "the search for a photo held twice")
        shown = driver.execute_script(
            "return [...document.querySelectorAll('#results li.result')].map(item => [item.dataset.row,"
            " item.querySelector('.path').textContent, item.querySelector('.copies')?.textContent ?? '',"
            " item.querySelector('.copies')?.title ?? '']);")
        row, first, marked, tooltip = shown[0]
        assert marked == "+1 identical" and {first, tooltip} == set(paths), f"the first result: {shown[0]}"
        assert [item[2] for item in shown[1:]] == [""] * (K - 1), f"other results marked identical: {shown}"
        assert not set(paths) & {item[1] for item in shown[1:]}, f"a copy shown as a result of its own: {shown}"
        answer = driver.execute_async_script(
            "const done = arguments[1]; fetch(arguments[0]).then(r => r.json()).then(done);",
            f"/neighbours/{row}?k={K}")
        assert len(answer["results"]) == K, answer
        assert {answer["results"][0]["path"]} | set(answer["results"][0]["copies"]) == set(paths), answer
        assert all(match["copies"] == [] for match in answer["results"][1:]), answer
    finally:
        driver.quit()


def drive_page(url, query_file, bad_file, screenshot):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = start_browser()
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
        status = driver.find_element(By.ID, "status").text
        assert "most similar images" in status, status
        check_address(driver, url, found[1][0], found[0][0])
        check_browsing(driver, url)
        check_bad_upload(driver, url, bad_file)
        check_icon(driver, url)
        if screenshot:
            driver.save_screenshot(screenshot)
    finally:
        driver.quit()


def row_of(path):
    return int(path.rsplit("/", 1)[1])


def wait(driver, condition, what):
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 30).until(condition, what)


def check_address(driver, url, second, first):
    """After click-to-search the address names the search, and the file input is empty; Back and Forward move
    between searches; a loaded address shows its search."""
    from selenium.webdriver.common.by import By
    wait(driver, lambda d: d.current_url == f"{url}?image={row_of(second)}&k={K}", "the address of a click")
    assert driver.find_element(By.ID, "file").get_attribute("value") == "", "the file input kept the old name"
    third = results(driver)[1][0]
    click_result(driver, 1)
    wait(driver, lambda d: d.current_url.endswith(f"?image={row_of(third)}&k={K}"), "the address of a second click")
    wait(driver, lambda d: results(d) and results(d)[0][0] == third, "the second click's search")
    driver.back()
    wait(driver, lambda d: d.current_url.endswith(f"?image={row_of(second)}&k={K}"), "Back's address")
    wait(driver, lambda d: results(d) and results(d)[0][0] == second, "Back showing the first click's search")
    driver.forward()
    wait(driver, lambda d: results(d) and results(d)[0][0] == third, "Forward showing the second click's search")
    # A shared link: a fresh load of an address shows its search, with its k.
    driver.get(f"{url}?image={row_of(first)}&k=3")
    wait(driver, lambda d: len(results(d)) == 3 and results(d)[0][0] == first, "a loaded address's search")
    assert driver.find_element(By.ID, "k").get_attribute("value") == "3"
    driver.get(f"{url}?image={IMAGES}")
    wait(driver, lambda d: "no image 200 in the index" in d.find_element(By.ID, "status").text,
         "an address naming a row past the index")


def browsed(driver):
    return driver.execute_script(
        "return [...document.querySelectorAll('#results li.result .path')].map(span => span.textContent);")


def check_browsing(driver, url):
    """Browse pages through the collection in order, with ?page=N in the address; Back returns to a page."""
    from selenium.webdriver.common.by import By
    driver.get(url)
    wait(driver, lambda d: d.find_element(By.ID, "count").text == f"{IMAGES} images in the index", "the count")
    driver.find_element(By.ID, "browse").click()
    wait(driver, lambda d: d.current_url == f"{url}?page=1", "page 1's address")
    wait(driver, lambda d: browsed(d) == [f"fashion-mnist/train/{row}" for row in range(PAGE_SIZE)], "page 1")
    assert driver.find_element(By.ID, "previous").get_attribute("disabled") is not None
    driver.find_element(By.ID, "next").click()
    wait(driver, lambda d: browsed(d)[:1] == [f"fashion-mnist/train/{PAGE_SIZE}"], "page 2")
    assert driver.current_url == f"{url}?page=2", driver.current_url
    assert driver.find_element(By.ID, "status").text == f"Images 25 to 48 of {IMAGES}"
    driver.back()
    wait(driver, lambda d: browsed(d)[:1] == ["fashion-mnist/train/0"], "Back to page 1")
    last = -(-IMAGES // PAGE_SIZE)
    driver.get(f"{url}?page={last}")
    wait(driver, lambda d: len(browsed(d)) == IMAGES - (last - 1) * PAGE_SIZE, "the short last page")
    assert driver.find_element(By.ID, "next").get_attribute("disabled") is not None
    # A browsed image searches as a result does.
    click_result(driver, 0)
    first = f"fashion-mnist/train/{(last - 1) * PAGE_SIZE}"
    wait(driver, lambda d: results(d) and results(d)[0][0] == first, "a search from a browsed image")


def check_bad_upload(driver, url, bad_file):
    """A file that is not an image gets the server's message in the status line, and no broken image; the
    address goes back to the page's own."""
    from selenium.webdriver.common.by import By
    driver.get(f"{url}?image=5")
    wait(driver, lambda d: len(results(d)) == K, "the search before the bad upload")
    driver.find_element(By.ID, "file").send_keys(bad_file)
    status = driver.find_element(By.ID, "status")
    wait(driver, lambda d: status.get_attribute("class") == "error", "the bad upload's error")
    assert status.text.startswith("the upload"), status.text
    assert results(driver) == [], "results left beside the error"
    assert not driver.find_element(By.ID, "query").is_displayed(), "a broken query image is shown"
    assert driver.current_url == url, driver.current_url


def check_icon(driver, url):
    """The page's icon is an image the browser can draw, so no request for /favicon.ico gets a 404."""
    drawn = driver.execute_async_script(
        "const done = arguments[0]; const icon = new Image();"
        "icon.onload = () => done(icon.naturalWidth); icon.onerror = () => done(0);"
        "icon.src = document.querySelector('link[rel=icon]').href;")
    assert drawn > 0, f"the icon did not draw: {drawn}"


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
        bad_file = os.path.join(folder, "not-a-picture.png")
        with open(bad_file, "w") as text:
            text.write("these are words, not pixels\n")
        drive_page(url, query, bad_file, arguments.screenshot)
        stop_server(server)
        # The exported photos imported and indexed, served with their folder: each result links its photo. One of them
        # is there twice, byte for byte, in a folder of its own.
        copy = os.path.join(photos, "copies", os.path.basename(query))
        os.makedirs(os.path.dirname(copy))
        shutil.copyfile(query, copy)
        imported, photos_index = os.path.join(folder, "photos.h5"), os.path.join(folder, "photos.index.h5")
        subprocess.run([arguments.latent, "data", "import", photos, "--size", "28", "--colour", "grey", "--out",
                        imported], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([arguments.latent, "index", "build", "--data", imported, "--pca", "16", "--out", photos_index],
                       check=True, stdout=subprocess.DEVNULL)
        server, url = start_server(arguments.latent, photos_index, ["--photos", photos])
        check_originals(url, photos)
        check_identical(url, query, [os.path.relpath(query, photos), os.path.relpath(copy, photos)])
        print("browser: upload, result list, click-to-search, addresses, browsing, a bad upload, the icon, originals "
              "and identical photos passed")
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
