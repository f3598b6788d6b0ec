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
#   3. debrief build again after one post-mortem's body changed (same folder; the file is
#      restored afterwards)
#   4. cmark-gfm over the concatenated Markdown (all extensions; the single-core floor)
#   5. hugo building the equivalent site (taxonomies tags/services/severity, RSS, sitemap)
# with /usr/bin/time, and prints the median wall time and peak memory of each, the bytes and
# files of both sites (debrief's without its build cache), and every ratio the targets name;
# then one more full build with --timings gives the share of its stages spent on similar
# incidents and recurrences (the similarity index and the per-post-mortem queries).
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
  # One post-mortem's body changes (a sentence added at the end), as when an author edits one.
  changed="$(find "$work/repo/postmortems" -name '*.md' | sort | sed -n "$(( (round * 7) % count + 1 ))p")"
  cp -p "$changed" "$work/changed.md"
  printf '\nEdited in round %s of the benchmark.\n' "$round" >> "$changed"
  measure "debrief-onechanged" "$debrief" build --root "$work/repo" --output "$work/out/debrief-$round" --as-of 2026-12-01
  cp -p "$work/changed.md" "$changed"
  measure "cmark-gfm" cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist "$work/all.md"
  measure "hugo" hugo --quiet --source "$work/hugo" --destination "$work/out/hugo-$round"
done

# The stages of one more full build: the share spent on similar incidents and recurrences.
"$debrief" build --root "$work/repo" --output "$work/out/debrief-timed" --as-of 2026-12-01 --timings >/dev/null 2> "$work/timings.txt"

# Site sizes: debrief's without its build cache (a build artifact, not published).
site_bytes() { # folder, excluded name: "bytes files"
  echo "$(find "$1" -path "$1/$2" -prune -o -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}') $(find "$1" -path "$1/$2" -prune -o -type f -print | wc -l)"
}
echo "debrief-site $(site_bytes "$work/out/debrief-1" .debrief-cache)" > "$work/sites.txt"
echo "hugo-site $(site_bytes "$work/out/hugo-1" none)" >> "$work/sites.txt"

python3 - "$work/results.txt" "$count" "$work/sites.txt" "$work/timings.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
runs = {}
for name, seconds, kilobytes in rows:
    runs.setdefault(name, []).append((float(seconds), int(kilobytes)))
median = {name: statistics.median(s for s, _ in values) for name, values in runs.items()}
memory = {name: statistics.median(k for _, k in values) / 1024 for name, values in runs.items()}
print(f"N = {sys.argv[2]}, {len(runs['hugo'])} rounds, medians")
print(f"{'':18} {'wall (s)':>9} {'peak RSS (MiB)':>15}")
for name in ["debrief-full", "debrief-nochange", "debrief-onechanged", "cmark-gfm", "hugo"]:
    print(f"{name:18} {median[name]:9.2f} {memory[name]:15.0f}")
sites = {name: (int(size), int(files)) for name, size, files in (line.split() for line in open(sys.argv[3]) if line.strip())}
print()
for name in ["debrief-site", "hugo-site"]:
    size, files = sites[name]
    print(f"{name:18} {size / 1e6:9.1f} MB {files:8d} files")
full = median["debrief-full"]
site_ratio = sites["debrief-site"][0] / sites["hugo-site"][0]
print()
print(f"{'':34} {'measured':>9}  {'floor':>7}  {'goal':>7}")
def row(label, value, floor, goal, unit="x", ok=None):
    mark = "met" if ok else "MISSED"
    print(f"{label:34} {value:8.2f}{unit}  {floor:>7}  {goal:>7}  {mark}")
row("full build / cmark-gfm", full / median["cmark-gfm"], "<= 1.5x", "<= 1.0x", ok=full / median["cmark-gfm"] <= 1.5)
row("hugo / full build", median["hugo"] / full, ">= 3x", ">= 5x", ok=median["hugo"] / full >= 3)
print(f"{'peak memory of a full build':34} {memory['debrief-full']:6.0f} MiB  {'<= 320':>7}  {'<= 256':>7}  {'met' if memory['debrief-full'] <= 320 else 'MISSED'}")
row("site bytes / hugo site bytes", site_ratio, "<= 1.2x", "<= 1.0x", ok=site_ratio <= 1.2)
nochange = median["debrief-nochange"] / full * 100
onechanged = median["debrief-onechanged"] / full * 100
row("nothing-changed rebuild / full", nochange, "<= 5%", "<= 2%", unit="%", ok=nochange <= 5)
row("one post-mortem changed / full", onechanged, "<= 10%", "<= 5%", unit="%", ok=onechanged <= 10)
stages = {}
for line in open(sys.argv[4]):
    # "similar incidents (then 422 MiB resident): 57.952 s"
    name, _, rest = line.rpartition(": ")
    if name and rest.strip().endswith(" s"):
        stages[name.split(" (then ")[0]] = float(rest.strip()[:-2])
similar = stages.get("similarity index", 0) + stages.get("similar incidents", 0)
share = similar / sum(stages.values()) * 100 if stages else 0
row("similar incidents / full build", share, "<= 10%", "<= 10%", unit="%", ok=share <= 10)
PY

rm -rf "$work/out"
