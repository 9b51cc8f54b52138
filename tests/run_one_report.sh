#!/usr/bin/env bash
# run_one_report.sh GOL PROGRAM.gol RUNS: runs a program in which many goroutines panic or
# fail at once, RUNS times at --maxprocs 2. Go reports the first death only and exits with
# status 2: each run must print exactly one `panic: ` or `fatal error: ` line, the trace of
# the goroutine that died, and exit with 2. (Go's report of a fatal error goes on to list the
# other goroutines, which Gol's does not: it cannot stop them to read their stacks.)
set -u
gol=$1
program=$2
runs=$3
dir=$(dirname "$program")
base=$(basename "$program" .gol)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cd "$dir" || exit 1
for ((i = 1; i <= runs; i++)); do
  timeout 30 "$gol" run --maxprocs 2 "$base.gol" > "$out" 2>&1 < /dev/null
  code=$?
  reports=$(grep -c -E '^(panic|fatal error): ' "$out")
  headers=$(grep -c -E '^goroutine [0-9]+ \[' "$out")
  if [ "$code" != 2 ] || [ "$reports" != 1 ] || [ "$headers" -lt 1 ]; then
    echo "FAIL: run $i of $program exited with $code, $reports reports, $headers goroutines:"
    head -30 "$out"
    exit 1
  fi
done
echo "$runs runs of $program printed one report"
