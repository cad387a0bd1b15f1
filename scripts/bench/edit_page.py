#!/usr/bin/env python3
"""The benchmark's one-paragraph edit: a sentence appended to the page's first paragraph that ends a sentence (its
first article's dateline paragraph).

    edit_page.py FILE
"""
import sys

SENTENCE = "会议还通报了近期有关工作情况。"


def edit(path):
    s = open(path, encoding="utf-8").read()
    i = s.index("。\n")
    open(path, "w", encoding="utf-8").write(s[:i + 1] + SENTENCE + s[i + 1:])


if __name__ == "__main__":
    edit(sys.argv[1])
