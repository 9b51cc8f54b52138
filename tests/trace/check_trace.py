#!/usr/bin/env python3
"""tests/trace/check_trace.py GOL: `gol run --trace=BASE` writes BASE.json in the Chrome
trace-event format (every event has the fields the format requires for its phase) and a
self-contained BASE.html whose script runs to its end in headless Chromium; the timeline
has one busy P lane per processor the CPU-bound
example keeps busy, goroutine lanes, blocked intervals with their reason and line, and
hand-off arrows where a goroutine blocked on a channel was woken by another."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


# What the trace-event format requires of each phase we write.
REQUIRED = {
    "M": {"name", "ph", "pid", "args"},
    "X": {"name", "ph", "pid", "tid", "ts", "dur"},
    "s": {"name", "ph", "pid", "tid", "ts", "id", "cat"},
    "f": {"name", "ph", "pid", "tid", "ts", "id", "cat"},
    "C": {"name", "ph", "pid", "ts", "args"},
}


def trace(gol, program, *flags, args=()):
    base = os.path.join(tmp, os.path.basename(program) + "-" + "-".join(flags).replace("-", ""))
    cmd = [gol, "run", *flags, "--trace=" + base, program, *args]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    check(run.returncode == 0, "%s exited %d: %s" % (cmd, run.returncode, run.stderr))
    with open(base + ".json") as f:
        data = json.load(f)
    with open(base + ".html") as f:
        page = f.read()
    events = data["traceEvents"]
    for e in events:
        need = REQUIRED.get(e.get("ph"))
        check(need is not None, "unexpected phase in %s" % e)
        if need:
            missing = need - e.keys()
            check(not missing, "event %s lacks %s" % (e, missing))
        if e.get("ph") == "X":
            check(e["dur"] >= 0 and e["ts"] >= 0, "negative time in %s" % e)
    # Self-contained: no network, no other files; the data is in.
    check(not re.search(r"\b(src|href)\s*=|https?://|@import", page), "the page loads something")
    check("/*TRACE_DATA*/" not in page and '"procs":' in page, "the page has no data")
    if browser:
        # The page's script runs to its end in a browser (it draws, then marks the body).
        dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                              "--user-data-dir=" + os.path.join(tmp, "chromium"),
                              "--dump-dom", "file://" + base + ".html"],
                             capture_output=True, text=True, timeout=120).stdout
        check('data-drawn="yes"' in dom, "the page's script did not run to its end")
        summary = re.search(r'<div id="summary">([^<]*)</div>', dom)
        check(summary and "goroutines" in summary.group(1), "the page shows no summary")
    return events, page


def busy_lanes(events):
    # Ps that ran goroutines for at least 10% of the run.
    spans = [e for e in events if e["ph"] == "X" and e["pid"] == 1]
    end = max(e["ts"] + e["dur"] for e in spans)
    busy = {}
    for e in spans:
        busy[e["tid"]] = busy.get(e["tid"], 0) + e["dur"]
    return sorted(p for p, d in busy.items() if d >= 0.1 * end)


gol = sys.argv[1]
# Debian's chromium (make setup installs it): the page is also opened in it.
browser = shutil.which("chromium")
if not browser:
    print("FAIL: chromium is missing (make setup installs it)")
    sys.exit(1)
with tempfile.TemporaryDirectory() as tmp:
    example = os.path.join(ROOT, "examples", "16-parallelism.gol")
    for procs in (1, 2):
        events, page = trace(gol, example, "--maxprocs", str(procs))
        lanes = busy_lanes(events)
        check(lanes == list(range(procs)),
              "16-parallelism at MAXPROCS %d: busy P lanes %s" % (procs, lanes))
        names = {e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
        check({"P%d" % p for p in range(procs)} <= names, "P lanes are named: %s" % names)
        check('"procs":%d' % procs in page, "the page has %d Ps" % procs)
        # Main and the four workers.
        goroutines = {e["tid"] for e in events if e["ph"] == "M" and e["pid"] == 2 and
                      e["name"] == "thread_name"}
        check(len(goroutines) >= 5, "goroutine lanes: %s" % goroutines)
        counters = [e for e in events if e["ph"] == "C" and e["name"] == "GOMAXPROCS"]
        check(counters and counters[0]["args"]["procs"] == procs, "GOMAXPROCS counter")

    handoff = os.path.join(ROOT, "tests", "trace", "handoff.gol")
    for procs in (1, 2):
        events, _ = trace(gol, handoff, "--maxprocs", str(procs))
        starts = [e for e in events if e["ph"] == "s"]
        finishes = {e["id"] for e in events if e["ph"] == "f"}
        check(len(starts) >= 5, "hand-offs at MAXPROCS %d: %d" % (procs, len(starts)))
        check({e["id"] for e in starts} == finishes, "each hand-off has both ends")
        check(all(e["tid"] in (1, 2) for e in starts), "hand-offs between main and its goroutine")
        blocked = [e["name"] for e in events if e["ph"] == "X" and e.get("cat") == "blocked"]
        check(any(re.fullmatch(r"blocked: chan (send|receive) at .*handoff\.gol:(12|18|19|22)", b)
                  for b in blocked), "blocked intervals name the wait and line: %s" % blocked[:5])

    # A large trace: every goroutine is in the JSON; the page draws the first 400.
    many = os.path.join(ROOT, "tests", "trace", "many.gol")
    events, page = trace(gol, many, "--maxprocs", "2", args=("20000",))
    goroutines = {e["tid"] for e in events if e["ph"] == "M" and e["pid"] == 2 and
                  e["name"] == "thread_name"}
    check(len(goroutines) == 20001, "20,000 goroutines and main in the JSON: %d" % len(goroutines))
    check('"totalGoroutines":20001' in page, "the page counts every goroutine")

    # Many short pieces: the page merges what it could not show apart, and stays small.
    pingpong = os.path.join(ROOT, "bench", "programs", "pingpong.go")
    events, page = trace(gol, pingpong, "--maxprocs", "1", args=("50000",))
    handoffs = sum(1 for e in events if e["ph"] == "s")
    check(handoffs >= 50000, "pingpong's hand-offs are all in the JSON: %d" % handoffs)
    check(len(page) < 2_000_000, "the page of 50,000 round trips is %d bytes" % len(page))

print("%d failures" % len(failures) if failures else "trace: ok")
sys.exit(1 if failures else 0)
