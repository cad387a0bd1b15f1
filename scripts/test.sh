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

# Fuzzing: one minute of libFuzzer over the page parser and the Markdown step (Fuzz/README.md). Builds its own
# instrumented binary in .build-fuzz; fails the run if it finds a crash or a broken invariant (input saved
# in Fuzz/crashes/).
echo "test: fuzzing the page parser and Markdown step for 60 s (bash scripts/fuzz.sh 60)"
bash scripts/fuzz.sh 60
