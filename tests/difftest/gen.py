#!/usr/bin/env python3
"""Random, deterministic, valid Go programs for differential testing of Gol against Go.

A program is one `package main` batching many generated functions f0..fN-1; main calls
them in order, printing a marker line `-- fK` before each, so outputs can be compared
function by function. Every function starts with `defer catch()`, which prints a
recovered panic, so a run-time panic ends only its function. A program may end with one
function that panics unrecovered (stderr and exit status are compared then).

Every program must compile under Go 1.19 and print the same thing on every run: no
unused variables or imports, constants kept in range (their values are computed here),
no map iteration order, no addresses, no races, no closure that outlives a loop
iteration capturing the loop's variables (Go 1.19 shares them, Gol follows Go 1.22),
and every loop bounded.

    python3 gen.py SEED [--funcs N]      # prints the program
"""

import argparse
import random
import re
import sys
from fractions import Fraction

# Constructs Gol gets wrong today (each with a reproducer in findings/NNN.go). The
# generator avoids the ones named here so that a campaign goes on finding new things;
# remove a name once Gol is fixed.
KNOWN_BUGS = set()

# Constructs where Gol follows current Go, not Go 1.19 (see README.md, "Known
# divergences"): never generated.
DIVERGENCES = {
    # findings/003.go: append grows a []string past 32 elements to 71, 143, 303... as
    # Go 1.22's malloc headers make it; Go 1.19 gives 64, 128, 256...
    'string_slice_growth',
}

# Constructs once avoided, generated again since Gol was fixed (their findings/NNN.go
# stay as regression reproducers).
FIXED_BUGS = {
    'untyped_const_shift_context': 'findings/001.go, fixed by db631b4',
    'nil_empty_interface_assert_message': 'findings/002.go, fixed by db631b4',
    'opassign_operands_twice': 'findings/004.go, fixed by aeb75f5',
    'assign_lhs_operands_late': 'findings/005.go, fixed by 779e1c4',
    'tuple_assign_lhs_operands': 'findings/006.go (the tuple form), fixed by 779e1c4',
    'struct_conversion_ignoring_tags': 'findings/007.go, fixed by 1769bbe',
    'const_string_conversion': 'findings/008.go, fixed by b624288',
    'multi_value_assign_to_interface': 'findings/013.go, fixed by 497ac00',
    'comma_ok_into_interface': 'findings/016.go, fixed by 497ac00',
    'package_var_multi_value': 'findings/017.go, fixed by b624288',
    'fmt_method_panic': 'findings/019.go, fixed by 50a9166',
    'multi_value_to_variadic': 'findings/011.go, fixed by 4247df2',
    'select_recv_into_interface': 'findings/012.go, fixed by 4247df2',
    'range_assign_to_interface': 'findings/014.go, fixed by 4247df2',
    'multi_value_return_to_interface': 'findings/015.go, fixed by 4247df2',
    'tagless_switch_interface_case': 'findings/022.go, fixed by 4247df2',
    'bare_return_blank_result': 'findings/023.go, fixed by 4247df2',
    'const_string_of_huge_int': 'findings/026.go, fixed by 4247df2',
    'range_assign_lhs_operands': 'findings/006.go, fixed by 0a05cc5',
    'opassign_target_reassigned': 'findings/027.go, fixed by 0a05cc5',
    'builder_copy_check': 'findings/020.go, fixed by 26ff656',
    'subnormal_constant_rounding': 'findings/010.go, fixed by 329e894',
    'multi_value_builtin_args': 'findings/025.go, fixed by 329e894',
    'interface_method_expression': 'findings/009.go, fixed by 618523a',
    'package_init_order': 'findings/018.go, fixed by ec409cb',
    'package_init_via_methods': 'findings/024.go, fixed by ec409cb',
    'package_func_values': 'findings/021.go, fixed by c823562',
}

# Float literals that are hard to round: halfway cases, the largest and smallest values,
# subnormals. The first ones are the boundary cases of 'subnormal_constant_rounding'.
HARD_FLOATS_SUBNORMAL_BOUNDARY = ['2.2250738585072011e-308', '2.2250738585072012e-308',
                                  '2.4703282292062328e-324']
HARD_FLOATS = ['9007199254740993', '9007199254740995', '1.7976931348623157e308', '4.9e-324',
               '1e23', '8.98846567431158e307', '2.2250738585072014e-308',
               '0.30000000000000004', '123456789012345678901234567890', '1e-310', '5e-324',
               '0.1e-322', '4.940656458412465441765687928682213723651e-324']
HARD_FLOATS32 = ['16777217', '3.4028235e38', '1.4e-45', '1.17549435e-38', '0.1', '16777216.5',
                 '33554431', '7e-45']
HARD_FLOATS32_SUBNORMAL_BOUNDARY = ['1.17549425e-38', '7.006492e-46']


class Retry(Exception):
    pass


# ----------------------------------------------------------------------------- types

INT_INFO = {
    'int8': (8, True), 'int16': (16, True), 'int32': (32, True), 'int64': (64, True),
    'int': (64, True), 'uint8': (8, False), 'uint16': (16, False), 'uint32': (32, False),
    'uint64': (64, False), 'uint': (64, False), 'uintptr': (64, False),
}
INT_TYPES = list(INT_INFO)
UNSIGNED = [t for t in INT_TYPES if not INT_INFO[t][1]]
SIGNED = [t for t in INT_TYPES if INT_INFO[t][1]]
FLOAT_TYPES = ['float32', 'float64']
ALIASES = {'uint8': 'byte', 'int32': 'rune'}
MAXF = {'float32': Fraction(3.4e38), 'float64': Fraction(1.7e308)}


def irange(t):
    bits, signed = INT_INFO[t]
    if signed:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def fits(t, v):
    if t in INT_INFO:
        if isinstance(v, Fraction):
            if v.denominator != 1:
                return False
            v = v.numerator
        lo, hi = irange(t)
        return lo <= v <= hi
    if t in MAXF:
        return abs(Fraction(v)) < MAXF[t] / 2
    raise ValueError(t)


def round_float(t, v):
    """The value of a typed float constant: v rounded to t's precision (Go rounds typed
    constants); Retry when it overflows."""
    import struct
    try:
        f = float(Fraction(v))
        if t == 'float32':
            f = struct.unpack('<f', struct.pack('<f', f))[0]
    except (OverflowError, struct.error):
        raise Retry
    if f in (float('inf'), float('-inf')):
        raise Retry
    return Fraction(f)


def tdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def tmod(a, b):
    return a - b * tdiv(a, b)


def go_int_lit(v, rng):
    """Go source for the integer constant v (untyped int), in a random notation."""
    neg = v < 0
    a = -v if neg else v
    r = rng.random()
    if r < 0.55:
        s = str(a)
    elif r < 0.75:
        s = hex(a) if rng.random() < 0.5 else '0X%X' % a
    elif r < 0.82:
        s = '0o%o' % a
    elif r < 0.87:
        s = '0%o' % a if a else '0'
    elif r < 0.92:
        s = bin(a)
    else:
        s = '{:_}'.format(a) if a >= 1000 else str(a)
    return '(-%s)' % s if neg else s


def go_str(bs):
    """A Go interpreted string literal for the bytes bs."""
    out = []
    i = 0
    while i < len(bs):
        c = bs[i]
        if c == 0x22:
            out.append('\\"')
        elif c == 0x5c:
            out.append('\\\\')
        elif c == 0x0a:
            out.append('\\n')
        elif c == 0x09:
            out.append('\\t')
        elif 0x20 <= c < 0x7f:
            out.append(chr(c))
        elif c >= 0x80:
            # keep valid UTF-8 sequences as they are, escape stray bytes
            for n in (4, 3, 2):
                try:
                    ch = bs[i:i + n].decode('utf-8')
                    if len(ch) == 1:
                        out.append(ch)
                        i += n
                        break
                except UnicodeDecodeError:
                    pass
            else:
                out.append('\\x%02x' % c)
                i += 1
            continue
        else:
            out.append('\\x%02x' % c)
        i += 1
    return '"' + ''.join(out) + '"'


# Runes assigned long before Unicode 13 (Go 1.19's tables): newer Unicode versions
# changed which runes are printable, and Gol follows a newer one (see README.md).
RUNE_POOL = [32, 33, 65, 97, 126, 0xA0, 0xE9, 0xDF, 0x100, 0x3A9, 0x3C9, 0x416, 0x5D0, 0x627,
             0x905, 0x1E9E, 0x2028, 0x20AC, 0x2192, 0x263A, 0x3042, 0x4E16, 0xAC00, 0xFEFF,
             0xFFFD, 0x1F600, 0x10FFFF, 0x301, 0x7F, 0x9F, 0x200B]

STR_POOL = [
    b'', b'a', b'go', b'abc', b'hello', b'Hello, World', b'  spaced out  ', b'a,b,,c',
    b'x-y-z', b'GoLang', b'racecar', b'12345', b'-42', b'3.25', b'tab\there', b'line\nbreak',
    'héllo'.encode(), '日本語'.encode(), 'naïve café'.encode(), 'Ωmega'.encode(),
    '😀 smile'.encode(), b'\xff\xfeok', b'a\xc3', b'quote"back\\slash', 'ÀÉÎ'.encode(),
    b'mississippi', b'The quick brown fox', b'0x1F', b'true', b'  ', b'aaa',
]


# ----------------------------------------------------------------------------- statements


class Block:
    """A compound statement: head line, body statements, then (middle line, statements)
    pairs such as ('} else {', [...]), then the tail line."""

    def __init__(self, head, body, tail='}', more=()):
        self.head, self.body, self.tail, self.more = head, body, tail, list(more)

    def bodies(self):
        return [self.body] + [b for _, b in self.more]


def render_stmts(stmts, ind):
    out = []
    for s in stmts:
        if isinstance(s, Block):
            out.append(ind + s.head)
            out.extend(render_stmts(s.body, ind + '\t'))
            for mid, body in s.more:
                out.append(ind + mid)
                out.extend(render_stmts(body, ind + '\t'))
            out.append(ind + s.tail)
        else:
            for line in s.split('\n'):
                out.append(ind + line if line else '')
    return out


class Func:
    def __init__(self, name, family):
        self.name = name
        self.family = family
        self.decls = []      # top-level declarations (text) this function needs
        self.body = []       # statements (str or Block)
        self.uncaught = False

    def render(self):
        lines = ['func %s() {' % self.name]
        if not self.uncaught:
            lines.append('\tdefer catch()')
        lines.extend(render_stmts(self.body, '\t'))
        lines.append('}')
        return '\n'.join(self.decls + ['\n'.join(lines)])


PRELUDE = '''func catch() {
	if r := recover(); r != nil {
		fmt.Println("recovered:", r)
	}
}'''

# Helpers a program has when it uses them.
HELPERS = {}
HELPERS['clampf'] = '''func clampf(f, lo, hi float64) float64 {
	if f != f {
		return 0
	}
	if f < lo {
		return lo
	}
	if f > hi {
		return hi
	}
	return f
}'''
HELPERS['nonan'] = '''func nonan(f float64) float64 {
	if f != f {
		return 0
	}
	return f
}'''
HELPERS['subs'] = '''func subs(s string, i, j int) string {
	i %= len(s) + 1
	if i < 0 {
		i += len(s) + 1
	}
	j %= len(s) + 1
	if j < 0 {
		j += len(s) + 1
	}
	if i > j {
		i, j = j, i
	}
	return s[i:j]
}'''
HELPERS['at'] = '''func at(s string, i int) byte {
	if len(s) == 0 {
		return 0
	}
	i %= len(s)
	if i < 0 {
		i += len(s)
	}
	return s[i]
}'''

IMPORTABLE = ['errors', 'fmt', 'math', 'os', 'runtime', 'sort', 'strconv', 'strings', 'sync',
              'sync/atomic', 'unicode', 'unicode/utf8']


def render_program(funcs, tail_marker=True):
    body = '\n\n'.join(f.render() for f in funcs)
    mainl = ['func main() {']
    for f in funcs:
        mainl.append('\tfmt.Println("-- %s")' % f.name)
        mainl.append('\t%s()' % f.name)
    if tail_marker:
        mainl.append('\tfmt.Println("-- end")')
    mainl.append('}')
    prelude = [PRELUDE] + [code for name, code in HELPERS.items() if name + '(' in body]
    text = '\n\n'.join(prelude) + '\n\n' + body + '\n\n' + '\n'.join(mainl) + '\n'
    used = []
    for p in IMPORTABLE:
        short = p.split('/')[-1]
        if p == 'fmt' or re.search(r'\b%s\.[A-Z]' % re.escape(short), text):
            used.append(p)
    imports = 'import (\n' + ''.join('\t"%s"\n' % p for p in used) + ')\n'
    return 'package main\n\n' + imports + '\n' + text


# ----------------------------------------------------------------------------- expressions


class E:
    """A generated expression. cv: its constant value (int or Fraction) or None; typed:
    a typed constant; dep: a non-constant shift of an untyped constant, whose type comes
    from the context; kind: int, rune or float for untyped constants."""

    __slots__ = ('code', 'cv', 'typed', 'dep', 'kind')

    def __init__(self, code, cv=None, typed=False, dep=False, kind='int'):
        self.code, self.cv, self.typed, self.dep, self.kind = code, cv, typed, dep, kind

    @property
    def untyped(self):
        return self.cv is not None and not self.typed

    def loose(self):
        """Its type would come from the context (untyped constant or dep shift)."""
        return self.dep or self.untyped


class Var:
    def __init__(self, name, t, loop=False):
        self.name, self.t, self.loop = name, t, loop


