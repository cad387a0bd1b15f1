#!/usr/bin/env python3
"""Generate a synthetic 衡阳晚报 corpus for benchmarking hysite against Hugo.

    gen_corpus.py N OUTDIR [--seeds DIR] [--seed S] [--people P]

Writes
  OUTDIR/pages/YYYY-MM-DD_0P.txt   page files in the seeds' own layout
                                   (2 pages of 4 articles a day, from 2000-01-01)
  OUTDIR/hugo/                     the same articles as a Hugo site with hysite's page kinds
                                   (articles, people and dates taxonomies, home, feed)
  OUTDIR/hugo-light/               the lighter Hugo site: the same content (a symlink), one
                                   taxonomy (persons), single and list templates only
  OUTDIR/corpus.json               counts and the generator's fingerprint

Article text is sampled from the real seed pages (read at run time), with the
seed's leaders' names replaced by generated ones, so that each article's people
are exactly: the lead (title mention in the dateline paragraph, kicker, subtitle),
any further people the sampled paragraphs name, the officials of the closing
line, and the reporter. Deterministic for a given N, seed, people pool and seed pages.
--people sets how many generated people the articles draw on (default 2000, whatever N is;
a real archive names more people the more articles it holds).
Python 3 standard library only.
"""
import argparse
import datetime as dt
import glob
import hashlib
import json
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SEEDS = os.path.normpath(os.path.join(HERE, "..", "..", "seeds"))
ARTICLES_PER_PAGE = 4
PAGES_PER_DAY = 2
START = dt.date(2000, 1, 1)

# Sentence ends: a long paragraph not ending in one of these was cut by a page break.
TERMINAL = set("。！？；…”」』!?;")
CJK = re.compile(r"[\u4e00-\u9fff]")
DATELINE = re.compile(r"^(\d{1,2})月(\d{1,2})日(上午|下午|晚上|晚|早上|中午)?[，,]")
BYLINE = re.compile(r"^衡阳晚报讯[（(]([^）)]*)[）)](.*)$")
LEAD_TITLE = re.compile(
    r"(?:市委书记|市长|市委副书记|主任|主席)([\u4e00-\u9fff]{2,3}?)"
    r"(?=主持|强调|带队|专题|指出|出席|要求|表示|衷心|认真|听取)"
)

SURNAMES = (
    "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢"
    "傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔欧阳"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力永健春兵志斌德国新海峰云飞鹏宏毅立凡"
    "润鹏越高正兴培光艳宇梅达祥顺生淼胜智义茂龙晖雁湘衡岳俊嘉琳晨旭东亮波浩宁"
)
LEAD_TITLES = ["市委书记", "市长", "市委副书记", "市人大常委会主任", "市政协主席", "副市长", "市委常委"]
LEAD_ACTS = ["主持会议。", "出席并讲话。", "主持会议并讲话。", "带队调研。"]
KICKERS = [
    "市委常委会召开会议",
    "市政府召开常务会议",
    "{A}主持召开专题会议",
    "{A}带队调研重点项目建设",
    "市委全面深化改革委员会召开会议",
    "全市安全生产工作会议召开",
    "{A}专题听取项目情况汇报",
    "市委理论学习中心组举行集体学习",
]
SUBTITLES = [
    "{A}出席并讲话",
    "{A}主持会议",
    "会议还听取了有关情况汇报，审议有关方案 {A}主持会议",
    "{A}带队征求意见建议",
    "{P} {A}出席",
]
TIMES = {"上午": "09:00", "下午": "15:00", "晚上": "20:00"}


def names_pool(rng, count, exclude=()):
    """`count` distinct plausible names: a common surname + 1 or 2 given characters."""
    seen = set(exclude)
    out = []
    surnames = list(SURNAMES.replace("欧阳", "")) + ["欧阳"]
    given = list(dict.fromkeys(GIVEN))
    while len(out) < count:
        s = rng.choice(surnames)
        g = rng.choice(given) if rng.random() < 0.35 else rng.choice(given) + rng.choice(given)
        if len(g) == 2 and g[0] == g[1] and rng.random() < 0.8:
            continue
        n = s + g
        if n in seen:
            continue
        seen.add(n)
        out.append(n)
    return out


def balanced(s):
    return all(s.count(a) == s.count(b) for a, b in ("“”", "《》", "（）", "()", "「」"))


