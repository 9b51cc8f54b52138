#!/usr/bin/env bash
# examples/img/generate.sh GOL [DIR]: the tutorial's timelines, drawn by `gol run --trace`
# from the lessons' examples at MAXPROCS 1 and 2, as DIR/NAME-pN.svg (DIR: this folder).
# tests/trace/check_lessons.sh regenerates them and compares their structure (P lanes,
# goroutines, whether there are hand-offs) with the committed pictures.
set -euo pipefail
gol=$1
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in 01-main-exits-early 04-waitgroup 07-range-over-channel 16-parallelism; do
  for procs in 1 2; do
    "$gol" run --maxprocs "$procs" --trace="$work/t" "$here/../$name.gol" > /dev/null
    cp "$work/t.svg" "$out/$name-p$procs.svg"
  done
done
