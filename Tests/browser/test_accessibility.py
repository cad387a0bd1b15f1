"""Accessibility audit: axe-core runs in headless Chromium on every kind of page of a built site, in light and in
dark mode (prefers-color-scheme emulated through the DevTools protocol), and finds 0 violations.

The site is seeds/ (under page-file names that give the day and page, 2023-07-25_01.txt, as a real edition's are)
plus an undated page, with `page_size: 2`, so that every kind exists: home, article, person, person page 2, people
index, day, month, year (with its heatmap), dates index, undated, search with results (Pagefind, installed by
scripts/test.sh), 404, 版面 (printed page). A kind that is missing fails the test, so it cannot pass vacuously.

axe-selenium-python (pinned in scripts/test.sh) runs the engine; the engine itself is axe-core 4.12.1 from
axe-playwright-python (installed without its dependencies, for its axe.min.js only), because the axe-core that
axe-selenium-python 2.1.6 ships is 3.1.1 from 2018 and lacks today's rules (nested-interactive,
scrollable-region-focusable, …).
"""

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, Server, hysite_bin, need
from test_html_valid import UNDATED

WAIT = 20  # seconds

# Every page kind and where the site has one (a glob under the site; the first match, sorted, is audited).
PAGE_KINDS = {
    "home": "index.html",
    "article": "articles/*/*/*.html",
    "person": "people/liu/liu-yue-gao/index.html",
    "person page 2": "people/liu/liu-yue-gao/page/2.html",
    "people index": "people/index.html",
    "day": "dates/*/*/*/index.html",
    "month": "dates/*/*/index.html",
    "year": "dates/[0-9]*/index.html",
    "dates index": "dates/index.html",
    "undated": "dates/undated/index.html",
    "search with results": "search/index.html",
    "404": "404.html",
    "版面 (printed page)": "dates/*/*/*/p[0-9]*.html",
}
# Kinds audited as soon as hysite builds them (a missing one is skipped, not failed): the place for a new kind
# until it is built everywhere; then it moves up into PAGE_KINDS, so that its absence fails.
PAGE_KINDS_WHEN_BUILT = {}
SEARCH_TERM = "刘越高"


@pytest.fixture(scope="module")
def audited_site(tmp_path_factory):
    """seeds/ (named by day and page) plus an undated page, built with page_size 2 (Pagefind indexes it when installed), served at the root."""
    parent = tmp_path_factory.mktemp("a11y")
    src = parent / "in"
    src.mkdir()
    shutil.copy(REPO / "seeds" / "000_7ef2a64ad5261223.txt", src / "2023-07-25_01.txt")
    shutil.copy(REPO / "seeds" / "002_9162d9dbe36b24a1.txt", src / "2023-12-13_01.txt")
    (src / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (parent / "hysite.yml").write_text("page_size: 2\n", encoding="utf-8")
    site = parent / "site"
    run = subprocess.run(
        [str(hysite_bin()), "build", "--config", str(parent / "hysite.yml"), "--input", str(src), "--output", str(site),
         "--templates", str(REPO / "Templates")],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, f"hysite build failed:\n{run.stdout}\n{run.stderr}"
    server = Server(site)
    yield site, server.url
    server.stop()


def axe_script():
    """axe-core 4.x's axe.min.js (from axe-playwright-python), or None."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        return None
    script = Path(spec.origin).parent / "axe.min.js"
    return script if script.is_file() else None


def pages(site):
    """(kind, site-relative path) of every kind the site has; fails when a required kind is missing."""
    found = []
    for kind, pattern in PAGE_KINDS.items():
        matches = sorted(site.glob(pattern))
        assert matches, f"the audited site has no {kind} page ({pattern})"
        found.append((kind, matches[0].relative_to(site).as_posix()))
    for kind, pattern in PAGE_KINDS_WHEN_BUILT.items():
        matches = sorted(site.glob(pattern))
        if matches:
            found.append((kind, matches[0].relative_to(site).as_posix()))
    return found


def load(driver, url, kind):
    """Opens a page; on the search page, searches and waits until Pagefind has shown its results."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    if kind != "search with results":
        driver.get(url)
        return
    driver.get(url + "?q=" + SEARCH_TERM)
    WebDriverWait(driver, WAIT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "a.pagefind-ui__result-link"),
        message=f"Pagefind showed no results for {SEARCH_TERM}",
    )


def violations(driver, axe):
    """axe.run on the whole page: every violation as one readable line per node."""
    axe.inject()
    results = axe.run()
    lines = []
    for v in results["violations"]:
        for node in v["nodes"]:
            lines.append(f"  {v['id']} ({v['impact']}): {v['help']} — {' '.join(map(str, node['target']))}: "
                         f"{node.get('failureSummary', '').splitlines()[-1] if node.get('failureSummary') else ''}")
    return lines


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_kind_has_no_axe_violations(driver, audited_site, scheme):
    need(importlib.util.find_spec("axe_selenium_python") is not None,
         "axe-selenium-python is not installed (pip install axe-selenium-python==2.1.6)")
    script = axe_script()
    need(script is not None, "axe-core 4 is not installed (pip install --no-deps axe-playwright-python==0.1.8)")
    site, base = audited_site
    need(any((site / "pagefind").glob("*/pagefind-ui.js")), "hysite build wrote no search index (pip install 'pagefind[extended]==1.5.2')")
    from axe_selenium_python import Axe

    axe = Axe(driver, script_url=str(script))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        assert driver.execute_script(f"return matchMedia('(prefers-color-scheme: {scheme})').matches"), "emulation failed"
        report = []
        audited = pages(site)
        for kind, path in audited:
            load(driver, base + path, kind)
            found = violations(driver, axe)
            if found:
                report.append(f"{kind} ({path}), {scheme}:\n" + "\n".join(found))
        assert not report, f"axe-core found violations on {len(report)} of {len(audited)} page kinds:\n" + "\n".join(report)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
