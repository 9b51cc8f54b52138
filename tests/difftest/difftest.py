#!/usr/bin/env python3
"""Differential testing of Gol against Go.

For each seed, gen.py makes a program of many functions; it is compiled with Go
(`go tool compile` + `go tool link`: no build cache grows) and run, and run by
`gol run` as a .gol file. Standard output, standard error (normalised: the goroutine
traces after a panic are dropped, `pc=0x...` is masked) and the exit status are
compared. The program prints `-- fK` before each function, so outputs
are also compared function by function.

A program that differs is minimised (functions dropped, then declarations and
statements, delta-debugging style, every candidate checked with Go first) and the
smallest program that still differs is written to --keep (default ./difftest-out).

    difftest.py --seeds 0:100 --funcs 100 -j 2
"""

import argparse
import concurrent.futures as cf
import copy
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class Outcome:
    def __init__(self, out, err, rc):
        self.out, self.err, self.rc = out, err, rc

    def key(self):
        return (self.out, self.err, self.rc)


def normalise_stderr(err, rc):
    lines = err.split('\n')
    while lines and lines[-1] == '':
        lines.pop()
    out = []
    for line in lines:
        if re.match(r'goroutine \d+ \[', line):
            break
        out.append(re.sub(r'pc=0x[0-9a-f]+', 'pc=PC', line))
    while out and out[-1] == '':
        out.pop()
    return '\n'.join(out)


def run(cmd, timeout, cwd=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, stdin=subprocess.DEVNULL)
        return p.stdout, p.stderr.decode('utf-8', 'replace'), p.returncode
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b''), ((e.stderr or b'').decode('utf-8', 'replace') + '\n[TIMEOUT]'), 'timeout'


class Runner:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.go_cache = {}
        self.lock = threading.Lock()
        self.count = 0

    def take_minimise(self):
        with self.lock:
            if self.args.max_minimise == 0:
                return False
            self.args.max_minimise -= 1
            return True

    def tmp(self):
        with self.lock:
            self.count += 1
            n = self.count
        d = os.path.join(self.workdir, 'w%d' % n)
        os.makedirs(d, exist_ok=True)
        return d

    def go(self, text, d):
        """(Outcome, None) or (None, compile error) for program text, run by Go."""
        h = hashlib.sha1(text.encode()).hexdigest()
        with self.lock:
            if h in self.go_cache:
                return self.go_cache[h]
        src = os.path.join(d, 'prog.go')
        with open(src, 'w') as f:
            f.write(text)
        gobin = self.args.go
        o, e, rc = run([gobin, 'tool', 'compile', '-p', 'main', '-o', 'prog.o', 'prog.go'], 600, cwd=d)
        if rc != 0:
            res = (None, (o.decode('utf-8', 'replace') + e))
        else:
            o, e, rc = run([gobin, 'tool', 'link', '-o', 'prog', 'prog.o'], 600, cwd=d)
            if rc != 0:
                res = (None, 'link: ' + o.decode('utf-8', 'replace') + e)
            else:
                o, e, rc = run(['./prog'], self.args.timeout, cwd=d)
                if rc == 'timeout':
                    res = (None, 'go program timed out')
                else:
                    res = (Outcome(o, normalise_stderr(e, rc), rc), None)
        with self.lock:
            self.go_cache[h] = res
        return res

    def gol(self, text, d):
        src = os.path.join(d, 'prog.gol')
        with open(src, 'w') as f:
            f.write(text)
        o, e, rc = run([self.args.gol, 'run'] + self.args.gol_flag + ['prog.gol'], self.args.gol_timeout, cwd=d)
        return Outcome(o, normalise_stderr(e, rc) if rc != 'timeout' else e, rc), e


def chunks(out):
    """Output split at the `-- fK` markers: {name: bytes}."""
    res = {}
    cur = None
    buf = []
    for line in out.split(b'\n'):
        m = re.fullmatch(rb'-- (f\d+|end)', line)
        if m:
            if cur is not None:
                res[cur] = b'\n'.join(buf)
            cur = m.group(1).decode()
            buf = []
        else:
            buf.append(line)
    if cur is not None:
        res[cur] = b'\n'.join(buf)
    return res


