#!/usr/bin/env bash
# The history benchmark: `debrief audit --git` on a knowledge repo of N post-mortems with a
# history of C commits. Rerun it with:
#
#   Tests/Benchmark/git.sh [N] [C] [ROUNDS]     (default N=10000, C=30000, ROUNDS=3)
#
# It builds debrief in release mode, generates the repo with generate.py, writes its history
# with git_history.py through `git fast-import` (due-date moves, closes and reopens, Closes:
# and Refs: trailers), checks the work tree out, then times with /usr/bin/time, in turns:
# `debrief audit --git --all --format json` read cold (--no-history-cache) and from the history
# cache the cold run left, `debrief audit --all --format json` without --git, and the plain
# `debrief audit --git` (open actions, text) cold and from the cache. It prints the median wall
# times and peak memory next to the target (10 s at N=10000, C=30000 on a 2-core machine) and
# the CPU time of each. A report read from the cache must equal the cold one byte for byte.
# Set BENCH_DIR to keep the work folder somewhere else (default /tmp/debrief-git-bench-N-C).
set -euo pipefail

count=${1:-10000}
commits=${2:-30000}
rounds=${3:-3}
here="$(cd "$(dirname "$0")" && pwd)"
package="$(cd "$here/../.." && pwd)"
work=${BENCH_DIR:-/tmp/debrief-git-bench-$count-$commits}

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v git >/dev/null || { echo "needs git" >&2; exit 2; }

echo "Building debrief (release)..." >&2
(cd "$package" && swift build -c release --product debrief >/dev/null)
debrief="$package/.build/release/debrief"

stamp="$count $commits $(cat "$here/generate.py" "$here/git_history.py" | sha256sum | cut -c1-16)"
if [ "$(cat "$work/stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "Generating $count post-mortems and $commits commits in $work..." >&2
  rm -rf "$work"
  mkdir -p "$work"
  python3 "$here/generate.py" "$count" "$work/repo"
  git -C "$work/repo" init -q -b main
  python3 "$here/git_history.py" "$work/repo" "$commits" | git -C "$work/repo" fast-import --quiet
  git -C "$work/repo" reset -q --hard main
  echo "$stamp" > "$work/stamp"
fi
echo "$(git -C "$work/repo" rev-list --count HEAD) commits, $(find "$work/repo/postmortems" -name '*.md' | wc -l) post-mortems" >&2
# Warm the page cache.
"$debrief" audit --root "$work/repo" --all --format json >/dev/null

# The history cache lives beside a cache key of the benchmark's own, not the user's.
export DEBRIEF_CACHE_KEY_FILE="$work/cache/cache-key"
rm -rf "$work/cache"
: > "$work/cold.txt"; : > "$work/warm.txt"; : > "$work/without.txt"; : > "$work/text-cold.txt"; : > "$work/text-warm.txt"
timed() { # timed FILE ARGS...: runs debrief, appends "seconds KB user system" to FILE
  local out=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$debrief" "$@" >"$work/audit.json" 2>"$work/stderr.txt" \
    || { cat "$work/stderr.txt" >&2; exit 1; }
  cat "$work/time.txt" >> "$out"
}
for _ in $(seq 1 "$rounds"); do
  # Cold: the whole history read (the first run in a fresh clone, or a CI job without a cache).
  timed "$work/cold.txt" audit --git --no-history-cache --root "$work/repo" --all --format json
  cp "$work/audit.json" "$work/audit-cold.json"
  # Warm: from the state the previous run cached (nothing new since).
  timed "$work/warm.txt" audit --git --root "$work/repo" --all --format json
  cmp -s "$work/audit.json" "$work/audit-cold.json" || { echo "the report from the cache differs from the cold one" >&2; exit 1; }
  timed "$work/without.txt" audit --root "$work/repo" --all --format json
  # The command as a team types it: open actions, text report.
  timed "$work/text-cold.txt" audit --git --no-history-cache --root "$work/repo"
  cp "$work/audit.json" "$work/audit-text-cold.txt"
  timed "$work/text-warm.txt" audit --git --root "$work/repo"
  cmp -s "$work/audit.json" "$work/audit-text-cold.txt" || { echo "the text report from the cache differs from the cold one" >&2; exit 1; }
done
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
row() {
  echo "$1: median $(cut -d' ' -f1 "$2" | median) s, $(cut -d' ' -f2 "$2" | median) KB peak," \
    "$(awk '{ print $3 + $4 }' "$2" | median) s CPU (user + system)"
}
slips=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(a["slips"] or 0 for a in d["actions"]))' "$work/audit-cold.json")
echo "$count post-mortems, $commits commits, $rounds rounds (target: audit --git under 10 s)"
row "audit --git, whole history (--no-history-cache)" "$work/cold.txt"
row "audit --git, from the history cache" "$work/warm.txt"
row "audit without --git" "$work/without.txt"
row "audit --git (open actions, text), whole history" "$work/text-cold.txt"
row "audit --git (open actions, text), from the history cache" "$work/text-warm.txt"
echo "slips found: ${slips}"
# Where one more run spends its time: the stages of --timings (the history is read on its own
# thread while the documents load, so its line overlaps the first stage's).
echo "stages of one more run (--timings):"
"$debrief" audit --git --timings --root "$work/repo" --all --format json 2>&1 >/dev/null | sed 's/^/  /'
