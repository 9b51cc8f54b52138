#!/usr/bin/env bash
# run_unordered.sh GOL PROGRAM.gol [FLAGS...]: for programs whose goroutines print in
# an order that Go leaves open. Runs the program from its folder and compares its
# stdout and stderr (together) with PROGRAM.unordered line by line, ignoring the order
# of the lines (both sides sorted), and the exit status with PROGRAM.code (or 0).
set -u
gol=$1
program=$2
dir=$(dirname "$program")
base=$(basename "$program" .gol)
expected_code=0
[ -f "$dir/$base.code" ] && expected_code=$(tr -d '[:space:]' < "$dir/$base.code")
shift 2
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
cd "$dir" || exit 1
timeout 30 "$gol" run "$@" "$base.gol" > "$actual" 2>&1 < /dev/null
code=$?
status=0
if ! diff -u <(LC_ALL=C sort "$base.unordered") <(LC_ALL=C sort "$actual"); then
  echo "FAIL: the lines of $program's output differ (sorted; - expected, + actual)"
  echo "--- actual output:"
  cat "$actual"
  status=1
fi
if [ "$code" != "$expected_code" ]; then
  echo "FAIL: $program exited with $code, expected $expected_code"
  status=1
fi
exit $status
