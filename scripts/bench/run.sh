#!/usr/bin/env bash
# Benchmark hysite against Hugo and against the floor (a plain C program that only
# writes the same files), on synthetic 衡阳晚报 corpora of N articles.
#
#   scripts/bench/run.sh [N ...]          default: 1000 10000 100000
#
# Environment:
#   RUNS=3             runs per tool and N (the table shows the median wall time)
#   SEARCH_MAX_N=100000 largest N that also gets the rows with the Pagefind search index (one index per year)
#   SEARCH_BROWSER=1   at the largest N with search, count a query's requests and bytes in headless Chromium
#   HUGO_MAX_N=100000  largest N that also gets the Hugo rows (Hugo takes many minutes a run at 100,000)
#                      (scripts/bench/search_requests.py; needs selenium, chromium, chromedriver); 0: skip
#   BENCH_WORK=DIR     work folder (default: bench-work/ at the repo root, git-ignored)
#   HYSITE_BIN=PATH    use this hysite binary instead of building one
#   BUILD_JOBS=N       passed to `swift build -j` (default: SwiftPM's choice)
#   KEEP=1             keep the built sites (default: delete them after the table)
#   RUN_TIMEOUT=1800   seconds before one timed run is killed
#   MEM_CAP_GB=16      address-space cap per timed process (prlimit --as); 0: none
#   TMPFS=/dev/shm     also time the clean build and the 2-thread floor with the output on this tmpfs folder (in
#                      memory: no disk file system); default /dev/shm when it is a tmpfs; empty: skip those rows
#   PEOPLE=2000        generated people the corpus's articles draw on, whatever N is (gen_corpus.py --people); a
#                      real archive names more people the more articles it holds (PEOPLE=30000: 30,000 person pages)
#   DROP_CACHES=1      (root only) before each timed clean build (hysite, Hugo, the floor), empty the kernel's
#                      page cache and read that N's corpus back into it: once the cache is full of the sites built
#                      before, a build also pays for the kernel dropping them, and the same build varied by 30 %.
#                      Rebuilds are timed with the cache as the build before left it. 0: never drop it
#
# Results: a Markdown table on stdout and in $BENCH_WORK/results.md; raw
# measurements in $BENCH_WORK/results.tsv; logs in $BENCH_WORK/logs/.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/scripts/bench"
WORK=${BENCH_WORK:-$ROOT/bench-work}
RUNS=${RUNS:-3}
RUN_TIMEOUT=${RUN_TIMEOUT:-1800}
DROP_CACHES=${DROP_CACHES:-0}
PEOPLE=${PEOPLE:-2000}
if [ "$DROP_CACHES" = 1 ] && ! [ -w /proc/sys/vm/drop_caches ]; then
    echo "run.sh: DROP_CACHES=1 needs root (/proc/sys/vm/drop_caches); timing with the page cache as it is" >&2
    DROP_CACHES=0
fi
if [ -z "${TMPFS+x}" ]; then
    TMPFS=""; [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ] && TMPFS=/dev/shm
fi
if [ $# -gt 0 ]; then NS=("$@"); else NS=(1000 10000 100000); fi
for n in "${NS[@]}"; do
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || { echo "run.sh: N must be a positive integer, got '$n'" >&2; exit 2; }
done

say() { printf '== %s\n' "$*" >&2; }
mkdir -p "$WORK/logs" "$WORK/bin" "$WORK/out"

# --- tools ------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
command -v hugo >/dev/null || need_apt+=(hugo)
command -v gcc >/dev/null || need_apt+=(gcc)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing ${need_apt[*]} with apt-get"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"; } \
            >"$WORK/logs/apt.log" 2>&1 || say "apt-get failed, see $WORK/logs/apt.log"
    else
        say "missing: ${need_apt[*]} (install them: apt-get install -y ${need_apt[*]})"
    fi
fi
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is required (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "run.sh: python3 is required" >&2; exit 1; }
HAVE_HUGO=1; command -v hugo >/dev/null || { HAVE_HUGO=0; say "hugo not found: skipping the Hugo rows"; }

