#!/usr/bin/env python3
"""What one search costs the reader: requests and bytes the search page fetches, measured in headless Chromium.

    search_requests.py SITE [--term T ...] [--year Y] [--json OUT]

Serves SITE with python3 -m http.server and counts, from the server's own request log (so requests made by
Pagefind's web worker are counted too), the files each step fetched and their bytes (file sizes; the server does
not compress). Each mode starts a fresh browser (empty cache):
  - all years: search/index.html (Pagefind merges every year's index), then each term typed in turn;
  - one year (--year, default the newest): search/index.html?year=Y (that year's index alone), the same terms.
A step ends when Pagefind shows its result count and the first results (up to 5) are filled in.
Needs selenium, /usr/bin/chromium and /usr/bin/chromedriver (as Tests/browser does).
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from urllib.parse import unquote, urlparse

WAIT = 120


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(site, log):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", site, str(port)],
                            stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"http://127.0.0.1:{port}/"
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("search_requests: http.server did not start")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        o.add_argument(a)
    d = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(WAIT)
    return d


class Log:
    """The server's request log: what was fetched since the last `take`."""
    GET = re.compile(r'"GET (\S+) HTTP/[\d.]+" (\d{3})')

    def __init__(self, path, site):
        self.path, self.site, self.pos = path, site, 0

    def take(self):
        with open(self.path, encoding="utf-8", errors="replace") as f:
            f.seek(self.pos)
            text = f.read()
            self.pos = f.tell()
        files = []
        for m in self.GET.finditer(text):
            rel = unquote(urlparse(m.group(1)).path).lstrip("/")
            full = os.path.join(self.site, rel)
            if os.path.isdir(full):
                full = os.path.join(full, "index.html")
            size = os.path.getsize(full) if m.group(2) == "200" and os.path.isfile(full) else 0
            files.append((rel, size))
        return files


def summarize(files):
    indexes = sorted({m.group(1) for rel, _ in files for m in [re.match(r"pagefind/([^/]+)/", rel)] if m})
    kinds = {}
    for rel, size in files:
        k = ("fragment" if "/fragment/" in rel else "index chunk" if "/index/" in rel else "filter" if "/filter/" in rel
             else "meta" if rel.endswith("pf_meta") else "wasm" if ".pagefind" in rel and "wasm" in rel else "other")
        n, b = kinds.get(k, (0, 0))
        kinds[k] = (n + 1, b + size)
    return dict(requests=len(files), bytes=sum(s for _, s in files), indexes=len(indexes),
                kinds={k: dict(requests=n, bytes=b) for k, (n, b) in sorted(kinds.items())})


def settle(d, term):
    """Waits until Pagefind states its result count for term and shows the first results."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def done(d):
        msg = d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__message")
        text = msg[0].text if msg else ""
        if term not in text or "正在" in text:
            return False
        m = re.search(r"找到 ([\d,]+) 篇", text)
        n = int(m.group(1).replace(",", "")) if m else 0  # 没有找到…: no results
        links = d.find_elements(By.CSS_SELECTOR, "a.pagefind-ui__result-link")
        return len(links) >= min(n, 5) and (n, text)
    return WebDriverWait(d, WAIT).until(done, message=f"no results for {term} within {WAIT} s")


def measure(base, log, query, terms):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    d = browser()
    try:
        log.take()
        t0 = time.monotonic()
        d.get(base + "search/index.html" + query)
        box = WebDriverWait(d, WAIT).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#search input.pagefind-ui__search-input")))
        time.sleep(2)  # let the UI finish loading what it loads before the first query (filters)
        steps = [dict(step="open the search page", seconds=round(time.monotonic() - t0, 2), **summarize(log.take()))]
        for term in terms:
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(Keys.DELETE)
            t0 = time.monotonic()
            box.send_keys(term)
            n, _ = settle(d, term)
            time.sleep(0.5)
            steps.append(dict(step=f"query {term}", results=n, seconds=round(time.monotonic() - t0, 2), **summarize(log.take())))
        return steps
    finally:
        d.quit()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site")
    ap.add_argument("--term", action="append", help="search terms, in order (default: 安全生产, 会议)")
    ap.add_argument("--year", help="the year for the one-year mode (default: the newest)")
    ap.add_argument("--json", help="also write the measurements here")
    a = ap.parse_args()
    terms = a.term or ["安全生产", "会议"]
    years = sorted(p for p in os.listdir(os.path.join(a.site, "pagefind")) if p.isdigit())
    year = a.year or years[-1]
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as lf:
        proc, base = start_server(a.site, lf)
        try:
            log = Log(lf.name, a.site)
            out = dict(site=a.site, years=len(years),
                       all_years=measure(base, log, "", terms),
                       one_year=dict(year=year, steps=measure(base, log, f"?year={year}", terms)))
        finally:
            proc.terminate()
            proc.wait()
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
    print(f"{out['years']} year indexes in {a.site}")
    for label, steps in (("all years", out["all_years"]), (f"year {year} only", out["one_year"]["steps"])):
        for s in steps:
            extra = f", {s['results']} results" if "results" in s else ""
            print(f"- {label} — {s['step']}: {s['requests']} requests, {s['bytes'] / 1024:.0f} KiB from {s['indexes']} indexes"
                  f" in {s['seconds']:.2f} s{extra}; " + ", ".join(f"{k} {v['requests']}×/{v['bytes'] / 1024:.0f} KiB" for k, v in s["kinds"].items()))


if __name__ == "__main__":
    main()
