#!/bin/bash
# Alternating runs of two hysite binaries on one generated archive: clean builds into fresh folders, then one-file
# rebuilds (the benchmark's one-paragraph edit, edit_page.py), each binary on its own site, A then B every round.
# On a machine whose speed drifts through the day, only runs taken in turn compare two binaries.
#
#   scripts/bench/ab.sh A_BINARY B_BINARY PAGES_FOLDER [WORK_FOLDER]
#
# ROUNDS (default 3) clean rounds, EDITS (default 5) one-file rounds. Prints one line a build: the binary, the
# round, wall seconds, user and system CPU and peak RSS (/usr/bin/time), for clean builds the `--timings` of
# decoding and parsing and of rendering and writing, and the CPU time the host took from this virtual machine
# meanwhile (`steal` in /proc/stat: a round with seconds of it says more about the host than about the binary).
# The sites stay in WORK_FOLDER (default /tmp/hysite-ab): on ext4, making many files within minutes of deleting
# many is slow (`recently_deleted`), so remove them after timing, not before. The edited page file is put back at
# the end. With DROP_CACHES=1 (root only) each timed clean build starts with the kernel's page cache emptied and
# the input read back into it: once the cache is full of earlier sites, the kernel writes them back and drops them
# while the build makes files, and clean builds of one binary varied by 30 % (19.5 to 25.0 s).
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,16p "$0" >&2; exit 2; }
A=$1 B=$2 PAGES=$3 WORK=${4:-/tmp/hysite-ab}
HERE=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${ROUNDS:-3} EDITS=${EDITS:-5} DROP_CACHES=${DROP_CACHES:-0}
if [ "$DROP_CACHES" = 1 ] && ! [ -w /proc/sys/vm/drop_caches ]; then
    echo "ab.sh: DROP_CACHES=1 needs root (/proc/sys/vm/drop_caches); timing with the page cache as it is" >&2
    DROP_CACHES=0
fi
mkdir -p "$WORK"
victim="$PAGES/$(ls "$PAGES" | sed -n 1p)"
cp -p "$victim" "$WORK/victim.orig"
trap 'cp -p "$WORK/victim.orig" "$victim"' EXIT

# The CPU time the host took from this machine (`steal` in /proc/stat, in 1/100 s), summed over its cores.
steal() { awk '/^cpu / {print $9}' /proc/stat; }
# "host took X s" since $1 (a `steal` reading).
stolen() { awk -v a="$1" -v b="$(steal)" 'BEGIN { printf "host took %.1f s\n", (b - a) / 100 }'; }

settle() {
    sync
    if [ "$DROP_CACHES" = 1 ]; then
        echo 3 >/proc/sys/vm/drop_caches
        cat "$PAGES"/* >/dev/null
    fi
    sleep 3
}

for r in $(seq "$ROUNDS"); do
    for tag in A B; do
        bin=$A; [ "$tag" = B ] && bin=$B
        settle
        s0=$(steal)
        /usr/bin/time -f "$tag clean round $r: %e s, %U s user, %S s system, %M KB," \
            "$bin" build -i "$PAGES" -o "$WORK/$tag-$r" --no-search --quiet --timings 2>&1 \
            | grep -E "decode and parse|render and write|clean round" | tr -s ' ' | tr '\n' ' '
        stolen "$s0"
    done
done

for r in $(seq "$EDITS"); do
    for tag in A B; do
        bin=$A; [ "$tag" = B ] && bin=$B
        python3 "$HERE/edit_page.py" "$victim"; sync
        s0=$(steal)
        /usr/bin/time -f "$tag one file edited, round $r: %e s, %U s user, %S s system, %M KB," \
            "$bin" build -i "$PAGES" -o "$WORK/$tag-$ROUNDS" --no-search --quiet 2>&1 | tail -n1 | tr '\n' ' '
        stolen "$s0"
        cp -p "$WORK/victim.orig" "$victim"
        "$bin" build -i "$PAGES" -o "$WORK/$tag-$ROUNDS" --no-search --quiet >/dev/null 2>&1
    done
done