FLOOR="$WORK/bin/floor"
gcc -O2 -Wall -pthread -o "$FLOOR" "$HERE/floor.c" || { echo "run.sh: could not compile floor.c" >&2; exit 1; }

# --- hysite -----------------------------------------------------------------
HYSITE=""
HYSITE_NOTE=""
if [ -n "${HYSITE_BIN:-}" ]; then
    HYSITE="$HYSITE_BIN"
else
    say "building hysite (release) into .build-bench/ — log: $WORK/logs/swift-build.log"
    jobs_flag=(); [ -n "${BUILD_JOBS:-}" ] && jobs_flag=(-j "$BUILD_JOBS")
    if (cd "$ROOT" && swift build -c release --product hysite --scratch-path "$ROOT/.build-bench" "${jobs_flag[@]}") \
            >"$WORK/logs/swift-build.log" 2>&1; then
        HYSITE="$ROOT/.build-bench/release/hysite"
    else
        HYSITE_NOTE="swift build failed ($(grep -m1 -E 'error:' "$WORK/logs/swift-build.log" | cut -c1-160))"
        say "hysite: $HYSITE_NOTE — skipping the hysite rows (full log: $WORK/logs/swift-build.log)"
    fi
fi
if [ -n "$HYSITE" ] && [ ! -x "$HYSITE" ]; then
    HYSITE_NOTE="no executable at $HYSITE"; say "hysite: $HYSITE_NOTE — skipping"; HYSITE=""
fi

# hysite builds a Pagefind search index when Pagefind is installed; Hugo builds none, so
# a second clean row without it shows what the search index costs.
NOSEARCH=0
if [ -n "$HYSITE" ] && "$HYSITE" build --help 2>/dev/null | grep -q -- '--no-search'; then NOSEARCH=1; fi

# Each timed process (and each child, e.g. Pagefind) may use at most MEM_CAP_GB of address
# space, so a runaway build fails on its own instead of pushing the machine out of memory.
CAP=()
MEM_CAP_GB=${MEM_CAP_GB:-16}
if [ "$MEM_CAP_GB" != 0 ] && command -v prlimit >/dev/null; then CAP=(prlimit --as=$((MEM_CAP_GB << 30))); fi

# --- helpers ----------------------------------------------------------------
TSV="$WORK/results.tsv"
STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$WORK/out/$STAMP"
old=$(find "$WORK/out" -mindepth 1 -maxdepth 1 ! -name "$STAMP" | wc -l)
[ "$old" -gt 0 ] && say "$old old output folder(s) in $WORK/out are left alone now and removed at the end"
mkdir -p "$OUT"
printf 'n\trun\tyears\trewritten\n' >"$WORK/search-years.tsv"
rm -f "$WORK"/search-requests-*.json
printf 'n\ttool\trun\trc\twall_s\trss_kb\tpages\tfiles\tload1\tcpu_s\ttree_rss_kb\n' >"$TSV"

