#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine with Swift 6.3.1 is missing, builds hysite (release) and
# builds the site from seeds/ into site/. Safe to run again: it installs only what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

need_apt=()
dpkg -s libcmark-dev >/dev/null 2>&1 || need_apt+=(libcmark-dev)
# jieba's dictionary and HMM tables: the source of the people name model (scripts/namemodel/build.py regenerates
# Sources/HysiteKit/Parse/NameModelData.swift from them; the build itself needs only that committed file).
dpkg -s python3-jieba >/dev/null 2>&1 || need_apt+=(python3-jieba)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} (apt)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Pagefind's extended build segments Chinese for full-text search (optional: the site builds without it).
if ! python3 -c 'import pagefind_bin_extended' >/dev/null 2>&1; then
  echo "setup: installing Pagefind (pip install 'pagefind[extended]==1.5.2')"
  python3 -m pip install -q 'pagefind[extended]==1.5.2' || echo "setup: Pagefind could not be installed; the site will build without search"
fi

swift build -c release --product hysite
.build/release/hysite build "$@"
