#!/usr/bin/env python3
"""People precision/recall of `hysite parse` against hand labels.

    score_people.py PAGES_DIR LABELS_DIR [--hysite BIN] [--part all|dev|held] [--show]

PAGES_DIR holds page files NAME.txt; LABELS_DIR holds NAME.expected.json with `articles[].title` and
`articles[].people`. Articles are matched by title (exact, else the closest by shared characters).
Two scores: per matched article, and per page (union of people over the page's articles, which does not
depend on where the parser put article boundaries). `--part held` scores the files whose name's CRC-32 is divisible by 4 (a quarter, stable as files are added),
`--part dev` the rest. `--show` lists misses and extras.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, zlib


def similarity(a, b):
    if not a or not b:
        return 0.0
    common = sum(min(a.count(c), b.count(c)) for c in set(a))
    return 2 * common / (len(a) + len(b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("labels")
    ap.add_argument("--hysite", default=".build/debug/hysite")
    ap.add_argument("--part", default="all", choices=["all", "dev", "held"])
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    names = sorted(f[:-4] for f in os.listdir(args.pages)
                   if f.endswith(".txt") and os.path.exists(os.path.join(args.labels, f[:-4] + ".expected.json")))
    if args.part != "all":
        names = [n for n in names if (zlib.crc32(n.encode()) % 4 == 0) == (args.part == "held")]
    with tempfile.TemporaryDirectory() as tmp:
        for n in names:
            shutil.copyfile(os.path.join(args.pages, n + ".txt"), os.path.join(tmp, n + ".txt"))
        out = json.loads(subprocess.run([os.path.abspath(args.hysite), "parse", tmp, "--json", "--default-year", "2020"],
                                        capture_output=True, check=True, cwd=tmp).stdout)
    by_page = {}
    for a in out["articles"]:
        by_page.setdefault(os.path.basename(a["file"])[:-4], []).append(a)
    art = {"tp": 0, "fp": 0, "fn": 0}
    page = {"tp": 0, "fp": 0, "fn": 0}
    matched = total = 0
    for n in names:
        want = json.load(open(os.path.join(args.labels, n + ".expected.json"), encoding="utf-8"))["articles"]
        got = by_page.get(n, [])
        wp = set(p for w in want for p in w.get("people", []))
        gp = set(p for g in got for p in g["people"])
        page["tp"] += len(wp & gp); page["fp"] += len(gp - wp); page["fn"] += len(wp - gp)
        if args.show and (wp - gp or gp - wp):
            print(f"{n}\n   missed {sorted(wp - gp)}\n   extra  {sorted(gp - wp)}")
        for w in want:
            total += 1
            best = max(got, key=lambda g: (g["title"] == w["title"], similarity(g["title"], w["title"])), default=None)
            if best is None or (best["title"] != w["title"] and similarity(best["title"], w["title"]) < 0.6):
                continue
            matched += 1
            ws, gs = set(w.get("people", [])), set(best["people"])
            art["tp"] += len(ws & gs); art["fp"] += len(gs - ws); art["fn"] += len(ws - gs)

    def pr(d):
        p = d["tp"] / (d["tp"] + d["fp"]) if d["tp"] + d["fp"] else 1.0
        r = d["tp"] / (d["tp"] + d["fn"]) if d["tp"] + d["fn"] else 1.0
        return f"P {p:.3f} R {r:.3f} (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})"
    print(f"{args.part}: {len(names)} pages, {matched}/{total} articles matched by title")
    print(f"  per article: {pr(art)}")
    print(f"  per page:    {pr(page)}")


if __name__ == "__main__":
    main()