class G:
    """Generates one function."""

    def __init__(self, rng, idx):
        self.rng = rng
        self.idx = idx
        self.n = 0
        self.f = Func('f%d' % idx, '')
        self.vars = []
        self.mix = False

    # names -------------------------------------------------------------
    def fresh(self, p='v'):
        self.n += 1
        return '%s%d' % (p, self.n)

    def tname(self, base):
        self.n += 1
        return '%s%d_%d' % (base, self.idx, self.n)

    def tn(self, t):
        """Spell type t, sometimes by its alias."""
        if t in ALIASES and self.rng.random() < 0.3:
            return ALIASES[t]
        return t

    def choice(self, xs):
        return self.rng.choice(xs)

    def chance(self, p):
        return self.rng.random() < p

    def vars_of(self, t):
        return [v for v in self.vars if v.t == t]

    # literals ----------------------------------------------------------
    def int_value(self, t):
        lo, hi = irange(t)
        r = self.rng.random()
        if r < 0.25:
            return self.choice([lo, hi, 0, 1, hi - 1, lo + 1, min(hi, 2), max(lo, -1)])
        if r < 0.45:
            k = self.rng.randint(0, INT_INFO[t][0] - 1)
            v = (1 << k) + self.choice([-1, 0, 1])
            if self.chance(0.3) and lo < 0:
                v = -v
            return max(lo, min(hi, v))
        if r < 0.8:
            return max(lo, min(hi, self.rng.randint(-100, 100)))
        return self.rng.randint(lo, hi)

    def int_lit(self, t, v=None):
        if v is None:
            v = self.int_value(t)
        if 32 <= v < 127 and chr(v) not in "'\\" and self.chance(0.1):
            return E("'%s'" % chr(v), cv=v, kind='rune')
        return E(go_int_lit(v, self.rng), cv=v)

    # integer expressions ----------------------------------------------
    def gen_int(self, t, d):
        for _ in range(30):
            try:
                return self._gen_int(t, d)
            except Retry:
                d = max(0, d - 1)
        vs = self.vars_of(t)
        return E(vs[0].name) if vs else self.int_lit(t, 1)

    def leaf_int(self, t):
        vs = self.vars_of(t)
        if vs and self.chance(0.7):
            return E(self.choice(vs).name)
        return self.int_lit(t)

    def settle(self, e, t):
        """e with its type fixed to t (converting loose expressions)."""
        if e.loose():
            if e.cv is not None and not fits(t, e.cv):
                raise Retry
            cv = e.cv
            if cv is not None and t in FLOAT_TYPES:
                cv = round_float(t, cv)
            return E('%s(%s)' % (self.tn(t), e.code), cv=cv, typed=e.cv is not None)
        return e

    def _gen_int(self, t, d):
        if d <= 0 or self.chance(0.2):
            return self.leaf_int(t)
        r = self.rng.random()
        if r < 0.4:
            return self.int_binop(t, self.choice(['+', '-', '*', '&', '|', '^', '&^', '+', '-']), d)
        if r < 0.5:
            return self.int_binop(t, self.choice(['/', '%']), d)
        if r < 0.65:
            return self.int_shift(t, d)
        if r < 0.75:
            a = self.gen_int(t, d - 1)
            op = self.choice(['-', '^', '+'])
            if a.cv is not None:
                if op == '-':
                    v = -a.cv
                elif op == '+':
                    v = a.cv
                elif a.typed and not INT_INFO[t][1]:
                    v = a.cv ^ irange(t)[1]
                else:
                    v = -a.cv - 1
                if a.typed and not fits(t, v):
                    raise Retry
                return E('%s(%s)' % (op, a.code), cv=v, typed=a.typed, kind=a.kind)
            return E('%s(%s)' % (op, a.code), dep=a.dep)
        if r < 0.8 and self.mix:
            return self.str_int(t, d)
        if r < 0.92:
            # conversion from another integer type
            u = self.choice(INT_TYPES)
            a = self.settle(self.gen_int(u, d - 1), u)
            if a.cv is not None:
                if not fits(t, a.cv):
                    raise Retry
                return E('%s(%s)' % (self.tn(t), a.code), cv=a.cv, typed=True)
            return E('%s(%s)' % (self.tn(t), a.code))
        # conversion from a float, clamped into range
        ft = self.choice(FLOAT_TYPES)
        a = self.settle(self.gen_float(ft, d - 1), ft)
        lo, hi = irange(t)
        lo, hi = max(lo, -1 << 53), min(hi, 1 << 53)
        if a.cv is not None:
            v = a.cv
            if v.denominator != 1 or not fits(t, v):
                raise Retry
            return E('%s(%s)' % (self.tn(t), a.code), cv=v.numerator, typed=True)
        arg = a.code if ft == 'float64' else 'float64(%s)' % a.code
        return E('%s(clampf(%s, %d, %d))' % (self.tn(t), arg, lo, hi))

    def const_int_op(self, t, op, a, b):
        x, y = a.cv, b.cv
        if op == '+':
            return x + y
        if op == '-':
            return x - y
        if op == '*':
            return x * y
        if op == '/':
            return tdiv(x, y)
        if op == '%':
            return tmod(x, y)
        if op == '&':
            return x & y
        if op == '|':
            return x | y
        if op == '^':
            return x ^ y
        if op == '&^':
            return x & ~y
        raise ValueError(op)

    def combine(self, t, code, a, b, cv=None):
        """The result of a binary operation on a and b (not a shift)."""
        if a.cv is not None and b.cv is not None:
            typed = a.typed or b.typed
            if typed and not (fits(t, cv) and fits(t, a.cv) and fits(t, b.cv)):
                raise Retry
            if abs(cv) > 1 << 200:
                raise Retry
            kind = 'float' if 'float' in (a.kind, b.kind) else 'rune' if 'rune' in (a.kind, b.kind) else 'int'
            return E(code, cv=cv, typed=typed, kind=kind)
        for x in (a, b):
            if x.cv is not None and not fits(t, x.cv):
                raise Retry
        dep = a.loose() and b.loose()
        return E(code, dep=dep)

    def int_binop(self, t, op, d):
        a = self.gen_int(t, d - 1)
        b = self.gen_int(t, d - 1)
        if op in ('/', '%'):
            if b.cv is not None:
                if b.cv == 0:
                    raise Retry
            elif self.chance(0.93):
                b = E('(%s | 1)' % b.code, dep=b.dep)
        if a.cv is not None and b.cv is not None:
            if a.kind == 'float' or b.kind == 'float':
                raise Retry
            cv = self.const_int_op(t, op, a, b)
        else:
            cv = None
        return self.combine(t, '(%s %s %s)' % (a.code, op, b.code), a, b, cv)

    def shift_count(self, d, bits):
        for _ in range(10):
            try:
                c = self._shift_count(d, bits)
                if c.cv is not None and c.cv > 300:
                    raise Retry
                return c
            except Retry:
                pass
        return E('1', cv=1)

    def _shift_count(self, d, bits):
        r = self.rng.random()
        if r < 0.5:
            v = self.choice([0, 1, 2, 3, bits - 1, bits, bits + 1, self.rng.randint(0, bits + 8)])
            return E(str(v), cv=v)
        if r < 0.85:
            u = self.choice(UNSIGNED)
            c = self.settle(self.gen_int(u, d - 1), u)
            if c.cv is not None:
                return c
            if self.chance(0.6):
                return E('(%s %% %d)' % (c.code, bits + 4))
            return c
        # a signed count: non-negative unless we want the panic
        s = self.choice(SIGNED)
        c = self.settle(self.gen_int(s, d - 1), s)
        if c.cv is not None:
            if c.cv < 0:
                raise Retry
            return c
        if self.chance(0.9):
            return E('(%s & 31)' % c.code)
        return c

    def int_shift(self, t, d):
        bits = INT_INFO[t][0]
        a = self.gen_int(t, d - 1)
        op = self.choice(['<<', '>>'])
        c = self.shift_count(d, bits)
        code = '(%s %s %s)' % (a.code, op, c.code)
        if a.cv is not None and c.cv is not None:
            if a.kind == 'float':
                raise Retry
            v = a.cv << c.cv if op == '<<' else a.cv >> c.cv
            if a.typed and not fits(t, v):
                raise Retry
            if abs(v) > 1 << 200:
                raise Retry
            return E(code, cv=v, typed=a.typed, kind=a.kind)
        if a.cv is not None:
            if not fits(t, a.cv) or a.kind == 'float':
                raise Retry
            if a.untyped:
                if 'untyped_const_shift_context' in KNOWN_BUGS:
                    return E('(%s(%s) %s %s)' % (self.tn(t), a.code, op, c.code))
                return E(code, dep=True)
        return E(code, dep=a.dep)

    # float expressions --------------------------------------------------
    def float_lit(self, t):
        r = self.rng.random()
        if r < 0.3:
            v = self.choice(['0', '1', '2', '0.5', '0.1', '0.2', '0.3', '1.5', '3', '10', '100',
                             '1e3', '1e-3', '2.5e10', '1e20', '1e21', '1e-5', '1e-7', '123.456',
                             '0.000123', '6.02e23', '1.0', '.25', '3.', '1e100', '1e-300',
                             '0x1p-2', '7', '33', '1_000.5'])
        elif r < 0.7:
            v = '%d.%d' % (self.rng.randint(0, 999), self.rng.randint(0, 99))
        elif r < 0.85:
            v = '%de%d' % (self.rng.randint(1, 99), self.rng.randint(-12, 25))
        else:
            v = str(self.rng.randint(0, 1000))
        if self.chance(0.08):
            if t == 'float32':
                v = self.choice(HARD_FLOATS32 + ([] if 'subnormal_constant_rounding' in KNOWN_BUGS
                                                 else HARD_FLOATS32_SUBNORMAL_BOUNDARY))
            else:
                v = self.choice(HARD_FLOATS + ([] if 'subnormal_constant_rounding' in KNOWN_BUGS
                                               else HARD_FLOATS_SUBNORMAL_BOUNDARY))
        if t == 'float32' and ('e100' in v or 'e-300' in v):
            v = '1e10'
        fv = parse_go_float(v)
        kind = 'float' if any(c in v for c in '.eEpx') and not v.isdigit() else 'int'
        if self.chance(0.2):
            return E('(-%s)' % v, cv=-fv, kind=kind)
        return E(v, cv=fv, kind=kind)

    def gen_float(self, t, d):
        for _ in range(30):
            try:
                e = self._gen_float(t, d)
                if e.cv is not None and not fits(t, e.cv):
                    raise Retry
                return e
            except Retry:
                d = max(0, d - 1)
        return E('%s(1.5)' % t, cv=Fraction(3, 2), typed=True)

    def _gen_float(self, t, d):
        if d <= 0 or self.chance(0.2):
            vs = self.vars_of(t)
            if vs and self.chance(0.7):
                return E(self.choice(vs).name)
            return self.float_lit(t)
        r = self.rng.random()
        if r < 0.6:
            op = self.choice(['+', '-', '*', '/'])
            a = self.gen_float(t, d - 1)
            b = self.gen_float(t, d - 1)
            if op == '/' and b.cv is not None and b.cv == 0:
                raise Retry
            code = '(%s %s %s)' % (a.code, op, b.code)
            if a.cv is not None and b.cv is not None:
                typed = a.typed or b.typed
                kind = 'float' if 'float' in (a.kind, b.kind) else 'int'
                x, y = Fraction(a.cv), Fraction(b.cv)
                if op == '/' and kind == 'int' and not typed:
                    v = Fraction(tdiv(int(x), int(y)))
                else:
                    v = {'+': x + y, '-': x - y, '*': x * y, '/': x / y if y else None}[op]
                if v is None or abs(v) > MAXF[t] / 4 or (v and abs(v) < Fraction(1, 10**200)):
                    raise Retry
                if typed and not (fits(t, x) and fits(t, y)):
                    raise Retry
                if len(str(v.denominator)) + len(str(v.numerator)) > 300:
                    raise Retry
                if typed:
                    v = round_float(t, v)
                return E(code, cv=v, typed=typed, kind=kind)
            return E(code)
        if r < 0.7:
            a = self.gen_float(t, d - 1)
            if a.cv is not None:
                return E('(-%s)' % a.code, cv=-a.cv, typed=a.typed, kind=a.kind)
            return E('(-%s)' % a.code)
        if r < 0.85:
            u = self.choice(INT_TYPES)
            a = self.settle(self.gen_int(u, d - 1), u)
            if a.cv is not None:
                return E('%s(%s)' % (t, a.code), cv=round_float(t, a.cv), typed=True)
            return E('%s(%s)' % (t, a.code))
        u = 'float64' if t == 'float32' else 'float32'
        a = self.settle(self.gen_float(u, d - 1), u)
        if a.cv is not None:
            if not fits(t, a.cv):
                raise Retry
            return E('%s(%s)' % (t, a.code), cv=round_float(t, a.cv), typed=True)
        return E('%s(%s)' % (t, a.code))

    # strings --------------------------------------------------------------
    def gen_str(self, d):
        """A string expression; cv is its value (bytes) when it is constant."""
        for _ in range(20):
            try:
                return self._gen_str(d)
            except Retry:
                d = max(0, d - 1)
        return E('"x"', cv=b'x')

    def str_leaf(self):
        vs = self.vars_of('string')
        if vs and self.chance(0.7):
            return E(self.choice(vs).name)
        v = self.choice(STR_POOL)
        return E(go_str(v), cv=v)

    def any_int(self, d):
        """Code of an int-typed (type int) expression."""
        u = self.choice(INT_TYPES)
        e = self.settle(self.gen_int(u, d), u)
        if e.cv is not None:
            if not fits('int', e.cv):
                raise Retry
            return E('int(%s)' % e.code, cv=e.cv, typed=True)
        return E('int(%s)' % e.code)

    def _gen_str(self, d):
        if d <= 0 or self.chance(0.25):
            return self.str_leaf()
        r = self.rng.random()
        if r < 0.2:
            a, b = self.gen_str(d - 1), self.gen_str(d - 1)
            cv = a.cv + b.cv if a.cv is not None and b.cv is not None else None
            if cv is not None and len(cv) > 200:
                raise Retry
            return E('(%s + %s)' % (a.code, b.code), cv=cv)
        if r < 0.3:
            u = self.choice(INT_TYPES)
            e = self.settle(self.gen_int(u, d - 1), u)
            if e.cv is None:
                # Go 1.19 has Unicode 13 tables, Gol a newer version: keep computed runes
                # below U+0800, where nothing changed since (invalid runes come as constants)
                e = E('(int32(%s) & 0x7ff)' % e.code)
            if e.cv is not None:
                if not fits('int32', e.cv):
                    raise Retry
                v = e.cv
                ok = 0 <= v <= 0x10FFFF and not 0xD800 <= v <= 0xDFFF
                return E('string(rune(%s))' % e.code, cv=chr(v).encode() if ok else '\ufffd'.encode())
            return E('string(rune(%s))' % e.code)
        a = self.gen_str(d - 1)
        if r < 0.45:
            f = self.choice(['strings.ToUpper(%s)', 'strings.ToLower(%s)', 'strings.TrimSpace(%s)',
                             'strings.Repeat(%%s, %d)' % self.rng.randint(0, 3), 'strconv.Quote(%s)',
                             'strings.Replace(%%s, %s, %s, %d)' % (go_str(self.choice(STR_POOL[:12])), go_str(self.choice(STR_POOL[:12])), self.rng.randint(-1, 3)),
                             'strings.ReplaceAll(%s, "l", "LL")', 'strings.Trim(%s, "ab ")',
                             'strings.Join(strings.Split(%s, "l"), "|")', 'strings.Join(strings.Fields(%s), "_")',
                             'strings.TrimLeft(%s, "Hh")', 'strconv.QuoteToASCII(%s)', 'strings.Title(%s)'])
            if 'Title' in f:
                f = 'strings.TrimRight(%s, "o!")'
            return E(f % a.code)
        if r < 0.6:
            i = self.any_int(d - 1)
            j = self.any_int(d - 1)
            return E('subs(%s, %s, %s)' % (a.code, i.code, j.code))
        if r < 0.7:
            i = self.any_int(d - 1)
            base = self.choice([2, 8, 10, 16, 36, 7])
            if self.chance(0.5):
                return E('strconv.Itoa(%s)' % i.code)
            return E('strconv.FormatInt(int64(%s), %d)' % (i.code, base))
        if r < 0.85:
            ft = self.choice(FLOAT_TYPES)
            f = self.settle(self.gen_float(ft, d - 1), ft)
            fc = self.choice("eEfgG")
            prec = self.choice([-1, -1, 0, 1, 2, 3, 5, 8, 12, 17, 20])
            bits = 32 if ft == 'float32' else self.choice([64, 64, 32])
            if self.chance(0.6):
                return E("strconv.FormatFloat(float64(%s), '%s', %d, %d)" % (f.code, fc, prec, bits))
            verb = self.choice(['%v', '%g', '%e', '%.3f', '%10.4g', '%-12.5e', '%+.0f', '%G', '%.17g', '%f', '%.1e'])
            return E('fmt.Sprintf("%s|%%s", %s, %s)' % (verb, f.code, a.code))
        i = self.any_int(d - 1)
        verb = self.choice(['%d', '%x', '%o', '%b', '%q', '%c', '%U', '%5d', '%-4x', '%+d', '%08b', '%X'])
        arg = i.code if verb not in ('%q', '%c') else '(%s & 0x7ff)' % i.code  # see string(rune(...))
        return E('fmt.Sprintf("%s/%%q/%%v", %s, %s, %s)' % (verb, arg, a.code, a.code))

    def str_int(self, t, d):
        """An integer expression of type t computed from strings."""
        a = self.gen_str(d - 1)
        r = self.rng.random()
        if r < 0.3:
            if a.cv is not None:
                if not fits(t, len(a.cv)):
                    raise Retry
                return E('%s(len(%s))' % (self.tn(t), a.code), cv=len(a.cv), typed=True)
            return E('%s(len(%s))' % (self.tn(t), a.code))
        if r < 0.6:
            b = self.gen_str(d - 1)
            f = self.choice(['strings.Index', 'strings.Count', 'strings.LastIndex', 'strings.Compare',
                             'strings.IndexAny'])
            if f == 'strings.Count' and b.cv == b'':
                f = 'strings.Index'
            return E('%s(%s(%s, %s))' % (self.tn(t), f, a.code, b.code))
        if r < 0.8:
            return E('%s(utf8.RuneCountInString(%s))' % (self.tn(t), a.code))
        i = self.any_int(d - 1)
        return E('%s(at(%s, %s))' % (self.tn(t), a.code, i.code))

    # booleans -------------------------------------------------------------
    def gen_bool(self, d):
        r = self.rng.random()
        if d <= 0 or r < 0.5:
            k = self.rng.random()
            if k < 0.6:
                t = self.choice(sorted({v.t for v in self.vars if v.t in INT_INFO}) or ["int"])
                a = self.gen_int(t, 1)
                b = self.gen_int(t, 1)
                if a.loose() and b.loose():
                    try:
                        a = self.settle(a, t)
                    except Retry:
                        return E('false')
                op = self.choice(['==', '!=', '<', '<=', '>', '>='])
                for x in (a, b):
                    if x.cv is not None and not fits(t, x.cv):
                        return E('true')
                return E('(%s %s %s)' % (a.code, op, b.code))
            if k < 0.8:
                t = self.choice(FLOAT_TYPES)
                a = self.settle(self.gen_float(t, 1), t)
                b = self.gen_float(t, 1)
                op = self.choice(['==', '!=', '<', '<=', '>', '>='])
                return E('(%s %s %s)' % (a.code, op, b.code))
            if self.mix and self.chance(0.5):
                a, b = self.gen_str(1), self.gen_str(1)
                op = self.choice(['==', '!=', '<', '<=', '>', '>='])
                if self.chance(0.3):
                    return E('strings.%s(%s, %s)' % (self.choice(['Contains', 'HasPrefix', 'HasSuffix', 'EqualFold', 'ContainsAny']), a.code, b.code))
                return E('(%s %s %s)' % (a.code, op, b.code))
            bs = [v for v in self.vars if v.t == 'bool']
            if bs:
                return E(self.choice(bs).name)
            return E(self.choice(['true', 'false']))
        op = self.choice(['&&', '||', '!'])
        if op == '!':
            return E('!%s' % self.gen_bool(d - 1).code)
        return E('(%s %s %s)' % (self.gen_bool(d - 1).code, op, self.gen_bool(d - 1).code))


def parse_go_float(s):
    s = s.replace('_', '')
    if s.startswith('0x'):
        return Fraction(float.fromhex(s))
    if s.endswith('.'):
        s = s + '0'
    if s.startswith('.'):
        s = '0' + s
    return Fraction(s)


# ----------------------------------------------------------------------------- families

INT_VERBS = ['%d', '%v', '%x', '%X', '%o', '%b', '%+d', '%5d', '%-5d|', '%05d', '%#x', '%#o',
             '%08b', '%U', '%O']
FLOAT_VERBS = ['%v', '%g', '%e', '%.3f', '%8.2f', '%.0f', '%G', '%.10g', '%E', '%6.3e',
               '%-10.4f|', '%+.2f', '%f']


def print_vars(g, vs):
    """Print the given variables (so none is unused)."""
    out = []
    for i in range(0, len(vs), 6):
        chunk = vs[i:i + 6]
        if g.chance(0.1):
            # the runtime's own format, on standard error
            out.append('println(%s)' % ', '.join(v.name for v in chunk))
        elif g.chance(0.6):
            out.append('fmt.Println(%s)' % ', '.join(v.name for v in chunk))
        else:
            fmts = []
            for v in chunk:
                if v.t in INT_INFO:
                    fmts.append(g.choice(INT_VERBS))
                elif v.t in FLOAT_TYPES:
                    fmts.append(g.choice(FLOAT_VERBS))
                else:
                    fmts.append('%v')
            out.append('fmt.Printf("%s\\n", %s)' % (' '.join(fmts), ', '.join(v.name for v in chunk)))
    return out


def declare(g, t, init):
    """A declaration of a fresh variable of type t set to expression init."""
    name = g.fresh('x' if t in INT_INFO else 'y' if t in FLOAT_TYPES else 'b')
    r = g.rng.random()
    if r < 0.5:
        s = 'var %s %s = %s' % (name, g.tn(t), init.code)
    elif r < 0.8 and not init.loose():
        s = '%s := %s' % (name, init.code) if not init.cv is not None else '%s := %s(%s)' % (name, g.tn(t), init.code)
    else:
        s = 'var %s %s\n%s = %s' % (name, g.tn(t), name, init.code)
    v = Var(name, t)
    return s, v


def fam_arith(g):
    """Integer arithmetic over several integer types: wrap-around, division, shifts,
    conversions, compound assignments, if/switch on the values."""
    types = g.rng.sample(INT_TYPES, g.rng.randint(1, 3))
    if g.chance(0.3):
        types.append(g.choice(FLOAT_TYPES))
    for t in types:
        for _ in range(g.rng.randint(1, 2)):
            init = g.int_lit(t) if t in INT_INFO else g.float_lit(t)
            s, v = declare(g, t, init)
            g.f.body.append(s)
            g.vars.append(v)
    for _ in range(g.rng.randint(3, 9)):
        g.f.body.extend(arith_stmt(g, 3))
    g.f.body.extend(print_vars(g, g.vars))


def fit_or(g, e, t, dflt):
    """e, or the constant dflt of type t when e is a constant out of t's range."""
    if e.cv is not None and not fits(t, e.cv):
        return E(str(dflt), cv=dflt)
    return e


def arith_stmt(g, d, decl=True):
    """Statements on the variables in g.vars; decl: may declare a new variable (only
    at the function's top level, where it stays in scope)."""
    v = g.choice([x for x in g.vars if x.t in INT_INFO or x.t in FLOAT_TYPES])
    t = v.t
    gen = g.gen_int if t in INT_INFO else g.gen_float
    r = g.rng.random()
    if not decl and 0.6 <= r < 0.75:
        r = 0.1
    if r < 0.3:
        e = gen(t, d)
        if e.cv is not None and not fits(t, e.cv):
            e = g.settle(E('1', cv=1), t)
        return ['%s = %s' % (v.name, e.code)]
    if r < 0.5:
        ops = ['+=', '-=', '*=', '/='] + (['%=', '&=', '|=', '^=', '&^=', '<<=', '>>='] if t in INT_INFO else [])
        op = g.choice(ops)
        if op in ('<<=', '>>='):
            c = g.shift_count(d, INT_INFO[t][0])
            return ['%s %s %s' % (v.name, op, c.code)]
        e = gen(t, d - 1)
        if e.cv is not None and not fits(t, e.cv):
            return ['%s++' % v.name]
        if op in ('/=', '%='):
            if e.cv is not None:
                if e.cv == 0:
                    return ['%s--' % v.name]
            elif t in INT_INFO:
                e = E('(%s | 1)' % e.code, dep=e.dep)
        return ['%s %s %s' % (v.name, op, e.code)]
    if r < 0.6:
        return ['%s%s' % (v.name, g.choice(['++', '--']))]
    if r < 0.75:
        e = gen(t, d)
        if e.cv is not None and not fits(t, e.cv):
            e = g.settle(E('1', cv=1), t)
        s, nv = declare(g, t, e)
        g.vars.append(nv)
        return [s]
    if r < 0.85:
        c = g.gen_bool(2)
        e1 = fit_or(g, gen(t, d - 1), t, 1)
        e2 = fit_or(g, gen(t, d - 1), t, 2)
        return [Block('if %s {' % c.code, ['%s = %s' % (v.name, e1.code)],
                      more=[('} else {', ['%s = %s' % (v.name, e2.code)])])]
    if r < 0.93:
        # bounded loop accumulating into v
        i = g.fresh('i')
        n = g.rng.randint(1, 7)
        e = gen(t, d - 1)
        if e.cv is not None and not fits(t, e.cv):
            e = g.settle(E('3', cv=3), t)
        conv = '%s(%s)' % (t, i)
        op = g.choice(['+=', '-=', '*=', '^=']) if t in INT_INFO else g.choice(['+=', '-=', '*='])
        return [Block('for %s := 0; %s < %d; %s++ {' % (i, i, n, i),
                      ['%s %s %s + %s' % (v.name, op, e.code if not e.loose() else g.settle(e, t).code, conv)])]
    # switch on an int value
    if t in INT_INFO:
        lo, hi = irange(t)
        cases = sorted({max(lo, min(hi, g.rng.randint(-3, 5))) for _ in range(3)})
        body = []
        for c in cases:
            body.append('case %d:\n\tfmt.Println("case", %d)' % (c, c))
        body.append('default:\n\tfmt.Println("default")')
        return [Block('switch %s %% 4 {' % v.name, body)]
    return ['fmt.Println(%s > 0)' % v.name]


# ----------------------------------------------------------------------------- helpers

from string import Template


def T(_tpl, **kw):
    return Template(_tpl).substitute(**kw)


def lines(s):
    """Split a template into top-level statements: lines at the first indentation level
    start a new statement, deeper lines belong to the statement above."""
    out = []
    for line in s.strip('\n').split('\n'):
        if out and (line.startswith('\t') or line.startswith('}') or line.startswith('case ')
                    or line.startswith('default:') or line == ''):
            out[-1] += '\n' + line
        else:
            out.append(line)
    return out


def scoped(g, stmts):
    """Add stmts in a block of their own (their fixed names may recur in the function)."""
    g.f.body.append(Block('{', stmts, '}'))





def fam_shift(g):
    """Shifts of every integer type by constant and variable counts, large counts,
    untyped constants shifted in typed contexts, and a negative count."""
    ts = g.rng.sample(INT_TYPES, 3)
    for t in ts:
        s, v = declare(g, t, g.int_lit(t))
        g.f.body.append(s)
        g.vars.append(v)
    cts = []
    for _ in range(2):
        u = g.choice(UNSIGNED + ['int'])
        bits = INT_INFO[u][0]
        c = g.choice([0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 100, 200, 255]) if g.chance(0.7) else g.rng.randint(0, 70)
        c = min(c, irange(u)[1])
        n = g.fresh('s')
        g.f.body.append('var %s %s = %d' % (n, g.tn(u), c))
        g.vars.append(Var(n, u))
        cts.append(n)
    for _ in range(g.rng.randint(4, 8)):
        v = g.choice([x for x in g.vars if x.name not in cts])
        c = g.choice(cts)
        r = g.rng.random()
        if r < 0.4:
            g.f.body.append('fmt.Println(%s << %s, %s >> %s)' % (v.name, c, v.name, c))
        elif r < 0.6:
            k = g.choice([1, 3, INT_INFO[v.t][0] - 1, INT_INFO[v.t][0], 70])
            g.f.body.append('fmt.Println(%s << %d, %s >> %d)' % (v.name, k, v.name, k))
        elif r < 0.75:
            # an untyped constant shifted by a variable count takes the context's type
            t = v.t
            bits = INT_INFO[t][0]
            lit = g.choice([1, 3, 5, 0x7f, -1 if INT_INFO[t][1] else 2])
            if 'untyped_const_shift_context' in KNOWN_BUGS:
                g.f.body.append('%s = %s(%d) << (%s %% %d)' % (v.name, t, lit, c, bits))
            else:
                g.f.body.append('%s = %d << (%s %% %d)' % (v.name, lit, c, bits))
        elif r < 0.9:
            g.f.body.append('%s %s= %s' % (v.name, g.choice(['<<', '>>']), c))
        else:
            e = g.gen_int(v.t, 2)
            e = g.settle(e, v.t) if e.cv is None or fits(v.t, e.cv) else E('%s(1)' % v.t)
            g.f.body.append('%s = %s' % (v.name, e.code))
    g.f.body.extend(print_vars(g, g.vars))
    if g.chance(0.15):
        n = g.fresh('neg')
        g.f.body.append('%s := %d' % (n, -g.rng.randint(1, 9)))
        g.f.body.append('fmt.Println(%s << %s)' % (g.vars[0].name, n))


