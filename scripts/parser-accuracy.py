#!/usr/bin/env python3
"""Measure the hysite page parser against the labelled test set.

usage: scripts/parser-accuracy.py [--hysite PATH] [--from-json FILE] [--check]
                                  [--labels LABELS] [--targets] [DIR]

Runs `PATH parse DIR --json` once (PATH defaults to .build/debug/hysite, DIR to
Tests/HysiteKitTests/Fixtures/labelled), groups the parsed articles per page
file (matched by basename, kept in output order), lines them up with the
articles of each NAME.expected.json and prints, per field, correct/expected,
people precision and recall (micro-averaged over the names of each article),
and up to 40 lines of mismatches.

Articles are lined up by title (difflib); where titles disagree they are
paired in order by text similarity, so one wrong title does not shift the rest
of the page and a missing article is reported as missing.

Exit status is 0 unless --check is given; then it is 1 when an expected
article is missing, any date is wrong, or people precision or recall is below
0.97.  --from-json reads a saved `hysite parse --json` output instead of
running the binary.  Standard library only.

Real text (issue 9): `--labels LABELS` reads the expectations from another
folder than the pages (`LABELS/NAME.expected.json` for `DIR/NAME.txt`), so
pages that are others' writing stay in a scratch folder while the labels
(facts) are committed (scripts/realtext/labels).  Only the fields a label
gives are scored (real-text labels give title, reporters, date,
date_precision and people).  `reporters` compares the credited names in
order; `reporter roles` also compares each role.  `--targets` prints the
issue's targets (articles found >= 0.97, title >= 0.95, reporters >= 0.90,
date >= 0.90, people P >= 0.95, R >= 0.90) with PASS/FAIL and exits 1 on a
FAIL.  `--only a-,b-` scores just the pages whose names start so.
"""

import argparse
import difflib
import json
import os
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIR = os.path.join(ROOT, "Tests", "HysiteKitTests", "Fixtures", "labelled")
DEFAULT_HYSITE = os.path.join(ROOT, ".build", "debug", "hysite")

FIELDS = ["kicker", "title", "subtitles", "source", "reporters", "reporter roles", "date", "date_precision",
          "time_of_day", "paragraphs"]
TARGETS = [("articles found", 0.97), ("title", 0.95), ("reporters", 0.90), ("date", 0.90),
           ("people P", 0.95), ("people R", 0.90)]
MAX_MISMATCH_LINES = int(os.environ.get('MISMATCHES', '40'))
THRESHOLD = 0.97


def load_expected(directory, only=None):
    expected = {}
    for name in sorted(os.listdir(directory)):
        if only and not any(name.startswith(o) for o in only):
            continue
        if not name.endswith(".expected.json"):
            continue
        page = name[: -len(".expected.json")] + ".txt"
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            expected[page] = json.load(f)["articles"]
    return expected


def run_hysite(hysite, directory):
    """Return (parsed JSON or None, error message or None)."""
    cmd = [hysite, "parse", directory, "--json"]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        return None, f"cannot run {hysite}: {e}"
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        return None, f"`{' '.join(cmd)}` exited with {proc.returncode}: {err[:500]}"
    try:
        return json.loads(proc.stdout.decode("utf-8")), None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, f"`{' '.join(cmd)}` did not print JSON: {e}"


def norm_value(field, value):
    """Canonical form used for comparing one field."""
    if field == "reporters":
        return [r.get("name") for r in (value or [])]
    if field == "reporter roles":
        return [(r.get("name"), r.get("role")) for r in (value or [])]
    if field in ("subtitles", "paragraphs"):
        return list(value or [])
    return value


def similarity(e, g):
    """How alike two articles are (0..1): title plus the start of the body.

    A real-text label has no paragraphs: it is found in a parsed article whose
    headline block (title, kicker or a subtitle) holds its title, so a kicker
    taken for the title counts as a wrong title, not as a missing article."""
    if "paragraphs" not in e:
        heads = [g.get("title") or ""] + [g.get("kicker") or ""] + list(g.get("subtitles") or [])
        heads += [g.get("title", "") + (g.get("subtitles") or [""])[0] if g.get("subtitles") else ""]
        et = (e.get("title") or "").strip()
        return max(difflib.SequenceMatcher(None, et, h.strip(), autojunk=False).ratio() for h in heads)
    def text(a):
        return (a.get("title") or "") + "\n" + "".join(a.get("paragraphs") or [])[:300]
    return difflib.SequenceMatcher(None, text(e), text(g), autojunk=False).ratio()


