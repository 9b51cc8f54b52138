#!/usr/bin/env bash
# run_stress.sh GOL PROGRAM.gol RUNS: runs a racy program RUNS times at --maxprocs 2. Each
# run must end with exit status 0 and print PROGRAM.out (when it exists), or end with
# exit status 2 and Go's `fatal error: concurrent map ...` report; anything else (a
# crash, a hang, a sanitizer report) fails.
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
  if [ "$code" = 0 ]; then
    if [ -f "$base.out" ] && ! diff -q "$base.out" "$out" > /dev/null; then
      echo "FAIL: run $i of $program printed:"; head -20 "$out"; exit 1
    fi
  elif [ "$code" = 2 ] && grep -q "^fatal error: concurrent map" "$out"; then
    :
  else
    echo "FAIL: run $i of $program exited with $code:"; head -20 "$out"; exit 1
  fi
done
echo "$runs runs of $program ended as Go allows"
