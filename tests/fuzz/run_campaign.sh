#!/usr/bin/env bash
# tests/fuzz/run_campaign.sh TARGET SECONDS [LIBFUZZER_FLAGS...]
# Runs a libFuzzer campaign of fuzz_TARGET (parse, check or run) for SECONDS seconds, at low
# priority, on the corpus in $GOL_FUZZ_WORK/corpus (default build-asan/fuzz-work/TARGET),
# seeded with every .gol program of tests/programs/ and examples/ and with the Go tokens of
# tests/fuzz/go.dict. Crashes, leaks, timeouts and OOMs are written to
# $GOL_FUZZ_WORK/artifacts/; the status is libFuzzer's (non-zero after a finding).
# Build the targets first:
#   CXX=clang++ cmake -S . -B build-asan -G Ninja -DGOL_SANITIZE=address,undefined -DGOL_FUZZ=ON
#   cmake --build build-asan --target fuzz_parse fuzz_check fuzz_run
# Reproduce a finding with build-asan/tests/fuzz/fuzz_TARGET FILE, minimise it with
# build-asan/tests/fuzz/fuzz_TARGET -minimize_crash=1 -runs=100000 FILE.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -lt 2 ] || ! [[ $1 =~ ^(parse|check|run)$ ]] || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 parse|check|run SECONDS [LIBFUZZER_FLAGS...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
build=${GOL_FUZZ_BUILD:-$root/build-asan}
bin=$build/tests/fuzz/fuzz_$target
if [ ! -x "$bin" ]; then
  echo "$bin is missing: configure $build with clang, -DGOL_SANITIZE=address,undefined" \
       "-DGOL_FUZZ=ON, and build fuzz_$target" >&2
  exit 2
fi
work=${GOL_FUZZ_WORK:-$build/fuzz-work/$target}
mkdir -p "$work/corpus" "$work/artifacts"
# The seeds are copied afresh each time (flattened names), never kept in git twice.
rm -rf "$work/seeds"
mkdir -p "$work/seeds"
(cd "$root" && find tests/programs examples -name '*.gol' -print0) |
  while IFS= read -r -d '' f; do cp "$root/$f" "$work/seeds/${f//\//_}"; done
# Each input gets 20 s at most (the run target's step budget ends loops long before);
# -close_fd_mask=1 drops the programs' standard output (reports still go to stderr).
# -entropic=0: with gol's ~40,000 features, the entropic schedule's bookkeeping
# (UpdateFeatureFrequency) took 60% of the parse target's time; without it, 2.5x the runs.
# Each campaign appends a line to $work/campaigns.tsv (date, build, seconds asked, inputs
# run, libFuzzer's status), so that campaigns over the same corpus add up, and to the
# project's record, tests/fuzz/campaigns.tsv (committed, so that the figures outlive a
# checkout; GOL_FUZZ_LOG= turns it off, as the CTest smoke runs do): date, target, the
# build's sanitizers, seconds, inputs run, status, the findings left in artifacts/, and a
# note (empty here; say there what became of the findings).
log="$work/last-campaign.log"
set +e
nice -n 10 "$bin" -max_total_time="$seconds" -dict="$root/tests/fuzz/go.dict" \
  -artifact_prefix="$work/artifacts/" -max_len=8192 -timeout=20 -rss_limit_mb=4096 \
  -close_fd_mask=1 -print_final_stats=1 -entropic=0 "$@" "$work/corpus" "$work/seeds" 2>&1 |
  tee "$log"
status=${PIPESTATUS[0]}
set -e
# A single process prints stat::number_of_executed_units; -fork=N's parent prints only
# its progress lines, "#RUNS: cov: ...", the last of which has the total.
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
if [ -z "$runs" ]; then runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#'); fi
printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$build" "$seconds" "${runs:-0}" "$status" \
  >> "$work/campaigns.tsv"
record=${GOL_FUZZ_LOG-$root/tests/fuzz/campaigns.tsv}
if [ -n "$record" ]; then
  sanitizers=$(sed -n 's/^GOL_SANITIZE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)
  # Findings: crashes, leaks, timeouts, OOMs (not libFuzzer's slow-unit reports).
  findings=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o \
    -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  [ -s "$record" ] ||
    printf 'date\ttarget\tsanitizers\tseconds\tinputs\tstatus\tfindings\tnote\n' > "$record"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n' "$(date -u +%FT%TZ)" "$target" "${sanitizers:-none}" \
    "$seconds" "${runs:-0}" "$status" "$findings" >> "$record"
fi
exit "$status"
