"""`hysite serve` as an editor uses it: an open article page follows edits to its page file without a manual
reload, and a template error shows an overlay over the last good page until it is fixed.

The server builds a copy of seeds/ and Templates/ in a temp folder (never the repository's) and listens on
127.0.0.1 only.
"""

import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPO, _free_port, hysite_bin


def wait_for(check, timeout, what):
    """Polls check() until it is truthy; a page reloading under it (stale or missing element) counts as not yet."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except (StaleElementReferenceException, NoSuchElementException):
            value = None
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"not within {timeout} s: {what}")


@pytest.fixture()
def served(tmp_path):
    """`hysite serve` over copies of seeds/ and Templates/; yields (base URL, input folder, templates folder)."""
    inp, tmpl = tmp_path / "pages", tmp_path / "Templates"
    shutil.copytree(REPO / "seeds", inp)
    shutil.copytree(REPO / "Templates", tmpl)
    port = _free_port()
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen(
        [str(hysite_bin()), "serve", "--input", str(inp), "--output", str(tmp_path / "site"), "--templates", str(tmpl),
         "--config", str(tmp_path / "none.yml"), "--port", str(port), "--no-search"],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
    )

    def listening():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            return proc.poll() is not None
    wait_for(listening, 60, "hysite serve listening")
    assert proc.poll() is None, "hysite serve exited early"
    yield f"http://127.0.0.1:{port}/", inp, tmpl
    proc.send_signal(2)  # Ctrl-C
    try:
        assert proc.wait(timeout=10) == 0, "hysite serve did not stop cleanly on Ctrl-C"
    finally:
        if proc.poll() is None:
            proc.kill()
        log.seek(0)
        print(log.read())


def last_article(page_file):
    """The URL and title of the last article parsed from one page file."""
    run = subprocess.run([str(hysite_bin()), "parse", "--json", str(page_file)], capture_output=True, text=True, timeout=60)
    articles = json.loads(run.stdout)["articles"]
    return articles[-1]["url"], articles[-1]["title"]


def test_serve_reloads_on_edit_and_shows_template_errors(served, driver):
    url, inp, tmpl = served
    page_file = sorted(inp.glob("*.txt"))[0]
    path, title = last_article(page_file)
    driver.get(url + path)
    assert title in driver.find_element("tag name", "h1").text
    assert "hysite-live" not in (Path(inp).parent / "site" / path).read_text(), "the hook must not be in the site's files"

    marker = "编辑校对测试段落出现了。"
    page_file.write_text(page_file.read_text(encoding="utf-8").rstrip() + f"\n\n{marker}\n", encoding="utf-8")
    started = time.monotonic()
    wait_for(lambda: marker in driver.find_element("tag name", "body").text, 5, "the edit appears in the open page")
    print(f"edit visible after {time.monotonic() - started:.2f} s")

    article = tmpl / "article.mustache"
    good = article.read_text(encoding="utf-8")
    article.write_text(good.replace("{{title}}", "{{titel}}", 1), encoding="utf-8")
    text = wait_for(lambda: [o.text for o in driver.find_elements("id", "hysite-overlay")], 5, "the error overlay appears")[0]
    assert "titel" in text and "article.mustache" in text, text
    assert marker in driver.find_element("tag name", "body").text, "the last good page stays under the overlay"

    article.write_text(good, encoding="utf-8")
    wait_for(lambda: not driver.find_elements("id", "hysite-overlay"), 5, "the overlay clears once the template is fixed")
    assert marker in driver.find_element("tag name", "body").text
