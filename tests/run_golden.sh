#!/usr/bin/env bash
# run_golden.sh GOL PROGRAM.gol [FLAGS...]: runs the program from its folder and compares
# stdout and stderr (together) with PROGRAM.out and the exit status with PROGRAM.code (or
# 0). A program without PROGRAM.out states its expected diagnostics inline instead, in
# `// ERROR "regexp"` or `/* ERROR "regexp" */` comments (tests/errorcheck.py), and is
# expected to exit with 1. A PROGRAM.args file, if present, holds extra `gol run` arguments (one
# line); FLAGS (such as --maxprocs 1) come before them. A PROGRAM.argv file holds the program's
# own arguments (one line, after the program's name; os.Args[1:]), and PROGRAM.stdin, if
# present, is its standard input (else /dev/null).
set -u
gol=$1
program=$2
dir=$(dirname "$program")
base=$(basename "$program" .gol)
expected_code=0
errorcheck=
if [ ! -f "$dir/$base.out" ] && grep -q 'ERROR *["`]' "$program"; then
  errorcheck=$(cd "$(dirname "$0")" && pwd)/errorcheck.py
  expected_code=1
fi
[ -f "$dir/$base.code" ] && expected_code=$(tr -d '[:space:]' < "$dir/$base.code")
shift 2
extra=("$@")
if [ -f "$dir/$base.args" ]; then
  read -r -a file_args < "$dir/$base.args"
  extra+=("${file_args[@]}")
fi
argv=()
[ -f "$dir/$base.argv" ] && read -r -a argv < "$dir/$base.argv"
stdin=/dev/null
[ -f "$dir/$base.stdin" ] && stdin=$base.stdin
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
cd "$dir" || exit 1
timeout "${GOL_TEST_TIMEOUT:-30}" "$gol" run "${extra[@]}" "$base.gol" "${argv[@]}" > "$actual" 2>&1 < "$stdin"
code=$?
# AddressSanitizer builds: ASan warns once when a panic is thrown deep in a stack larger
# than 64 MiB (goroutine 1's); not a finding.
if grep -q '^==[0-9]*==WARNING: ASan is ignoring requested __asan_handle_no_return' "$actual"; then
  sed -i -e '/^==[0-9]*==WARNING: ASan is ignoring requested __asan_handle_no_return/,+2d' "$actual"
fi
# A program marked `// golden: heap addresses numbered` prints heap addresses (0xc and nine
# hexadecimal digits), which differ from run to run: both sides number them in order of
# first appearance, so the expected output still says which printed addresses are the same.
expected=$base.out
if grep -q '^// golden: heap addresses numbered' "$base.gol"; then
  number='s/\b0xc[0-9a-f]{9}\b/($seen{$&} \/\/= "0xc<" . ++$n . ">")/ge'
  numbered=$(mktemp)
  trap 'rm -f "$actual" "$numbered"' EXIT
  perl -pe "$number" "$base.out" > "$numbered"
  perl -i -pe "$number" "$actual"
  expected=$numbered
fi
status=0
if [ -n "$errorcheck" ]; then
  python3 "$errorcheck" "$base.gol" "$actual" || status=1
elif ! diff -u "$expected" "$actual"; then
  echo "FAIL: output of $program differs (- expected, + actual)"
  status=1
fi
if [ "$code" != "$expected_code" ]; then
  echo "FAIL: $program exited with $code, expected $expected_code"
  status=1
fi
exit $status
