#!/usr/bin/env bash
# The highest resident memory of each stage of one full build:
#
#   Tests/Benchmark/stages.sh [N] [BINARY]
#
# Run after `Tests/Benchmark/run.sh N` (which generates the repository in
# ${BENCH_DIR:-/tmp/debrief-bench-N}); BINARY defaults to the release build. The build prints
# each stage's time with --timings; the process's resident size is read from /proc every 30 ms
# beside it, and each stage is given the highest sample taken while it ran.
set -euo pipefail

count=${1:-10000}
here="$(cd "$(dirname "$0")" && pwd)"
package="$(cd "$here/../.." && pwd)"
debrief=${2:-$package/.build/release/debrief}
work=${BENCH_DIR:-/tmp/debrief-bench-$count}
[ -d "$work/repo" ] || { echo "no repository in $work: run Tests/Benchmark/run.sh $count first" >&2; exit 1; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
"$debrief" build --root "$work/repo" --output "$out/site" --as-of 2026-12-01 --timings >/dev/null 2>"$out/timings.txt" &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$(date +%s.%N) $rss" >> "$out/samples.txt"
  sleep 0.03
done
wait "$pid"

python3 - "$start" "$out/timings.txt" "$out/samples.txt" <<'PY'
import sys
start, timings, samples = float(sys.argv[1]), sys.argv[2], sys.argv[3]
stages, t = [], 0.0
for line in open(timings):
    name, _, rest = line.rpartition(": ")
    rest = rest.strip()
    if name and rest.endswith(" s"):
        seconds = float(rest[:-2])
        stages.append((name.split(" (then")[0], t, t + seconds))
        t += seconds
points = [(float(at) - start, int(kb) / 1024) for at, kb in (line.split() for line in open(samples))]
top = max(points, key=lambda p: p[1])
print(f"peak {top[1]:.0f} MiB at {top[0]:.2f} s of {points[-1][0]:.2f} s")
for name, begin, end in stages:
    inside = [mib for at, mib in points if begin <= at < end + 0.05]
    print(f"  {name:20} {begin:6.2f}-{end:6.2f} s  max {max(inside) if inside else 0:5.0f} MiB")
PY