def signature(go_out, gol_out, gol_err_raw):
    """What kind of difference: used to keep minimisation on the same bug."""
    if 'not supported by Gol yet' in gol_err_raw:
        return 'unsupported'
    if gol_out.rc == 'timeout':
        return 'timeout'
    if gol_out.rc not in (0, 1, 2):
        return 'crash'
    if gol_out.rc == 1 and go_out.rc != 1:
        m = re.search(r'prog\.gol:\d+:\d+: (.*)', gol_err_raw)
        msg = m.group(1) if m else gol_err_raw.strip().split('\n')[0]
        msg = re.sub(r'\b[a-z]+\d+\b', 'V', msg)
        return 'compile: ' + msg[:120]
    if gol_out.err != go_out.err or gol_out.rc != go_out.rc:
        return 'stderr/exit'
    return 'stdout'


class Diff:
    def __init__(self, seed, funcs, go_out, gol_out, gol_err_raw):
        self.seed, self.funcs = seed, funcs
        self.go_out, self.gol_out, self.gol_err_raw = go_out, gol_out, gol_err_raw
        self.sig = signature(go_out, gol_out, gol_err_raw)


def compare(runner, funcs):
    """('genbug', message) | ('same', None) | ('diff', (go, gol, raw err))."""
    text = gen.render_program(funcs)
    d = runner.tmp()
    try:
        go_out, err = runner.go(text, d)
        if go_out is None:
            return 'genbug', err
        gol_out, raw = runner.gol(text, d)
        if gol_out.key() == go_out.key():
            return 'same', (go_out, gol_out)
        return 'diff', (go_out, gol_out, raw)
    finally:
        shutil.rmtree(d, ignore_errors=True)


# ----------------------------------------------------------------------------- minimising

def flatten_lists(funcs):
    """Every statement list in the program (function bodies and block bodies), outer first."""
    out = []

    def walk(lst):
        out.append(lst)
        for s in lst:
            if isinstance(s, gen.Block):
                for b in s.bodies():
                    walk(b)
    for f in funcs:
        walk(f.body)
    return out


class Minimiser:
    def __init__(self, runner, diff, log):
        self.runner, self.diff, self.log = runner, diff, log
        self.tests = 0

    def still(self, funcs):
        """Does this program still show the same kind of difference? Unused variables
        left by a removal are patched with `_ = x`."""
        for _ in range(4):
            self.tests += 1
            st, info = compare(self.runner, funcs)
            if st == 'genbug':
                if not self.patch_unused(funcs, info):
                    return False
                continue
            if st != 'diff':
                return False
            return signature(info[0], info[1], info[2]) == self.diff.sig
        return False

    @staticmethod
    def size(funcs):
        return len(gen.render_program(funcs))

    def patch_unused(self, funcs, err):
        names = re.findall(r'(\w+) declared but not used', err)
        if not names or re.search(r'undefined|not defined|label', err):
            return False
        for n in names:
            # find the statement declaring n and add `_ = n` after it
            placed = False
            for lst in flatten_lists(funcs):
                for i, s in enumerate(lst):
                    head = s.head if isinstance(s, gen.Block) else s
                    first = head.split('\n')[0]
                    if re.search(r'(^|[\s,(])%s\b[^=]*:=|^var %s\b|^%s\s*,' % (n, n, n), first):
                        lst.insert(i + 1, '_ = %s' % n)
                        placed = True
                        break
                if placed:
                    break
            if not placed:
                return False
        return True

    def reduce(self, funcs, get_lists):
        """Try removals in every list given by get_lists(funcs), until nothing goes."""
        progress = True
        while progress:
            progress = False
            for li in range(len(get_lists(funcs))):
                lists = get_lists(funcs)
                if li >= len(lists):
                    break
                lst = lists[li]
                size = len(lst)
                while size >= 1:
                    i = 0
                    while i < len(get_lists(funcs)[li]):
                        lst = get_lists(funcs)[li]
                        trial = copy.deepcopy(funcs)
                        tl = get_lists(trial)[li]
                        if i >= len(tl):
                            break
                        del tl[i:i + size]
                        if self.still(trial) and self.size(trial) < self.size(funcs):
                            funcs[:] = trial
                            progress = True
                        else:
                            i += size
                    size //= 2
        return funcs

    def run(self):
        funcs = copy.deepcopy(self.diff.funcs)
        go_out, gol_out = self.diff.go_out, self.diff.gol_out
        # 1. the first function whose output differs, alone
        a, b = chunks(go_out.out), chunks(gol_out.out)
        first = None
        for f in funcs:
            if a.get(f.name) != b.get(f.name):
                first = f
                break
        if first is not None and self.still([copy.deepcopy(first)]):
            funcs = [copy.deepcopy(first)]
        else:
            self.reduce(funcs, lambda fs: [fs])
        # 2. declarations, split into top-level items
        for f in funcs:
            items = []
            for d in f.decls:
                items.extend(x for x in d.split('\n\n') if x.strip())
            f.decls = items
        self.reduce(funcs, lambda fs: [f.decls for f in fs])
        # 3. statements, outer lists first, then inner ones
        self.reduce(funcs, flatten_lists)
        self.reduce(funcs, lambda fs: [f.decls for f in fs])
        return funcs


