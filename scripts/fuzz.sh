#!/usr/bin/env bash
# Fuzzes the page parser and the Markdown step with libFuzzer (Fuzz/README.md).
#
#   bash scripts/fuzz.sh [SECONDS] [--asan]
#
# Builds the hysite-fuzz target with -sanitize=fuzzer (plus address with --asan) in its own scratch folder,
# runs it for SECONDS (default 60) on a temporary copy of the corpus (Fuzz/corpus, seeds/*.txt and any test
# fixture .txt), prints libFuzzer's last lines and exits non-zero when it found a crash or a broken invariant;
# the input that did it is saved in Fuzz/crashes/ (git-ignored). Replay one: the fuzz binary (or a plain
# `swift run hysite-fuzz FILE`) with the file as its argument.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
asan=0
for arg in "$@"; do
  case "$arg" in
    --asan) asan=1 ;;
    ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [--asan]" >&2; exit 2 ;;
    *) seconds="$arg" ;;
  esac
done

if [ "$asan" = 1 ]; then
  scratch=.build-fuzz-asan
  sanitize=fuzzer,address
else
  scratch=.build-fuzz
  sanitize=fuzzer
fi

echo "fuzz: building hysite-fuzz (release, -sanitize=$sanitize) in $scratch"
swift build -c release --product hysite-fuzz --scratch-path "$scratch" \
  -Xswiftc -sanitize="$sanitize" -Xswiftc -use-ld=lld -Xswiftc -DHYSITE_FUZZ
bin="$scratch/release/hysite-fuzz"

work=$(mktemp -d "${TMPDIR:-/tmp}/hysite-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" Fuzz/crashes
cp Fuzz/corpus/* "$work/corpus/" 2>/dev/null || true
cp seeds/*.txt "$work/corpus/" 2>/dev/null || true
if [ -d Tests/HysiteKitTests/Fixtures ]; then
  find Tests/HysiteKitTests/Fixtures -name '*.txt' -type f -print0 |
    while IFS= read -r -d '' f; do cp "$f" "$work/corpus/fixture-$(echo "$f" | cksum | cut -d' ' -f1)-$(basename "$f")"; done
fi
echo "fuzz: running for ${seconds}s on $(ls "$work/corpus" | wc -l) corpus inputs (crashes go to Fuzz/crashes/)"

log="$work/fuzz.log"
# Swift's own crash backtracer would take SIGILL/SIGTRAP (fatalError, overflow, bounds) before libFuzzer,
# which then never saves the input: leave crashes to libFuzzer (and ASan).
export SWIFT_BACKTRACE=enable=no
set +e
"$bin" "$work/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 >"$log" 2>&1
status=$?
set -e

if [ "$status" != 0 ]; then
  # The report: everything from the first sign of trouble (invariant message, Swift or sanitizer report).
  first=$(grep -n -m1 -E 'invariant broken|Fatal error|runtime failure|ERROR: (AddressSanitizer|libFuzzer)|==[0-9]+==|deadly signal|Slowest unit' "$log" | cut -d: -f1)
  if [ -n "$first" ]; then tail -n +"$first" "$log" | head -n 80; else tail -n 40 "$log"; fi
  echo "..."
  tail -n 15 "$log"
  stamp=$(date +%Y%m%d-%H%M%S)
  cp "$log" "Fuzz/crashes/fuzz-$stamp.log"
  echo "fuzz: FAILED (libFuzzer exit $status); full log: Fuzz/crashes/fuzz-$stamp.log; newest inputs in Fuzz/crashes/:"
  ls -t Fuzz/crashes/ | grep -v '\.log$' | head -n 3 | sed 's|^|  Fuzz/crashes/|'
  echo "fuzz: replay it with: $bin Fuzz/crashes/FILE   (or: swift run hysite-fuzz Fuzz/crashes/FILE)"
  exit 1
fi
tail -n 20 "$log"
echo "fuzz: OK, no crash and no broken invariant in ${seconds}s"
