#!/usr/bin/env python3
"""One page file edited while `hysite serve --no-search` runs (the archive kept in memory), timed as a user sees it.

    serve_edit.py HYSITE PAGES_DIR SITE_DIR TEMPLATES VICTIM N RUN TSV [search]

Starts `hysite serve` on a site already built from PAGES_DIR, waits until it has kept the archive in memory
("archive kept in memory for quick rebuilds"), appends one sentence to VICTIM (edit_page.py, as run.sh's rows do) and
times from the write to the "rebuilt:" line: the file watcher's poll and settle included. The edit is then undone
(and that rebuild waited for), and serve stopped with Ctrl-C. Appends a `hysite-serve-1page` row to TSV (wall:
edit to rebuilt; peak RSS: serve's; pages and files: written after the edit) and prints the build's own report.
With `search`, serve runs with search on (the edited year's Pagefind index is rebuilt) and the row is
`hysite-serve-search-1page`.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

from edit_page import edit

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lines:
    """serve's output lines, read on a thread; `wait(pattern)` blocks until a new line matches."""

    def __init__(self, proc):
        self.lines, self.cond = [], threading.Condition()
        threading.Thread(target=self.pump, args=(proc,), daemon=True).start()

    def pump(self, proc):
        for line in proc.stdout:
            with self.cond:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self.cond.notify_all()

    def wait(self, pattern, after, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for t, line in self.lines[after:]:
                    if re.search(pattern, line):
                        return t, line, len(self.lines)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no line matching {pattern!r} within {timeout} s; last: {self.lines[-3:]}")
                self.cond.wait(left)


def peak_rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def written_since(site, t):
    files = pages = 0
    for root, _, names in os.walk(site):
        for n in names:
            try:
                if os.lstat(os.path.join(root, n)).st_mtime >= t:
                    files += 1
                    pages += n.endswith(".html")
            except OSError:
                pass
    return pages, files


def main():
    hysite, pages_dir, site, templates, victim, n, run, tsv = sys.argv[1:9]
    search = sys.argv[9:] == ["search"]
    tool = "hysite-serve-search-1page" if search else "hysite-serve-1page"
    original = victim + ".serve-orig"
    shutil.copy2(victim, original)
    port = free_port()
    proc = subprocess.Popen([hysite, "serve", "--input", pages_dir, "--output", site, "--templates", templates,
                             "--port", str(port)] + ([] if search else ["--no-search"]), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = Lines(proc)
    rc, wall, rss, pages, files = 0, "NA", "NA", "NA", "NA"
    load1 = open("/proc/loadavg").read().split()[0]
    try:
        _, line, seen = lines.wait(r"archive kept in memory|failed", 0, 900)
        print(line, flush=True)
        time.sleep(1.5)  # stamps settle (a file changed within a second of a build is read again anyway)
        t_file = time.time()
        start = time.monotonic()
        edit(victim)
        t, line, seen = lines.wait(r"rebuilt:|failed", seen, 120)
        wall = f"{t - start:.3f}"
        print(line, flush=True)
        pages, files = written_since(site, t_file)
        rss = peak_rss_kb(proc.pid)
        shutil.copy2(original, victim)
        _, line, _ = lines.wait(r"rebuilt:|failed", seen, 120)
        print(line, flush=True)
    except Exception as e:  # noqa: BLE001 — reported in the row and on stderr
        print(f"serve_edit: {e}", file=sys.stderr)
        rc = 1
        shutil.copy2(original, victim)
    finally:
        os.remove(original)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    with open(tsv, "a") as f:
        f.write("\t".join(map(str, [n, tool, run, rc, wall, rss, pages, files, load1, "NA", "NA"])) + "\n")
    print(f"{tool} N={n} run {run}: edit to rebuilt {wall} s, {pages} pages / {files} files written, peak RSS {rss} kB")


if __name__ == "__main__":
    main()