def minimise(runner, diff):
    m = Minimiser(runner, diff, None)
    funcs = m.run()
    return funcs, m.tests


def report_text(seed, sig, funcs, go_out, gol_out):
    def show(o):
        out = o.out.decode('utf-8', 'replace')
        return '--- stdout\n%s--- stderr\n%s\n--- exit %s\n' % (out, o.err, o.rc)
    return '// seed %s: %s\n%s\n/*\nGo:\n%s\nGol:\n%s*/\n' % (
        seed, sig, gen.render_program(funcs, tail_marker=False), show(go_out), show(gol_out))


def one_seed(runner, seed, args):
    funcs = gen.generate(seed, args.funcs) if not args.family else \
        [gen.gen_func(seed, i, args.family) for i in range(args.funcs)]
    st, info = compare(runner, funcs)
    nf = len(funcs)
    if st == 'genbug':
        return dict(seed=seed, status='genbug', funcs=nf, same_funcs=0, msg=info[:2000], funcs_obj=funcs)
    if st == 'same':
        return dict(seed=seed, status='pass', funcs=nf, same_funcs=nf)
    go_out, gol_out, raw = info
    a, b = chunks(go_out.out), chunks(gol_out.out)
    same = sum(1 for f in funcs if f.name in a and a.get(f.name) == b.get(f.name))
    diff = Diff(seed, funcs, go_out, gol_out, raw)
    res = dict(seed=seed, status='fail', funcs=nf, same_funcs=same, sig=diff.sig, funcs_obj=funcs)
    if args.minimise and runner.take_minimise():
        mf, tests = minimise(runner, diff)
        st2, info2 = compare(runner, mf)
        if st2 == 'diff':
            res['min'] = report_text(seed, diff.sig, mf, info2[0], info2[1])
        else:
            res['min'] = report_text(seed, diff.sig, funcs, go_out, gol_out)
        res['min_tests'] = tests
    else:
        res['min'] = report_text(seed, diff.sig, funcs, go_out, gol_out)
    return res