def fam_conv(g):
    """Conversions between integer types, to and from floats, and to strings."""
    src = g.choice(INT_TYPES)
    v = g.int_value(src)
    a = g.fresh('a')
    g.f.body.append('var %s %s = %s' % (a, g.tn(src), go_int_lit(v, g.rng)))
    targets = g.rng.sample(INT_TYPES, 5)
    g.f.body.append('fmt.Println(%s)' % ', '.join('%s(%s)' % (g.tn(t), a) for t in targets))
    if g.chance(0.5):
        g.f.body.append('fmt.Println(%s)' % ', '.join('%s(%s(%s))' % (g.tn(g.choice(INT_TYPES)), g.tn(t), a) for t in targets[:3]))
    f, f32 = g.fresh('f'), g.fresh('g')
    g.f.body.append('%s := float64(%s)' % (f, a))
    g.f.body.append('%s := float32(%s)' % (f32, a))
    g.f.body.append('fmt.Println(%s, %s, float64(%s) == %s)' % (f, f32, f32, f))
    g.f.body.append('fmt.Printf("%s %s\\n", %s, %s)' % (g.choice(FLOAT_VERBS), g.choice(FLOAT_VERBS), f, f32))
    t = g.choice(INT_TYPES)
    lo, hi = irange(t)
    lo, hi = max(lo, -(1 << 53)), min(hi, 1 << 53)
    fl = g.fresh('h')
    val = g.choice(['1.5', '-2.75', '1e10', '-1e10', '255.9', '-0.5', '3e18', '65535.99', '0.999', '127.5', '-128.5'])
    g.f.body.append('%s := %s' % (fl, val))
    g.f.body.append('fmt.Println(%s(clampf(%s, %d, %d)), %s(clampf(%s*3, %d, %d)))' % (t, fl, lo, hi, t, fl, lo, hi))
    # string conversions from runes, including invalid ones
    r = g.fresh('r')
    rv = g.choice([65, 0x263A, 0x4E16, 0x10FFFF, 0x110000, 0xD800, -1, 0x1F600, 0xE9, 0])
    g.f.body.append('%s := %d' % (r, rv))
    g.f.body.append('fmt.Println(string(rune(%s)), len(string(rune(%s))), []byte(string(rune(%s))))' % (r, r, r))
    g.f.body.append('fmt.Printf("%%q %%U %%c %%x\\n", rune(%s), rune(%s), rune(%s), string(rune(%s)))' % (r, r, r, r))
    if g.chance(0.5):
        b = g.fresh('bt')
        g.f.body.append('%s := byte(%s)' % (b, a))
        g.f.body.append('fmt.Println(string(%s), string(rune(%s)), %s)' % (b, b, b))


def fam_float(g):
    """float64/float32 arithmetic, special values, rounding, printing verbs, exact math."""
    for t in FLOAT_TYPES:
        for _ in range(g.rng.randint(1, 2)):
            init = g.float_lit(t)
            s, v = declare(g, t, init)
            g.f.body.append(s)
            g.vars.append(v)
    for _ in range(g.rng.randint(3, 7)):
        g.f.body.extend(arith_stmt(g, 3))
    z = g.fresh('zero')
    g.f.body.append('%s := 0.0' % z)
    r = g.rng.random()
    if r < 0.5:
        g.f.body.append('fmt.Println(1/%s, -1/%s, %s/%s, 1/%s > math.MaxFloat64)' % (z, z, z, z, z))
        g.f.body.append('fmt.Println(math.IsNaN(%s/%s), math.IsInf(1/%s, 1), math.NaN() == math.NaN())' % (z, z, z))
    else:
        g.f.body.append('fmt.Println(%s*-1, math.Signbit(%s*-1), math.Copysign(3, -%s))' % (z, z, z))
    fv = [v for v in g.vars if v.t == 'float64']
    if fv:
        x = g.choice(fv).name
        fns = ['math.Abs(%s)', 'math.Floor(%s)', 'math.Ceil(%s)', 'math.Trunc(%s)', 'math.Sqrt(math.Abs(%s))',
               'math.Round(%s)', 'math.Max(%s, 1)', 'math.Min(%s, -1)', 'math.Mod(%s, 7)',
               'math.Float64bits(nonan(%s))', 'math.Float32bits(float32(nonan(%s)))',
               'math.Float64frombits(math.Float64bits(nonan(%s))+1)', 'math.Signbit(nonan(%s))',
               'math.RoundToEven(%s)', 'math.Inf(1)', 'math.MaxInt64', 'math.MinInt64',
               'math.MaxUint32', 'math.Pi', 'math.SmallestNonzeroFloat64', 'math.MaxFloat32', 'float32(%s)',
               'math.Hypot(3, 4)', 'math.Cbrt(27)', 'math.Pow(2, 10)', 'math.Pow(%s, 2)']
        picks = g.rng.sample(fns, 4)
        g.f.body.append('fmt.Println(%s)' % ', '.join(p.replace('%s', x) for p in picks))
    g.f.body.append('fmt.Println(0.1+0.2, 1/3.0, float32(1)/3, 1e21, 1e20, 1e-5, 123456789.0, float32(16777217))')
    g.f.body.extend(print_vars(g, g.vars))


def fam_const(g):
    """Untyped and typed constants: exact arithmetic, big intermediate values, iota."""
    consts = {}
    out = []
    names = []
    for _ in range(g.rng.randint(3, 7)):
        n = g.fresh('c')
        r = g.rng.random()
        if r < 0.3 or not consts:
            v = g.choice([1 << 62, 1 << 100, 3, 10, -7, 255, 1 << 64, 1000000007, 12345678901234567890])
            code = go_int_lit(v, g.rng) if v < 1 << 64 else g.choice(['1 << %d' % (v.bit_length() - 1), str(v)])
            if '<<' in code:
                v = 1 << (v.bit_length() - 1)
            consts[n] = ('int', Fraction(v))
        elif r < 0.7:
            a, b = g.rng.sample([k for k in consts], 2) if len(consts) > 1 else [next(iter(consts))] * 2
            ka, va = consts[a]
            kb, vb = consts[b]
            op = g.choice(['+', '-', '*', '/', '%', '<<', '>>', '&', '|'])
            kind = 'float' if 'float' in (ka, kb) else 'int'
            if op in ('%', '<<', '>>', '&', '|') and kind == 'float':
                op = '*'
            if op in ('/', '%') and vb == 0:
                op = '+'
            if op in ('<<', '>>'):
                k = g.rng.randint(0, 40)
                if kind != 'int' or va.denominator != 1:
                    op = '+'
                else:
                    v = Fraction(int(va) << k if op == '<<' else int(va) >> k)
                    code = '%s %s %d' % (a, op, k)
            if op == '+':
                v, code = va + vb, '%s + %s' % (a, b)
            elif op == '-':
                v, code = va - vb, '%s - %s' % (a, b)
            elif op == '*':
                v, code = va * vb, '%s * %s' % (a, b)
            elif op == '/':
                v = Fraction(tdiv(int(va), int(vb))) if kind == 'int' else va / vb
                code = '%s / %s' % (a, b)
            elif op == '%':
                v, code = Fraction(tmod(int(va), int(vb))), '%s %% %s' % (a, b)
            elif op == '&':
                v, code = Fraction(int(va) & int(vb)), '%s & %s' % (a, b)
            elif op == '|':
                v, code = Fraction(int(va) | int(vb)), '%s | %s' % (a, b)
            if abs(v) > Fraction(10) ** 60 or (v.denominator != 1 and len(str(v.denominator)) > 40):
                continue
            consts[n] = (kind, v)
        else:
            lit = g.choice(['1.5', '0.1', '1e3', '2.5e-3', '1.0', '3.75', '1e40'])
            consts[n] = ('float', parse_go_float(lit))
            code = lit
        out.append('const %s = %s' % (n, code))
        names.append(n)
    g.f.body.extend(out)
    # use every constant: printed (where the default type holds it) or converted
    for n in names:
        kind, v = consts[n]
        if kind == 'int' and fits('int', v):
            g.f.body.append('fmt.Println(%s)' % n)
        elif kind == 'float' and abs(v) < Fraction(10) ** 300 and (v == 0 or abs(v) > Fraction(1, 10 ** 300)):
            g.f.body.append('fmt.Println(%s)' % n)
            if v.denominator == 1 and fits('int64', v):
                g.f.body.append('fmt.Println(int64(%s))' % n)
        elif kind == 'int' and v >= 0:
            sh = max(0, v.numerator.bit_length() - 60)
            g.f.body.append('fmt.Println(%s >> %d, float64(%s))' % (n, sh, n))
        else:
            g.f.body.append('fmt.Println(float64(%s))' % n if abs(v) < Fraction(10) ** 300 else '_ = %s > 0' % n)
    # typed constants and conversions of constants
    t = g.choice(INT_TYPES)
    lo, hi = irange(t)
    tc = g.fresh('tc')
    g.f.body.append('const %s %s = %d' % (tc, g.tn(t), hi))
    g.f.body.append('fmt.Println(%s, %s/2, %s - %d, uint64(%s) - 1)' % (tc, tc, tc, min(hi, 100), tc))
    # iota
    base = g.tname('K')
    ex = g.choice(['iota', 'iota * 10', '1 << iota', 'iota*iota + 1', '100 - iota', '1 << (iota * 10)', 'iota % 3'])
    typed = g.chance(0.5)
    names = [g.fresh('k') for _ in range(g.rng.randint(3, 6))]
    blockl = ['const (']
    if typed:
        g.f.decls.append('type %s int64' % base)
        blockl.append('\t%s %s = %s' % (names[0], base, ex))
    else:
        blockl.append('\t%s = %s' % (names[0], ex))
    skip = g.chance(0.4)
    if skip:
        blockl.append('\t_')
    for n in names[1:]:
        blockl.append('\t' + n)
    blockl.append(')')
    g.f.body.append('\n'.join(blockl))
    g.f.body.append('fmt.Println(%s)' % ', '.join(names))
    if typed:
        g.f.body.append('fmt.Printf("%%T %%v\\n", %s, %s)' % (names[-1], names[-1]))
    # constant conversions of integers to strings
    if g.chance(0.4) and 'const_string_conversion' not in KNOWN_BUGS:
        cs, cn = g.fresh('cs'), g.tname('Str')
        g.f.decls.append('type %s string' % cn)
        rv = g.choice(RUNE_POOL + [-1, 0xD800, 0x110000])
        cs2 = g.fresh('cs')
        g.f.body.append('const %s = string(rune(%d)) + "|" + string(rune(%d))' % (cs, rv, g.choice(RUNE_POOL)))
        g.f.body.append('const %s = %s(rune(%d)) + "~"' % (cs2, cn, g.choice(RUNE_POOL)))
        g.f.body.append('fmt.Println(%s, len(%s), %s, len(%s))' % (cs, cs, cs2, cs2))
    if g.chance(0.2) and 'const_string_of_huge_int' not in KNOWN_BUGS:
        g.f.body.append('fmt.Printf("%%q %%q\\n", string(1<<%d), string(-%d))' % (g.rng.randint(63, 120), g.rng.randint(1, 9)))
    # constant floats converted to typed floats
    g.f.body.append('fmt.Println(float32(0.1), float64(float32(0.1)), 0.1+0.2 == 0.3, 1/3*3, 1.0/3*3)')


STRING_FUNCS = [
    'strings.ToUpper($s)', 'strings.ToLower($s)', 'strings.TrimSpace($s)', 'strings.Contains($s, $t)',
    'strings.Index($s, $t)', 'strings.LastIndex($s, $t)', 'strings.HasPrefix($s, $t)',
    'strings.HasSuffix($s, $t)', 'strings.Count($s, $t)', 'strings.Repeat($s, 3)',
    'strings.Replace($s, $t, "_", 2)', 'strings.ReplaceAll($s, "a", "A")', 'strings.Split($s, ",")',
    'len(strings.Split($s, $t))', 'strings.Fields($s)', 'strings.Join([]string{$s, $t}, "+")',
    'strings.Trim($s, "a ")', 'strings.TrimLeft($s, "ab")', 'strings.TrimPrefix($s, $t)',
    'strings.TrimSuffix($s, $t)', 'strings.EqualFold($s, $t)', 'strings.Compare($s, $t)',
    'strings.IndexByte($s, \'a\')', 'strings.IndexRune($s, \'é\')', 'strings.ContainsRune($s, \'o\')',
    'strings.ContainsAny($s, "xyz")', 'strings.SplitN($s, " ", 2)', 'strings.LastIndexAny($s, "lo")',
    'strings.TrimRight($s, "!? ")', 'strings.IndexAny($s, "aeiou")', 'fmt.Sprint(strings.Cut($s, $t))',
    'utf8.RuneCountInString($s)', 'utf8.ValidString($s)', 'strconv.Quote($s)', 'strconv.QuoteToASCII($s)',
    'fmt.Sprintf("%q|%x|% x|%X|%10s|%-6s|%.2s", $s, $s, $s, $s, $s, $s, $s)', '[]byte($s)', '[]rune($s)',
    'string([]rune($s))', '$s < $t', '$s == $t', '$s >= $t', '$s + $t', 'len($s + $t)',
    'strings.Count($s, "")', 'strings.LastIndexByte($s, \'o\')', 'strings.ContainsAny($s, "")',
]


def fam_string(g):
    """Strings and runes: indexing, slicing, len, range, conversions, concatenation,
    comparison, strings/strconv/utf8/unicode functions."""
    names = []
    for _ in range(g.rng.randint(2, 3)):
        n = g.fresh('s')
        lit = go_str(g.choice(STR_POOL))
        g.f.body.append(g.choice(['%s := %s', 'var %s = %s', 'var %s string = %s']) % (n, lit))
        names.append(n)
    for _ in range(g.rng.randint(4, 9)):
        s, t = g.choice(names), g.choice(names)
        r = g.rng.random()
        if r < 0.3:
            picks = g.rng.sample(STRING_FUNCS, 2)
            g.f.body.append('fmt.Println(%s)' % ', '.join(T(p, s=s, t=t) for p in picks))
        elif r < 0.4:
            k = g.rng.randint(0, 6)
            g.f.body.append(Block('if len(%s) > %d {' % (s, k), ['fmt.Println(%s[%d], string(%s[%d]), %s[%d:], %s[:%d])' % (s, k, s, k, s, k, s, k)]))
        elif r < 0.5:
            a = g.rng.randint(0, 4)
            b = a + g.rng.randint(0, 4)
            g.f.body.append(Block('if len(%s) >= %d {' % (s, b), ['fmt.Printf("%%q %%q\\n", %s[%d:%d], %s[%d:])' % (s, a, b, s, b)]))
        elif r < 0.62:
            i, c = g.fresh('i'), g.fresh('ch')
            body = g.choice(['fmt.Print(%s, ":", %s, " ")', 'fmt.Printf("%%d:%%c:%%U ", %s, %s)', 'fmt.Printf("%%d=%%q ", %s, %s)'])
            g.f.body.append(Block('for %s, %s := range %s {' % (i, c, s), [body % (i, c)]))
            g.f.body.append('fmt.Println()')
        elif r < 0.68:
            n = g.fresh('n')
            g.f.body.append('%s := 0' % n)
            g.f.body.append(Block('for range %s {' % s, ['%s++' % n]))
            g.f.body.append('fmt.Println(%s, len(%s))' % (n, s))
        elif r < 0.75:
            b = g.fresh('bs')
            g.f.body.append('%s := []byte(%s)' % (b, s))
            g.f.body.append(Block('for i := range %s {' % b, ['%s[i] ^= 0x20' % b]))
            g.f.body.append('fmt.Println(%s, string(%s), %s)' % (b, b, s))
        elif r < 0.82:
            rs = g.fresh('rs')
            g.f.body.append('%s := []rune(%s)' % (rs, s))
            g.f.body.append(Block('for i, j := 0, len(%s)-1; i < j; i, j = i+1, j-1 {' % rs,
                                  ['%s[i], %s[j] = %s[j], %s[i]' % (rs, rs, rs, rs)]))
            g.f.body.append('fmt.Println(string(%s), len(%s), %s)' % (rs, rs, rs))
        elif r < 0.87:
            sb = g.fresh('sb')
            g.f.body.append('var %s strings.Builder' % sb)
            g.f.body.append(Block('for i := 0; i < 3; i++ {' ,
                                  ['%s.WriteString(%s)' % (sb, s), '%s.WriteByte(\'0\' + byte(i))' % sb, '%s.WriteRune(\'ü\')' % sb]))
            g.f.body.append('fmt.Println(%s.String(), %s.Len())' % (sb, sb))
        elif r < 0.93:
            g.f.body.append('%s += %s' % (s, g.choice([t, go_str(g.choice(STR_POOL)), 'string(rune(%d))' % g.choice(RUNE_POOL)])))
            g.f.body.append('fmt.Println(len(%s), %s)' % (s, s))
        else:
            k = g.fresh('k')
            g.f.body.append('%s := %d' % (k, g.rng.randint(0, 12)))
            g.f.body.append('fmt.Println(%s[%s])' % (s, k))
    # unicode and utf8 on runes
    if g.chance(0.4):
        rr = g.fresh('rr')
        g.f.body.append('%s := []rune{%s}' % (rr, ', '.join(g.choice(["'a'", "'Z'", "'5'", "' '", "'é'", "'Ω'", "'世'", "'😀'", "'\\n'", "'_'", "0x10FFFF", "-1"]) for _ in range(4))))
        g.f.body.append(Block('for _, r := range %s {' % rr, [
            'fmt.Println(unicode.IsUpper(r), unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsSpace(r), string(unicode.ToUpper(r)), unicode.ToLower(r), utf8.RuneLen(r))']))
    if g.chance(0.4):
        s = g.choice(names)
        g.f.body.append(Block('for i := 0; i < len(%s); {' % s, [
            'r, size := utf8.DecodeRuneInString(%s[i:])' % s,
            'fmt.Print(r, "/", size, " ")',
            'i += size']))
        g.f.body.append('fmt.Println()')
    g.f.body.append('fmt.Println(%s)' % ', '.join(names))


def fam_strconv(g):
    """strconv conversions and their errors."""
    ins = ['"42"', '"-17"', '"abc"', '"99999999999999999999"', '""', '"0x1f"', '"1_000"', '" 7"',
           '"3.14"', '"-0"', '"+5"', '"127"', '"128"', '"-129"', '"1e3"', '"inf"', '"NaN"', '"true"', '"F"',
           '"2.2250738585072011e-308"', '"1e400"', '"-1e-400"', '"0x1p-1074"', '"1.7976931348623159e308"',
           '"9007199254740993"', '"0b101"', '"0o17"', '"0x_1F"', '"9223372036854775808"', '"-9223372036854775808"',
           '"18446744073709551615"', '".5"', '"5."', '"1_0"', '"+Inf"', '"-infinity"']
    for _ in range(g.rng.randint(3, 6)):
        s = g.choice(ins)
        r = g.rng.random()
        v, e = g.fresh('v'), g.fresh('err')
        if r < 0.3:
            g.f.body.append('%s, %s := strconv.Atoi(%s)' % (v, e, s))
        elif r < 0.55:
            g.f.body.append('%s, %s := strconv.ParseInt(%s, %d, %d)' % (v, e, s, g.choice([0, 10, 16, 2, 8, 36]), g.choice([8, 16, 32, 64])))
        elif r < 0.7:
            g.f.body.append('%s, %s := strconv.ParseUint(%s, %d, %d)' % (v, e, s, g.choice([0, 10, 16]), g.choice([8, 64])))
        elif r < 0.85:
            g.f.body.append('%s, %s := strconv.ParseFloat(%s, 64)' % (v, e, s))
        else:
            g.f.body.append('%s, %s := strconv.ParseBool(%s)' % (v, e, s))
        g.f.body.append('fmt.Println(%s, %s)' % (v, e))
        if g.chance(0.3):
            g.f.body.append(Block('if %s != nil {' % e, ['fmt.Println("error:", %s.Error())' % e]))
    n = g.rng.randint(-100000, 100000)
    g.f.body.append('fmt.Println(strconv.Itoa(%d), strconv.FormatInt(%d, %d), strconv.FormatUint(%d, 2))' % (n, n, g.choice([2, 8, 16, 36]), abs(n)))
    f = g.choice(['3.14159', '1e21', '0.000001', '-2.5', '100', '1.0/3'])
    g.f.body.append("fmt.Println(strconv.FormatFloat(%s, 'f', -1, 64), strconv.FormatFloat(%s, 'e', 3, 64), strconv.FormatFloat(%s, 'g', -1, 32))" % (f, f, f))
    g.f.body.append('fmt.Println(strconv.Quote("hi\\n\\"there\\""), strconv.FormatBool(%s), strconv.QuoteRune(%d))' % (g.choice(['true', 'false']), g.choice([65, 0x263A, 10, 0x1F600, 0xFFFD])))
    if g.chance(0.5):
        g.f.body.append('q, qerr := strconv.Unquote(%s)' % g.choice(['"\\"a\\\\tb\\""', '"`raw`"', '"\'x\'"', '"bad"']))
        g.f.body.append('fmt.Printf("%q %v\\n", q, qerr)')