# measure N TOOL RUN OUTDIR MARKER -- CMD...: time CMD, count what it wrote into OUTDIR
# (files newer than MARKER, or all files when MARKER is empty), append a row to the TSV.
measure() {
    local n=$1 tool=$2 run=$3 dir=$4 marker=$5; shift 6
    local tf="$WORK/logs/time.$$" log="$WORK/logs/$tool-$n-$run.log"
    sync
    if [ "$DROP_CACHES" = 1 ] && [ -z "$marker" ]; then
        echo 3 >/proc/sys/vm/drop_caches
        find "$WORK/corpus-$n" -type f -exec cat {} + >/dev/null
    fi
    local load1; load1=$(cut -d' ' -f1 /proc/loadavg)
    local t0=$EPOCHREALTIME
    # In the background, so the summed memory of the whole process tree (hysite and the Pagefind it runs) can be
    # sampled: /usr/bin/time's peak RSS is that of the largest single process. timeout leads its own process group.
    timeout "$RUN_TIMEOUT" /usr/bin/time -f '%e %M %U %S' -o "$tf" "${CAP[@]}" "$@" >"$log" 2>&1 &
    local pid=$! tree=0 now
    while kill -0 "$pid" 2>/dev/null; do
        now=$(ps -e -o pgid=,rss= 2>/dev/null | awk -v g="$pid" '$1 == g {s += $2} END {print s + 0}')
        [ "$now" -gt "$tree" ] && tree=$now
        sleep 0.2
    done
    wait "$pid"
    local rc=$? t1=$EPOCHREALTIME
    local wall rss usr sys cpu=NA
    read -r wall rss usr sys < <(tail -n1 "$tf" 2>/dev/null || echo "NA NA NA NA")
    # /usr/bin/time gives the peak RSS; the wall time is taken here to the millisecond.
    if [[ "$wall" =~ ^[0-9.]+$ ]]; then
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
        cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    else
        wall=NA; rss=NA
    fi
    local newer=(); [ -n "$marker" ] && newer=(-newer "$marker")
    local files pages
    files=$(find "$dir" -type f "${newer[@]}" 2>/dev/null | wc -l)
    pages=$(find "$dir" -type f -name '*.html' "${newer[@]}" 2>/dev/null | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$run" "$rc" "$wall" "$rss" "$pages" "$files" "$load1" "$cpu" "$tree" >>"$TSV"
    if [ "$rc" != 0 ]; then
        say "$tool N=$n run $run exited $rc — last lines of $log:"
        tail -n 5 "$log" | sed 's/^/   | /' >&2
    else
        say "$tool N=$n run $run: ${wall}s (cpu ${cpu}s), $((rss / 1024)) MB, $pages pages, $files files"
    fi
}

# tmpfs_fits MANIFEST: whether $TMPFS has room for three times the site MANIFEST lists.
tmpfs_fits() {
    local need free
    need=$(awk -F'\t' '{s += $1} END {printf "%d", s * 3 / 1024}' "$1")
    free=$(df -k --output=avail "$TMPFS" | tail -n1 | tr -d ' ')
    [ "$free" -gt "$need" ] || { say "not enough room in $TMPFS for the tmpfs rows (need ${need} KB)"; return 1; }
}

# corpus N: generate $WORK/corpus-N once (again only if the generator, the seeds or N changed)
corpus() {
    local n=$1 dir="$WORK/corpus-$1"
    local want
    want=$(cat "$HERE/gen_corpus.py" "$ROOT"/seeds/*.txt | sha256sum | cut -c1-16)-$n-people-$PEOPLE
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$want" ]; then
        say "generating corpus N=$n in $dir ($PEOPLE generated people)"
        python3 "$HERE/gen_corpus.py" "$n" "$dir" --people "$PEOPLE" >"$WORK/logs/gen-$n.log" 2>&1 \
            || { cat "$WORK/logs/gen-$n.log" >&2; exit 1; }
        echo "$want" >"$dir/.stamp"
    fi
}

# edit_page FILE: a one-paragraph change — append a sentence to the page's first
# paragraph that ends a sentence (its first article's dateline paragraph).
edit_page() {
    python3 "$HERE/edit_page.py" "$1"
}

# --- runs -------------------------------------------------------------------
for n in "${NS[@]}"; do
    corpus "$n"
    C="$WORK/corpus-$n"
    # Run everything from the corpus folder, so no hysite.yml from elsewhere is picked up.
    cd "$C" || exit 1
    pages_dir="$C/pages"
    mkdir -p "$OUT/$n"
    # The page to change: one in the middle of the archive.
    victim=$(find "$pages_dir" -name '*.txt' | sort | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
    cp -p "$victim" "$OUT/$n/victim.orig"
    manifest=""
    for r in $(seq 1 "$RUNS"); do
        if [ -n "$HYSITE" ]; then
            d="$OUT/$n/hysite-$r"; mkdir -p "$d"
            # Like for like with Hugo (which builds no search index): the timed hysite rows leave search out.
            hs=("$HYSITE" build --input "$pages_dir" --output "$d" --templates "$ROOT/Templates" $([ "$NOSEARCH" = 1 ] && echo --no-search))
            measure "$n" hysite "$r" "$d" "" -- "${hs[@]}"
            if [ "$(tail -n1 "$TSV" | cut -f4)" = 0 ]; then
                [ -z "$manifest" ] && { manifest="$OUT/$n/manifest.tsv"; "$FLOOR" scan "$d" >"$manifest"; MANIFEST_FROM=hysite; }
                touch "$OUT/$n/marker-$r"; sleep 0.01
                measure "$n" "hysite-nochange" "$r" "$d" "$OUT/$n/marker-$r" -- "${hs[@]}"
                edit_page "$victim"
                touch "$OUT/$n/marker2-$r"; sleep 0.01
                measure "$n" "hysite-1page" "$r" "$d" "$OUT/$n/marker2-$r" -- "${hs[@]}"
                cp -p "$OUT/$n/victim.orig" "$victim"
                # The same edit while `hysite serve` runs with the archive kept in memory: edit to rebuilt, as a user
                # waits for it (the file watcher's settling included).
                if [ "${SERVE:-1}" = 1 ]; then
                    python3 "$HERE/serve_edit.py" "$HYSITE" "$pages_dir" "$d" "$ROOT/Templates" "$victim" "$n" "$r" "$TSV" \
                        >"$WORK/logs/serve-$n-$r.log" 2>&1 || say "serve_edit.py failed, see $WORK/logs/serve-$n-$r.log"
                    say "$(tail -n1 "$WORK/logs/serve-$n-$r.log")"
                    cp -p "$OUT/$n/victim.orig" "$victim"
                fi
            fi
            # The same build with the Pagefind search index (one index per year, so its memory is bounded by the largest year).
            if [ "$NOSEARCH" = 1 ] && [ "$n" -le "${SEARCH_MAX_N:-100000}" ]; then
                d="$OUT/$n/hysite-search-$r"; mkdir -p "$d"
                hss=("$HYSITE" build --input "$pages_dir" --output "$d" --templates "$ROOT/Templates")
                measure "$n" hysite-search "$r" "$d" "" -- "${hss[@]}"
                # One page file edited, with search: that page's year is indexed again.
                if [ "$(tail -n1 "$TSV" | cut -f4)" = 0 ]; then
                    edit_page "$victim"
                    touch "$OUT/$n/marker3-$r"; sleep 0.01
                    measure "$n" "hysite-search-1page" "$r" "$d" "$OUT/$n/marker3-$r" -- "${hss[@]}"
                    cp -p "$OUT/$n/victim.orig" "$victim"
                    if [ "${SERVE:-1}" = 1 ]; then
                        python3 "$HERE/serve_edit.py" "$HYSITE" "$pages_dir" "$d" "$ROOT/Templates" "$victim" "$n" "$r" "$TSV" search \
                            >"$WORK/logs/serve-search-$n-$r.log" 2>&1 || say "serve_edit.py failed, see $WORK/logs/serve-search-$n-$r.log"
                        say "$(tail -n1 "$WORK/logs/serve-search-$n-$r.log")"
                        cp -p "$OUT/$n/victim.orig" "$victim"
                    fi
                    # Which years' indexes that rebuild rewrote (pagefind/<year>/ folders with a newer file).
                    printf '%s\t%s\t%s\t%s\n' "$n" "$r" "$(find "$d/pagefind" -mindepth 1 -maxdepth 1 -type d | wc -l)" \
                        "$(find "$d/pagefind" -mindepth 2 -type f -newer "$OUT/$n/marker3-$r" \
                           | sed -E "s#^$d/pagefind/([^/]+)/.*#\\1#" | sort -u | paste -sd, -)" >>"$WORK/search-years.tsv"
                    if [ "$r" = "$RUNS" ] && [ "${SEARCH_BROWSER:-1}" = 1 ]; then
                        say "search requests per query in Chromium (N=$n) — log: $WORK/logs/search-requests-$n.log"
                        python3 "$HERE/search_requests.py" "$d" --json "$WORK/search-requests-$n.json" \
                            >"$WORK/logs/search-requests-$n.log" 2>&1 || say "search_requests.py failed, see $WORK/logs/search-requests-$n.log"
                    fi
                fi
            fi
        fi
        if [ "$HAVE_HUGO" = 1 ] && [ "$n" -le "${HUGO_MAX_N:-100000}" ]; then
            d="$OUT/$n/hugo-$r"
            measure "$n" hugo "$r" "$d" "" -- hugo --quiet -s "$C/hugo" -d "$d"
            if [ -z "$manifest" ] && [ "$(tail -n1 "$TSV" | cut -f4)" = 0 ]; then
                manifest="$OUT/$n/manifest.tsv"; "$FLOOR" scan "$d" >"$manifest"; MANIFEST_FROM=hugo
            fi
            # The lighter Hugo site: same articles, one taxonomy, single and list templates only.
            measure "$n" hugo-light "$r" "$OUT/$n/hugo-light-$r" "" -- hugo --quiet -s "$C/hugo-light" -d "$OUT/$n/hugo-light-$r"
        fi
        if [ -n "$manifest" ]; then
            measure "$n" "floor" "$r" "$OUT/$n/floor-$r" "" -- "$FLOOR" write "$manifest" "$OUT/$n/floor-$r"
            measure "$n" "floor-j2" "$r" "$OUT/$n/floor2-$r" "" -- "$FLOOR" write -j 2 "$manifest" "$OUT/$n/floor2-$r"
        fi
        # The same clean build and floor with the output in memory (tmpfs): what the build costs apart from the disk's
        # file system. Each site is removed at once (on tmpfs that costs nothing later, unlike on the disk).
        if [ -n "$TMPFS" ] && [ -n "$manifest" ] && tmpfs_fits "$manifest"; then
            if [ -n "$HYSITE" ]; then
                d="$TMPFS/hysite-bench-$STAMP-$n-$r"
                measure "$n" hysite-tmpfs "$r" "$d" "" -- "$HYSITE" build --input "$pages_dir" --output "$d" --templates "$ROOT/Templates" \
                    $([ "$NOSEARCH" = 1 ] && echo --no-search)
                rm -rf "$d" "$(dirname "$d")/.$(basename "$d").hysite-"*
            fi
            d="$TMPFS/floor-bench-$STAMP-$n-$r"
            measure "$n" floor-j2-tmpfs "$r" "$d" "" -- "$FLOOR" write -j 2 "$manifest" "$d"
            rm -rf "$d"
        fi
    done
    echo "${MANIFEST_FROM:-none}" >"$OUT/$n/manifest-from"
done

# --- table ------------------------------------------------------------------
{
    echo "# hysite benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(hugo version 2>/dev/null | cut -d' ' -f1-2);" \
        "hysite: ${HYSITE:-not built} ${HYSITE_NOTE:+— $HYSITE_NOTE}; repo: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo 'no commit')" \
        "$(cd "$ROOT" && [ -n "$(git status --porcelain 2>/dev/null)" ] && echo '(uncommitted changes)')"
    echo
    if [ "$DROP_CACHES" = 1 ]; then
        echo "Page cache emptied and the corpus read back before each timed clean build (DROP_CACHES=1); rebuilds timed with the cache as left."
    else
        echo "Page cache left as it was between runs (DROP_CACHES=0): clean builds late in the run pay for dropping the sites built before."
    fi
    echo
    python3 "$HERE/table.py" "$TSV" "$WORK" "$OUT" "${NS[@]}"
} | tee "$WORK/results.md"

# --- clean up (only now: creating many files soon after deleting many is slow here) ---
if [ "${KEEP:-0}" != 1 ]; then
    say "removing the built sites under $WORK/out"
    find "$WORK/out" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
else
    say "kept the built sites in $OUT"
fi
