#!/usr/bin/env bash
# run_repl.sh GOL SESSION.repl [FLAGS...]: types SESSION.repl into `gol repl` through a
# pipe and compares stdout and stderr (together) with SESSION.out and the exit status
# with SESSION.code (or 0).
set -u
gol=$1
session=$2
dir=$(dirname "$session")
base=$(basename "$session" .repl)
expected_code=0
[ -f "$dir/$base.code" ] && expected_code=$(tr -d '[:space:]' < "$dir/$base.code")
shift 2
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
cd "$dir" || exit 1
timeout "${GOL_TEST_TIMEOUT:-30}" "$gol" repl "$@" < "$base.repl" > "$actual" 2>&1
code=$?
# AddressSanitizer builds: ASan warns once when a panic is thrown deep in a stack larger
# than 64 MiB (goroutine 1's); not a finding.
if grep -q '^==[0-9]*==WARNING: ASan is ignoring requested __asan_handle_no_return' "$actual"; then
  sed -i -e '/^==[0-9]*==WARNING: ASan is ignoring requested __asan_handle_no_return/,+2d' "$actual"
fi
status=0
if ! diff -u "$base.out" "$actual"; then
  echo "FAIL: output of $session differs (- expected, + actual)"
  status=1
fi
if [ "$code" != "$expected_code" ]; then
  echo "FAIL: $session exited with $code, expected $expected_code"
  status=1
fi
exit $status