def snapshot(path, workdir, wait=600):
    """A copy of the gol binary, taken when it is complete (it may be being relinked):
    a campaign runs one binary throughout."""
    snap = os.path.join(workdir, 'gol')
    deadline = time.time() + wait
    while True:
        try:
            st = os.stat(path)
            time.sleep(1)
            if os.stat(path).st_mtime == st.st_mtime and os.access(path, os.X_OK):
                shutil.copy2(path, snap)
                p = subprocess.run([snap, 'version'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
                if p.returncode == 0:
                    return snap
        except (OSError, subprocess.SubprocessError):
            pass
        if time.time() > deadline:
            sys.exit('no runnable gol at %s' % path)
        time.sleep(5)


def parse_seeds(s):
    if ':' in s:
        a, b = s.split(':')
        return list(range(int(a), int(b)))
    return [int(x) for x in s.split(',')]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seeds', default='0:10', help='A:B (B excluded) or a,b,c')
    ap.add_argument('--funcs', type=int, default=100, help='functions per program')
    ap.add_argument('--gol', default=os.path.join(HERE, '..', '..', 'build', 'gol'))
    ap.add_argument('--go', default=shutil.which('go') or '/usr/lib/go-1.19/bin/go')
    ap.add_argument('-j', type=int, default=1, help='programs compared at once')
    ap.add_argument('--keep', default='difftest-out', help='where minimised differences go')
    ap.add_argument('--timeout', type=float, default=60, help='seconds for a Go program')
    ap.add_argument('--gol-timeout', type=float, default=120, help='seconds for gol run')
    ap.add_argument('--gol-flag', action='append', default=[], metavar='FLAG',
                    help='a flag for `gol run` (e.g. --gol-flag=--maxprocs --gol-flag=1)')
    ap.add_argument('--no-minimise', dest='minimise', action='store_false')
    ap.add_argument('--family', help='only functions of this family (see gen.FAMILIES)')
    ap.add_argument('--no-copy-gol', dest='copy_gol', action='store_false',
                    help='run --gol in place instead of a copy taken at the start')
    ap.add_argument('--allow', action='append', default=[], metavar='BUG',
                    help='generate a construct of gen.KNOWN_BUGS again (to check a fix); '
                         '"all" for every one')
    ap.add_argument('--max-minimise', type=int, default=-1, metavar='N',
                    help='minimise at most N differing programs (default: all)')
    ap.add_argument('--skip-if-no-go', action='store_true',
                    help='exit 77 (CTest: skipped) when --go is not there')
    ap.add_argument('-q', '--quiet', action='store_true')
    args = ap.parse_args()
    args.gol = os.path.abspath(args.gol)
    if not (args.go and shutil.which(args.go)):
        if args.skip_if_no_go:
            print('difftest: no Go at %r, skipped' % args.go)
            sys.exit(77)
        sys.exit('no Go at %r (--go)' % args.go)
    if not os.path.exists(args.gol):
        sys.exit('no gol at %s' % args.gol)
    for name in args.allow:
        if name == 'all':
            gen.KNOWN_BUGS.clear()
        elif name in gen.KNOWN_BUGS:
            gen.KNOWN_BUGS.discard(name)
        else:
            sys.exit('--allow %s: not in gen.KNOWN_BUGS (%s)' % (name, ', '.join(sorted(gen.KNOWN_BUGS))))
    seeds = parse_seeds(args.seeds)
    workdir = tempfile.mkdtemp(prefix='difftest-')
    if args.copy_gol:
        args.gol = snapshot(args.gol, workdir)
    runner = Runner(args, workdir)
    t0 = time.time()
    npass = nfail = ngen = 0
    nfuncs = nsame = 0
    sigs = {}
    try:
        with cf.ThreadPoolExecutor(max_workers=args.j) as ex:
            futs = {ex.submit(one_seed, runner, s, args): s for s in seeds}
            done = 0
            step = max(1, len(seeds) // 20)
            for fut in cf.as_completed(futs):
                r = fut.result()
                done += 1
                if args.quiet and done % step == 0:
                    print('[%d/%d programs, %d failed, %.0fs]' % (done, len(seeds), nfail + ngen, time.time() - t0), flush=True)
                nfuncs += r['funcs']
                nsame += r['same_funcs']
                if r['status'] == 'pass':
                    npass += 1
                    if not args.quiet:
                        print('seed %s: ok (%d functions)' % (r['seed'], r['funcs']), flush=True)
                    continue
                os.makedirs(args.keep, exist_ok=True)
                if r['status'] == 'genbug':
                    ngen += 1
                    path = os.path.join(args.keep, 'genbug-%s.go' % r['seed'])
                    with open(path, 'w') as f:
                        f.write(gen.render_program(r['funcs_obj']))
                    print('seed %s: GENERATOR BUG (Go rejects the program): %s\n  %s' %
                          (r['seed'], path, r['msg'].strip().replace('\n', '\n  ')[:1500]), flush=True)
                    continue
                nfail += 1
                sigs.setdefault(r['sig'], []).append(r['seed'])
                path = os.path.join(args.keep, 'min-%s.go' % r['seed'])
                with open(path, 'w') as f:
                    f.write(r['min'])
                print('seed %s: DIFFERS (%s; %d/%d functions the same) -> %s' %
                      (r['seed'], r['sig'], r['same_funcs'], r['funcs'], path), flush=True)
                if not args.quiet:
                    print('  ' + r['min'].replace('\n', '\n  ')[:3000], flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    dt = time.time() - t0
    for s, l in sorted(sigs.items()):
        print('difference %r: seeds %s' % (s, ' '.join(map(str, l[:20]))))
    print('%d passed, %d failed%s (programs); %d functions compared, %d with the same output; %.0fs' %
          (npass, nfail, ', %d generator bugs' % ngen if ngen else '', nfuncs, nsame, dt))
    sys.exit(0 if nfail == 0 and ngen == 0 else 1)


if __name__ == '__main__':
    main()
