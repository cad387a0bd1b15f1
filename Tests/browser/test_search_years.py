"""Search on a site of several years (headless Chromium through selenium): hysite builds one Pagefind index per
year (pagefind/<year>/); the search page merges them, so one query finds articles from every year, and its year
menu narrows the search to one year's index."""

import re
import shutil
import subprocess
import sys
from collections import Counter
from urllib.parse import urlparse

import pytest

from conftest import REPO, Server, hysite_bin, need
from test_search import WAIT, article_text, result_links

TERM = "安全生产"
PAGES_PER_YEAR = 4


@pytest.fixture(scope="module")
def years_site(tmp_path_factory):
    """A site of 3 years (2000-2002): the first 4 page files of each year of a generated 6,000-article corpus."""
    tmp = tmp_path_factory.mktemp("years")
    corpus = tmp / "corpus"
    gen = subprocess.run([sys.executable, str(REPO / "scripts/bench/gen_corpus.py"), "6000", str(corpus)],
                         capture_output=True, text=True, timeout=300)
    assert gen.returncode == 0, gen.stderr
    pages = tmp / "pages"
    pages.mkdir()
    by_year = {}
    for f in sorted((corpus / "pages").glob("*.txt")):
        by_year.setdefault(f.name[:4], []).append(f)
    assert sorted(by_year) == ["2000", "2001", "2002"], sorted(by_year)
    for files in by_year.values():
        for f in files[:PAGES_PER_YEAR]:
            shutil.copy(f, pages / f.name)
    site = tmp / "site"
    run = subprocess.run([str(hysite_bin()), "build", "--input", str(pages), "--output", str(site), "--templates", "Templates"],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"hysite build failed:\n{run.stdout}\n{run.stderr}"
    need((site / "pagefind" / "2000" / "pagefind-ui.js").is_file(),
         "hysite build wrote no search index (pip install 'pagefind[extended]==1.5.2')")
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["2000", "2001", "2002"]
    return site


@pytest.fixture(scope="module")
def years_server(years_site):
    server = Server(years_site)
    yield server.url
    server.stop()


def year_of(href, base):
    """('2001', id) for a result linking to articles/2001/<month>/<id>.html."""
    path = urlparse(href).path
    m = re.fullmatch(r"articles/(\d{4})/\d{2}/([^/]+)\.html", path[len(urlparse(base).path):])
    assert m, f"result link {href} is not a dated article page of the site"
    return m.group(1), m.group(2)


def naming(site, term):
    """(year, id) of every article whose indexed text contains term."""
    return {(p.parts[-3], p.stem) for p in (site / "articles").glob("*/*/*.html") if term in article_text(p)}


def test_one_query_finds_articles_of_every_year_and_the_menu_narrows_it_to_one(years_site, years_server, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait

    expected = naming(years_site, TERM)
    per_year = Counter(y for y, _ in expected)
    assert len(per_year) >= 2, f"the corpus names {TERM} in only {dict(per_year)}: pick another term"

    driver.get(years_server + "search/index.html")
    menu = Select(driver.find_element(By.ID, "search-year"))
    assert [o.text for o in menu.options] == ["全部年份", "2002年", "2001年", "2000年"]
    assert menu.first_selected_option.text == "全部年份"
    box = WebDriverWait(driver, WAIT).until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, "#search input.pagefind-ui__search-input")),
        message="Pagefind's search box did not appear",
    )
    box.send_keys(TERM)
    found = {year_of(h, years_server) for h in result_links(driver, TERM)}
    assert found == expected, f"all years: {sorted(found)} but articles containing {TERM}: {sorted(expected)}"
    assert len({y for y, _ in found}) >= 2

    # The year menu: 2001 only. The page reloads with ?year=2001&q=… and searches that year's index alone.
    Select(driver.find_element(By.ID, "search-year")).select_by_value("2001")
    WebDriverWait(driver, WAIT).until(lambda d: "year=2001" in d.current_url, message="choosing 2001 did not reload the search")
    assert Select(driver.find_element(By.ID, "search-year")).first_selected_option.text == "2001年"
    only = {year_of(h, years_server) for h in result_links(driver, TERM)}
    assert only == {a for a in expected if a[0] == "2001"}, f"2001: {sorted(only)}"
    requested = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    # Pagefind's UI script and stylesheet come from the newest year's folder; the index data only from 2001's.
    data = [u for u in requested if "/pagefind/" in u and "/pagefind-ui." not in u]
    indexes = {m.group(1) for u in data for m in [re.search(r"/pagefind/(\w+)/", u)] if m}
    assert indexes == {"2001"}, f"with 2001 chosen the page loaded the indexes of {sorted(indexes)}: {data}"

    # And back to all years: the query is kept.
    Select(driver.find_element(By.ID, "search-year")).select_by_value("")
    WebDriverWait(driver, WAIT).until(lambda d: "year=" not in d.current_url, message="全部年份 did not reload the search")
    again = {year_of(h, years_server) for h in result_links(driver, TERM)}
    assert again == expected