def fam_slice(g):
    """Slices: make, append growth (len/cap), copy, aliasing, 3-index slicing,
    element removal, 2-D slices, sort, range."""
    et = g.choice(['int', 'string', 'float64', 'byte', 'int8', 'bool', 'uint16'])
    if et == 'string' and 'string_slice_growth' in DIVERGENCES:
        et = 'int'

    def elem(i):
        if et == 'string':
            return go_str(g.choice(STR_POOL[:16]))
        if et == 'float64':
            return '%d.5' % i
        if et == 'bool':
            return g.choice(['true', 'false'])
        if et in ('byte', 'int8'):
            return str(g.rng.randint(0, 120))
        if et == 'uint16':
            return str(g.rng.randint(0, 65535))
        return str(g.rng.randint(-50, 300))
    s = g.fresh('s')
    r = g.rng.random()
    n0 = g.rng.randint(0, 5)
    if r < 0.3:
        g.f.body.append('var %s []%s' % (s, et))
    elif r < 0.6:
        g.f.body.append('%s := make([]%s, %d, %d)' % (s, et, n0, n0 + g.rng.randint(0, 5)))
    else:
        g.f.body.append('%s := []%s{%s}' % (s, et, ', '.join(elem(i) for i in range(n0))))
    g.f.body.append('fmt.Println(%s, len(%s), cap(%s), %s == nil)' % (s, s, s, s))
    for _ in range(g.rng.randint(4, 10)):
        r = g.rng.random()
        if r < 0.25:
            k = g.rng.randint(1, 40)
            g.f.body.append(Block('for i := 0; i < %d; i++ {' % k,
                                  ['%s = append(%s, %s)' % (s, s, elem(k)),
                                   'fmt.Print(len(%s), ":", cap(%s), " ")' % (s, s)]))
            g.f.body.append('fmt.Println()')
        elif r < 0.35:
            g.f.body.append('%s = append(%s, %s)' % (s, s, ', '.join(elem(i) for i in range(g.rng.randint(0, 6)))))
            g.f.body.append('fmt.Println(len(%s), cap(%s))' % (s, s))
        elif r < 0.45:
            a = g.rng.randint(0, 3)
            b = a + g.rng.randint(0, 3)
            t = g.fresh('t')
            g.f.body.append(Block('if cap(%s) >= %d {' % (s, b), [
                '%s := %s[%d:%d]' % (t, s, a, b),
                '%s = append(%s, %s)' % (t, t, elem(0)),
                'fmt.Println(%s, len(%s), cap(%s), %s[:cap(%s)][:%d])' % (t, t, t, s, s, b)]))
        elif r < 0.55:
            a = g.rng.randint(0, 2)
            b = a + g.rng.randint(0, 2)
            c = b + g.rng.randint(0, 2)
            t = g.fresh('t')
            g.f.body.append(Block('if len(%s) >= %d {' % (s, c), [
                '%s := %s[%d:%d:%d]' % (t, s, a, b, c),
                'fmt.Println(len(%s), cap(%s))' % (t, t),
                '%s = append(%s, %s, %s)' % (t, t, elem(1), elem(2)),
                'fmt.Println(%s, %s)' % (t, s)]))
        elif r < 0.62:
            d = g.fresh('d')
            g.f.body.append('%s := make([]%s, %d)' % (d, et, g.rng.randint(0, 6)))
            g.f.body.append('fmt.Println(copy(%s, %s), %s)' % (d, s, d))
            if g.chance(0.5):
                g.f.body.append(Block('if len(%s) > 1 {' % s, ['fmt.Println(copy(%s[1:], %s), %s)' % (s, s, s)]))
        elif r < 0.7:
            k = g.rng.randint(0, 4)
            g.f.body.append(Block('if len(%s) > %d {' % (s, k), [
                '%s = append(%s[:%d], %s[%d:]...)' % (s, s, k, s, k + 1),
                'fmt.Println(%s, len(%s), cap(%s))' % (s, s, s)]))
        elif r < 0.77:
            acc = g.fresh('cnt')
            g.f.body.append('%s := 0' % acc)
            g.f.body.append(Block('for i, v := range %s {' % s, [
                '_ = v', Block('if i%2 == 0 {', ['%s++' % acc])]))
            g.f.body.append('fmt.Println(%s)' % acc)
        elif r < 0.82 and et in ('int', 'string', 'float64'):
            fn = {'int': 'sort.Ints', 'string': 'sort.Strings', 'float64': 'sort.Float64s'}[et]
            g.f.body.append('%s(%s)' % (fn, s))
            g.f.body.append('fmt.Println(%s)' % s)
        elif r < 0.87:
            o = g.fresh('o')
            g.f.body.append('%s := append([]%s(nil), %s...)' % (o, et, s))
            g.f.body.append('%s = append(%s, %s...)' % (o, o, s))
            g.f.body.append('fmt.Println(len(%s), cap(%s), %s)' % (o, o, o))
        elif r < 0.93:
            m = g.fresh('grid')
            rows, cols = g.rng.randint(1, 4), g.rng.randint(1, 4)
            g.f.body.append('%s := make([][]int, %d)' % (m, rows))
            g.f.body.append(Block('for i := range %s {' % m, [
                '%s[i] = make([]int, %d)' % (m, cols),
                Block('for j := range %s[i] {' % m, ['%s[i][j] = i*10 + j' % m])]))
            g.f.body.append('%s[0] = append(%s[0], 99)' % (m, m))
            g.f.body.append('fmt.Println(%s, len(%s[0]))' % (m, m))
        else:
            k = g.fresh('k')
            g.f.body.append('%s := %d' % (k, g.rng.randint(0, 8)))
            g.f.body.append('fmt.Println(%s[%s:])' % (s, k) if g.chance(0.5) else 'fmt.Println(%s[%s])' % (s, k))
    if g.chance(0.3):
        b = g.fresh('b')
        g.f.body.append('%s := []byte("abc")' % b)
        g.f.body.append('%s = append(%s, "déf"...)' % (b, b))
        g.f.body.append('fmt.Println(%s, string(%s), len(%s))' % (b, b, b))
    g.f.body.append('fmt.Println(%s, len(%s))' % (s, s))


def fam_map(g):
    """Maps: literals, insert/update/delete, comma-ok, len, nil maps, sorted iteration,
    order-independent sums, struct/array keys, maps of slices, reference semantics."""
    kt = g.choice(['string', 'int', 'rune', 'bool', '[2]int', 'int8'])
    vt = g.choice(['int', 'string', '[]int', 'float64'])

    def key():
        if kt == 'string':
            return go_str(g.choice(STR_POOL[:20]))
        if kt == 'bool':
            return g.choice(['true', 'false'])
        if kt == '[2]int':
            return '[2]int{%d, %d}' % (g.rng.randint(0, 3), g.rng.randint(0, 3))
        if kt == 'rune':
            return "'%s'" % g.choice('abcxyzé世')
        return str(g.rng.randint(-5, 20))

    def val():
        if vt == 'int':
            return str(g.rng.randint(-100, 100))
        if vt == 'string':
            return go_str(g.choice(STR_POOL[:16]))
        if vt == 'float64':
            return '%d.25' % g.rng.randint(0, 50)
        return '[]int{%s}' % ', '.join(str(g.rng.randint(0, 9)) for _ in range(g.rng.randint(0, 3)))
    m = g.fresh('m')
    mt = 'map[%s]%s' % (kt, vt)
    r = g.rng.random()
    if r < 0.4:
        keys = []
        for _ in range(g.rng.randint(0, 5)):
            k = key()
            if k not in keys:
                keys.append(k)
        g.f.body.append('%s := %s{%s}' % (m, mt, ', '.join('%s: %s' % (k, val()) for k in keys)))
    else:
        g.f.body.append('%s := make(%s%s)' % (m, mt, g.choice(['', ', 10'])))
    for _ in range(g.rng.randint(3, 8)):
        r = g.rng.random()
        if r < 0.3:
            g.f.body.append('%s[%s] = %s' % (m, key(), val()))
        elif r < 0.4:
            g.f.body.append('delete(%s, %s)' % (m, key()))
        elif r < 0.55:
            v, ok = g.fresh('v'), g.fresh('ok')
            g.f.body.append('%s, %s := %s[%s]' % (v, ok, m, key()))
            g.f.body.append('fmt.Println(%s, %s, len(%s))' % (v, ok, m))
        elif r < 0.65:
            if vt == 'int':
                g.f.body.append('%s[%s] += %d' % (m, key(), g.rng.randint(1, 9)))
                g.f.body.append('%s[%s]++' % (m, key()))
            elif vt == '[]int':
                k = key()
                g.f.body.append('%s[%s] = append(%s[%s], %d)' % (m, k, m, k, g.rng.randint(0, 9)))
            elif vt == 'string':
                g.f.body.append('%s[%s] += "!"' % (m, key()))
            else:
                g.f.body.append('%s[%s] *= 2' % (m, key()))
        elif r < 0.75 and kt in ('string', 'int', 'int8', 'rune'):
            ks = g.fresh('keys')
            st = {'string': 'string', 'int': 'int', 'int8': 'int', 'rune': 'int'}[kt]
            conv = 'k' if st == kt else 'int(k)'
            g.f.body.append('%s := make([]%s, 0, len(%s))' % (ks, st, m))
            g.f.body.append(Block('for k := range %s {' % m, ['%s = append(%s, %s)' % (ks, ks, conv)]))
            g.f.body.append('sort.%s(%s)' % ('Strings' if st == 'string' else 'Ints', ks))
            back = 'k' if st == kt else '%s(k)' % kt
            g.f.body.append(Block('for _, k := range %s {' % ks, ['fmt.Print(k, "=", %s[%s], " ")' % (m, back)]))
            g.f.body.append('fmt.Println()')
        elif r < 0.82 and vt == 'int':
            tot = g.fresh('total')
            g.f.body.append('%s := 0' % tot)
            g.f.body.append(Block('for _, v := range %s {' % m, ['%s += v' % tot]))
            g.f.body.append('fmt.Println(%s)' % tot)
        elif r < 0.9:
            a = g.fresh('alias')
            g.f.body.append('%s := %s' % (a, m))
            g.f.body.append('%s[%s] = %s' % (a, key(), val()))
            g.f.body.append('fmt.Println(len(%s), len(%s))' % (m, a))
        else:
            nm = g.fresh('nm')
            g.f.body.append('var %s %s' % (nm, mt))
            g.f.body.append('fmt.Println(%s == nil, len(%s), %s[%s])' % (nm, nm, nm, key()))
            if g.chance(0.4):
                g.f.body.append('delete(%s, %s)' % (nm, key()))
                g.f.body.append('%s[%s] = %s' % (nm, key(), val()))
    g.f.body.append('fmt.Println(%s, len(%s))' % (m, m))
    if g.chance(0.3):
        g.f.body.append('fmt.Printf("%%v|%%d\\n", %s, len(%s))' % (m, m))


def fam_struct(g):
    """Structs: value semantics, comparison, embedding and promotion, shadowed fields,
    anonymous structs, %v/%+v/%#v, structs as map keys, arrays of structs."""
    P, Q = g.tname('P'), g.tname('Q')
    ft = g.choice(['int', 'int8', 'uint16', 'float64', 'string'])
    g.f.decls.append(T('''type $P struct {
	X, Y int
	Name string
	V    $ft
}''', P=P, ft=ft))
    shadow = g.chance(0.5)
    g.f.decls.append(T('''type $Q struct {
	$P
	Z    int8
	Tags [2]string
$extra}''', P=P, Q=Q, extra='\tName string\n' if shadow else ''))

    def fv():
        return go_str(g.choice(STR_POOL[:12])) if ft == 'string' else ('%d.5' % g.rng.randint(0, 9) if ft == 'float64' else str(g.rng.randint(0, 100)))
    a, b, q = g.fresh('a'), g.fresh('b'), g.fresh('q')
    g.f.body.append('%s := %s{X: %d, Y: %d, Name: %s, V: %s}' % (a, P, g.rng.randint(-9, 9), g.rng.randint(-9, 9), go_str(g.choice(STR_POOL[:10])), fv()))
    g.f.body.append('%s := %s' % (b, a))
    g.f.body.append('%s.X += %d' % (b, g.rng.randint(0, 2)))
    g.f.body.append('fmt.Println(%s, %s, %s == %s, %s != %s)' % (a, b, a, b, a, b))
    g.f.body.append('fmt.Printf("%%v|%%+v|%%#v\\n", %s, %s, %s)' % (a, a, a))
    g.f.body.append('%s := %s{%s: %s, Z: %d}' % (q, Q, P, a, g.rng.randint(-128, 127)))
    g.f.body.append('%s.Tags[1] = "t"' % q)
    g.f.body.append('%s.X = %d' % (q, g.rng.randint(0, 99)))
    if shadow:
        g.f.body.append('%s.Name = "outer"' % q)
        g.f.body.append('fmt.Println(%s.Name, %s.%s.Name)' % (q, q, P))
    g.f.body.append('fmt.Println(%s.X, %s.%s.X, %s.Y, %s.X)' % (q, q, P, q, a))
    g.f.body.append('fmt.Printf("%%v\\n%%+v\\n", %s, %s)' % (q, q))
    if g.chance(0.5):
        g.f.body.append('fmt.Printf("%%#v\\n", %s)' % q)
    for _ in range(g.rng.randint(1, 4)):
        r = g.rng.random()
        if r < 0.25:
            p = g.fresh('p')
            g.f.body.append('%s := &%s' % (p, a))
            g.f.body.append('%s.Y = %d' % (p, g.rng.randint(0, 9)))
            g.f.body.append('fmt.Println(%s, *%s, %s == %s)' % (a, p, a, b))
        elif r < 0.45:
            an = g.fresh('anon')
            g.f.body.append('%s := struct {\n\tA int\n\tB string\n}{%d, "b"}' % (an, g.rng.randint(0, 9)))
            g.f.body.append('fmt.Printf("%%v %%+v %%#v\\n", %s, %s, %s)' % (an, an, an))
        elif r < 0.6:
            arr = g.fresh('arr')
            g.f.body.append('%s := [3]%s{%s, {X: 1}, {}}' % (arr, P, a))
            g.f.body.append(Block('for i := range %s {' % arr, ['%s[i].Y += i' % arr]))
            g.f.body.append(Block('for _, e := range %s {' % arr, ['e.X = 100', 'fmt.Print(e.X, " ")']))
            g.f.body.append('fmt.Println(%s)' % arr)
        elif r < 0.75:
            mk = g.fresh('mk')
            g.f.body.append('%s := map[%s]int{}' % (mk, P))
            g.f.body.append('%s[%s]++' % (mk, a))
            g.f.body.append('%s[%s]++' % (mk, b))
            g.f.body.append('%s[%s{}] = 7' % (mk, P))
            g.f.body.append('fmt.Println(len(%s), %s[%s], %s)' % (mk, mk, a, mk))
        elif r < 0.9:
            fn = g.tname('mod')
            g.f.decls.append(T('''func $fn(v $P, p *$P) $P {
	v.X = 1000
	p.X = 2000
	return v
}''', fn=fn, P=P))
            r2 = g.fresh('r')
            g.f.body.append('%s := %s(%s, &%s)' % (r2, fn, a, b))
            g.f.body.append('fmt.Println(%s, %s, %s)' % (r2, a, b))
        else:
            z = g.fresh('z')
            g.f.body.append('var %s %s' % (z, Q))
            g.f.body.append('fmt.Printf("%%+v %%v\\n", %s, %s == %s{})' % (z, z, Q))


def fam_pointer(g):
    """Pointers: &, *, new, pointers to pointers, to slice elements (and after the slice
    grows), to arrays, to struct fields, nil pointers."""
    x, p, pp = g.fresh('x'), g.fresh('p'), g.fresh('pp')
    t = g.choice(['int', 'int32', 'uint8', 'float64', 'string'])
    val = lambda: go_str(g.choice(STR_POOL[:10])) if t == 'string' else ('%d.5' % g.rng.randint(0, 9) if t == 'float64' else str(g.rng.randint(0, 100)))
    g.f.body.append('var %s %s = %s' % (x, t, val()))
    g.f.body.append('%s := &%s' % (p, x))
    g.f.body.append('*%s = %s' % (p, val()))
    g.f.body.append('%s := &%s' % (pp, p))
    g.f.body.append('**%s = %s' % (pp, val()))
    g.f.body.append('fmt.Println(%s, *%s, **%s, %s == &%s, *%s == %s)' % (x, p, pp, p, x, pp, p))
    for _ in range(g.rng.randint(2, 5)):
        r = g.rng.random()
        if r < 0.2:
            n = g.fresh('n')
            g.f.body.append('%s := new(%s)' % (n, t))
            g.f.body.append('fmt.Println(*%s)' % n)
            g.f.body.append('*%s = *%s' % (n, p))
            g.f.body.append('fmt.Println(*%s, %s == %s)' % (n, n, p))
        elif r < 0.4:
            s, e = g.fresh('s'), g.fresh('e')
            k = g.rng.randint(2, 5)
            g.f.body.append('%s := make([]int, %d, %d)' % (s, k, k + g.rng.randint(0, 2)))
            g.f.body.append('%s := &%s[1]' % (e, s))
            g.f.body.append('*%s = 42' % e)
            g.f.body.append('%s = append(%s, 1, 2)' % (s, s))
            g.f.body.append('*%s = 43' % e)
            g.f.body.append('fmt.Println(%s, *%s)' % (s, e))
        elif r < 0.55:
            a, pa = g.fresh('arr'), g.fresh('pa')
            g.f.body.append('%s := [4]int{1, 2, 3, 4}' % a)
            g.f.body.append('%s := &%s' % (pa, a))
            g.f.body.append('%s[2] = 30' % pa)
            g.f.body.append(Block('for i, v := range %s {' % pa, ['%s[3-i] += v' % pa]))
            g.f.body.append('fmt.Println(%s, len(%s), *%s)' % (a, pa, pa))
        elif r < 0.7:
            sw = g.tname('swap')
            g.f.decls.append(T('''func $sw(a, b *int) {
	*a, *b = *b, *a
}''', sw=sw))
            u, v = g.fresh('u'), g.fresh('w')
            g.f.body.append('%s, %s := %d, %d' % (u, v, g.rng.randint(0, 9), g.rng.randint(10, 99)))
            g.f.body.append('%s(&%s, &%s)' % (sw, u, v))
            g.f.body.append('fmt.Println(%s, %s)' % (u, v))
        elif r < 0.85:
            st, pf = g.fresh('st'), g.fresh('pf')
            g.f.body.append('%s := struct{ A, B int }{1, 2}' % st)
            g.f.body.append('%s := &%s.B' % (pf, st))
            g.f.body.append('*%s *= 10' % pf)
            ps = g.fresh('ps')
            g.f.body.append('%s := &%s' % (ps, st))
            g.f.body.append('%s.A = *%s + 1' % (ps, pf))
            g.f.body.append('fmt.Println(%s, *%s)' % (st, ps))
        else:
            np = g.fresh('np')
            g.f.body.append('var %s *%s' % (np, t))
            g.f.body.append('fmt.Println(%s == nil)' % np)
            if g.chance(0.4):
                g.f.body.append('fmt.Println(*%s)' % np)


def fam_array(g):
    """Arrays: value semantics, comparison, nested arrays, keyed literals, range over a
    copy, arrays passed by value, slicing an array, variable index out of range."""
    n = g.rng.randint(2, 6)
    et = g.choice(['int', 'int16', 'string', 'bool', 'float32'])

    def ev():
        if et == 'string':
            return go_str(g.choice(STR_POOL[:10]))
        if et == 'bool':
            return g.choice(['true', 'false'])
        if et == 'float32':
            return '%d.125' % g.rng.randint(0, 9)
        return str(g.rng.randint(-50, 50))
    a, b = g.fresh('a'), g.fresh('b')
    r = g.rng.random()
    if r < 0.3:
        g.f.body.append('var %s [%d]%s' % (a, n, et))
    elif r < 0.6:
        g.f.body.append('%s := [...]%s{%s}' % (a, et, ', '.join(ev() for _ in range(n))))
    else:
        idx = sorted(g.rng.sample(range(n), g.rng.randint(1, n)))
        g.f.body.append('%s := [%d]%s{%s}' % (a, n, et, ', '.join('%d: %s' % (i, ev()) for i in idx)))
    g.f.body.append('%s := %s' % (b, a))
    g.f.body.append('%s[%d] = %s' % (b, g.rng.randint(0, n - 1), ev()))
    g.f.body.append('fmt.Println(%s, %s, %s == %s, len(%s))' % (a, b, a, b, a))
    for _ in range(g.rng.randint(2, 5)):
        r = g.rng.random()
        if r < 0.2 and et in ('int', 'int16'):
            g.f.body.append(Block('for i, v := range %s {' % a, [Block('if i+1 < len(%s) {' % a, ['%s[i+1] += v' % a])]))
            g.f.body.append('fmt.Println(%s)' % a)
            g.f.body.append(Block('for i, v := range %s[:] {' % b, [Block('if i+1 < len(%s) {' % b, ['%s[i+1] += v' % b])]))
            g.f.body.append('fmt.Println(%s)' % b)
        elif r < 0.4:
            gr = g.fresh('grid')
            g.f.body.append('var %s [3][2]int' % gr)
            g.f.body.append(Block('for i := range %s {' % gr, [Block('for j := range %s[i] {' % gr, ['%s[i][j] = i*j + j' % gr])]))
            row = g.fresh('row')
            g.f.body.append('%s := %s[1]' % (row, gr))
            g.f.body.append('%s[0] = 77' % row)
            g.f.body.append('fmt.Println(%s, %s, len(%s[0]))' % (gr, row, gr))
        elif r < 0.55:
            fn = g.tname('arrfn')
            g.f.decls.append(T('''func $fn(x [$n]$et) [$n]$et {
	x[0] = x[len(x)-1]
	return x
}''', fn=fn, n=n, et=et))
            g.f.body.append('fmt.Println(%s(%s), %s)' % (fn, a, a))
        elif r < 0.7:
            sl = g.fresh('sl')
            g.f.body.append('%s := %s[1:]' % (sl, a))
            g.f.body.append('%s[0] = %s' % (sl, ev()))
            g.f.body.append('fmt.Println(%s, %s, len(%s), cap(%s))' % (a, sl, sl, sl))
        elif r < 0.8:
            mk = g.fresh('mk')
            g.f.body.append('%s := map[[%d]%s]string{%s: "a", %s: "b"}' % (mk, n, et, a, b))
            g.f.body.append('fmt.Println(len(%s), %s[%s])' % (mk, mk, a))
        elif r < 0.9:
            i = g.fresh('i')
            g.f.body.append('%s := %d' % (i, g.rng.randint(0, n + 2)))
            g.f.body.append('fmt.Println(%s[%s])' % (a, i))
        else:
            g.f.body.append('fmt.Printf("%%v %%d %%T\\n", %s, len(%s), %s)' % (a, b, a))


