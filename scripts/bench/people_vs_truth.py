#!/usr/bin/env python3
"""Compares `hysite parse` people with the generator's answers (the Hugo front matter `persons`)
for a generated corpus: scripts/bench/people_vs_truth.py CORPUS_DIR [HYSITE]."""
import json, os, re, subprocess, sys

corpus = sys.argv[1]
hysite = sys.argv[2] if len(sys.argv) > 2 else ".build/release/hysite"
truth = {}
for f in os.listdir(os.path.join(corpus, "hugo/content/articles")):
    text = open(os.path.join(corpus, "hugo/content/articles", f), encoding="utf-8").read()
    m = re.search(r'^persons: (\[.*\])$', text, re.M)
    truth[f[:-3]] = json.loads(m.group(1))
out = json.loads(subprocess.run([hysite, "parse", os.path.join(corpus, "pages"), "--json"], capture_output=True, check=True).stdout)
tp = fp = fn = exact = 0
diffs = []
for a in out["articles"]:
    want = truth.get(a["id"])
    if want is None:
        continue
    got = a["people"]
    tp += len(set(got) & set(want)); fp += len(set(got) - set(want)); fn += len(set(want) - set(got))
    if got == want:
        exact += 1
    elif len(diffs) < 12:
        diffs.append((a["id"], sorted(set(want) - set(got)), sorted(set(got) - set(want))))
n = len(out["articles"])
print(f"articles {n}, people lists exact {exact}/{n}, precision {tp/(tp+fp):.4f}, recall {tp/(tp+fn):.4f}")
for d in diffs:
    print("  ", d[0], "missed", d[1], "extra", d[2])
