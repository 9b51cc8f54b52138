#!/usr/bin/env python3
"""errorcheck.py PROGRAM.gol OUTPUT: checks gol's diagnostics against the program's inline
expectations, as Go's test/ and go/types testdata state them.

  x := 1 // ERROR "declared and not used: x"
      an error on this line whose message matches the regular expression (any column);
      several quoted patterns on one comment expect several errors on that line.
  if /* ERROR "missing condition in if statement" */ {
      an error at the column of the token right after the comment (Gol's own form: it
      pins the column as the .out files do).

Patterns are Go-quoted strings ("..." or `...`) holding regular expressions, searched in
the message (the text after `file:LINE:COL: `, with any tab-indented lines that follow
it). Every expectation must be met by one of gol's diagnostics and every diagnostic must
meet one; anything else gol printed is a failure. Exits 0 when all match, 1 otherwise
(and says why).
"""
import ast
import re
import sys

PATTERN = r'"(?:[^"\\]|\\.)*"|`[^`]*`'
LINE_COMMENT = re.compile(r"//\s*ERROR\s+((?:(?:" + PATTERN + r")\s*)+)$")
BLOCK_COMMENT = re.compile(r"/\*\s*ERROR\s+((?:(?:" + PATTERN + r")\s*)+)\*/\s*")


def unquote(q):
    if q.startswith("`"):
        return q[1:-1]
    return ast.literal_eval(q)


def expectations(source_lines):
    """[(line, col or None, regexp text)]"""
    wants = []
    for n, text in enumerate(source_lines, start=1):
        for m in BLOCK_COMMENT.finditer(text):
            col = len(text[: m.end()].encode()) + 1
            for q in re.findall(PATTERN, m.group(1)):
                wants.append((n, col, unquote(q)))
        m = LINE_COMMENT.search(text)
        if m and not BLOCK_COMMENT.search(text[m.start():]):
            for q in re.findall(PATTERN, m.group(1)):
                wants.append((n, None, unquote(q)))
    return wants


def diagnostics(name, output, problems):
    """[(line, col, message)] from gol's output."""
    diags = []
    head = re.compile(re.escape(name) + r":(\d+):(\d+): (.*)$")
    for text in output.split("\n"):
        if text == "":
            continue
        m = head.match(text)
        if m:
            diags.append([int(m.group(1)), int(m.group(2)), m.group(3)])
        elif text.startswith("\t") and diags:
            diags[-1][2] += "\n" + text
        else:
            problems.append("unexpected output: " + text)
    return diags


def main():
    program, output_file = sys.argv[1], sys.argv[2]
    name = program.rsplit("/", 1)[-1]
    source = open(program, encoding="utf-8", errors="replace").read().split("\n")
    output = open(output_file, encoding="utf-8", errors="replace").read()
    problems = []
    wants = expectations(source)
    if not wants:
        print("FAIL: %s has no ERROR comments" % program)
        return 1
    left = diagnostics(name, output, problems)
    for line, col, rx in wants:
        try:
            regexp = re.compile(rx, re.S)
        except re.error as e:
            problems.append("%s:%d: bad pattern %r: %s" % (name, line, rx, e))
            continue
        hit = None
        for d in left:
            if d[0] == line and (col is None or d[1] == col) and regexp.search(d[2]):
                hit = d
                break
        if hit:
            left.remove(hit)
        else:
            at = "%d:%d" % (line, col) if col else "%d" % line
            problems.append("%s:%s: no error matching %r" % (name, at, rx))
    for d in left:
        problems.append("unexpected error: %s:%d:%d: %s" % (name, d[0], d[1], d[2]))
    for p in problems:
        print("FAIL: " + p)
    if problems:
        print("gol printed:\n" + output, end="")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