def fam_closure(g):
    """Closures: counters, captured variables changed after capture, closures made in
    loops with per-iteration copies, recursive closures, closures in maps, func values."""
    for _ in range(g.rng.randint(2, 4)):
        r = g.rng.random()
        if r < 0.2:
            c = g.fresh('counter')
            step = g.rng.randint(1, 5)
            g.f.body.extend(lines(T('''
$c := func() func() int {
	n := 0
	return func() int {
		n += $step
		return n
	}
}()
fmt.Println($c(), $c(), $c())
''', c=c, step=step)))
        elif r < 0.35:
            x, f = g.fresh('x'), g.fresh('f')
            g.f.body.extend(lines(T('''
$x := $v
$f := func(k int) int {
	$x *= k
	return $x
}
fmt.Println($f(2), $x)
$x = 5
fmt.Println($f(3), $x)
''', x=x, f=f, v=g.rng.randint(1, 9))))
        elif r < 0.55:
            fs = g.fresh('fs')
            k = g.rng.randint(2, 7)
            g.f.body.extend(lines(T('''
var $fs []func() int
for i := 0; i < $n; i++ {
	i := i
	$fs = append($fs, func() int { return i * $k })
}
for _, fn := range $fs {
	fmt.Print(fn(), " ")
}
fmt.Println(len($fs))
''', fs=fs, n=g.rng.randint(1, 5), k=k)))
        elif r < 0.65:
            fib = g.fresh('fib')
            g.f.body.extend(lines(T('''
var $fib func(int) int
$fib = func(n int) int {
	if n < 2 {
		return n
	}
	return $fib(n-1) + $fib(n-2)
}
fmt.Println($fib($n))
''', fib=fib, n=g.rng.randint(0, 18))))
        elif r < 0.78:
            ops = g.fresh('ops')
            g.f.body.extend(lines(T('''
$ops := map[string]func(int, int) int{
	"add": func(a, b int) int { return a + b },
	"sub": func(a, b int) int { return a - b },
	"mul": func(a, b int) int { return a * b },
}
for _, k := range []string{"add", "mul", "sub"} {
	fmt.Print(k, "=", $ops[k]($a, $b), " ")
}
fmt.Println(len($ops))
''', ops=ops, a=g.rng.randint(-9, 9), b=g.rng.randint(-9, 9))))
        elif r < 0.88:
            ap = g.tname('apply')
            g.f.decls.append(T('''func $ap(xs []int, f func(int) int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}''', ap=ap))
            m = g.fresh('m')
            g.f.body.append('%s := %d' % (m, g.rng.randint(1, 5)))
            g.f.body.append('fmt.Println(%s([]int{1, 2, 3, %d}, func(v int) int { return v*%s + 1 }))' % (ap, g.rng.randint(-5, 5), m))
        elif r < 0.94 and 'package_func_values' not in KNOWN_BUGS:
            scoped(g, lines(T('''
sfns := []func(string) string{strings.ToUpper, strings.TrimSpace, strconv.Quote, strings.ToLower}
for _, f := range sfns {
	fmt.Print(f($s), "|")
}
conv := strconv.Itoa
isUp := unicode.IsUpper
sortf := sort.Ints
xs := []int{$a, $b, 1}
sortf(xs)
sq := math.Sqrt
var sb strings.Builder
w := sb.WriteString
w("w")
ws := (*strings.Builder).WriteString
ws(&sb, "s")
fmt.Println(conv($a), isUp('Q'), xs, sq(16), sb.String())
''', s=go_str(g.choice(STR_POOL[:14])), a=g.rng.randint(-9, 9), b=g.rng.randint(-9, 9))))
        else:
            acc = g.fresh('acc')
            g.f.body.extend(lines(T('''
$acc := 0
func(vals ...int) {
	for _, v := range vals {
		$acc += v
	}
}($a, $b, $c)
fmt.Println($acc)
''', acc=acc, a=g.rng.randint(0, 9), b=g.rng.randint(0, 9), c=g.rng.randint(0, 9))))


def fam_defer(g):
    """defer order and argument evaluation, deferred closures changing named results,
    recover, re-panics, recover not called directly by the deferred function."""
    for _ in range(g.rng.randint(1, 3)):
        r = g.rng.random()
        if r < 0.25:
            n = g.rng.randint(1, 4)
            g.f.body.extend(lines(T('''
func() {
	for i := 0; i < $n; i++ {
		defer fmt.Println("deferred", i)
	}
	x := 10
	defer fmt.Println("x at defer:", x)
	x = 20
	defer func() { fmt.Println("x in closure:", x) }()
	x = 30
}()
''', n=n)))
        elif r < 0.45:
            fn = g.tname('named')
            g.f.decls.append(T('''func $fn(v int) (r int, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			r = -1
			err = fmt.Errorf("recovered: %v", rec)
		}
	}()
	defer func() { r *= 2 }()
	if v > $lim {
		panic(fmt.Sprintf("too big: %d", v))
	}
	return v + 1, nil
}''', fn=fn, lim=g.rng.randint(0, 10)))
            for _ in range(2):
                g.f.body.append('fmt.Println(%s(%d))' % (fn, g.rng.randint(0, 15)))
        elif r < 0.6:
            fn = g.tname('repanic')
            g.f.decls.append(T('''func $fn() (out string) {
	defer func() {
		out = fmt.Sprint("outer got: ", recover())
	}()
	defer func() {
		r := recover()
		panic(fmt.Sprint("again after ", r))
	}()
	panic("$msg")
}''', fn=fn, msg=g.choice(['first', 'boom', 'oops'])))
            g.f.body.append('fmt.Println(%s())' % fn)
        elif r < 0.72:
            h = g.tname('helper')
            g.f.decls.append(T('''func $h() interface{} {
	return recover()
}''', h=h))
            g.f.body.extend(lines(T('''
func() {
	defer func() {
		fmt.Println("indirect recover:", $h())
		fmt.Println("direct recover:", recover())
	}()
	panic($v)
}()
''', h=h, v=g.choice(['42', '"str"', 'fmt.Errorf("e%d", 3)', '3.5']))))
        elif r < 0.82:
            g.f.body.append('fmt.Println(recover())')
            g.f.body.extend(lines('''
func() {
	defer func() {
		r := recover()
		err, ok := r.(error)
		fmt.Println(ok, err)
	}()
	var m map[string]int
	m["a"] = 1
}()
'''))
        else:
            fn = g.tname('loopdefer')
            g.f.decls.append(T('''func $fn() (s []int) {
	for i := 0; i < $n; i++ {
		defer func(k int) { s = append(s, k*k) }(i)
	}
	return []int{-1}
}''', fn=fn, n=g.rng.randint(1, 4)))
            g.f.body.append('fmt.Println(%s())' % fn)


PANICS = [
    # (setup lines, the statement that panics)
    ('xs := []int{1, 2, 3}\ni := $k', 'fmt.Println(xs[i])'),
    ('xs := make([]string, $k)\ni := $k', 'xs[i] = "x"'),
    ('xs := []int{1, 2, 3}\nlo, hi := $k, 2', 'fmt.Println(xs[lo:hi])'),
    ('xs := []int{1, 2, 3}\nhi := $k + 3', 'fmt.Println(xs[:hi])'),
    ('xs := make([]int, 2, 5)\nhi := $k + 4', 'fmt.Println(xs[1:2:hi])'),
    ('s := "héllo"\ni := $k + 6', 'fmt.Println(s[i])'),
    ('s := "abc"\ni := $k + 4', 'fmt.Println(s[1:i])'),
    ('var a [4]int\ni := $k + 4', 'a[i] = 1'),
    ('var m map[string]int', 'm["k$k"] = 1'),
    ('a, b := $k, 0', 'fmt.Println(a / b)'),
    ('a, b := int8(-128), int8($k)', 'fmt.Println(a % (b - b))'),
    ('var p *struct{ X int }', 'fmt.Println(p.X + $k)'),
    ('var p *[3]int', 'p[1] = $k'),
    ('var x interface{} = "str$k"', 'fmt.Println(x.(int))'),
    ('var x interface{} = $k', 'fmt.Println(x.(string))'),
    ('var x interface{}', 'fmt.Println(x.(float64) + $k)', 'nil_empty_interface_assert_message'),
    ('var e error = fmt.Errorf("e$k")', 'fmt.Println(e.(fmt.Stringer))'),
    ('var ch chan int', 'close(ch)'),
    ('ch := make(chan int, 1)\nclose(ch)', 'close(ch)'),
    ('ch := make(chan int, 1)\nclose(ch)', 'ch <- $k'),
    ('n := -$k - 1', 'fmt.Println(1 << n)'),
    ('n := -$k - 1', 'fmt.Println(make([]int, n))'),
    ('var f func(int) int', 'fmt.Println(f($k))'),
    ('var a, b interface{} = []int{$k}, []int{$k}', 'fmt.Println(a == b)'),
    ('', 'panic("custom $k")'),
    ('', 'panic(fmt.Errorf("wrapped: %w", fmt.Errorf("inner $k")))'),
    ('', 'panic($k)'),
    ('', 'panic([]int{$k})'),
    ('', 'panic(errors.New("err$k"))'),
    ('n := -$k', 'fmt.Println(strings.Repeat("ab", n))'),
    ('var wg sync.WaitGroup\nwg.Add($k)', 'wg.Add(-$k - 1)'),
    ('ch := make(chan int)\nclose(ch)', 'select {\ncase ch <- $k:\ndefault:\n}'),
    ('var once sync.Once', 'once.Do(func() { panic("once $k") })'),
    ('xs := make([]int, $k)', 'fmt.Println(xs[$k:][1:])'),
    ('m := map[string][]int{}', 'm["a"][$k] = 1'),
    ('var arr [3][2]int\ni := $k', 'arr[i%3][i] = 1'),
    ('s := "abc"\ni, j := $k, 1', 'fmt.Println(s[i:j])'),
    ('x := uint8($k)', 'fmt.Println(100 / (x - x))'),
    ('var b strings.Builder\nb.WriteString("$k")\nc := b', 'c.WriteString("y")', 'builder_copy_check'),
    ('var b strings.Builder\nb.Grow($k)', 'b.Grow(-$k)'),
]


def fam_panic(g):
    """Run-time panics recovered, the value printed with fmt.Println(r)."""
    for _ in range(g.rng.randint(1, 3)):
        setup, stmt = g.choice([p[:2] for p in PANICS if len(p) < 3 or p[2] not in KNOWN_BUGS])
        k = g.rng.randint(1, 9)
        body = lines(T(setup, k=k)) if setup else []
        body.append(T(stmt, k=k))
        body.append('fmt.Println("not reached")')
        how = g.choice(['fmt.Println("recovered:", r)', 'fmt.Printf("%v|%s\\n", r, r)', 'fmt.Println(r)'])
        g.f.body.append(Block('func() {', [Block('defer func() {', ['r := recover()', how], '}()')] + body, '}()'))


def fam_control(g):
    """switch (fallthrough, no tag, init, lists), labeled break/continue, goto,
    loops with several variables, break inside switch inside for."""
    for _ in range(g.rng.randint(1, 3)):
        r = g.rng.random()
        if r < 0.25:
            lab = g.fresh('outer')
            a, b = g.rng.randint(1, 5), g.rng.randint(1, 5)
            g.f.body.extend(lines(T('''
$lab:
	for i := 0; i < $a; i++ {
		for j := 0; j < $b; j++ {
			if j == $cj {
				continue $lab
			}
			if i*j > $lim {
				break $lab
			}
			fmt.Print(i, j, " ")
		}
	}
fmt.Println()
''', lab=lab, a=a, b=b, cj=g.rng.randint(0, 5), lim=g.rng.randint(0, 12))))
        elif r < 0.45:
            v = g.fresh('v')
            g.f.body.append('%s := %d' % (v, g.rng.randint(-3, 8)))
            g.f.body.extend(lines(T('''
switch {
case $v < 0:
	fmt.Println("neg")
case $v == 0, $v == 1:
	fmt.Println("small")
	fallthrough
case $v > 100:
	fmt.Println("fell")
default:
	fmt.Println("other", $v)
}
switch w := $v * 2; w {
case 2, 4, 6:
	fmt.Println("even small", w)
case 8:
	fmt.Println("eight")
	fallthrough
case 9:
	fmt.Println("nine-ish")
	fallthrough
default:
	fmt.Println("default", w)
}
''', v=v)))
        elif r < 0.6:
            i, n = g.fresh('i'), g.rng.randint(1, 6)
            lab = g.fresh('loop')
            g.f.body.append(Block('{', lines(T('''
$i := 0
$lab:
if $i < $n {
	fmt.Print($i, " ")
	$i++
	goto $lab
}
fmt.Println("done", $i)
''', i=i, n=n, lab=lab)), '}'))
        elif r < 0.75:
            g.f.body.extend(lines(T('''
for i, j := 0, $j; i < j; i, j = i+1, j-1 {
	fmt.Print(i*j, " ")
}
fmt.Println()
''', j=g.rng.randint(0, 9))))
        elif r < 0.9:
            cnt = g.fresh('cnt')
            g.f.body.extend(lines(T('''
$cnt := 0
for {
	$cnt++
	switch {
	case $cnt%3 == 0:
		fmt.Print("fizz ")
		break
	case $cnt > $lim:
		fmt.Print("stop ")
	}
	if $cnt > $lim {
		break
	}
}
fmt.Println($cnt)
''', cnt=cnt, lim=g.rng.randint(1, 10))))
        else:
            lab = g.fresh('sw')
            g.f.body.extend(lines(T('''
$lab:
	for i := 0; i < 10; i++ {
		switch i % 4 {
		case $c:
			break $lab
		case 1:
			continue
		}
		fmt.Print(i, ";")
	}
fmt.Println()
''', lab=lab, c=g.choice([0, 2, 3]))))


def fam_method(g):
    """Methods (value and pointer receivers), interfaces, type switches, Stringer and
    error, method values and expressions, embedding and promotion, nil interfaces."""
    R, C, N, S, I, ER = (g.tname(x) for x in ('Rect', 'Counter', 'Named', 'Shape', 'Sizer', 'Err'))
    g.f.decls.append(T('''type $S interface {
	Area() float64
	Name() string
}

type $I interface {
	$S
	Grow(k int)
}

type $R struct {
	W, H int
}

func (r $R) Area() float64 { return float64(r.W * r.H) }
func (r $R) Name() string  { return "rect" }
func (r *$R) Grow(k int)   { r.W += k; r.H += k }

type $C struct {
	n    int
	hist []int
}

func (c *$C) Inc() int {
	c.n++
	c.hist = append(c.hist, c.n)
	return c.n
}

func (c $C) Get() int { return c.n }

type $N struct {
	$R
	Label string
}

func (n $N) Name() string { return "named:" + n.Label }

type $ER struct {
	Code int
}

func (e *$ER) Error() string { return fmt.Sprintf("error code %d", e.Code) }''', S=S, I=I, R=R, C=C, N=N, ER=ER))
    stringer = g.chance(0.5)
    if stringer:
        g.f.decls.append(T('func (r $R) String() string { return fmt.Sprintf("R(%dx%d)", r.W, r.H) }', R=R))
    for _ in range(g.rng.randint(2, 5)):
        r = g.rng.random()
        if r < 0.2:
            scoped(g, lines(T('''
shapes := []$S{$R{$a, $b}, &$R{W: 2, H: 5}, $N{$R{1, 1}, "n"}}
for _, s := range shapes {
	fmt.Println(s.Name(), s.Area())
	if gr, ok := s.($I); ok {
		gr.Grow(1)
		fmt.Println("grown", s.Area())
	}
}
''', S=S, R=R, N=N, I=I, a=g.rng.randint(0, 9), b=g.rng.randint(0, 9))))
        elif r < 0.4:
            vals = g.fresh('vals')
            g.f.body.append('%s := []interface{}{%s}' % (vals, ', '.join(g.rng.sample(
                ['1', '"s"', '2.5', 'nil', '[]int{1}', 'map[string]int{"a": 1}', '%s{1, 2}' % R, '&%s{3, 4}' % R,
                 'true', "'x'", 'int8(-3)', 'uint(7)', '&%s{Code: 4}' % ER, 'fmt.Errorf("e")', 'struct{}{}',
                 '[2]bool{}', 'float32(0.5)', '%s{}' % N, 'byte(1)'], 6))))
            scoped(g, lines(T('''
for _, v := range $vals {
	switch x := v.(type) {
	case nil:
		fmt.Println("nil")
	case int, int8:
		fmt.Printf("int-ish %v %T\\n", x, x)
	case string:
		fmt.Println("string", len(x))
	case $S:
		fmt.Println("shape", x.Name())
	case error:
		fmt.Println("error", x)
	case fmt.Stringer:
		fmt.Println("stringer", x)
	default:
		fmt.Printf("other %T %v\\n", x, x)
	}
}
''', vals=vals, S=S)))
        elif r < 0.55:
            c = g.fresh('c')
            scoped(g, lines(T('''
var $c $C
inc := $c.Inc
get := $c.Get
inc()
inc()
fmt.Println($c.Get(), get(), $c.n, $c.hist)
fmt.Println((*$C).Inc(&$c), $C.Get($c))
''', c=c, C=C)))
        elif r < 0.7:
            scoped(g, lines(T('''
r := $R{$a, $b}
area := r.Area
r.W = 100
fmt.Println(area(), r.Area(), $R.Area(r))
r.Grow(2)
fmt.Println(r, &r, []$R{r}, r.Name())
fmt.Printf("%v %+v %s\\n", r, r, r)
''', R=R, a=g.rng.randint(0, 9), b=g.rng.randint(0, 9))))
        elif r < 0.76 and 'interface_method_expression' not in KNOWN_BUGS:
            scoped(g, lines(T('''
area := $S.Area
name := $S.Name
msg := error.Error
fmt.Println(area($R{$a, $b}), name($N{}), msg(&$ER{Code: $a}))
''', S=S, R=R, N=N, ER=ER, a=g.rng.randint(0, 9), b=g.rng.randint(0, 9))))
        elif r < 0.85:
            scoped(g, lines(T('''
var p *$ER
var err error = p
fmt.Println(p == nil, err == nil, err != nil)
err = &$ER{Code: $k}
fmt.Println(err, err.Error())
var target *$ER
if e, ok := err.(*$ER); ok {
	target = e
}
fmt.Println(target.Code)
wrapped := fmt.Errorf("wrap: %w", err)
fmt.Println(wrapped, errors.Unwrap(wrapped) == err, errors.Is(wrapped, err), errors.As(wrapped, &target))
''', ER=ER, k=g.rng.randint(0, 99))))
        else:
            n = g.fresh('n')
            scoped(g, lines(T('''
$n := $N{$R{$a, $b}, "lbl"}
fmt.Println($n.Name(), $n.$R.Name(), $n.Area(), $n.W)
$n.Grow(1)
var s $S = $n
var s2 $S = $N{$R{$a + 1, $b + 1}, "lbl"}
fmt.Println(s.Area(), s == s2, s.Name())
fmt.Printf("%v %+v %T\\n", $n, $n, s)
''', n=n, N=N, R=R, S=S, a=g.rng.randint(0, 9), b=g.rng.randint(0, 9))))


def fam_sort(g):
    """sort.Sort with a user type, sort.SliceStable, sort.Search, sort.Strings."""
    B = g.tname('ByKey')
    g.f.decls.append(T('''type $B []int

func (b $B) Len() int           { return len(b) }
func (b $B) Less(i, j int) bool { return b[i]%$m < b[j]%$m || (b[i]%$m == b[j]%$m && b[i] < b[j]) }
func (b $B) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }''', B=B, m=g.rng.randint(2, 9)))
    xs = g.fresh('xs')
    vals = sorted(set(g.rng.randint(0, 200) for _ in range(g.rng.randint(0, 20))))
    g.rng.shuffle(vals)
    g.f.body.append('%s := %s{%s}' % (xs, B, ', '.join(map(str, vals))))
    g.f.body.append('sort.Sort(%s)' % xs)
    g.f.body.append('fmt.Println(%s, sort.IntsAreSorted([]int(%s)), len(%s))' % (xs, xs, xs))
    g.f.body.append('sort.Stable(%s)' % xs)
    g.f.body.append('fmt.Println(%s)' % xs)
    ws = g.fresh('ws')
    words = g.rng.sample(['pear', 'fig', 'apple', 'kiwi', 'banana', 'plum', 'date', 'lime', 'cherry', 'grape'], g.rng.randint(1, 8))
    g.f.body.append('%s := []string{%s}' % (ws, ', '.join('"%s"' % w for w in words)))
    g.f.body.append('sort.SliceStable(%s, func(i, j int) bool { return len(%s[i]) < len(%s[j]) })' % (ws, ws, ws))
    g.f.body.append('fmt.Println(%s)' % ws)
    g.f.body.append('sort.Strings(%s)' % ws)
    g.f.body.append('fmt.Println(%s, sort.SearchStrings(%s, "kiwi"))' % (ws, ws))
    ns = g.fresh('ns')
    g.f.body.append('%s := []int{%s}' % (ns, ', '.join(str(v) for v in sorted(g.rng.randint(0, 50) for _ in range(8)))))
    g.f.body.append('fmt.Println(sort.SearchInts(%s, %d), sort.Search(len(%s), func(i int) bool { return %s[i] >= %d }))' % (ns, g.rng.randint(0, 50), ns, ns, g.rng.randint(0, 50)))


