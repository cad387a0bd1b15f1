#!/bin/bash
# Instructions per article parsed, for one or more hysite-profile binaries, counted by valgrind's callgrind: on this
# shared virtual machine wall and CPU time of the same binary move by 30 % or more from run to run (the host takes
# seconds of CPU from it), while instruction counts are the same every run, so a parser change of a few percent shows.
#
#   scripts/bench/instructions.sh PAGES_FOLDER PROFILE_BINARY...
#
# Each binary runs `ONLY=parse REPS=1` (four passes over the first 200 page files, parse and evidence, one thread)
# and `ONLY=parse REPS=0` (loading only) under callgrind; the difference divided by the articles parsed is printed.
# Needs valgrind (`apt-get install valgrind`). valgrind cannot read Swift 6.3's debug information, so each binary is
# copied without it (`strip -g`) first. Run from the repository (hysite-profile reads ./Templates).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,11p' "$0"; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
pages=$1; shift
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir "$work/pages"
find "$pages" -maxdepth 1 -name '*.txt' | sort | sed -n '1,200p' | xargs -I{} cp {} "$work/pages/"
count() {  # binary reps → instructions collected
    ONLY=parse REPS=$2 valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$1" "$work/pages" 2>&1 \
        | sed -n 's/.*Collected : //p'
}
printf '%-40s %16s %14s\n' binary "instructions" "per article"
for bin in "$@"; do
    strip -g -o "$work/bin" "$bin"
    total=$(count "$work/bin" 1)
    base=$(count "$work/bin" 0)
    articles=$(ONLY=parse REPS=1 "$bin" "$work/pages" | sed -n 's/.*pages, \([0-9]*\) articles.*/\1/p')
    printf '%-40s %16s %14s\n' "$bin" "$((total - base))" "$(( (total - base) / (4 * articles) ))"
done
