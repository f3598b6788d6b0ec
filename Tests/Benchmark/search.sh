#!/usr/bin/env bash
# The search benchmark of docs/performance.md (docs/search.md describes the index). Rerun with:
#
#   Tests/Benchmark/search.sh [N]        (default N=10000)
#
# Builds debrief in release mode, builds the benchmark repo of N post-mortems (Tests/Benchmark/
# generate.py, the repo run.sh uses) into a site, runs Pagefind (PyPI pagefind-bin) over the
# same built site, and prints side by side: the total bytes of each index, the bytes and files
# a browser loads for a one-word and a two-word query until the first ten results are shown,
# and the time to first results in headless Chromium (debrief's from file://, Pagefind's over
# HTTP from localhost: it cannot run from disk). Set BENCH_DIR to move the work folder
# (default /tmp/debrief-bench-N, shared with run.sh).
set -euo pipefail

count=${1:-10000}
here="$(cd "$(dirname "$0")" && pwd)"
package="$(cd "$here/../.." && pwd)"
work=${BENCH_DIR:-/tmp/debrief-bench-$count}

"$package/Tests/bootstrap.sh" --test
python3 -c "import pagefind_bin" 2>/dev/null || python3 -m pip install -q pagefind-bin 2>/dev/null \
  || python3 -m pip install -q --break-system-packages pagefind-bin

echo "Building debrief (release)..." >&2
(cd "$package" && swift build -c release --product debrief >/dev/null)
debrief="$package/.build/release/debrief"

if [ ! -f "$work/repo/debrief.yml" ] || [ "$(find "$work/repo/postmortems" -name '*.md' | wc -l)" -ne "$count" ]; then
  echo "Generating $count post-mortems in $work/repo..." >&2
  rm -rf "$work/repo"
  mkdir -p "$work"
  python3 "$here/generate.py" "$count" "$work/repo"
fi

rm -rf "$work/search-site" "$work/pagefind" "$work/pagefind-harness"
echo "Building the site..." >&2
/usr/bin/time -f "%e s, %M KB" -o "$work/search-build.txt" "$debrief" build --root "$work/repo" --output "$work/search-site" --as-of 2026-12-01 --timings >"$work/search-timings.txt" 2>&1
echo "Running Pagefind..." >&2
/usr/bin/time -f "%e s, %M KB" -o "$work/pagefind-build.txt" python3 -m pagefind_bin --site "$work/search-site" --output-path "$work/pagefind" >/dev/null

bytes() { find "$@" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
files() { find "$@" -type f | wc -l; }
ours_total=$(bytes "$work/search-site/search" "$work/search-site/assets/search.js")
ours_files=$(files "$work/search-site/search" "$work/search-site/assets/search.js")
# Pagefind's index and what its search needs (its UI libraries left out).
theirs_total=$(bytes "$work/pagefind/index" "$work/pagefind/fragment" "$work/pagefind"/*.pf_meta "$work/pagefind"/wasm.*.pagefind "$work/pagefind/pagefind.js" "$work/pagefind/pagefind-entry.json")
theirs_files=$(files "$work/pagefind/index" "$work/pagefind/fragment" "$work/pagefind"/*.pf_meta "$work/pagefind"/wasm.*.pagefind "$work/pagefind/pagefind.js" "$work/pagefind/pagefind-entry.json")

echo "Measuring queries in Chromium..." >&2
python3 "$here/search_measure.py" "$work/search-site" "$work/pagefind" "replica" "ledger" "refused connections" "pool exhausted" > "$work/search-queries.txt"

python3 - "$count" "$ours_total" "$ours_files" "$theirs_total" "$theirs_files" "$work/search-queries.txt" "$work/search-timings.txt" "$work/search-build.txt" "$work/pagefind-build.txt" <<'PY'
import json, sys
count, ours_total, ours_files, theirs_total, theirs_files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rows = [json.loads(line) for line in open(sys.argv[6]) if line.strip()]
index_line = next((l.strip() for l in open(sys.argv[7]) if "search index" in l), "search index: ?")
print(f"N = {count}")
print(f"debrief build: {open(sys.argv[8]).read().strip()} ({index_line}); pagefind: {open(sys.argv[9]).read().strip()}")
print()
print(f"{'total index':28} {'debrief':>14} {'pagefind':>14} {'ratio':>7}")
print(f"{'  bytes':28} {ours_total/1e6:11.1f} MB {theirs_total/1e6:11.1f} MB {ours_total/theirs_total:6.2f}x")
print(f"{'  files':28} {ours_files:14d} {theirs_files:14d}")
print()
print(f"{'query (first 10 results)':28} {'debrief KB':>11} {'files':>6} {'ms':>6}   {'pagefind KB':>11} {'files':>6} {'ms':>6}   {'bytes ratio':>11}")
by = {}
for row in rows:
    by.setdefault(row["query"], {})[row["tool"]] = row
for query, tools in by.items():
    ours, theirs = tools["debrief"], tools["pagefind"]
    print(f"{query!r:28} {ours['bytes']/1024:11.1f} {ours['files']:6.0f} {ours['ms']:6.0f}   {theirs['bytes']/1024:11.1f} {theirs['files']:6.0f} {theirs['ms']:6.0f}   {ours['bytes']/theirs['bytes']:10.2f}x")
print()
one = [by[q] for q in by if " " not in q]
worst_ratio = max(t["debrief"]["bytes"] / t["pagefind"]["bytes"] for t in one)
slowest = max(t["debrief"]["ms"] for t in by.values())
def verdict(ok): return "met" if ok else "MISSED"
print(f"{'bytes per one-word query / pagefind':40} {worst_ratio:6.2f}x  target <= 1.5x  {verdict(worst_ratio <= 1.5)}")
print(f"{'total index / pagefind':40} {ours_total/theirs_total:6.2f}x  target <= 1.0x  {verdict(ours_total <= theirs_total)}")
print(f"{'slowest first results from disk':40} {slowest:6.0f} ms target < 300 ms  {verdict(slowest < 300)}")
PY