def fam_goroutine(g):
    """Goroutines whose output is deterministic: results over per-worker channels read in
    order, WaitGroup with per-index results, worker pools summed, mutex counters,
    pipelines, select over ready channels, sync.Once, atomic counters."""
    r = g.rng.random()
    n = g.rng.randint(1, 8)
    k = g.rng.randint(1, 50)
    if r < 0.12:
        g.f.body.extend(lines(T('''
chs := make([]chan int, $n)
for i := range chs {
	chs[i] = make(chan int)
	go func(i int, c chan<- int) {
		c <- i * i * $k
	}(i, chs[i])
}
for _, c := range chs {
	fmt.Print(<-c, " ")
}
fmt.Println()
''', n=n, k=k)))
    elif r < 0.24:
        g.f.body.extend(lines(T('''
var wg sync.WaitGroup
res := make([]int, $n)
for i := 0; i < $n; i++ {
	wg.Add(1)
	go func(i int) {
		defer wg.Done()
		s := 0
		for j := 0; j <= i*$k; j++ {
			s += j
		}
		res[i] = s
	}(i)
}
wg.Wait()
fmt.Println(res)
''', n=n, k=k)))
    elif r < 0.36:
        g.f.body.extend(lines(T('''
jobs := make(chan int, $jobs)
results := make(chan int, $jobs)
for w := 0; w < $n; w++ {
	go func() {
		for j := range jobs {
			results <- j * j
		}
	}()
}
for j := 1; j <= $jobs; j++ {
	jobs <- j
}
close(jobs)
sum := 0
for j := 0; j < $jobs; j++ {
	sum += <-results
}
fmt.Println("sum", sum)
''', n=n, jobs=g.rng.randint(1, 30))))
    elif r < 0.48:
        g.f.body.extend(lines(T('''
var mu sync.Mutex
var wg sync.WaitGroup
count := 0
for i := 0; i < $n; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := 0; j < $k; j++ {
			mu.Lock()
			count++
			mu.Unlock()
		}
	}()
}
wg.Wait()
fmt.Println("count", count)
''', n=n, k=k * 10)))
    elif r < 0.6:
        g.f.body.extend(lines(T('''
src := make(chan int)
sq := make(chan int, $buf)
go func() {
	defer close(src)
	for i := 0; i < $k; i++ {
		src <- i
	}
}()
go func() {
	defer close(sq)
	for v := range src {
		sq <- v * v
	}
}()
for v := range sq {
	fmt.Print(v, ",")
}
fmt.Println()
''', k=g.rng.randint(0, 12), buf=g.rng.randint(0, 3))))
    elif r < 0.7:
        g.f.body.extend(lines(T('''
a := make(chan int)
b := make(chan string)
go func() {
	for i := 0; i < $na; i++ {
		a <- i
	}
	close(a)
}()
go func() {
	for i := 0; i < $nb; i++ {
		b <- fmt.Sprint("s", i)
	}
	close(b)
}()
total, strs := 0, 0
for a != nil || b != nil {
	select {
	case v, ok := <-a:
		if !ok {
			a = nil
			continue
		}
		total += v
	case s, ok := <-b:
		if !ok {
			b = nil
			continue
		}
		strs += len(s)
	}
}
fmt.Println(total, strs)
''', na=g.rng.randint(0, 10), nb=g.rng.randint(0, 10))))
    elif r < 0.78:
        g.f.body.extend(lines(T('''
ch := make(chan int, $cap)
fmt.Println(len(ch), cap(ch))
select {
case v := <-ch:
	fmt.Println("got", v)
default:
	fmt.Println("empty")
}
ch <- $k
select {
case v := <-ch:
	fmt.Println("got", v)
default:
	fmt.Println("empty")
}
close(ch)
v, ok := <-ch
fmt.Println(v, ok, len(ch))
''', cap=g.rng.randint(1, 4), k=k)))
    elif r < 0.85:
        g.f.body.extend(lines(T('''
var once sync.Once
var wg sync.WaitGroup
calls := 0
for i := 0; i < $n; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		once.Do(func() { calls++ })
	}()
}
wg.Wait()
fmt.Println("calls", calls)
''', n=n)))
    elif r < 0.92:
        g.f.body.extend(lines(T('''
ping, pong := make(chan int), make(chan int)
done := make(chan bool)
go func() {
	for v := range ping {
		pong <- v + 1
	}
	close(pong)
}()
go func() {
	last := 0
	for v := range pong {
		last = v
		if v >= $k {
			close(ping)
		} else {
			ping <- v * 2
		}
	}
	fmt.Println("last", last)
	done <- true
}()
ping <- 1
<-done
''', k=k)))
    else:
        g.f.body.extend(lines(T('''
errs := make(chan error, $n)
var wg sync.WaitGroup
for i := 0; i < $n; i++ {
	wg.Add(1)
	go func(i int) {
		defer wg.Done()
		defer func() {
			if r := recover(); r != nil {
				errs <- fmt.Errorf("worker %d: %v", i, r)
			}
		}()
		if i%$m == 0 {
			var m map[int]int
			m[i] = i
		}
	}(i)
}
wg.Wait()
close(errs)
cnt := 0
for e := range errs {
	cnt++
	_ = e
}
fmt.Println("errors", cnt)
''', n=n, m=g.rng.randint(1, 3))))


def fam_recursion(g):
    """Recursive algorithms: gcd, Ackermann, Hanoi, permutations, quicksort, sieve,
    memoised Fibonacci with a map, power set."""
    r = g.rng.random()
    fn = g.tname('rec')
    if r < 0.15:
        g.f.decls.append(T('''func $fn(a, b int) int {
	if b == 0 {
		return a
	}
	return $fn(b, a%b)
}''', fn=fn))
        g.f.body.append('fmt.Println(%s(%d, %d), %s(%d, %d))' % (fn, g.rng.randint(0, 10 ** 6), g.rng.randint(1, 10 ** 4), fn, g.rng.randint(-99, 99), g.rng.randint(1, 99)))
    elif r < 0.3:
        g.f.decls.append(T('''func $fn(m, n int) int {
	if m == 0 {
		return n + 1
	}
	if n == 0 {
		return $fn(m-1, 1)
	}
	return $fn(m-1, $fn(m, n-1))
}''', fn=fn))
        g.f.body.append('fmt.Println(%s(2, %d), %s(1, %d))' % (fn, g.rng.randint(0, 5), fn, g.rng.randint(0, 9)))
    elif r < 0.45:
        g.f.decls.append(T('''func $fn(n int, from, to, via string, moves *[]string) {
	if n == 0 {
		return
	}
	$fn(n-1, from, via, to, moves)
	*moves = append(*moves, from+to)
	$fn(n-1, via, to, from, moves)
}''', fn=fn))
        g.f.body.append('var moves []string')
        g.f.body.append('%s(%d, "A", "C", "B", &moves)' % (fn, g.rng.randint(0, 5)))
        g.f.body.append('fmt.Println(len(moves), moves)')
    elif r < 0.6:
        g.f.decls.append(T('''func $fn(xs []int, k int, out *[][]int) {
	if k == len(xs) {
		*out = append(*out, append([]int(nil), xs...))
		return
	}
	for i := k; i < len(xs); i++ {
		xs[k], xs[i] = xs[i], xs[k]
		$fn(xs, k+1, out)
		xs[k], xs[i] = xs[i], xs[k]
	}
}''', fn=fn))
        g.f.body.append('var perms [][]int')
        g.f.body.append('%s([]int{%s}, 0, &perms)' % (fn, ', '.join(str(i) for i in range(g.rng.randint(0, 4)))))
        g.f.body.append('fmt.Println(len(perms), perms)')
    elif r < 0.75:
        g.f.decls.append(T('''func $fn(a []int) {
	if len(a) < 2 {
		return
	}
	p := a[len(a)/2]
	i, j := 0, len(a)-1
	for i <= j {
		for a[i] < p {
			i++
		}
		for a[j] > p {
			j--
		}
		if i <= j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
	}
	$fn(a[:j+1])
	$fn(a[i:])
}''', fn=fn))
        g.f.body.append('qs := []int{%s}' % ', '.join(str(g.rng.randint(-50, 50)) for _ in range(g.rng.randint(0, 15))))
        g.f.body.append('%s(qs)' % fn)
        g.f.body.append('fmt.Println(qs)')
    elif r < 0.87:
        g.f.decls.append(T('''func $fn(n int, memo map[int]uint64) uint64 {
	if n < 2 {
		return uint64(n)
	}
	if v, ok := memo[n]; ok {
		return v
	}
	v := $fn(n-1, memo) + $fn(n-2, memo)
	memo[n] = v
	return v
}''', fn=fn))
        g.f.body.append('memo := map[int]uint64{}')
        g.f.body.append('fmt.Println(%s(%d, memo), len(memo))' % (fn, g.rng.randint(0, 100)))
    else:
        n = g.rng.randint(2, 200)
        g.f.body.extend(lines(T('''
sieve := make([]bool, $n+1)
primes := []int{}
for i := 2; i <= $n; i++ {
	if !sieve[i] {
		primes = append(primes, i)
		for j := i * i; j <= $n; j += i {
			sieve[j] = true
		}
	}
}
fmt.Println(len(primes), primes)
''', n=n)))


FMT_CASES = [
    'fmt.Printf("%5d|%-5d|%05d|%x|%X|%o|%b|%c|%q|%U\\n", $i, $i, $i, $i, $i, $i, $i, 65+$u%26, 65+$u%26, $i)',
    'fmt.Printf("%8.3f|%-8.2f|%e|%E|%g|%G|%.0f|%+.1f\\n", $f, $f, $f, $f, $f, $f, $f, $f)',
    'fmt.Printf("%s|%10s|%-10s|%q|%x|% X|%.3s\\n", $s, $s, $s, $s, $s, $s, $s)',
    'fmt.Printf("%t|%v|%5t\\n", $i > 3, $i < 3, true)',
    'fmt.Printf("%v|%d|%x|%q\\n", []int{$i, 2}, []int{$i, 2}, []byte($s), []string{$s, "b"})',
    'fmt.Printf("%*d|%-*d|%.*f\\n", 6, $i, 4, $i, 2, $f)',
    'fmt.Printf("%[2]d %[1]d %d\\n", $i, $u)',
    'fmt.Printf("%d %s\\n", $s, $i)',
    'fmt.Printf("%d\\n")',
    'fmt.Printf("%d\\n", $i, $u)',
    'fmt.Printf("%!|%z|%%\\n", $i)',
    'fmt.Println(fmt.Sprint($i, $s, $f, "x", 2, 3), fmt.Sprint($s, $s), fmt.Sprint(1, 2))',
    'fmt.Print($i, $u, "\\n")',
    'fmt.Print("a", "b", $i, "\\n")',
    'fmt.Println(fmt.Sprintln($i, $s) + "|")',
    'fmt.Printf("%v %v %v %v %v\\n", nil, []int(nil), map[string]int(nil), error(nil), []string{})',
    'fmt.Printf("%#v %#v %#v %#v\\n", []int{$i}, map[string]bool{"k": true}, $s, $f)',
    'fmt.Printf("%T %T %T %T %T %T\\n", $i, $u, $f, $s, []int{}, map[string][]float64{})',
    'fmt.Printf("%6.2v|%10v|%-10v|\\n", $f, $s, $i)',
    'fmt.Printf("%x %X %#x %x\\n", $i, -$i, $u, $f)',
    'fmt.Printf("%08.3f|%+d|% d|%+q\\n", $f, $i, $i, $s)',
    'fmt.Printf("%v %v\\n", [2][]int{{1}, {$i}}, struct{ A []string; B map[int]int }{[]string{$s}, map[int]int{2: 1, 1: 2}})',
    'fmt.Printf("%3c|%-4q|%#q|%#U\\n", 0x263A, \'x\', "back`tick", 0x1F600)',
    'fmt.Printf("%.2e|%.3g|%g|%g|%g\\n", $f*1e6, $f, 1e-7, 123456789.0, float32($f))',
    'fmt.Printf("%s|%v|%d\\n", true, \'a\', "str")',
    'fmt.Printf("%d|%s\\n", []string{"a"}, []int{1})',
    'fmt.Printf("%v|%s\\n", fmt.Errorf("err %d", $i), fmt.Errorf("wrapped: %w", fmt.Errorf("in")))',
    'fmt.Println(fmt.Sprintf("%05.1f|%-7.3s|%7.3s|", $f, $s, $s))',
    'fmt.Printf("%b|%o|%O|%#b\\n", $u, $u, $u, $u)',
    'fmt.Printf("%e|%f|%g\\n", float32($f), float32($f), float32($f))',
    'fmt.Println((func())(nil) == nil, (chan int)(nil), (*int)(nil), []error{nil}, map[string]interface{}{"a": nil})',
    'fmt.Printf("%T|%T|%T|%T|%T\\n", func(int) string { return "" }, make(chan int), make(<-chan bool), [3]*int{}, struct{ A int }{})',
    'fmt.Printf("%v|%d|%s\\n", []interface{}{1, "a", nil, 2.5}, []int8{-1, 2}, []string{"x", "y"})',
    'fmt.Printf("%x|%X|%q|%v\\n", []byte($s), $s, []rune($s), []rune($s))',
    'fmt.Printf("%6.2f%%|%-8.3e|%+08d|%x\\n", $f, $f, $i, -255)',
    'fmt.Printf("%v %.2v %10.3v|\\n", $s, $s, $f)',
    'fmt.Printf("%c|%c|%c|%U\\n", -1, 0x110000, 0xD800, -5)',
    'fmt.Print(1, 2, "a", 3, 4, "b", "c", 5.5, nil, true, "\\n")',
    'fmt.Println(fmt.Sprint(), fmt.Sprint(nil), fmt.Sprint("a", 1, 2, "b"), fmt.Sprint(1.0, float32(2)))',
    'fmt.Printf("%08.3f|% .2e|%#g|%#.3x|%#v\\n", -$f, $f, 1.0, 255, 1e6)',
]


def fam_fmt(g):
    """fmt verbs, flags, widths, argument indexes, bad verbs, Sprint spacing."""
    i, u, f, s = g.fresh('i'), g.fresh('u'), g.fresh('f'), g.fresh('s')
    g.f.body.append('%s := %d' % (i, g.int_value('int32')))
    g.f.body.append('%s := uint(%d)' % (u, g.rng.randint(0, 10 ** 6)))
    g.f.body.append('%s := %s' % (f, g.choice(['3.14159', '-0.000123', '1e21', '123456.789', '0.5', '2.0', '1e-10', '-7.25', '100.0'])))
    g.f.body.append('%s := %s' % (s, go_str(g.choice(STR_POOL))))
    for c in g.rng.sample(FMT_CASES, g.rng.randint(3, 7)):
        g.f.body.append(T(c, i=i, u=u, f=f, s=s))
    g.f.body.append('_, _, _, _ = %s, %s, %s, %s' % (i, u, f, s))


def fam_funcs(g):
    """Functions: several results, named results, variadic calls with and without `...`,
    shadowing in nested scopes, if/else-if chains with init statements, func values."""
    F = g.tname('divmod')
    V = g.tname('sum')
    N = g.tname('stats')
    g.f.decls.append(T(r"""func $F(a, b int) (q, r int, ok bool) {
	if b == 0 {
		return
	}
	q, r = a/b, a%b
	ok = true
	return
}

func $V(base int, xs ...int) (total int) {
	total = base
	for _, x := range xs {
		total += x
	}
	xs = append(xs, 1000)
	return total + len(xs)
}

func $N(xs []float64) (min, max, mean float64) {
	if len(xs) == 0 {
		return
	}
	min, max = xs[0], xs[0]
	for _, x := range xs {
		if x < min {
			min = x
		} else if x > max {
			max = x
		}
		mean += x
	}
	mean /= float64(len(xs))
	return
}""", F=F, V=V, N=N))
    if 'bare_return_blank_result' not in KNOWN_BUGS and g.chance(0.4):
        BR = g.tname('blank')
        g.f.decls.append(T(r"""func $BR(v int) (_ string, x int, err error) {
	x = v * 2
	if v < 0 {
		err = fmt.Errorf("negative %d", v)
	}
	return
}""", BR=BR))
        g.f.body.append('fmt.Println(%s(%d))' % (BR, g.rng.randint(-5, 5)))
    for _ in range(g.rng.randint(2, 5)):
        r = g.rng.random()
        if r < 0.2:
            a, b = g.rng.randint(-50, 50), g.choice([0, 1, -1, 3, -7, 10])
            g.f.body.append('fmt.Println(%s(%d, %d))' % (F, a, b))
            q, rr, ok = g.fresh('q'), g.fresh('r'), g.fresh('ok')
            g.f.body.append('%s, %s, %s := %s(%d, %d)' % (q, rr, ok, F, a, b))
            g.f.body.append('fmt.Println(%s*%d+%s == %d, %s)' % (q, b, rr, a, ok))
        elif r < 0.4:
            xs = g.fresh('xs')
            vals = ', '.join(str(g.rng.randint(-9, 9)) for _ in range(g.rng.randint(0, 5)))
            g.f.body.append('%s := []int{%s}' % (xs, vals))
            g.f.body.append('fmt.Println(%s(1), %s(2, %s...), %s(3, 4, 5), %s, len(%s))' % (V, V, xs, V, xs, xs))
        elif r < 0.55:
            g.f.body.append('fmt.Println(%s([]float64{%s}))' % (N, ', '.join('%d.5' % g.rng.randint(-9, 9) for _ in range(g.rng.randint(0, 5)))))
        elif r < 0.75:
            x = g.fresh('x')
            g.f.body.extend(lines(T("""
$x := $v
{
	$x := $x * 2
	$x++
	fmt.Println("inner", $x)
}
if $x := $x + 100; $x > $lim {
	fmt.Println("if", $x)
} else if y := $x - 1; y > 0 {
	fmt.Println("else if", $x, y)
} else {
	fmt.Println("else", $x, y)
}
fmt.Println("outer", $x)
""", x=x, v=g.rng.randint(-200, 50), lim=g.rng.randint(0, 150))))
        else:
            fs = g.fresh('fns')
            g.f.body.extend(lines(T("""
$fs := []func(int) (int, string){
	func(n int) (int, string) { return n * 2, "double" },
	func(n int) (int, string) { return n * n, "square" },
	func(n int) (int, string) { return -n, "neg" },
}
for _, f := range $fs {
	v, name := f($n)
	fmt.Print(name, "=", v, " ")
}
fmt.Println()
""", fs=fs, n=g.rng.randint(-9, 9))))


def fam_named(g):
    """Named types over basic, slice and map types with methods, Stringer used by %v
    but not by %d, conversions between named and underlying types, iota enums."""
    W, C, L, Ms = g.tname('Weekday'), g.tname('Celsius'), g.tname('IntList'), g.tname('Set')
    g.f.decls.append(T(r"""type $W int

const (
	Sun$W $W = iota
	Mon$W
	Tue$W
	Wed$W
)

func (d $W) String() string {
	switch d {
	case Sun$W:
		return "Sunday"
	case Mon$W:
		return "Monday"
	}
	return fmt.Sprintf("Day(%d)", int(d))
}

type $C float64

func (c $C) F() float64 { return float64(c)*9/5 + 32 }

type $L []int

func (l $L) Sum() (s int) {
	for _, v := range l {
		s += v
	}
	return
}

func (l *$L) Push(v int) { *l = append(*l, v) }

type $Ms map[string]bool

func (s $Ms) Add(k string) $Ms {
	s[k] = true
	return s
}""", W=W, C=C, L=L, Ms=Ms))
    d = g.fresh('d')
    g.f.body.append('%s := %s(%d)' % (d, W, g.rng.randint(0, 6)))
    g.f.body.append('fmt.Println(%s, Mon%s, Wed%s, %s+1)' % (d, W, W, d))
    g.f.body.append('fmt.Printf("%%v %%d %%s %%q %%x %%T\\n", %s, %s, %s, %s, %s, %s)' % (d, d, d, d, d, d))
    c = g.fresh('c')
    g.f.body.append('%s := %s(%s)' % (c, C, g.choice(['-40', '100', '36.6', '0', '-273.15'])))
    g.f.body.append('fmt.Println(%s, %s.F(), float64(%s) == %s.F(), %s*2)' % (c, c, c, c, c))
    l = g.fresh('l')
    g.f.body.append('var %s %s' % (l, L))
    g.f.body.append(Block('for i := 0; i < %d; i++ {' % g.rng.randint(0, 6), ['%s.Push(i * i)' % l]))
    g.f.body.append('fmt.Println(%s, %s.Sum(), len(%s), []int(%s))' % (l, l, l, l))
    s = g.fresh('set')
    g.f.body.append('%s := %s{}' % (s, Ms))
    g.f.body.append('%s.Add("b").Add("a").Add("b")' % s)
    g.f.body.append('fmt.Println(%s, len(%s), %s["a"], %s["z"])' % (s, s, s, s))
    if g.chance(0.6):
        P, PS = g.tname('Pair'), g.tname('PtrStr')
        g.f.decls.append(T(r"""type $P struct {
	D $W
	d $W
	C $C
}

type $PS struct{ n int }

func (p *$PS) String() string { return fmt.Sprint("PS", p.n) }""", P=P, PS=PS, W=W, C=C))
        scoped(g, lines(T("""
p := $P{$a, $b, 1.5}
fmt.Println(p, []$W{$a, $b}, map[$W]int{$b: 1, $a: 2})
fmt.Printf("%v %+v %d\\n", p, p, p)
ps := $PS{$a}
fmt.Println(ps, &ps, []*$PS{&ps}[0])
var st fmt.Stringer = &ps
fmt.Println(st.String())
""", P=P, PS=PS, W=W, a=g.rng.randint(0, 2), b=g.rng.randint(3, 5))))
    if g.chance(0.4) and 'fmt_method_panic' not in KNOWN_BUGS:
        BD, ND = g.tname('Bad'), g.tname('Node')
        g.f.decls.append(T(r"""type $BD int

func (b $BD) String() string {
	if b > $lim {
		panic(fmt.Sprint("bad ", int(b)))
	}
	return "ok"
}

type $ND struct{ name string }

func (n *$ND) String() string { return n.name }

func (n *$ND) Error() string { return "err " + n.name }""", BD=BD, ND=ND, lim=g.rng.randint(0, 3)))
        scoped(g, lines(T("""
var n *$ND
var err error = n
fmt.Println($BD($a), []$BD{$b, 1}, n)
fmt.Printf("%v|%s|%d|%v\\n", $BD($b), $BD($a), $BD($a), err)
""", BD=BD, ND=ND, a=g.rng.randint(0, 6), b=g.rng.randint(0, 6))))
    if g.chance(0.5):
        g.f.body.append('var days []%s' % W)
        g.f.body.append(Block('for i := Sun%s; i <= Wed%s+1; i++ {' % (W, W), ['days = append(days, i)']))
        g.f.body.append('fmt.Println(days)')
        g.f.body.append('fmt.Printf("%v %d\\n", days, days)')


