#!/usr/bin/env bash
# Renders the README's screenshots into docs/: the home, article, person and month pages of the seeds' site at a
# phone's width (390 px) and a desktop's (1280 px), the article on a phone in dark mode, and a printed page (版面)
# and an article's linked names and citation. The seeds are built under page-file names that give the day and the
# page (2023-07-25_01.txt), as a real edition's files do, so the printed page is 第1版.
# Then the charts (a person's timeline, a year's heatmap) of the seeds plus the labelled set's 30 pages
# (Tests/HysiteKitTests/Fixtures/labelled), phone and desktop, light and dark.
# `scripts/screenshots.sh NAME...` renders only those (e.g. `printed-desktop article-cite-desktop`).
# Needs a built hysite (HYSITE_BIN, default .build/debug/hysite), Chromium and a CJK font: scripts/test.sh installs
# them (apt: chromium fonts-wqy-microhei). Look at the pictures before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${HYSITE_BIN:-.build/debug/hysite}"
CHROMIUM="${CHROMIUM:-chromium}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
cp seeds/000_7ef2a64ad5261223.txt "$tmp/in/2023-07-25_01.txt"
cp seeds/002_9162d9dbe36b24a1.txt "$tmp/in/2023-12-13_01.txt"
# Built from inside the temp folder, so pages name their file as `in/2023-07-25_01.txt`, not a temp path.
repo=$(pwd)
case "$BIN" in /*) ;; *) BIN="$repo/$BIN" ;; esac
(cd "$tmp" && "$BIN" build --quiet --output site --input in --templates "$repo/Templates" --config none.yml)
mkdir "$tmp/charts-in"
cp seeds/*.txt Tests/HysiteKitTests/Fixtures/labelled/*.txt "$tmp/charts-in/"
(cd "$tmp" && "$BIN" build --quiet --no-search --output charts --input charts-in --templates "$repo/Templates" --config none.yml)
only=" $* "

shot() { # NAME WIDTH HEIGHT PAGE [chromium flags...]   (PAGE under the seeds' site, or charts:PAGE under the charts' site)
  local name=$1 width=$2 height=$3 page=$4 site=site
  shift 4
  case $page in charts:*) site=charts; page=${page#charts:} ;; esac
  [ "$only" = "  " ] || [[ "$only" == *" $name "* ]] || return 0
  rm -f "docs/$name.png"
  "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,$height" "$@" \
    --screenshot="docs/$name.png" "file://$tmp/$site/$page" >/dev/null 2>&1 || true
  [ -s "docs/$name.png" ] || { echo "screenshots: chromium wrote no docs/$name.png" >&2; exit 1; }
  echo "docs/$name.png"
}

shot home-phone       390 1400 index.html
shot home-desktop    1280 1400 index.html
shot article-phone    390 1400 articles/2023/07/2023-07-25_01-1.html
shot article-desktop 1280 1400 articles/2023/07/2023-07-25_01-1.html
shot person-phone     390 1400 people/liu/liu-yue-gao/index.html
shot person-desktop  1280 1200 people/liu/liu-yue-gao/index.html
shot month-phone      390 1400 dates/2023/07/index.html
shot month-desktop   1280 1200 dates/2023/07/index.html
# prefers-color-scheme: dark (Blink's PreferredColorScheme 0 is dark)
shot article-phone-dark 390 1400 articles/2023/07/2023-07-25_01-1.html --blink-settings=preferredColorScheme=0
shot printed-desktop  1280 1100 dates/2023/07/25/p01.html
shot printed-phone     390 1400 dates/2023/07/25/p01.html
# A short article whole: names linked in its text, its printed page, its people and its citation.
shot article-cite-desktop 1280 1800 articles/2023/12/2023-12-13_01-1.html
# The charts: a person's timeline (per month: their articles span less than two years) and a year's heatmap.
dark=--blink-settings=preferredColorScheme=0
shot timeline-phone         390 1000 charts:people/liu/liu-yue-gao/index.html
shot timeline-desktop      1280  800 charts:people/liu/liu-yue-gao/index.html
shot timeline-phone-dark    390 1000 charts:people/liu/liu-yue-gao/index.html $dark
shot timeline-desktop-dark 1280  800 charts:people/liu/liu-yue-gao/index.html $dark
shot heatmap-phone          390 1000 charts:dates/2023/index.html
shot heatmap-desktop       1280  800 charts:dates/2023/index.html
shot heatmap-phone-dark     390 1000 charts:dates/2023/index.html $dark
shot heatmap-desktop-dark  1280  800 charts:dates/2023/index.html $dark
