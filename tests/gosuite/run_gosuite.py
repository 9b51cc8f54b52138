#!/usr/bin/env python3
"""Go's own test suite as a regression gate for Gol.

Runs every `// run` test of Go's test/ directory (the directories and recipe rules of
Go's harness, test/run.go) with `gol run`, compares stdout+stderr with the test's .out
file (empty when there is none) and expects exit status 0, as run.go does. Files that
are expected to fail are listed in expected_failures.txt beside this script.

Exit status: 0 when every file passes or fails as listed, 1 when a file not in the list
fails or any file crashes (a crash fails the gate even when the file is listed), 2 on a
usage error. See README.md.
"""

import argparse
import concurrent.futures
import fnmatch
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TEST_DIR = "/usr/share/go-1.19/test"
GO_TOOLCHAIN_BIN = "/usr/lib/go-1.19/bin"  # Debian's golang-1.19-go
DEFAULT_EXPECTED = os.path.join(HERE, "expected_failures.txt")

# The directories test/run.go walks (its `dirs` variable), in its order.
DIRS = [".", "ken", "chan", "interface", "syntax", "dwarf", "fixedbugs", "codegen",
        "runtime", "abi", "typeparam", "typeparam/mdempsky"]

# The build context run.go evaluates constraints in on linux/amd64 with gc, cgo enabled
# and Go 1.19's default experiments (build.Default.ToolTags).
GOOS, GOARCH = "linux", "amd64"
TOOL_TAGS = {"goexperiment.regabiwrappers", "goexperiment.regabiargs"}

DEFAULT_TIMEOUT = 30.0      # seconds per file
DEFAULT_MEMORY_GIB = 4      # address-space cap per gol process

# Reasons in expected_failures.txt that start with one of these words mark files whose
# result depends on the machine's load or on scheduling: they may pass or fail, and
# neither fails the gate. A crash still does. `timeout`: over the per-file limit;
# `slow`: passes, but in over a third of it (so it could time out under load); `flaky`:
# written by hand for a file whose result changes from run to run.
TOLERANT_PREFIXES = ("timeout", "slow", "flaky")
CRASH_PREFIX = "CRASH"

# Output that means the interpreter itself went wrong rather than the Go program.
CRASH_MARKERS = [
    re.compile(p) for p in (
        r"AddressSanitizer", r"LeakSanitizer", r"ThreadSanitizer", r"MemorySanitizer",
        r"\.(?:c|cc|cpp|cxx|h|hh|hpp|ipp|tcc)(?::\d+)+: runtime error:",  # UBSan
        r"Segmentation fault", r"terminate called", r"tcache", r"double free",
        r"corrupted (?:size|double-linked|top|unsorted|fastbin)|malloc\(\): corrupted",
        r"\bAborted\b", r"\bfree\(\): ", r"\bmalloc\(\): ", r"\brealloc\(\): ",
        r"munmap_chunk\(\)", r"stack smashing detected", r"Assertion .* failed",
        r"pure virtual method called",
    )
]


# ---------------------------------------------------------------------------------------
# Build constraints (go/build/constraint, as test/run.go's shouldTest uses them)

def _valid_tag(name):
    return name != "" and all(c.isalnum() or c in "_." for c in name)


def _match(name):
    if not _valid_tag(name):
        return False
    if name.startswith("goexperiment."):
        return name in TOOL_TAGS
    return name in (GOOS, GOARCH, "gc", "cgo", "test_run")


class _ConstraintError(Exception):
    pass


