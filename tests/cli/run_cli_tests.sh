#!/usr/bin/env bash
# run_cli_tests.sh GOL: the command line a script writer expects. Each case runs gol and
# compares its output (stdout and stderr together) and exit status with what is expected.
set -u
gol=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect NAME STATUS EXPECTED-OUTPUT COMMAND...: runs COMMAND (stdin from $input if set).
expect() {
  local name=$1 status=$2 want=$3
  shift 3
  local got code
  got=$(cd "$here" && "$@" 2>&1 < "${input:-/dev/null}")
  code=$?
  if [ "$got" != "$want" ] || [ "$code" != "$status" ]; then
    echo "FAIL: $name: exit $code (want $status), output:"
    echo "$got"
    echo "want:"
    echo "$want"
    failures=$((failures + 1))
  fi
}

mkdir -p "$work/bin"
ln -s "$gol" "$work/bin/gol"

expect "an executable script runs through its #! line" 0 "script ran with [a b]" \
  env PATH="$work/bin:$PATH" ./script_noext a b
expect "gol FILE without the .gol suffix" 0 "script ran with [x]" "$gol" script_noext x
expect "gol run FILE without the suffix" 0 "script ran with []" "$gol" run script_noext

printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("from stdin") }\n' > "$work/prog"
input="$work/prog" expect "gol run - reads the program from standard input" 0 "from stdin" \
  "$gol" run -
printf 'x y\n' > "$work/bad"
input="$work/bad" expect "errors in a program from standard input" 1 \
  "<stdin>:1:3: syntax error: unexpected name y" "$gol" run -

expect "gol -e runs code, with arguments" 0 "3 [a b]" "$gol" -e 'fmt.Println(1+2, os.Args[1:])' a b
expect "gol -e with --maxprocs" 0 "1" "$gol" --maxprocs 1 -e 'fmt.Println(runtime.GOMAXPROCS(0))'
expect "errors in -e code" 1 "-e:1:6: syntax error: unexpected EOF, expected expression" \
  "$gol" -e 'x := '

printf 'double(21)\n' > "$work/input"
input="$work/input" expect "gol -i runs a file, then keeps its declarations" 0 \
  "$(printf 'main ran\n42')" "$gol" -i lib.gol
printf ':load lib.gol\ndouble(2)\n' > "$work/input"
input="$work/input" expect ":load with a comment before the package clause" 0 \
  "$(printf 'main ran\n4')" "$gol"

expect "an unknown flag: one line and a hint" 2 \
  "$(printf "gol: unknown flag -q\nrun 'gol help' for usage")" "$gol" -q
expect "an unknown command" 2 \
  "$(printf "gol: unknown command \"nosuch\"\nrun 'gol help' for usage")" "$gol" nosuch
expect "a missing file" 2 \
  "$(printf "gol: open nosuch.gol: no such file or directory\nrun 'gol help' for usage")" \
  "$gol" run nosuch.gol
expect "a directory is not a program" 2 \
  "$(printf "gol: read $work: is a directory\nrun 'gol help' for usage")" "$gol" run "$work"
expect "--trace is a flag of gol run" 2 \
  "$(printf "gol: --trace is a flag of gol run\nrun 'gol help' for usage")" "$gol" --trace=t
expect "--trace without a file name" 2 \
  "$(printf "gol: flag --trace needs a file name\nrun 'gol help' for usage")" "$gol" run --trace=
expect "--trace into a missing folder" 0 "$(printf 'hi\ngol: open %s/no/t.json: no such file or directory' "$work")" \
  "$gol" run --trace="$work/no/t" -e 'fmt.Println("hi")'
expect "play takes flags only" 2 \
  "$(printf "gol: play takes no arguments\nrun 'gol help' for usage")" "$gol" play prog.gol
expect "play's limits are positive" 2 \
  "$(printf "gol: invalid value \"0\" for --cpu: want a number >= 1\nrun 'gol help' for usage")" \
  "$gol" play --cpu 0
expect "play's port" 2 \
  "$(printf "gol: invalid value \"70000\" for --port: want 0 to 65535\nrun 'gol help' for usage")" \
  "$gol" play --port=70000
# --trace=BASE.html (or .json, .svg): that file alone.
"$gol" run --trace="$work/one.html" -e 'fmt.Println("hi")' > /dev/null
if [ "$(cd "$work" && ls one.*)" != "one.html" ]; then
  echo "FAIL: --trace=BASE.html writes BASE.html alone: $(cd "$work" && ls one.*)"
  failures=$((failures + 1))
fi
printf ':load %s\n' "$work" > "$work/input"
input="$work/input" expect ":load of a directory" 1 "read $work: is a directory" "$gol"

# SIGQUIT: every goroutine's trace, exit status 2 (the program waits to be sent it).
(cd "$here" && exec "$gol" run quit.gol > "$work/quit.out" 2>&1) &
pid=$!
for _ in $(seq 100); do grep -q started "$work/quit.out" 2> /dev/null && break; sleep 0.1; done
kill -QUIT "$pid"
wait "$pid"
code=$?
for want in "SIGQUIT: quit" "goroutine 1 [sleep]:" "goroutine 2 [chan receive]:" \
    "goroutine 3 [sync.Mutex.Lock]:" "main.spin()"; do
  if ! grep -qF "$want" "$work/quit.out"; then
    echo "FAIL: SIGQUIT: no \"$want\" in:"
    cat "$work/quit.out"
    failures=$((failures + 1))
  fi
done
if [ "$code" != 2 ]; then
  echo "FAIL: SIGQUIT: exit $code (want 2)"
  failures=$((failures + 1))
fi

# GODEBUG=gctrace=1: one line per collection on stderr, in Go's format (without its CPU
# times, which Gol does not measure), "(forced)" for runtime.GC.
printf 'package main\n\nimport "runtime"\n\ntype n struct{ p *n; b [64]int }\n\nfunc main() {\n\tfor i := 0; i < 200000; i++ {\n\t\tx := &n{}\n\t\tx.p = x\n\t}\n\truntime.GC()\n}\n' > "$work/gctrace.gol"
GODEBUG=gctrace=1 "$gol" run "$work/gctrace.gol" > "$work/gctrace.out" 2>&1
line='^gc [0-9]+ @[0-9]+\.[0-9]{3}s [0-9]+%: [0-9]+\.[0-9]{3}\+[0-9]+\.[0-9]{3}\+[0-9]+\.[0-9]{3} ms clock, [0-9]+->[0-9]+->[0-9]+ MB, [0-9]+ MB goal, [0-9]+ P( \(forced\))?$'
if ! grep -qvE "$line" "$work/gctrace.out" && [ "$(grep -c '^gc ' "$work/gctrace.out")" -ge 3 ] &&
    tail -1 "$work/gctrace.out" | grep -q ' (forced)$' &&
    head -1 "$work/gctrace.out" | grep -q '^gc 1 '; then
  :
else
  echo "FAIL: GODEBUG=gctrace=1 printed:"
  cat "$work/gctrace.out"
  failures=$((failures + 1))
fi
if [ -n "$(GODEBUG=gctrace=0 "$gol" run "$work/gctrace.gol" 2>&1)" ]; then
  echo "FAIL: GODEBUG=gctrace=0 printed something"
  failures=$((failures + 1))
fi

if [ "$failures" != 0 ]; then
  echo "$failures command-line cases failed"
  exit 1
fi
echo "command-line cases passed"
