#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine: installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
need_apt=()
dpkg -s libcmark-dev >/dev/null 2>&1 || need_apt+=(libcmark-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test: installing ${need_apt[*]} (apt)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

swift build --build-tests
swift test --skip-build "$@"

# The seeds' site, built by the debug binary into a temp folder, must pass `hysite check`
# (with Pagefind installed it is indexed too, and the index is checked; a local hysite.yml is ignored).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$(swift build --show-bin-path)
"$bin/hysite" build --quiet --input seeds --templates Templates --config "$tmp/none.yml" --output "$tmp/site"
"$bin/hysite" check "$tmp/site"