def _eval_go_build(text):
    """Evaluates a //go:build expression; raises _ConstraintError when it is malformed."""
    tokens = re.findall(r"\s*(&&|\|\||!|\(|\)|[^\s&|!()]+)", text)
    if "".join(tokens).replace(" ", "") != re.sub(r"\s+", "", text):
        raise _ConstraintError(text)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        tok = peek()
        if tok is None:
            raise _ConstraintError(text)
        pos += 1
        return tok

    def or_expr():
        value = and_expr()
        while peek() == "||":
            take()
            rhs = and_expr()
            value = value or rhs
        return value

    def and_expr():
        value = not_expr()
        while peek() == "&&":
            take()
            rhs = not_expr()
            value = value and rhs
        return value

    def not_expr():
        if peek() == "!":
            take()
            return not not_expr()
        return atom()

    def atom():
        tok = take()
        if tok == "(":
            value = or_expr()
            if take() != ")":
                raise _ConstraintError(text)
            return value
        if tok in (")", "&&", "||") or not _valid_tag(tok):
            raise _ConstraintError(text)
        return _match(tok)

    value = or_expr()
    if peek() is not None:
        raise _ConstraintError(text)
    return value


def _eval_plus_build(text):
    result = None
    for clause in text.split():
        conj = None
        for lit in clause.split(","):
            if lit.startswith("!!") or lit == "!":
                z = False
            else:
                neg = lit.startswith("!")
                if neg:
                    lit = lit[1:]
                z = _match(lit) if _valid_tag(lit) else False
                if neg:
                    z = not z
            conj = z if conj is None else (conj and z)
        result = conj if result is None else (result or conj)
    return False if result is None else result


def _constraint(line):
    """Returns True/False for a build-constraint line, None for any other line."""
    if line.startswith("//go:build"):
        rest = line.strip()[len("//go:build"):]
        if rest == "" or rest != rest.strip():
            try:
                return _eval_go_build(rest.strip())
            except _ConstraintError:
                return None
        return None
    if line.startswith("//"):
        rest = line[2:].strip()
        if rest.startswith("+build"):
            rest = rest[len("+build"):]
            if rest == "" or rest != rest.strip():
                return _eval_plus_build(rest.strip())
    return None


def _should_test(header):
    for line in header.split("\n"):
        if line.startswith("package "):
            break
        if _constraint(line) is False:
            return False
    return True


def run_action(src):
    """The recipe of a test as run.go reads it: (action, args), or None when run.go
    skips the file or reports a malformed recipe, or when the build constraints exclude
    linux/amd64."""
    if not src or src[0] == "\n":
        return None
    action, sep, _ = src.partition("\n\n")
    if not sep:
        return None
    first, nl, rest = action.partition("\n")
    if nl and "+build" in first:
        action = rest
    if action.startswith("//"):
        action = action[2:]
    header, sep, _ = src.partition("\npackage")
    if not sep:
        header = action
    if not _should_test(header):
        return None
    fields = action.split()
    if not fields:
        return None
    return fields[0], fields[1:]


def find_run_tests(test_dir):
    """Every file of run.go's directories whose recipe is `run` without flags, as paths
    relative to test_dir, in run.go's order.

    A few files have `// run` alone on their first line but no blank line right after it,
    so run.go reads the next lines as arguments of the recipe too (issue15002.go,
    issue19182.go, issue8606b.go, issue29402.go, issue33724.go, issue52127.go): they are
    run, without arguments, since none of them looks at os.Args. Recipes with flags
    (`// run -gcflags=...`) or with real arguments are not."""
    tests = []
    for d in DIRS:
        full = os.path.join(test_dir, d)
        names = sorted(n for n in os.listdir(full)
                       if n.endswith(".go") and not n.startswith("."))
        for name in names:
            path = os.path.join(full, name)
            if not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                src = f.read()
            recipe = run_action(src)
            if recipe is None:
                continue
            action, args = recipe
            if action != "run":
                continue
            if args and (src.partition("\n")[0] != "// run"
                         or any(a.startswith("-") for a in args)):
                continue
            tests.append(os.path.normpath(os.path.join(d, name)))
    return tests


# ---------------------------------------------------------------------------------------
# Expected failures

def read_expected(path):
    expected = {}
    if not os.path.exists(path):
        return expected
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split(None, 1)
            expected[parts[0]] = parts[1].strip() if len(parts) > 1 else ""
    return expected


