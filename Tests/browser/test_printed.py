"""The printed edition as a reader walks it: from an article to its printed page (版面), on to the next page of
the same day, and into an article printed there — in Chromium, over HTTP. Also: a name in an article's body is a
link to that person's page, and the citation block holds the GB/T 7714 reference.

The site is built from a small generated edition (scripts/bench/gen_corpus.py 16: two days of two numbered
pages, `2000-01-01_01.txt` …), since the seeds name no page numbers and print one page a day.
"""

import subprocess
import sys
from urllib.parse import urlparse

import pytest

from conftest import REPO, Server, hysite_bin

WAIT = 10


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """A built two-day, two-pages-a-day edition, served over HTTP; yields its base URL."""
    parent = tmp_path_factory.mktemp("printed")
    gen = subprocess.run([sys.executable, str(REPO / "scripts/bench/gen_corpus.py"), "16", str(parent / "gc")],
                         capture_output=True, text=True, timeout=120)
    assert gen.returncode == 0, gen.stderr
    site = parent / "site"
    run = subprocess.run([str(hysite_bin()), "build", "--no-search", "--input", str(parent / "gc" / "pages"),
                          "--output", str(site), "--templates", str(REPO / "Templates")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"hysite build failed:\n{run.stdout}\n{run.stderr}"
    server = Server(site)
    yield server.url
    server.stop()


def test_article_to_page_to_next_page_to_article(edition, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def path():
        return urlparse(driver.current_url).path

    def go(link, expect):
        link.click()
        WebDriverWait(driver, WAIT).until(lambda d: path() == expect, message=f"expected {expect}, at {driver.current_url}")

    driver.get(edition + "articles/2000/01/2000-01-01_01-1.html")
    first_title = driver.find_element(By.TAG_NAME, "h1").text
    page_link = driver.find_element(By.CSS_SELECTOR, "a.printed-page")
    assert page_link.text == "2000年1月1日 第1版"

    go(page_link, "/dates/2000/01/01/p01.html")
    assert driver.find_element(By.TAG_NAME, "h1").text == "2000年1月1日 第1版"
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".printed-articles a.teaser-title")]
    assert len(titles) == 4 and titles[0] == first_title, titles
    assert not driver.find_elements(By.CSS_SELECTOR, ".prev-next a[rel=prev]")

    go(driver.find_element(By.CSS_SELECTOR, ".prev-next a[rel=next]"), "/dates/2000/01/01/p02.html")
    assert driver.find_element(By.TAG_NAME, "h1").text == "2000年1月1日 第2版"
    # The last page of the day has no next page (the next day's first page is not it).
    assert not driver.find_elements(By.CSS_SELECTOR, ".prev-next a[rel=next]")
    current = driver.find_element(By.CSS_SELECTOR, ".page-tabs [aria-current=page]")
    assert current.text == "第2版"

    teaser = driver.find_elements(By.CSS_SELECTOR, ".printed-articles a.teaser-title")[1]
    title = teaser.text
    go(teaser, "/articles/2000/01/2000-01-01_02-2.html")
    assert driver.find_element(By.TAG_NAME, "h1").text == title
    assert driver.find_element(By.CSS_SELECTOR, "a.printed-page").text == "2000年1月1日 第2版"

    # Its citation names the paper, the date and the page; a name in the body leads to that person's page.
    citation = driver.find_element(By.ID, "cite-text").text
    assert citation.endswith("[N]. 衡阳晚报, 2000-01-01(2)."), citation
    assert title in citation
    person = driver.find_element(By.CSS_SELECTOR, ".body a.person")
    name = person.text
    go(person, urlparse(person.get_attribute("href")).path)
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith(name)
