#!/usr/bin/env bash
# tests/trace/check_lessons.sh GOL: the tutorial's timelines (examples/img/*.svg) are what
# Gol draws today: regenerated, each has the committed picture's P lanes and goroutines, and
# hand-offs where it had them, and for the parallelism lesson as many busy P lanes (not the
# same timing, which changes from run to run).
set -u
gol=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
"$root/examples/img/generate.sh" "$gol" "$fresh" || exit 1
structure() {
  local keep='data-(procs|goroutines|handoffs)'
  case $(basename "$1") in 16-parallelism*) keep='data-(procs|goroutines|handoffs|busy)' ;; esac
  head -c 600 "$1" | grep -oE "$keep=\"[0-9]*\"" |
    sed -e 's/data-handoffs="[1-9][0-9]*"/data-handoffs="some"/' | tr '\n' ' '
}
status=0
count=0
for committed in "$root"/examples/img/*.svg; do
  name=$(basename "$committed")
  count=$((count + 1))
  want=$(structure "$committed")
  got=$(structure "$fresh/$name")
  if [ -z "$want" ] || [ "$want" != "$got" ]; then
    echo "FAIL: $name: committed [$want], regenerated [$got]"
    status=1
  fi
done
if [ "$count" -ne 8 ]; then
  echo "FAIL: $count pictures in examples/img, want 8"
  status=1
fi
[ $status -eq 0 ] && echo "lessons' timelines: ok ($count)"
exit $status