HEADER = """\
# Go test-suite files (tests/gosuite/run_gosuite.py) that Gol fails today: PATH  REASON,
# PATH relative to Go's test/ directory. Regenerate with `run_gosuite.py --update`.
# A REASON starting with `timeout`, `slow` (passes, but near the time limit) or `flaky`
# (written by hand) marks a file whose result depends on load or scheduling: it may pass
# or fail without failing the gate. A CRASH fails the gate even here. Keep it sorted.
"""


def write_expected(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for name in sorted(entries):
            f.write(f"{name}  {entries[name]}\n")


def tolerant(reason):
    return reason.startswith(TOLERANT_PREFIXES)


# ---------------------------------------------------------------------------------------
# Running

class Result:
    def __init__(self, name, status, reason, output, rc, seconds):
        self.name = name          # path relative to the test directory
        self.status = status      # "pass", "fail", "timeout" or "crash"
        self.reason = reason      # one line
        self.output = output
        self.rc = rc
        self.seconds = seconds


_ERROR_LINE = re.compile(r"^\S+?\.go:\d+(?::\d+)?: (.*)$")


def one_line(text, limit=110):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def failure_reason(output, rc):
    lines = [l for l in output.splitlines() if l.strip()]
    if rc == 0:
        return "output differs"
    for line in lines:
        m = _ERROR_LINE.match(line)
        if m:
            return one_line(m.group(1))
    if lines:
        return one_line(lines[0])
    return f"exit status {rc}, no output"


def crash_reason(output, rc):
    if rc < 0:
        try:
            sig = signal.Signals(-rc).name
        except ValueError:
            sig = f"signal {-rc}"
        what = f"killed by {sig}"
    elif rc not in (0, 1, 2):
        what = f"exit status {rc}"
    else:
        what = f"exit status {rc}"
    for line in output.splitlines():
        if any(m.search(line) for m in CRASH_MARKERS):
            return f"{CRASH_PREFIX}: {what}: {one_line(line, 90)}"
    return f"{CRASH_PREFIX}: {what}"


def is_crash(output, rc):
    if rc < 0 or rc not in (0, 1, 2):
        return True
    return any(m.search(output) for m in CRASH_MARKERS)


def limit_resources(memory_bytes):
    def preexec():
        os.setsid()
        if memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return preexec


def run_one(gol, test_dir, name, timeout, memory_bytes):
    with open(os.path.join(test_dir, name[:-3] + ".out"), "rb") if os.path.exists(
            os.path.join(test_dir, name[:-3] + ".out")) else open(os.devnull, "rb") as f:
        want = f.read()
    env = dict(os.environ)
    env.update({"GOOS": GOOS, "GOARCH": GOARCH, "PWD": test_dir})
    # Files that build Go programs themselves (linkx_run.go, fixedbugs/bug369.go) run the go
    # command of the tree, as Go's run.go does; golang-1.19-go puts it off PATH.
    if os.path.isdir(GO_TOOLCHAIN_BIN):
        env["PATH"] = GO_TOOLCHAIN_BIN + os.pathsep + env.get("PATH", "")
    env.pop("GOMAXPROCS", None)
    start = time.monotonic()
    # Like run.go: the working directory is Go's test/ directory and the file is named
    # relative to it (fixedbugs/bug369.go, for one, relies on that).
    try:
        proc = subprocess.Popen([gol, "run", name], cwd=test_dir, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                preexec_fn=limit_resources(memory_bytes))
    except OSError as e:  # gol is being rebuilt, say: a failure, not the harness's end
        return Result(name, "fail", one_line(f"cannot run {gol}: {e}"), "", -1, 0.0)
    timed_out = False
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = proc.communicate()
    seconds = time.monotonic() - start
    rc = proc.returncode
    got = out.replace(b"\r\n", b"\n")
    text = got.decode("utf-8", errors="replace")
    if timed_out:
        return Result(name, "timeout", f"timeout (over {timeout:g}s)", text, rc, seconds)
    if rc == 0 and got == want:
        return Result(name, "pass", "", text, rc, seconds)
    if is_crash(text, rc):
        return Result(name, "crash", crash_reason(text, rc), text, rc, seconds)
    return Result(name, "fail", failure_reason(text, rc), text, rc, seconds)


def main():
    ap = argparse.ArgumentParser(
        description="Run Go's `// run` tests with Gol against a list of expected failures.")
    ap.add_argument("filters", nargs="*", metavar="FILTER",
                    help="run only the files whose path (relative to the test dir) "
                         "contains FILTER or matches it as a glob")
    ap.add_argument("--gol", default=os.path.join(HERE, "..", "..", "build", "gol"),
                    help="the gol binary (default: build/gol of this checkout)")
    ap.add_argument("--go-test-dir", default=DEFAULT_TEST_DIR,
                    help=f"Go's test/ directory (default {DEFAULT_TEST_DIR})")
    ap.add_argument("--expected", default=DEFAULT_EXPECTED,
                    help="the expected-failures list (default: expected_failures.txt "
                         "beside this script)")
    ap.add_argument("--update", action="store_true",
                    help="rewrite the expected-failures list from this run, keeping the "
                         "reasons of files that still fail the same way")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="files run at once (default: the number of cores)")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                    help=f"seconds per file (default {DEFAULT_TIMEOUT:g})")
    ap.add_argument("--slow", type=float, default=None,
                    help="with --update, a passing file slower than this many seconds is "
                         "listed as `slow` (default: a third of --timeout)")
    ap.add_argument("--memory-gib", type=float, default=DEFAULT_MEMORY_GIB,
                    help=f"address-space limit per gol process in GiB, 0 for none "
                         f"(default {DEFAULT_MEMORY_GIB})")
    ap.add_argument("--skip-tolerant", action="store_true",
                    help="do not run the files listed as timeout/slow")
    ap.add_argument("--skip-if-missing", action="store_true",
                    help="exit with status 77 (CTest's skip) when the Go test directory "
                         "is missing")
    ap.add_argument("--list", action="store_true",
                    help="print the selected files and exit")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every file's result and time, and the output of "
                         "unexpected failures")
    args = ap.parse_args()

    test_dir = os.path.abspath(args.go_test_dir)
    gol = os.path.abspath(args.gol)
    slow = args.slow if args.slow is not None else args.timeout / 3
    if not os.path.isdir(test_dir):
        print(f"run_gosuite: no Go test directory {test_dir} (Debian: apt-get install "
              f"golang-1.19-src)", file=sys.stderr)
        return 77 if args.skip_if_missing else 2

    tests = find_run_tests(test_dir)
    total_found = len(tests)
    if args.filters:
        tests = [t for t in tests
                 if any(f in t or fnmatch.fnmatch(t, f) for f in args.filters)]
    if args.list:
        for t in tests:
            print(t)
        print(f"{len(tests)} of {total_found} `// run` files", file=sys.stderr)
        return 0
    if not (os.path.isfile(gol) and os.access(gol, os.X_OK)):
        print(f"run_gosuite: no gol binary at {gol}", file=sys.stderr)
        return 2

    expected = read_expected(args.expected)
    skipped = []
    if args.skip_tolerant:
        skipped = [t for t in tests if tolerant(expected.get(t, ""))]
        tests = [t for t in tests if t not in skipped]

    print(f"gosuite: {len(tests)} of {total_found} `// run` files from {test_dir}, "
          f"-j{args.jobs}, {args.timeout:g}s per file", flush=True)
    memory = int(args.memory_gib * (1 << 30))
    lock = threading.Lock()
    results = {}
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_one, gol, test_dir, t, args.timeout, memory)
                   for t in tests]
        for fut in concurrent.futures.as_completed(futures):
            r = fut.result()
            results[r.name] = r
            if args.verbose:
                with lock:
                    print(f"{r.status:8} {r.seconds:6.2f}s  {r.name}"
                          + (f"  {r.reason}" if r.reason else ""), flush=True)
    elapsed = time.monotonic() - start

    unexpected, crashes, now_passing, tolerated, slow_passes = [], [], [], [], []
    for t in tests:
        r = results[t]
        listed = t in expected
        reason = expected.get(t, "")
        if r.status == "crash":
            crashes.append(r)
        if r.status == "pass":
            if r.seconds > slow:
                slow_passes.append(r)
            if listed and (not tolerant(reason) or
                           (not reason.startswith("flaky") and r.seconds <= slow)):
                now_passing.append(r)
        elif listed and (r.status != "crash"):
            if tolerant(reason) or r.status != "timeout" or reason.startswith(CRASH_PREFIX):
                tolerated.append(r)
            else:
                # Listed as an ordinary failure but now hangs: report it, as a timeout
                # is not what the list says.
                unexpected.append(r)
        elif not listed:
            unexpected.append(r)

    failed = [r for r in results.values() if r.status != "pass"]
    passed = len(results) - len(failed)

    if unexpected:
        print(f"\nUnexpected failures ({len(unexpected)}):")
        for r in unexpected:
            print(f"  {r.name}  [{r.status}, {r.seconds:.1f}s] {r.reason}")
            if args.verbose and r.output:
                for line in r.output.splitlines()[:8]:
                    print(f"      | {line}")
    if crashes:
        print(f"\nCrashes ({len(crashes)}) - these fail the gate even when listed:")
        for r in crashes:
            print(f"  {r.name}  {r.reason}")
            for line in r.output.splitlines()[:5]:
                print(f"      | {one_line(line, 150)}")
    if now_passing:
        print(f"\nNow passing, remove from the list ({len(now_passing)}):")
        for r in now_passing:
            print(f"  {r.name}")
    if slow_passes and not args.update:
        unlisted = [r for r in slow_passes if not tolerant(expected.get(r.name, ""))]
        if unlisted:
            print(f"\nPassed, but slower than {slow:g}s (a risk of timing out under load; "
                  f"--update lists them as slow):")
            for r in unlisted:
                print(f"  {r.name}  {r.seconds:.1f}s")
    if skipped:
        print(f"\n{len(skipped)} files listed as timeout/slow were not run")

    if args.update:
        entries = {}
        if args.filters:
            # A partial run keeps what it did not run.
            entries = {k: v for k, v in expected.items() if k not in results}
        for r in results.values():
            old = expected.get(r.name)
            if old and old.startswith("flaky") and r.status != "crash":
                entries[r.name] = old
                continue
            if r.status == "pass":
                if r.seconds > slow:
                    if old and old.startswith("slow"):
                        entries[r.name] = old
                    else:
                        entries[r.name] = f"slow: passes in {r.seconds:.1f}s"
                continue
            if r.status == "crash":
                entries[r.name] = r.reason
            elif r.status == "timeout":
                entries[r.name] = old if old and tolerant(old) else r.reason
            elif old and not tolerant(old) and not old.startswith(CRASH_PREFIX):
                entries[r.name] = old
            else:
                entries[r.name] = r.reason
        for t in skipped:
            entries[t] = expected[t]
        write_expected(args.expected, entries)
        print(f"\nwrote {len(entries)} entries to {args.expected}")

    print(f"\n{len(tolerated)} listed failures, {len(unexpected)} unexpected, "
          f"{len(crashes)} crashes, {len(now_passing)} now passing; {elapsed:.0f}s")
    print(f"{passed} passed, {len(failed)} failed")
    if args.update:
        return 1 if crashes else 0
    return 1 if unexpected or crashes else 0


if __name__ == "__main__":
    sys.exit(main())