def read_seeds(seed_dir):
    files = sorted(glob.glob(os.path.join(seed_dir, "*.txt")))
    if not files:
        sys.exit(f"gen_corpus: no seed pages in {seed_dir}")
    datelines, bodies, headings, texts = [], [], [], []
    for f in files:
        text = open(f, encoding="utf-8").read()
        texts.append(text)
        raw = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        # Undo page-break splits: a long paragraph that does not end a sentence
        # continues in the next one (unless that one starts an article).
        paras = []
        for p in raw:
            prev = paras[-1] if paras else ""
            if (prev and not BYLINE.match(prev) and not p.startswith(("衡阳晚报讯", "# "))
                    and (prev[-1] in "、，," or (len(prev) >= 40 and prev[-1] not in TERMINAL
                                                and prev[-1] not in "）)"))):
                paras[-1] += p
            else:
                paras.append(p)
        bylines = [i for i, p in enumerate(paras) if BYLINE.match(p)]
        starts = []
        for i in bylines:
            j = i
            while (j - 1 >= 0 and j - 1 not in bylines and not paras[j - 1].startswith("市领导")
                   and (paras[j - 1][-1] not in TERMINAL or paras[j - 1].startswith("# "))):
                j -= 1
            starts.append(j)
        for k, i in enumerate(bylines):
            headings.extend(p.lstrip("# ").strip() for p in paras[starts[k]:i])
            end = starts[k + 1] if k + 1 < len(starts) else len(paras)
            body = paras[i + 1:end]
            rest = BYLINE.match(paras[i]).group(2).strip()
            if rest:
                body.insert(0, rest)
            body = [p for p in body if not p.startswith("市领导") and p[-1] in TERMINAL]
            if body and DATELINE.match(body[0]):
                datelines.append(body[0])
                body = body[1:]
            bodies.extend(body)
    seed_names = set()
    for t in texts:
        for m in LEAD_TITLE.finditer(t.replace("\n", "")):
            seed_names.add(m.group(1))
    seed_names = sorted(seed_names, key=lambda n: (-len(n), n))
    # National leaders named with a title (习近平总书记) stay as they are, and are people too.
    national = sorted({m.group(1) for t in texts for m in re.finditer(r"([\u4e00-\u9fff]{3})总书记", t)})
    # Headline phrases: clauses of the headlines and of the body, free of the seed's names.
    phrases = set()
    for s in headings + bodies:
        for c in re.split(r"[\s，,。；;：:、！？]", s):
            c = c.strip()
            c = c[1:] if c.startswith("要") else c
            if 4 <= len(c) <= 14 and balanced(c) and CJK.match(c) and not any(n in c for n in seed_names) \
                    and not re.search(r"\d|市领导|衡阳晚报", c) and len(c) >= 5 \
                    and not c.startswith(("会议", "与会", "会上", "他", "听取", "在", "就", "从", "为", "以")):
                phrases.add(c)
    phrases = sorted(phrases)
    if not datelines or not bodies:
        sys.exit("gen_corpus: could not find datelines and body paragraphs in the seeds")
    fp = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]
    return datelines, bodies, phrases, seed_names, national, fp


