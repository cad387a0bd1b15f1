"""The built seeds site in a real browser (headless Chromium through selenium): Pagefind search finds the
articles that name a person or a phrase, and the site works when it is served under a sub-path."""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import REPO, SUB, need

WAIT = 20  # seconds: the longest any single step may take


def article_pages(site):
    """Every article page: articles/<year>/<month>/<id>.html and articles/undated/<id>.html."""
    return [p for p in (site / "articles").glob("**/*.html")]


def article_text(page):
    """The indexed part of an article page (Pagefind indexes only data-pagefind-body, the <article>)."""
    html = page.read_text(encoding="utf-8")
    m = re.search(r"<article\b.*?</article>", html, re.S)
    assert m, f"no <article> in {page}"
    return m.group(0)


def articles_naming(site, term):
    return {p.stem for p in article_pages(site) if term in article_text(p)}


def article_id(href, base):
    """The article id (<stem>-<n>) a result link names; the link must point inside the site being served."""
    path = urlparse(href).path
    base_path = urlparse(base).path
    assert path.startswith(base_path), f"result link {href} leaves the site at {base}"
    m = re.fullmatch(r"articles/(?:\d{4}/\d{2}|undated)/([^/]+)\.html", path[len(base_path):])
    assert m, f"result link {href} is not an article page"
    return m.group(1)


def search(driver, base, term):
    """Types term into Pagefind's UI on search/index.html; returns the article ids the results link to."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + "search/index.html")
    box = WebDriverWait(driver, WAIT).until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, "#search input.pagefind-ui__search-input")),
        message="Pagefind's search box did not appear on search/index.html",
    )
    box.send_keys(term)
    return {article_id(h, base) for h in result_links(driver, term)}


def result_links(driver, term):
    """The links of every result Pagefind shows for term on the current page (clicking 加载更多 until all are shown)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # Pagefind first says how many pages it found, then fills in each result; it shows 5 at a time.
    def settled(d):
        msg = d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__message")
        text = msg[0].text if msg else ""
        m = re.search(r"找到 (\d+) 篇", text)
        if not m or term not in text:
            return False
        links = d.find_elements(By.CSS_SELECTOR, "a.pagefind-ui__result-link")
        more = d.find_elements(By.CSS_SELECTOR, "button.pagefind-ui__button")
        if more and more[0].is_displayed() and len(links) >= 5:
            more[0].click()
            return False
        return (int(m.group(1)), [a.get_attribute("href") for a in links]) if len(links) >= int(m.group(1)) else False

    from selenium.common.exceptions import StaleElementReferenceException

    # Pagefind redraws the list while results arrive: an element read mid-redraw is stale, so look again.
    count, hrefs = WebDriverWait(driver, WAIT, ignored_exceptions=[StaleElementReferenceException]).until(
        settled, message=f"no search results for {term} within {WAIT} s",
    )
    assert len(hrefs) == count == len(set(hrefs)), f"{term}: Pagefind said {count} results, links: {hrefs}"
    return hrefs


@pytest.fixture(scope="module")
def search_index(built):
    need((built[1] / "pagefind" / "2023" / "pagefind-ui.js").is_file(),
         "hysite build wrote no search index (pip install 'pagefind[extended]==1.5.2')")


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_search_finds_every_article_naming_liu_yuegao(built, search_index, driver, root_server, sub_server, where):
    site = built[1]
    base = root_server if where == "root" else sub_server
    found = search(driver, base, "刘越高")
    assert {"000_7ef2a64ad5261223-1", "000_7ef2a64ad5261223-2", "002_9162d9dbe36b24a1-1"} <= found
    naming = articles_naming(site, "刘越高")
    assert found == naming, f"results {sorted(found)}, articles naming 刘越高 {sorted(naming)}"


def test_search_finds_a_phrase(built, search_index, driver, root_server):
    site = built[1]
    found = search(driver, root_server, "安全生产")
    assert "000_7ef2a64ad5261223-3" in found
    naming = articles_naming(site, "安全生产")
    assert found == naming, f"results {sorted(found)}, articles containing 安全生产 {sorted(naming)}"


def stack_fonts():
    css = (REPO / "Templates" / "assets" / "site.css").read_text(encoding="utf-8")
    m = re.search(r"--sans:\s*([^;]+);", css)
    assert m, "site.css has no --sans font stack"
    return [f.strip().strip('"') for f in m.group(1).split(",") if f.strip() not in ("sans-serif", "serif")]


def test_article_under_a_sub_path_has_its_style_and_breadcrumbs(built, driver, sub_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(sub_server + "articles/2023/07/000_7ef2a64ad5261223-1.html")
    assert urlparse(driver.current_url).path.startswith(f"/{SUB}/")
    assert "学习贯彻习近平总书记重要讲话" in driver.find_element(By.TAG_NAME, "h1").text

    fonts = stack_fonts()
    family = driver.execute_script("return getComputedStyle(document.body).fontFamily")
    assert any(f in family for f in fonts), f"site.css did not load: body font-family is {family!r}"
    assert "Noto Sans CJK SC" in fonts
    # The stylesheet is served (not a 404 page) and its rules apply: the header's accent border.
    border = driver.execute_script(
        "return getComputedStyle(document.querySelector('.site-header')).borderBottomWidth")
    assert border == "3px", f"site.css rules do not apply: header border {border}"

    # The breadcrumb 首页 › 2023年 › 7月 › 25日 › title: follow 25日 to the day page.
    crumbs = driver.find_elements(By.CSS_SELECTOR, ".breadcrumbs a")
    assert [c.text for c in crumbs] == ["首页", "2023年", "7月", "25日"]
    crumbs[-1].click()
    WebDriverWait(driver, WAIT).until(
        lambda d: urlparse(d.current_url).path == f"/{SUB}/dates/2023/07/25/index.html",
        message=f"the 25日 breadcrumb did not lead to the day page (at {driver.current_url})",
    )
    assert "2023年7月25日" in driver.find_element(By.TAG_NAME, "h1").text
    family = driver.execute_script("return getComputedStyle(document.body).fontFamily")
    assert any(f in family for f in fonts), f"site.css did not load on the day page: {family!r}"
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a.teaser-title")]
    assert sub_server + "articles/2023/07/000_7ef2a64ad5261223-1.html" in links, links

    # And back up: the breadcrumb 首页 leads to the home page under the same sub-path.
    driver.find_element(By.CSS_SELECTOR, ".breadcrumbs a").click()
    WebDriverWait(driver, WAIT).until(
        lambda d: urlparse(d.current_url).path == f"/{SUB}/index.html",
        message=f"the 首页 breadcrumb did not lead home (at {driver.current_url})",
    )
    assert driver.find_element(By.TAG_NAME, "h1").text.strip() != ""


def test_search_page_opened_from_disk_says_search_needs_a_server(built, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get((built[1] / "search" / "index.html").as_uri())
    WebDriverWait(driver, WAIT).until(
        lambda d: "无法搜索" in d.find_element(By.ID, "search").text,
        message="search/index.html from file:// does not say that search needs a web server",
    )