def fam_loops(g):
    """Loop semantics: range evaluates its operand once, ranging over an array copies it,
    appending while ranging, deleting from a map while ranging, wrap-around counters,
    closures called within their iteration, closures that change the loop variable."""
    for _ in range(g.rng.randint(2, 4)):
        r = g.rng.random()
        if r < 0.15:
            s = g.fresh('s')
            scoped(g, lines(T("""
$s := []int{1, 2, 3}
for i, v := range $s {
	if i < $k {
		$s = append($s, v*10)
	}
	$s[0] += v
}
fmt.Println($s, len($s))
""", s=s, k=g.rng.randint(0, 4))))
        elif r < 0.3:
            m = g.fresh('m')
            n = g.rng.randint(0, 12)
            scoped(g, lines(T("""
$m := map[int]string{}
for i := 0; i < $n; i++ {
	$m[i] = fmt.Sprint("v", i)
}
for k := range $m {
	if k%$d == 0 {
		delete($m, k)
	}
}
fmt.Println(len($m), $m)
""", m=m, n=n, d=g.rng.randint(2, 4))))
        elif r < 0.45:
            t = g.choice(['uint8', 'int8'])
            lo, hi = irange(t)
            start = g.rng.randint(hi - 10, hi)
            stop = g.rng.randint(lo, lo + 10)
            c = g.fresh('cnt')
            scoped(g, lines(T("""
$c := 0
for i := $t($start); i != $t($stop); i++ {
	$c++
	if $c < 4 || i == $hi {
		fmt.Print(i, " ")
	}
}
fmt.Println($c)
""", c=c, t=t, start=start, stop=stop, hi=hi)))
        elif r < 0.6:
            sum_ = g.fresh('sum')
            scoped(g, lines(T("""
$sum := 0
for i := 0; i < $n; i++ {
	sq := func() int { return i * i }
	$sum += sq()
}
for i := 0; i < $n; i++ {
	skip := func() { i++ }
	if i%3 == 0 {
		skip()
	}
	$sum += i
}
fmt.Println($sum)
""", sum=sum_, n=g.rng.randint(0, 12))))
        elif r < 0.75:
            a = g.fresh('arr')
            scoped(g, lines(T("""
$a := [4]int{1, 2, 3, 4}
for i, v := range $a {
	$a[3-i] = v * 10
}
fmt.Println($a)
for i, v := range &$a {
	if i < 3 {
		$a[i+1] = v
	}
}
fmt.Println($a)
""", a=a)))
        elif r < 0.88:
            s = g.fresh('s')
            scoped(g, lines(T("""
$s := "$str"
n := 0
for i := range $s {
	n += i
}
for i, c := range []byte($s) {
	n += i * int(c) % 7
}
fmt.Println(n, len($s))
""", s=s, str=g.choice(['héllo', 'abc', '日本', 'x\\xffy', '']))))
        else:
            scoped(g, lines(T("""
total := 0
for i := 0; i < $n; i++ {
	for j := i; j < $n; j++ {
		if (i+j)%$m == 0 {
			continue
		}
		total += i ^ j
	}
}
fmt.Println(total)
""", n=g.rng.randint(0, 15), m=g.rng.randint(2, 5))))


def fam_bits(g):
    """Bit manipulation on random integer types: popcount, lowest set bit, rotations,
    masks, byte swaps, sign extension through conversions."""
    t = g.choice(INT_TYPES)
    bits, signed = INT_INFO[t]
    x = g.fresh('x')
    g.f.body.append('var %s %s = %s' % (x, g.tn(t), go_int_lit(g.int_value(t), g.rng)))
    ut = {8: 'uint8', 16: 'uint16', 32: 'uint32', 64: 'uint64'}[bits]
    u = g.fresh('u')
    g.f.body.append('%s := %s(%s)' % (u, ut, x))
    g.f.body.extend(lines(T("""
pop := 0
for v := $u; v != 0; v &= v - 1 {
	pop++
}
fmt.Println(pop, $u&-$u, $u&($u-1), ^$u, -$u)
""", u=u)))
    k = g.rng.randint(0, bits - 1)
    g.f.body.append('fmt.Println(%s<<%d | %s>>(%d-%d), %s>>%d<<%d)' % (u, k, u, bits, k, x, k, k))
    g.f.body.append('fmt.Printf("%%0%db %%#x %%v\\n", %s, %s, %s(int8(%s)))' % (bits, u, u, t, x))
    if bits >= 16:
        g.f.body.append('fmt.Println(%s(%s>>8)&0xff, byte(%s), %s&0xff00>>8)' % (ut, u, u, u))
    g.f.body.append('fmt.Println(%s, %s)' % (x, u))


def fam_mixed(g):
    """Expressions mixing types: strings built from integers and floats (strconv, fmt,
    rune conversions, slicing with computed bounds) and integers computed from strings
    (len, Index, Count, byte at an index), in assignments, conditions and prints."""
    g.mix = True
    for t in g.rng.sample(INT_TYPES, g.rng.randint(1, 2)) + g.rng.sample(FLOAT_TYPES, g.rng.randint(0, 1)):
        s, v = declare(g, t, g.int_lit(t) if t in INT_INFO else g.float_lit(t))
        g.f.body.append(s)
        g.vars.append(v)
    for _ in range(g.rng.randint(1, 3)):
        n = g.fresh('s')
        g.f.body.append('%s := %s' % (n, g.gen_str(2).code))
        g.vars.append(Var(n, 'string'))
    for _ in range(g.rng.randint(3, 8)):
        r = g.rng.random()
        v = g.choice(g.vars)
        if v.t == 'string':
            if r < 0.4:
                g.f.body.append('%s = %s' % (v.name, g.gen_str(3).code))
            elif r < 0.6:
                g.f.body.append('%s += %s' % (v.name, g.gen_str(2).code))
            elif r < 0.8:
                c = g.gen_bool(2)
                g.f.body.append(Block('if %s {' % c.code, ['%s = %s' % (v.name, g.gen_str(2).code)],
                                      more=[('} else {', ['%s = %s' % (v.name, g.gen_str(2).code)])]))
            else:
                g.f.body.append('fmt.Printf("%s\\n", %s)' % (g.choice(['%q', '%s', '%x', '% x', '%10.4s|', '%-8q|', '%v', '%+q', '%X']), v.name))
        else:
            g.f.body.extend(arith_stmt(g, 3))
        if g.chance(0.3):
            g.f.body.append('fmt.Println(%s)' % g.gen_str(3).code)
    g.f.body.extend(print_vars(g, g.vars))

def fam_assign(g):
    """Order of evaluation and assignment: tuple assignments (index operands evaluated
    first, assignments left to right), calls with side effects in operands, index
    expressions, composite literals, op-assignments evaluating their operand once."""
    tr = g.tname('trace')
    g.f.decls.append(T(r"""func $tr(log *[]string, name string, v int) int {
	*log = append(*log, name)
	return v
}""", tr=tr))
    for _ in range(g.rng.randint(2, 4)):
        r = g.rng.random()
        if r < 0.2:
            scoped(g, lines(T("""
a := []int{10, 20, 30, 40}
i := $i
$tuple
fmt.Println(i, a)
a[i], i = i, a[i]
fmt.Println(i, a)
x, y := $x, $y
x, y = y, x+y
x, y = y, x*y
fmt.Println(x, y)
""", tuple=T('a[i], i = $v, $j' if 'tuple_assign_lhs_operands' in KNOWN_BUGS else 'i, a[i] = $j, $v',
               j=g.rng.randint(0, 3), v=g.rng.randint(-9, 99)),
               i=g.rng.randint(0, 3), x=g.rng.randint(-5, 5), y=g.rng.randint(-5, 5))))
        elif r < 0.45:
            scoped(g, lines(T("""
var log []string
s := make([]int, 5)
m := map[int]int{}
$assign
$opassign
sum := $tr(&log, "a", 1) + $tr(&log, "b", 2)*$tr(&log, "c", 3)
lit := []int{$tr(&log, "e0", 0), $tr(&log, "e1", 1)}
fmt.Println(s, m, sum, lit, log)
""", tr=tr, assign=T(
                'k1 := $tr(&log, "idx", $i)\ns[k1] = $tr(&log, "val", $v)' if 'assign_lhs_operands_late' in KNOWN_BUGS
                else 's[$tr(&log, "idx", $i)] = $tr(&log, "val", $v)', tr=tr, i=g.rng.randint(0, 4), v=g.rng.randint(-9, 99)),
                opassign=T(
                'k2, k3 := $tr(&log, "key", 1), $tr(&log, "i2", $i)\nm[k2] += $tr(&log, "add", 2)\ns[k3] *= $tr(&log, "mul", 3)'
                if 'opassign_operands_twice' in KNOWN_BUGS else
                'm[$tr(&log, "key", 1)] += $tr(&log, "add", 2)\ns[$tr(&log, "i2", $i)] *= $tr(&log, "mul", 3)',
                tr=tr, i=g.rng.randint(0, 4)))))
        elif r < 0.5 and 'opassign_target_reassigned' not in KNOWN_BUGS:
            scoped(g, lines(T("""
one, two := []int{1}, []int{2}
x := one
x[0] += func() int {
	x = two
	return $v
}()
a, b := 1, 2
p := &a
*p -= func() int {
	p = &b
	return $v
}()
fmt.Println(one, two, a, b)
""", v=g.rng.randint(0, 9))))
        elif r < 0.6:
            scoped(g, lines(T("""
var log []string
p := &[3]int{1, 2, 3}
q := p
*p, p = [3]int{7, 8, 9}, &[3]int{}
fmt.Println(*p, *q)
a, b, c := $tr(&log, "x", 1), $tr(&log, "y", 2), $tr(&log, "z", 3)
fmt.Println(a+b+c, log)
""", tr=tr)))
        elif r < 0.8:
            scoped(g, lines(T("""
type pt struct{ X, Y int }
ps := []pt{{1, 2}, {3, 4}}
ps[0], ps[1] = ps[1], ps[0]
ps[0].X, ps[1].Y = ps[1].Y, ps[0].X
arr := [3]string{"a", "b", "c"}
arr[0], arr[2] = arr[2]+arr[1], arr[0]
k := $k
arr[k%3] += "!"
fmt.Println(ps, arr)
""", k=g.rng.randint(0, 9))))
        elif r < 0.9:
            scoped(g, lines(T("""
var log []string
b := func(n string, v bool) bool { log = append(log, n); return v }
_ = b("a", $x) && b("b", $y) || b("c", $z) && !b("d", $x)
fmt.Println(log)
a := make([]int, 3)
m := map[int]int{}
var i, k int
$rng
fmt.Println(i, k, a, m)
""", x=g.choice(['true', 'false']), y=g.choice(['true', 'false']), z=g.choice(['true', 'false']),
                rng='for i, a[i] = range []int{7, 8, 9} {\n}\nfor k, m[k] = range []int{5, 6} {\n}'
                if 'range_assign_lhs_operands' not in KNOWN_BUGS else
                'for i = range []int{7, 8, 9} {\n\ta[i] = i\n}\nfor k = range []int{5, 6} {\n\tm[k] = k\n}')))
        else:
            scoped(g, lines(T("""
var log []string
defer func() { fmt.Println("deferred log", len(log)) }()
defer fmt.Println("defer arg", $tr(&log, "darg", $v))
x := $tr(&log, "first", 1)
switch $tr(&log, "tag", x) {
case $tr(&log, "c1", 0), $tr(&log, "c2", 1):
	fmt.Println("matched")
case $tr(&log, "c3", 1):
	fmt.Println("not reached")
}
fmt.Println(log)
""", tr=tr, v=g.rng.randint(0, 9))))


def fam_shadow(g):
    """Predeclared identifiers and package names shadowed by variables, types and
    functions; labels sharing names with variables; nested scopes."""
    opts = [
        """
len := $v
cap := "cap"
fmt.Println(len, cap)
""",
        """
true := false
false := !true
nil := $v
fmt.Println(true, false, nil)
""",
        """
type int = int8
var x int = $s
x += 100
fmt.Println(x)
""",
        """
string := []byte("bytes")
append := func(s []byte, b byte) []byte { return s[:1] }
fmt.Println(len(string), append(string, 'x'))
""",
        """
strings := []string{"a", "b"}
sort := len(strings)
fmt.Println(strings, sort)
""",
        """
x := $v
x:
for i := 0; i < 3; i++ {
	if i == 1 {
		continue x
	}
	x += i
}
fmt.Println(x)
""",
        """
const c = iota
iota := $v + c
fmt.Println(iota, c)
""",
        """
x := 1
f := func() int {
	x := x + 1
	return x
}
fmt.Println(f(), x)
{
	x := "inner"
	fmt.Println(x)
}
fmt.Println(x)
""",
        """
copy := $v
new := copy * 2
make := func() int { return new + 1 }
fmt.Println(copy, new, make())
""",
    ]
    for o in g.rng.sample(opts, g.rng.randint(2, 4)):
        scoped(g, lines(T(o, v=g.rng.randint(-9, 99), s=g.rng.randint(-128, 27))))


EDGES = [
    # integer edge cases: the most negative value divided by -1 wraps, remainder 0
    """
a8, b8 := int8(-128), int8(-$one)
a16, b16 := int16(-32768), int16(-$one)
a32, b32 := int32(-2147483648), int32(-$one)
a64, b64 := int64(math.MinInt64), int64(-$one)
fmt.Println(a8/b8, a8%b8, a16/b16, a16%b16, a32/b32, a32%b32, a64/b64, a64%b64)
fmt.Println(-a8, -a16, -a32, -a64, a8*b8, a64*b64)
""",
    # float64 to uint64 above 2^63 (in range, so defined), and uint64 to floats
    """
f := $big
u := uint64(f)
fmt.Println(u, uint64(f/2), int64(f/4), float64(u), float32(u))
var m uint64 = 1<<64 - 1 - $k
fmt.Println(float64(m), float32(m), float64(m>>11), float64(int64(m>>1)))
""",
    # strings and byte slices never share storage
    """
s := "$str"
b := []byte(s)
s2 := string(b)
if len(b) > 0 {
	b[0] = 'X'
}
n := copy(b, "zz")
r := []rune(s)
if len(r) > 0 {
	r[0] = 'Q'
}
fmt.Println(s, s2, string(b), n, string(r), s == s2)
""",
    # append writes through to the original when there is capacity
    """
a := make([]int, 3, $cap)
b := append(a[:1], 5)
c := append(a[:1:1], 6)
b[0] = 7
fmt.Println(a, b, c, len(a), cap(b), cap(c) >= 2)
""",
    # values read from maps, interfaces and ranges are copies
    """
type pt struct{ X int; A [2]int }
m := map[string]pt{"a": {1, [2]int{1, 2}}}
v := m["a"]
v.X = 99
v.A[0] = 99
var i interface{} = v
w := i.(pt)
w.A[1] = -1
arr := []pt{v}
for _, e := range arr {
	e.X = -5
}
fmt.Println(m, v, i, w, arr)
""",
    # ranging over a string evaluates it once
    """
s := "$str"
n := 0
for i := range s {
	s = "reassigned"
	n += i
}
fmt.Println(s, n)
""",
    # runtime.Goexit runs deferred calls
    """
var wg sync.WaitGroup
wg.Add(1)
res := make(chan string, 2)
go func() {
	defer wg.Done()
	defer func() { res <- "deferred" }()
	runtime.Goexit()
	res <- "not reached"
}()
wg.Wait()
close(res)
for r := range res {
	fmt.Println(r)
}
""",
    # comparisons of mixed-up values
    """
type k struct{ a int; b string }
x, y := k{1, "a"}, k{1, "a"}
var i1, i2 interface{} = x, y
var i3 interface{} = &x
var e1, e2 error
fmt.Println(x == y, i1 == i2, i1 == i3, e1 == e2, i1 != nil, [2]k{x, y} == [2]k{y, x})
var f1, f2 interface{} = 1, 1.0
var g1, g2 interface{} = int32(1), int64(1)
fmt.Println(f1 == f2, g1 == g2, f1 == 1, f2 == 1.0)
""",
    # NaN in comparisons, as map keys and in arrays
    """
nan := math.NaN()
arr := [2]float64{nan, 1}
m := map[float64]int{}
m[nan] = 1
m[nan] = 2
m[1] = 3
_, ok := m[nan]
fmt.Println(nan == nan, arr == arr, len(m), ok, m[1])
""",
]


def fam_edge(g):
    """Targeted edge cases of the semantics (see EDGES)."""
    for e in g.rng.sample(EDGES, g.rng.randint(1, 3)):
        scoped(g, lines(T(e, one=1, big=g.choice(['1.8446744073709550e19', '9.223372036854775808e18',
                                                  '1.5e19', '1.2345678901234567e19']),
                          k=g.rng.randint(0, 5000), str=g.choice(['héllo', 'abc', '日本語', '', 'x\\xffy']),
                          cap=g.rng.randint(3, 5))))


MATH_FUNCS1 = ['Sqrt', 'Cbrt', 'Exp', 'Log', 'Log2', 'Log10', 'Sin', 'Cos', 'Tan', 'Asin', 'Acos',
               'Atan', 'Sinh', 'Cosh', 'Tanh', 'Floor', 'Ceil', 'Trunc', 'Round', 'RoundToEven', 'Abs']
MATH_FUNCS2 = ['Pow', 'Atan2', 'Hypot', 'Mod', 'Max', 'Min', 'Dim', 'Copysign']


def fam_math(g):
    """math functions Gol ports from Go bit for bit (not Log1p, Expm1, Exp2, Remainder,
    which Gol documents as C's): special values, huge and tiny arguments, results printed
    exactly (shortest representation and bits)."""
    vals = ['0', 'math.Copysign(0, -1)', '1', '-1', '0.5', '2', '10', '100', '1e-300', '1e300', '-1e300',
            '3.141592653589793', '1.5707963267948966', '0.1', '-0.7', '1e10', '-1e10', '710', '-746',
            'math.Inf(1)', 'math.Inf(-1)', 'math.NaN()', '1e22', '4.9e-324', '88.7', '0.9999999999999999',
            '1.0000000000000002', '6.02214076e23', '2.220446049250313e-16', '-0.5', '1e-10', '123456.789']
    xs = g.fresh('xs')
    picks = g.rng.sample(vals, g.rng.randint(3, 7))
    for _ in range(g.rng.randint(0, 3)):
        picks.append(repr(g.rng.uniform(-20, 20)) if g.chance(0.7) else '%.17g' % (10 ** g.rng.uniform(-30, 30)))
    g.f.body.append('%s := []float64{%s}' % (xs, ', '.join(picks)))
    fns = g.rng.sample(MATH_FUNCS1, g.rng.randint(2, 5))
    g.f.body.append(Block('for _, x := range %s {' % xs, [
        'fmt.Println(x, %s)' % ', '.join('math.%s(x)' % f for f in fns)]))
    fn2 = g.rng.sample(MATH_FUNCS2, g.rng.randint(1, 3))
    y = g.choice(picks)
    g.f.body.append(Block('for _, x := range %s {' % xs, [
        'fmt.Println(%s)' % ', '.join('math.%s(x, %s)' % (f, y) for f in fn2)]))
    if g.chance(0.5):
        g.f.body.append(Block('for _, x := range %s {' % xs, [
            'fmt.Printf("%%b %%x %%v\\n", math.%s(x), math.Float64bits(math.%s(x)), float32(math.%s(x)))' % (fns[0], fns[-1], fns[0])]))