def pair_block(exp, got, i1, i2, j1, j2, min_sim=0.3):
    """Order-preserving pairing of exp[i1:i2] with got[j1:j2] maximising similarity."""
    n, m = i2 - i1, j2 - j1
    sim = [[similarity(exp[i1 + a], got[j1 + b]) for b in range(m)] for a in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            options = [best[a + 1][b], best[a][b + 1]]
            if sim[a][b] >= min_sim:
                options.append(sim[a][b] + best[a + 1][b + 1])
            best[a][b] = max(options)
    pairs, a, b = [], 0, 0
    while a < n and b < m:
        if sim[a][b] >= min_sim and best[a][b] == sim[a][b] + best[a + 1][b + 1]:
            pairs.append((i1 + a, j1 + b))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            pairs.append((i1 + a, None))
            a += 1
        else:
            pairs.append((None, j1 + b))
            b += 1
    pairs += [(i1 + k, None) for k in range(a, n)]
    pairs += [(None, j1 + k) for k in range(b, m)]
    return pairs


def align(exp, got):
    """Pair expected and parsed articles of one page: list of (i or None, j or None).

    Equal titles pair up directly; inside a stretch where titles disagree the
    articles are paired in order by text similarity (so a wrong title still
    pairs, while a missing article does not swallow an unrelated extra one).
    """
    key = lambda a: (a.get("title") or "").strip()
    sm = difflib.SequenceMatcher(None, [key(a) for a in exp], [key(a) for a in got], autojunk=False)
    pairs = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            pairs += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        elif op == "replace":
            pairs += pair_block(exp, got, i1, i2, j1, j2)
        elif op == "delete":
            pairs += [(i, None) for i in range(i1, i2)]
        elif op == "insert":
            pairs += [(None, j) for j in range(j1, j2)]
    return pairs


def short(v, width=70):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= width else s[: width - 1] + "…"


def describe_diff(field, e, g):
    """A compact 'expected vs got' text for one mismatching field."""
    if field == "paragraphs" and isinstance(e, list) and isinstance(g, list):
        if len(e) != len(g):
            # show the first paragraph that differs to hint at the split/join problem
            for k in range(min(len(e), len(g))):
                if e[k] != g[k]:
                    break
            else:
                k = min(len(e), len(g))
            pe = e[k] if k < len(e) else None
            pg = g[k] if k < len(g) else None
            return f"{len(e)} paragraphs vs {len(g)}; first difference at ¶{k + 1}: {short(pe, 50)} vs {short(pg, 50)}"
        for k in range(len(e)):
            if e[k] != g[k]:
                a, b = e[k], g[k]
                p = 0
                while p < min(len(a), len(b)) and a[p] == b[p]:
                    p += 1
                lo = max(0, p - 8)
                return f"¶{k + 1} differs at char {p}: {short(a[lo:p + 24], 45)} vs {short(b[lo:p + 24], 45)}"
    return f"{short(e)} vs {short(g)}"


def main():
    if hasattr(signal, "SIGPIPE"):  # quiet when piped into head
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    ap = argparse.ArgumentParser(description="Measure the hysite parser against the labelled test set.")
    ap.add_argument("dir", nargs="?", default=DEFAULT_DIR, help="labelled folder (default: %(default)s)")
    ap.add_argument("--hysite", default=DEFAULT_HYSITE, help="hysite binary (default: %(default)s)")
    ap.add_argument("--from-json", metavar="FILE", help="read a saved `hysite parse --json` output instead of running hysite")
    ap.add_argument("--check", action="store_true", help="exit 1 on a missing article, a wrong date or people P/R < 0.97")
    ap.add_argument("--labels", metavar="LABELS", help="folder of NAME.expected.json labels for DIR/NAME.txt (default: DIR)")
    ap.add_argument("--targets", action="store_true", help="print the real-text targets with PASS/FAIL; exit 1 on a FAIL")
    ap.add_argument("--only", metavar="PREFIXES", help="comma-separated page-name prefixes to score")
    args = ap.parse_args()

    only = args.only.split(",") if args.only else None
    expected = load_expected(args.labels or args.dir, only)
    if not expected:
        print(f"no *.expected.json files in {args.dir}", file=sys.stderr)
        return 1 if args.check else 0

    if args.from_json:
        with open(args.from_json, encoding="utf-8") as f:
            output, error = json.load(f), None
    else:
        output, error = run_hysite(args.hysite, args.dir)
    if error:
        print("ERROR:", error)
        output = {"articles": [], "diagnostics": []}

    got = {}
    for a in output.get("articles") or []:
        got.setdefault(os.path.basename(a.get("file") or ""), []).append(a)

    correct = {f: 0 for f in FIELDS}
    labelled = {f: 0 for f in FIELDS}
    total_expected = 0
    found = 0
    extra = 0
    tp = fp = fn = 0
    people_exact = 0
    date_wrong = 0
    mismatches = []

    for page in sorted(expected):
        exp = expected[page]
        par = got.get(page, [])
        total_expected += len(exp)
        for i, j in align(exp, par):
            if i is None:
                extra += 1
                g = par[j]
                fp += len(set(g.get("people") or []))
                mismatches.append(f"{page} +{j + 1}: extra article {short(g.get('title'), 50)}")
                continue
            e = exp[i]
            if j is None:
                fn += len(set(e["people"]))
                date_wrong += 1
                mismatches.append(f"{page} #{i + 1}: missing article {short(e['title'], 50)}")
                continue
            g = par[j]
            found += 1
            for field in FIELDS:
                source_key = "reporters" if field == "reporter roles" else field
                if source_key not in e:
                    continue
                labelled[field] += 1
                ev, gv = norm_value(field, e.get(source_key)), norm_value(field, g.get(source_key, "day" if field == "date_precision" else None))
                if ev == gv:
                    correct[field] += 1
                else:
                    if field == "date":
                        date_wrong += 1
                    mismatches.append(f"{page} #{i + 1} {field}: {describe_diff(field, ev, gv)}")
            ep, gp = list(e.get("people") or []), list(g.get("people") or [])
            es, gs = set(ep), set(gp)
            tp += len(es & gs)
            fp += len(gs - es)
            fn += len(es - gs)
            if ep == gp:
                people_exact += 1
            else:
                parts = []
                if es - gs:
                    parts.append("missed " + "、".join(n for n in ep if n not in gs))
                if gs - es:
                    parts.append("spurious " + "、".join(n for n in gp if n not in es))
                if not parts:
                    parts.append(f"order {short(ep, 40)} vs {short(gp, 40)}")
                mismatches.append(f"{page} #{i + 1} people: " + "; ".join(parts))

    unlabelled = sorted(set(got) - set(expected)) if not only else []
    for page in unlabelled:
        extra += len(got[page])
        fp += sum(len(set(a.get("people") or [])) for a in got[page])

    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0

    def row(label, c, n):
        pct = 100.0 * c / n if n else 100.0
        print(f"  {label:<16} {c:>5} / {n:<5} {pct:6.1f}%")

    print(f"Labelled set: {args.dir}" + (f" (labels: {args.labels})" if args.labels else ""))
    print(f"{len(expected)} pages, {total_expected} expected articles, {len(output.get('articles') or [])} parsed articles")
    print()
    print(f"  {'field':<16} {'correct / expected':>14}")
    row("articles found", found, total_expected)
    scores = {"articles found": found / total_expected if total_expected else 1.0,
              "people P": precision, "people R": recall}
    for field in FIELDS:
        if labelled[field] or not args.labels:
            n = labelled[field] + (total_expected - found)  # a missing article counts as wrong in every field
            row(field, correct[field], n)
            scores[field] = correct[field] / n if n else 1.0
    row("people (exact)", people_exact, total_expected)
    print(f"  {'people P':<16} {tp:>5} / {tp + fp:<5} {100 * precision:6.1f}%")
    print(f"  {'people R':<16} {tp:>5} / {tp + fn:<5} {100 * recall:6.1f}%")
    if extra:
        print(f"  extra articles: {extra}")
    if unlabelled:
        print(f"  parsed files without expectations: {', '.join(unlabelled)}")
    diags = output.get("diagnostics") or []
    if diags:
        by_sev = {}
        for d in diags:
            by_sev[d.get("severity")] = by_sev.get(d.get("severity"), 0) + 1
        print("  diagnostics: " + ", ".join(f"{v} {k}" for k, v in sorted(by_sev.items(), key=lambda kv: str(kv[0]))))

    print()
    if mismatches:
        print(f"Mismatches ({len(mismatches)}):")
        for line in mismatches[:MAX_MISMATCH_LINES]:
            print("  " + line)
        if len(mismatches) > MAX_MISMATCH_LINES:
            print(f"  … {len(mismatches) - MAX_MISMATCH_LINES} more")
    else:
        print("No mismatches.")

    if args.targets:
        print()
        failed_targets = []
        for name, goal in TARGETS:
            ok = scores.get(name, 0.0) >= goal
            print(f"  target {name:<16} {scores.get(name, 0.0):.3f} >= {goal:.2f}  {'PASS' if ok else 'FAIL'}")
            if not ok:
                failed_targets.append(name)
        if failed_targets:
            return 1
    if args.check:
        missing = total_expected - found
        failed = []
        if missing:
            failed.append(f"{missing} missing article(s)")
        if date_wrong - missing > 0:
            failed.append(f"{date_wrong - missing} wrong date(s)")
        if precision < THRESHOLD or recall < THRESHOLD:
            failed.append(f"people P/R {precision:.3f}/{recall:.3f} < {THRESHOLD}")
        print()
        print("CHECK FAILED: " + "; ".join(failed) if failed else "CHECK PASSED")
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
