#!/usr/bin/env bash
# The build benchmark of docs/performance.md. Rerun it with:
#
#   Tests/Benchmark/run.sh [N] [ROUNDS]        (default N=10000, ROUNDS=5)
#
# It builds debrief in release mode, generates a repo of N post-mortems (about 6 KB each)
# and 40 SOPs, writes the same Markdown as a Hugo site and as one concatenated file, then
# times, alternating within each round:
#   1. debrief build, full (into a new folder)
#   2. debrief build again with nothing changed (same folder)
#   3. cmark-gfm over the concatenated Markdown (all extensions; the single-core floor)
#   4. hugo building the equivalent site (taxonomies tags/services/severity, RSS, sitemap)
# with /usr/bin/time, and prints the median wall time and peak memory of each, and the ratios.
# Output folders are deleted only at the end: on ext4, creating files within minutes of deleting
# many is much slower, which would penalise whichever tool runs next. For the same reason, let a
# few minutes pass between two runs of this script.
# Set BENCH_DIR to keep the work folder somewhere else (default /tmp/debrief-bench-N).
set -euo pipefail

count=${1:-10000}
rounds=${2:-5}
here="$(cd "$(dirname "$0")" && pwd)"
package="$(cd "$here/../.." && pwd)"
work=${BENCH_DIR:-/tmp/debrief-bench-$count}

# Tools: Debian packages, installed when missing.
need=()
command -v cmark-gfm >/dev/null || need+=(cmark-gfm)
command -v hugo >/dev/null || need+=(hugo)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
"$package/Tests/bootstrap.sh"

echo "Building debrief (release)..." >&2
(cd "$package" && swift build -c release --product debrief >/dev/null)
debrief="$package/.build/release/debrief"

# The generator is deterministic: a repo made by the same generator for the same N is reused,
# which also keeps the file deletions of regenerating away from the timed runs.
stamp="$count $(sha256sum "$here/generate.py" "$here/hugo/hugo.toml" "$here"/hugo/layouts/_default/* | sha256sum | cut -c1-16)"
if [ "$(cat "$work/stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "Generating $count post-mortems in $work..." >&2
  rm -rf "$work"
  mkdir -p "$work"
  python3 "$here/generate.py" "$count" "$work/repo"
  mkdir -p "$work/hugo/content"
  cp -R "$here/hugo/." "$work/hugo/"
  cp -R "$work/repo/postmortems" "$work/repo/sops" "$work/hugo/content/"
  find "$work/repo/postmortems" "$work/repo/sops" -name '*.md' | sort | xargs cat > "$work/all.md"
  echo "$stamp" > "$work/stamp"
fi
rm -rf "$work/out"
mkdir -p "$work/out"
echo "$(find "$work/repo/postmortems" -name '*.md' | wc -l) post-mortems, $(du -sb "$work/all.md" | cut -f1) bytes of Markdown" >&2
# Warm the page cache and check that the repo is clean.
"$debrief" check --root "$work/repo" >/dev/null

measure() { # name, command...: appends "name seconds kilobytes" to the results
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
    echo "$name failed:" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  }
  echo "$name $(cat "$work/time.txt")" >> "$work/results.txt"
}

: > "$work/results.txt"
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds..." >&2
  measure "debrief-full" "$debrief" build --root "$work/repo" --output "$work/out/debrief-$round" --as-of 2026-12-01
  measure "debrief-nochange" "$debrief" build --root "$work/repo" --output "$work/out/debrief-$round" --as-of 2026-12-01
  measure "cmark-gfm" cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist "$work/all.md"
  measure "hugo" hugo --quiet --source "$work/hugo" --destination "$work/out/hugo-$round"
done

python3 - "$work/results.txt" "$count" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
runs = {}
for name, seconds, kilobytes in rows:
    runs.setdefault(name, []).append((float(seconds), int(kilobytes)))
median = {name: statistics.median(s for s, _ in values) for name, values in runs.items()}
memory = {name: statistics.median(k for _, k in values) / 1024 for name, values in runs.items()}
print(f"N = {sys.argv[2]}, {len(runs['hugo'])} rounds, medians")
print(f"{'':18} {'wall (s)':>9} {'peak RSS (MiB)':>15}")
for name in ["debrief-full", "debrief-nochange", "cmark-gfm", "hugo"]:
    print(f"{name:18} {median[name]:9.2f} {memory[name]:15.0f}")
full = median["debrief-full"]
print()
print(f"debrief full / cmark-gfm       {full / median['cmark-gfm']:6.2f}x   (target <= 1.5)")
print(f"hugo / debrief full            {median['hugo'] / full:6.2f}x   (target >= 3)")
print(f"no-change / full               {median['debrief-nochange'] / full * 100:6.1f}%   (target <= 5%)")
print(f"debrief full peak RSS          {memory['debrief-full']:6.0f} MiB (target < 512)")
PY

rm -rf "$work/out"
