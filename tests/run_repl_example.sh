#!/usr/bin/env bash
# run_repl_example.sh GOL EXAMPLE.gol: pastes a teaching example into `gol repl` through
# a pipe; it must print what `gol run` prints (EXAMPLE.out), with the REPL's differences:
# positions name the file `repl` (inputs are numbered as the lines of one file). Where the REPL
# differs more (it echoes a lone expression's value), tests/repl/examples/EXAMPLE.out
# holds what it prints.
set -u
gol=$1
example=$2
dir=$(dirname "$example")
base=$(basename "$example" .gol)
here=$(cd "$(dirname "$0")" && pwd)
expected=$(mktemp)
actual=$(mktemp)
trap 'rm -f "$expected" "$actual"' EXIT
if [ -f "$here/repl/examples/$base.out" ]; then
  cp "$here/repl/examples/$base.out" "$expected"
else
  sed -e "s/$base\.gol:/repl:/g" "$dir/$base.out" > "$expected"
fi
cd "$dir" || exit 1
timeout 30 "$gol" repl < "$base.gol" > "$actual" 2>&1
code=$?
status=0
if ! diff -u "$expected" "$actual"; then
  echo "FAIL: the REPL's output for $example differs (- expected, + actual)"
  status=1
fi
# Piped input that did not compile exits 1, as `gol run` does; a panic or deadlock ends
# only its input, so that session exits 0.
want=0
[ -f "$dir/$base.code" ] && [ "$(tr -d '[:space:]' < "$dir/$base.code")" = 1 ] && want=1
if [ "$code" != "$want" ]; then
  echo "FAIL: the REPL exited with $code for $example, expected $want"
  status=1
fi
exit $status