class Gen:
    def __init__(self, seed_dir, seed, people=2000):
        self.rng = random.Random(seed)
        (self.datelines, self.bodies, self.phrases, self.seed_names, self.national,
         self.seed_fp) = read_seeds(seed_dir)
        self.reporters = names_pool(self.rng, 40)
        self.people = names_pool(self.rng, people, exclude=self.reporters)
        self.leads = self.people[:60]  # a few leaders turn up far more often than the rest

    def map_names(self, text, mapping, pool, lead=None):
        """Replace the seed's leaders' names by this article's people. In the dateline paragraph
        (lead=None) each seed name gets a person of its own (they carry titles there); in the body a
        name not seen in the dateline becomes the lead, so every name in the body has a title
        somewhere in its article and any parser can tell it is a name."""
        for n in self.seed_names:
            if n in text:
                if n not in mapping:
                    mapping[n] = lead if lead else pool.pop()
                text = text.replace(n, mapping[n])
        return text

    def article(self, day):
        r = self.rng
        lead = r.choice(self.leads)
        used = {lead}
        extra = [p for p in r.sample(self.people, 12) if p not in used]
        mapping = {}
        # The dateline paragraph's first seed leader becomes the lead.
        dl = r.choice(self.datelines)
        m = DATELINE.match(dl)
        tod = m.group(3) if m and m.group(3) in TIMES else r.choice(list(TIMES))
        rest = dl[m.end():] if m else dl
        first = next((n for n in sorted(self.seed_names, key=lambda n: rest.find(n) if n in rest else 1 << 30)
                      if n in rest), None)
        if first:
            mapping[first] = lead
        pool = extra[:]
        rest = self.map_names(rest, mapping, pool)
        title = r.choice(LEAD_TITLES)
        if not any(t + lead in rest for t in LEAD_TITLES + ["市长"]):
            rest += title + lead + r.choice(LEAD_ACTS)
        dateline = f"{day.month}月{day.day}日{tod}，{rest}"
        k = r.randint(3, 8)
        body = [self.map_names(p, dict(mapping), pool, lead) for p in r.sample(self.bodies, min(k, len(self.bodies)))]
        used.update(mapping.values())
        officials = [p for p in r.sample(self.people, 12) if p not in used][: r.randint(2, 6)]
        closing = "市领导" + "、".join(officials) + ("出席。" if r.random() < 0.8 else "参加。")
        reporter = r.choice(self.reporters)
        kicker = r.choice(KICKERS).format(A=lead) if r.random() < 0.5 else None
        headline = " ".join(r.sample(self.phrases, 2))
        subtitle = (r.choice(SUBTITLES).format(A=lead, P=r.choice(self.phrases))
                    if r.random() < 0.6 else None)
        paragraphs = [dateline] + body + [closing]
        # People in order of first appearance: body, then headline, then reporters.
        order = []
        known = set(mapping.values()) | {lead} | set(officials) | set(self.national)
        head = "\n".join(x for x in (kicker, headline, subtitle) if x)
        for text in ("\n".join(paragraphs), head):
            for n in sorted((n for n in known if n in text), key=text.find):
                if n not in order:
                    order.append(n)
        if reporter not in order:
            order.append(reporter)
        return dict(kicker=kicker, title=headline, subtitle=subtitle, reporter=reporter, tod=tod,
                    paragraphs=paragraphs, persons=order)

    def split_for_print(self, para, persons):
        """Cut a paragraph mid-sentence as a page break does (20% of long paragraphs)."""
        r = self.rng
        if len(para) < 60 or r.random() >= 0.2:
            return [para]
        spans = []
        for n in persons:
            i = para.find(n)
            while i >= 0:
                spans.append((i, i + len(n)))
                i = para.find(n, i + 1)
        for _ in range(20):
            p = r.randint(20, len(para) - 20)
            if CJK.match(para[p - 1]) and CJK.match(para[p]) and not any(a < p < b for a, b in spans):
                return [para[:p], para[p:]]
        return [para]


def page_text(gen, arts):
    out = []
    for a in arts:
        if a["kicker"]:
            out.append(a["kicker"])
        out.append("# " + a["title"])
        if a["subtitle"]:
            out.append(a["subtitle"])
        out.append(f"衡阳晚报讯（全媒体记者 {a['reporter']}）")
        for p in a["paragraphs"]:
            out.extend(gen.split_for_print(p, a["persons"]))
    return "\n\n" + "\n\n".join(out) + "\n"


HUGO_CONFIG = """baseURL: "https://example.org/"
title: "衡阳晚报"
languageCode: "zh-cn"
hasCJKLanguage: true
taxonomies:
  person: persons
  date: dates
# One site-wide feed (hysite writes one Atom feed) plus the sitemap; no per-term feeds.
outputs:
  home: [HTML, RSS]
  section: [HTML]
  taxonomy: [HTML]
  term: [HTML]
rssLimit: 50
# The archive runs past today's date at large N: build those pages too, as hysite does.
buildFuture: true
# hysite has no /articles/ section index.
disableKinds: [section]
# Pages as files (/articles/x.html), as hysite writes its article and printed pages: the same folders to make.
uglyURLs: true
"""

LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article>
{{ with .Params.kicker }}<p class="kicker">{{ . }}</p>{{ end }}
<h1>{{ .Title }}</h1>
{{ with .Params.subtitle }}<p class="subtitle">{{ . }}</p>{{ end }}
<p class="byline">衡阳晚报讯（全媒体记者 {{ .Params.reporter }}） <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ range .Params.dates }}<a href="{{ "dates/" | relURL }}{{ . | urlize }}.html">{{ . }}</a>{{ end }}</p>
<p class="persons">{{ range .GetTerms "persons" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}
</article>{{ end }}
""",
    "_default/term.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>
{{ end }}</ul>{{ end }}
""",
    "_default/taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>最新</h1>
<ul>{{ range first 50 .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>
{{ end }}</ul>{{ end }}
""",
}


# The lighter site: one taxonomy, one template per page kind, no base template, no feed.
HUGO_LIGHT_CONFIG = """baseURL: "https://example.org/"
title: "衡阳晚报"
languageCode: "zh-cn"
hasCJKLanguage: true
taxonomies:
  person: persons
outputs:
  home: [HTML]
  section: [HTML]
  taxonomy: [HTML]
  term: [HTML]
buildFuture: true
disableKinds: [RSS, sitemap, robotsTXT]
"""

HUGO_LIGHT_LAYOUTS = {
    "_default/single.html": """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}
<p>{{ range .GetTerms "persons" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p></body></html>
""",
    "_default/list.html": """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></body></html>
""",
}


def write_site(folder, config, layouts):
    with open(os.path.join(folder, "config.yaml"), "w", encoding="utf-8") as f:
        f.write(config)
    for rel, body in layouts.items():
        path = os.path.join(folder, "layouts", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(body)


def hugo_page(a, day, stem, pos):
    q = lambda s: json.dumps(s, ensure_ascii=False)
    fm = ["---", f"title: {q(a['title'])}",
          f"date: {day.isoformat()}T{TIMES[a['tod']]}:00+08:00",
          f"persons: {q(a['persons'])}", f"dates: [{q(day.isoformat())}]",
          f"reporter: {q(a['reporter'])}", f"page: {q(stem)}", f"position: {pos}"]
    if a["kicker"]:
        fm.append(f"kicker: {q(a['kicker'])}")
    if a["subtitle"]:
        fm.append(f"subtitle: {q(a['subtitle'])}")
    fm.append("---")
    return "\n".join(fm) + "\n\n" + "\n\n".join(a["paragraphs"]) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seeds", default=DEFAULT_SEEDS)
    ap.add_argument("--seed", type=int, default=20230725)
    ap.add_argument("--people", type=int, default=2000, help="generated people the articles draw on (at least 60)")
    args = ap.parse_args()
    if args.people < 60:
        ap.error("--people must be at least 60 (the leads are the first 60)")
    gen = Gen(args.seeds, args.seed, people=args.people)
    pages_dir = os.path.join(args.outdir, "pages")
    hugo_dir = os.path.join(args.outdir, "hugo")
    light_dir = os.path.join(args.outdir, "hugo-light")
    for d in (pages_dir, hugo_dir, light_dir):
        if os.path.exists(d):
            shutil.rmtree(d)
    os.makedirs(pages_dir)
    content = os.path.join(hugo_dir, "content", "articles")
    os.makedirs(content)
    write_site(hugo_dir, HUGO_CONFIG, LAYOUTS)
    os.makedirs(light_dir)
    write_site(light_dir, HUGO_LIGHT_CONFIG, HUGO_LIGHT_LAYOUTS)
    os.symlink(os.path.join("..", "hugo", "content"), os.path.join(light_dir, "content"))
    per_day = ARTICLES_PER_PAGE * PAGES_PER_DAY
    n_pages = 0
    persons = set()
    bytes_pages = 0
    for first in range(0, args.n, ARTICLES_PER_PAGE):
        day = START + dt.timedelta(days=first // per_day)
        page_no = (first % per_day) // ARTICLES_PER_PAGE + 1
        stem = f"{day.isoformat()}_{page_no:02d}"
        arts = [gen.article(day) for _ in range(min(ARTICLES_PER_PAGE, args.n - first))]
        text = page_text(gen, arts)
        data = text.encode("utf-8")
        bytes_pages += len(data)
        with open(os.path.join(pages_dir, stem + ".txt"), "wb") as f:
            f.write(data)
        for pos, a in enumerate(arts, 1):
            persons.update(a["persons"])
            with open(os.path.join(content, f"{stem}-{pos}.md"), "w", encoding="utf-8") as f:
                f.write(hugo_page(a, day, stem, pos))
        n_pages += 1
    with open(__file__, "rb") as f:
        gen_fp = hashlib.sha256(f.read()).hexdigest()[:16]
    info = dict(articles=args.n, pages=n_pages, days=(args.n + per_day - 1) // per_day,
                persons=len(persons), page_bytes=bytes_pages, seed=args.seed, people_pool=args.people,
                seeds=gen.seed_fp, generator=gen_fp, seed_leaders=gen.seed_names,
                national=gen.national)
    with open(os.path.join(args.outdir, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, ensure_ascii=False, indent=1)
    print(json.dumps(info, ensure_ascii=False))


if __name__ == "__main__":
    main()