SYNTAX = [
    # composite literal elision, keyed arrays, nested literals
    """
grid := [][]int{{1}, {2, 3}, {}}
m := map[string][]int{"b": {2}, "a": {1, 1}}
arr := [...]string{3: "d", 1: "b"}
type pt struct{ X, Y int }
pts := []pt{{1, 2}, {Y: 3}}
pm := map[pt]string{{1, 2}: "a", {0, 0}: "o"}
ptrs := []*pt{{5, 6}}
fmt.Println(grid, m, arr, len(arr), pts, pm, *ptrs[0], ptrs[0].X)
""",
    # conversions between named struct types with the same underlying type, tags ignored
    """
type A struct {
	N int $tag
	S string
}
type B struct {
	N int
	S string
}
a := A{$v, "s"}
b := B(a)
c := struct {
	N int
	S string
}(b)
fmt.Println(a, b, c, A(c) == a)
""",
    # rune and byte arithmetic
    """
r := 'a' + $k
b := byte('z') + 10
var x rune = 'é' - 1
fmt.Println(r, string(r), b, x, string(x), 'x' < 'y', "a"+string(rune('b'+1)))
fmt.Printf("%c %q %v %d %U\\n", r, r, b, x, x)
""",
    # blank identifiers and unnamed parameters, function types with named results
    """
f := func(_ int, s string, _ ...bool) (n int, err error) {
	n = len(s)
	return
}
var g func(int, string, ...bool) (int, error) = f
n, _ := g(1, "abc$k", true, false)
_, err := f(0, "")
fmt.Println(n, err)
""",
    # interfaces with overlapping embedded methods, method on embedded pointer
    """
var sb strings.Builder
var w interface {
	WriteString(string) (int, error)
	Len() int
} = &sb
w.WriteString("hello $k")
fmt.Println(w.Len(), sb.String())
""",
    # untyped bool and string constants, constant expressions with comparison
    """
const yes = 1 < 2
const name = "go" + "lang"
type myBool bool
var mb myBool = yes && len(name) == 6
fmt.Println(yes, name, mb, !mb, len(name), name[1], name[1:3])
""",
    # arrays of funcs, funcs returning funcs, immediately called
    """
ops := [...]func(int) int{
	func(x int) int { return x + 1 },
	func(x int) int { return x * 2 },
}
compose := func(f, g func(int) int) func(int) int { return func(x int) int { return g(f(x)) } }
fmt.Println(compose(ops[0], ops[1])($k), compose(ops[1], ops[0])($k), len(ops))
""",
    # switch with no tag and init, type switch with init, select-free for loops
    """
switch x := $k; {
case x > 5:
	fmt.Println("big", x)
case x > 2:
	fmt.Println("mid", x)
default:
	fmt.Println("small", x)
}
switch v := interface{}($k).(type) {
case nil:
	fmt.Println("nil")
default:
	fmt.Printf("%T %v\\n", v, v)
}
""",
    # struct with embedded pointer to struct, promoted fields through the pointer
    """
type inner struct{ V int }
type outer struct {
	*inner
	W int
}
o := outer{&inner{$k}, 2}
o.V++
o2 := o
o2.V += 10
fmt.Println(o.V, o2.V, o.W, o.inner == o2.inner)
""",
    # goto forward, labeled block
    """
i := 0
if i == 0 {
	goto done
}
fmt.Println("skipped")
done:
fmt.Println("done", i+$k)
""",
]


SYNTAX_SWITCH_IFACE = """
var i interface{} = $k > 4
switch {
case i:
	fmt.Println("i is true")
case false:
	fmt.Println("false")
default:
	fmt.Println("default")
}
"""

SYNTAX.append("""
switch v := interface{}($k); v {
case 42, "s":
	fmt.Println("no")
case $k:
	fmt.Println("matched", v)
default:
	fmt.Println("default")
}
""")


def fam_syntax(g):
    """Less common but valid forms: elided composite literals, struct conversions, rune
    arithmetic, blank parameters, untyped bool constants, embedded pointers, goto."""
    opts = SYNTAX + ([] if 'tagless_switch_interface_case' in KNOWN_BUGS else [SYNTAX_SWITCH_IFACE])
    for e in g.rng.sample(opts, g.rng.randint(2, 4)):
        tag = '' if 'struct_conversion_ignoring_tags' in KNOWN_BUGS else '`json:"n"`'
        scoped(g, lines(T(e, v=g.rng.randint(-9, 99), k=g.rng.randint(0, 9), tag=tag)))


def fam_chan(g):
    """Channel semantics: buffered len/cap, draining a closed buffered channel, receive
    from nil channel in a select, send cases in select, channels of channels, directional
    channel conversions, sync.RWMutex, sync/atomic, sync.Cond hand-off."""
    r = g.rng.random()
    n = g.rng.randint(1, 6)
    if r < 0.15:
        scoped(g, lines(T("""
ch := make(chan int, $n)
for i := 0; i < $n; i++ {
	ch <- i * i
}
fmt.Println(len(ch), cap(ch))
close(ch)
sum := 0
for v := range ch {
	sum += v
}
v, ok := <-ch
fmt.Println(sum, v, ok, len(ch))
""", n=n)))
    elif r < 0.3:
        scoped(g, lines(T("""
ch := make(chan int, $n)
for i := 0; i < $n; i++ {
	ch <- i
}
close(ch)
sum, n := 0, 0
loop:
	for {
		n++
		select {
		case v, ok := <-ch:
			if !ok {
				break loop
			}
			if v%2 == 0 {
				continue
			}
			if v == $k {
				break
			}
			sum += v
		}
		sum += 100
	}
fmt.Println(sum, n)
""", n=n, k=g.rng.randint(0, 6))))
    elif r < 0.4:
        scoped(g, lines(T("""
var nilc chan int
out := make(chan int, 1)
sent := 0
for i := 0; i < $n; i++ {
	select {
	case v := <-nilc:
		fmt.Println("impossible", v)
	case out <- i:
		sent++
	default:
		fmt.Println("full at", i, <-out)
	}
}
fmt.Println(sent, len(out))
""", n=n)))
    elif r < 0.55:
        scoped(g, lines(T("""
reqs := make(chan chan int)
go func() {
	for i := 0; i < $n; i++ {
		reply := <-reqs
		reply <- i * 10
	}
}()
total := 0
for i := 0; i < $n; i++ {
	reply := make(chan int)
	reqs <- reply
	total += <-reply
}
fmt.Println(total)
""", n=n)))
    elif r < 0.7:
        scoped(g, lines(T("""
var mu sync.RWMutex
var wg sync.WaitGroup
data := map[int]int{}
for i := 0; i < $n; i++ {
	wg.Add(1)
	go func(i int) {
		defer wg.Done()
		mu.Lock()
		data[i%3] += i
		mu.Unlock()
		mu.RLock()
		_ = data[0]
		mu.RUnlock()
	}(i)
}
wg.Wait()
fmt.Println(data)
""", n=n)))
    elif r < 0.85:
        scoped(g, lines(T("""
var cnt int64
var flag int32
var wg sync.WaitGroup
for i := 0; i < $n; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := 0; j < 100; j++ {
			atomic.AddInt64(&cnt, 2)
		}
		atomic.CompareAndSwapInt32(&flag, 0, 1)
	}()
}
wg.Wait()
var a atomic.Int64
a.Store(cnt)
a.Add(-1)
fmt.Println(atomic.LoadInt64(&cnt), atomic.LoadInt32(&flag), a.Load())
""", n=n)))
    else:
        scoped(g, lines(T("""
var mu sync.Mutex
cond := sync.NewCond(&mu)
ready := 0
var wg sync.WaitGroup
for i := 0; i < $n; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		ready++
		cond.Broadcast()
		mu.Unlock()
	}()
}
mu.Lock()
for ready < $n {
	cond.Wait()
}
mu.Unlock()
wg.Wait()
fmt.Println("ready", ready)
var send chan<- int
var recv <-chan int
c := make(chan int, 1)
send, recv = c, c
send <- $n
fmt.Println(<-recv)
""", n=n)))


MULTI = [
    # (template, known bug it needs)
    ("""
two := func(a []int) ([]int, []int) { return a, []int{$n, $n + 1} }
keyed := func(m map[string]int) (map[string]int, string) { return m, "k" }
a := []int{1, 2, 3}
n := copy(two(a))
m := map[string]int{"k": 1, "j": 2}
delete(keyed(m))
fmt.Println(n, a, m)
""", 'multi_value_builtin_args'),
    ("""
fmt.Println($pair())
a, b := $pair()
fmt.Println(a+1, b+"!")
$take($pair())
""", None),
    ("""
fmt.Println($sum($ints()))
""", 'multi_value_to_variadic'),
    ("""
var x interface{}
var err error
x, err = strconv.Atoi("$n")
var a, b interface{} = $pair()
fmt.Println(x, err, a, b)
""", 'multi_value_assign_to_interface'),
    ("""
m := map[string]int{"k": $n}
var v interface{}
var ok bool
v, ok = m["k"]
var e interface{} = m["missing"]
fmt.Println(v, ok, e)
""", 'comma_ok_into_interface'),
    ("""
var i interface{} = $n
ch := make(chan int, 1)
ch <- $n
var v, w interface{}
var ok, ok2 bool
v, ok = i.(int)
w, ok2 = <-ch
fmt.Println(v, ok, w, ok2)
""", 'comma_ok_into_interface'),
    ("""
var v interface{}
for _, v = range []int{$n, $n + 1} {
}
fmt.Println(v)
""", 'range_assign_to_interface'),
    ("""
var x interface{} = "unset"
ch := make(chan int, 1)
ch <- $n
select {
case x = <-ch:
}
fmt.Println(x)
""", 'select_recv_into_interface'),
    ("""
fmt.Println($parse("$n"))
fmt.Println($parse("x$n"))
""", 'multi_value_return_to_interface'),
    ("""
var i interface{} = $n
var s fmt.Stringer
n, ok := i.(int)
s, ok2 := i.(fmt.Stringer)
fmt.Println(n, ok, s == nil, ok2)
""", None),
]


def fam_multi(g):
    """Calls with several results in every context (arguments, variadic arguments,
    assignments and declarations, returns), converting to interfaces on the way."""
    P, S, TK, IN, PA = g.tname('pair'), g.tname('sum'), g.tname('take'), g.tname('ints'), g.tname('parse')
    g.f.decls.append(T(r"""func $P() (int, string) { return $n, "s$n" }

func $S(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func $TK(a interface{}, b interface{}) { fmt.Println(a, b) }

func $IN() (int, int, int) { return 1, 2, $n }""", P=P, S=S, TK=TK, IN=IN, n=g.rng.randint(0, 9)))
    if 'multi_value_return_to_interface' not in KNOWN_BUGS:
        g.f.decls.append(T(r"""func $PA(s string) (interface{}, error) {
	return strconv.Atoi(s)
}""", PA=PA))
    opts = [t for t, bug in MULTI if bug is None or bug not in KNOWN_BUGS]
    for o in g.rng.sample(opts, g.rng.randint(1, min(3, len(opts)))):
        scoped(g, lines(T(o, pair=P, sum=S, take=TK, ints=IN, parse=PA, n=g.rng.randint(0, 99))))


def fam_globals(g):
    """Package-level variables initialised in dependency order (not declaration order),
    initialisers with side effects, package-level constants and types declared after use,
    closures and methods over package state."""
    i = g.idx
    k1, k2 = g.rng.randint(1, 9), g.rng.randint(1, 9)
    multi = 'package_var_multi_value' not in KNOWN_BUGS
    g.f.decls.append(T(r"""$first
var gA$i = gB$i*$k1 + gF$i("a")
var gC$i = len(gLog$i)
$gb
var gD$i, gE$i = $de
$later
var gCount$i = func() int {
	n := 0
	for _, s := range gLog$i {
		n += len(s)
	}
	return n
}()

const gK$i = $k2

type gT$i struct{ items []string }

var gObj$i = &gT$i{items: []string{"x"}}

func (t *gT$i) add(s string) int {
	t.items = append(t.items, s)
	return len(t.items)
}

var gAdded$i = gObj$i.add("init")

func gF$i(s string) int {
	gLog$i = append(gLog$i, s)
	return len(gLog$i) * 10
}

func gPair$i() (int, string) { return gF$i("p"), "pair" }""", i=i, k1=k1, k2=k2,
        de=('gPair%d()' % i) if multi else ('gF%d("p"), "pair"' % i),
        first=('var gLog%d []string\nvar gB%d = gF%d("b") + gK%d' % (i, i, i, i)) if 'package_init_order' in KNOWN_BUGS else '',
        gb='' if 'package_init_order' in KNOWN_BUGS else ('var gB%d = gF%d("b") + gK%d' % (i, i, i)),
        later='' if 'package_init_order' in KNOWN_BUGS else ('var gLog%d []string' % i)))
    g.f.body.append(T('fmt.Println(gA$i, gB$i, gC$i, gD$i, gE$i, gCount$i, gLog$i, gAdded$i, gObj$i.items)', i=i))
    if 'package_init_via_methods' not in KNOWN_BUGS:
        g.f.decls.append(T(r"""type gM$i int

func (gM$i) get() int { return gLate$i }

var gViaMethod$i = gM$i(0).get()
var gViaExpr$i = gM$i.get(0)
var gLate$i = gF$i("late")""", i=i))
        g.f.body.append(T('fmt.Println(gViaMethod$i, gViaExpr$i, gLate$i)', i=i))
    g.f.body.append(T('gB$i++', i=i))
    g.f.body.append(T('fmt.Println(gF$i("call"), gB$i, gObj$i.add("later"), gK$i*2)', i=i))


def fam_flow(g):
    """Randomly nested control flow over integer variables: if/else-if chains, labeled
    nested loops with break/continue on computed conditions, switch with fallthrough and
    default in any position, closures called on the spot with deferred prints."""
    for t in g.rng.sample(INT_TYPES, g.rng.randint(1, 3)):
        for _ in range(g.rng.randint(1, 2)):
            s, v = declare(g, t, g.int_lit(t))
            g.f.body.append(s)
            g.vars.append(v)
    cnt = g.fresh('steps')
    g.f.body.append('%s := 0' % cnt)
    g.flow_labels = []
    g.flow_cnt = cnt
    g.f.body.extend(flow_block(g, 3, loops=[]))
    g.f.body.extend(print_vars(g, g.vars))
    g.f.body.append('fmt.Println(%s)' % cnt)


def flow_block(g, d, loops):
    """Statements; loops lists the enclosing loops as (label or None, used flag list)."""
    out = []
    for _ in range(g.rng.randint(1, 4 if d > 0 else 2)):
        r = g.rng.random()
        if d <= 0 or r < 0.3:
            out.extend(arith_stmt(g, 2, decl=False))
            continue
        if r < 0.45:
            c = g.gen_bool(2)
            more = []
            for _ in range(g.rng.randint(0, 2)):
                more.append(('} else if %s {' % g.gen_bool(2).code, flow_block(g, d - 1, loops)))
            if g.chance(0.5):
                more.append(('} else {', flow_block(g, d - 1, loops)))
            out.append(Block('if %s {' % c.code, flow_block(g, d - 1, loops), more=more))
        elif r < 0.65:
            i = g.fresh('i')
            n = g.rng.randint(0, 5)
            lab = g.fresh('L')
            used = []
            inner = loops + [(lab, used)]
            body = ['%s++' % g.flow_cnt]
            if g.chance(0.6):
                # a computed exit or skip, to this loop or an outer one
                tgt_lab, tgt_used = g.choice(inner)
                kind = g.choice(['break', 'continue'])
                cond = '%s%%%d == %d' % (i, g.rng.randint(2, 4), g.rng.randint(0, 2))
                if tgt_lab == lab and g.chance(0.5):
                    body.append(Block('if %s {' % cond, ['%s' % kind]))
                else:
                    tgt_used.append(True)
                    body.append(Block('if %s {' % cond, ['%s %s' % (kind, tgt_lab)]))
            body.extend(flow_block(g, d - 1, inner))
            head = 'for %s := 0; %s < %d; %s++ {' % (i, i, n, i)
            blk = Block(head, body)
            if used:
                out.append(lab + ':')
            out.append(blk)
        elif r < 0.8:
            v = g.choice([x for x in g.vars if x.t in INT_INFO])
            m = g.rng.randint(2, 5)
            cases = g.rng.sample(range(m), g.rng.randint(1, m))
            clauses = []
            for k, cv in enumerate(cases):
                body = flow_block(g, d - 1, loops)
                if k + 1 < len(cases) and g.chance(0.3):
                    body = body + ['fallthrough']
                clauses.append(('case %d:' % cv, body))
            if g.chance(0.5):
                pos = g.rng.randint(0, len(clauses))
                clauses.insert(pos, ('default:', flow_block(g, d - 1, loops) + ['%s += 100' % g.flow_cnt]))
                # fallthrough into or out of default is fine; none after the last clause
                if pos == len(clauses) - 1 and clauses[pos][1] and clauses[pos][1][-1] == 'fallthrough':
                    clauses[pos][1].pop()
            if clauses[-1][1] and clauses[-1][1][-1] == 'fallthrough':
                clauses[-1][1].pop()
            out.append(Block('switch int(%s %% %d) {' % (v.name, m), [], more=clauses))
        else:
            # a closure called on the spot: captures the variables (not loop variables)
            body = ['defer fmt.Println("closure done", %s)' % g.flow_cnt] + flow_block(g, d - 1, [])
            out.append(Block('func() {', body, '}()'))
    return out


FAMILIES = {
    'arith': (fam_arith, 14), 'shift': (fam_shift, 6), 'conv': (fam_conv, 5), 'float': (fam_float, 6),
    'const': (fam_const, 5), 'string': (fam_string, 8), 'strconv': (fam_strconv, 3),
    'slice': (fam_slice, 7), 'map': (fam_map, 6), 'struct': (fam_struct, 5),
    'pointer': (fam_pointer, 4), 'array': (fam_array, 4), 'closure': (fam_closure, 5),
    'defer': (fam_defer, 4), 'panic': (fam_panic, 5), 'control': (fam_control, 4),
    'method': (fam_method, 5), 'sort': (fam_sort, 2), 'goroutine': (fam_goroutine, 5),
    'recursion': (fam_recursion, 3), 'fmt': (fam_fmt, 4), 'funcs': (fam_funcs, 4),
    'named': (fam_named, 3), 'loops': (fam_loops, 4), 'bits': (fam_bits, 3),
    'mixed': (fam_mixed, 12), 'assign': (fam_assign, 4), 'shadow': (fam_shadow, 2),
    'edge': (fam_edge, 4), 'math': (fam_math, 3), 'syntax': (fam_syntax, 3), 'chan': (fam_chan, 3),
    'multi': (fam_multi, 3), 'globals': (fam_globals, 2), 'flow': (fam_flow, 6),
}


def gen_func(seed, idx, family=None):
    rng = random.Random('%s/%d' % (seed, idx))
    if family is None:
        names = list(FAMILIES)
        family = rng.choices(names, weights=[FAMILIES[n][1] for n in names])[0]
    g = G(rng, idx)
    g.f.family = family
    FAMILIES[family][0](g)
    return g.f


UNCAUGHT = [
    'var m map[int]string\n\tm[$k] = "x"',
    'xs := []int{$k}\n\ti := $k + 1\n\tfmt.Println(xs[i])',
    'panic("fatal $k")',
    'panic(fmt.Errorf("error value $k"))',
    'var p *int\n\tfmt.Println(*p + $k)',
    'a, b := $k, 0\n\tfmt.Println(a / b)',
    'defer func() {\n\t\tpanic(fmt.Sprint("second ", recover()))\n\t}()\n\tpanic("first $k")',
    'defer fmt.Println("deferred runs first")\n\tpanic($k)',
    'var i interface{} = "s"\n\tfmt.Println(i.(int) + $k)',
    'ch := make(chan int)\n\tfmt.Println("waiting", $k)\n\t<-ch',
    'fmt.Println("select", $k)\n\tselect {}',
    'var wg sync.WaitGroup\n\twg.Add($k)\n\twg.Wait()',
    'var mu sync.Mutex\n\tmu.Lock()\n\tmu.Lock()',
    'done := make(chan bool)\n\tgo func() {\n\t\tpanic("in goroutine $k")\n\t}()\n\t<-done',
    'defer fmt.Println("not printed")\n\tos.Exit($k)',
    'ch := make(chan int, 1)\n\tch <- $k\n\tch <- $k',
    'panic(fmt.Sprintf("%v|%q", []int{$k}, "x"))',
    'var e error\n\tfmt.Println(e.Error())',
    'var m map[string][]int\n\tm["a"] = append(m["a"], $k)',
    'defer func() {\n\t\tpanic("second $k")\n\t}()\n\tpanic("first")',
    'var mu sync.Mutex\n\tmu.Unlock()',
    'var wg sync.WaitGroup\n\twg.Done()',
    'defer func() {\n\t\tpanic(fmt.Errorf("second %d", recover()))\n\t}()\n\tpanic($k)',
]


def generate(seed, nfuncs=100, uncaught=None):
    """A program: a list of Funcs."""
    rng = random.Random('%s/program' % seed)
    funcs = [gen_func(seed, i) for i in range(nfuncs)]
    if uncaught is None:
        uncaught = rng.random() < 0.2
    if uncaught:
        f = Func('f%d' % nfuncs, 'uncaught')
        f.uncaught = True
        f.body = [T(rng.choice(UNCAUGHT), k=rng.randint(1, 9)).replace('\n\t', '\n')]
        funcs.append(f)
    return funcs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('seed')
    ap.add_argument('--funcs', type=int, default=100)
    ap.add_argument('--family', help='only functions of this family')
    args = ap.parse_args()
    if args.family:
        funcs = [gen_func(args.seed, i, args.family) for i in range(args.funcs)]
    else:
        funcs = generate(args.seed, args.funcs)
    sys.stdout.write(render_program(funcs))


if __name__ == '__main__':
    main()
