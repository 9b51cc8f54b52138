#!/usr/bin/env bash
# check_tutorial.sh README.md: the tutorial's code blocks cannot drift from the example
# files. A fenced block whose preceding non-blank line ends with `examples/NAME.gol`:
# (the file named in backquotes, then a colon) must equal that file byte for byte
# (with the file's final newline). Every ```go block must be named this way, so none
# escapes the check. Fails if a block differs, a named file is missing, or no block
# is checked at all.
set -u
readme=$1
root=$(cd "$(dirname "$readme")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Extract each named block to $work/N.block and list "N NAME" in $work/manifest;
# a ```go block without a name is listed as "N -".
awk -v dir="$work" '
  inblock {
    if ($0 ~ /^```[ \t]*$/) { inblock = 0; close(out); prev = ""; next }
    print > out
    next
  }
  /^```/ {
    n++
    name = "-"
    if (match(prev, /`examples\/[^`]+\.gol`:[ \t]*$/)) {
      name = substr(prev, RSTART + 1, RLENGTH - 1)
      sub(/`:[ \t]*$/, "", name)
    }
    out = dir "/" n ".block"
    printf "" > out
    if (name != "-" || $0 ~ /^```go[ \t]*$/) print n, name, NR >> (dir "/manifest")
    inblock = 1
    next
  }
  /[^ \t]/ { prev = $0 }
' "$readme"

status=0
checked=0
if [ ! -f "$work/manifest" ]; then
  echo "FAIL: $readme has no code block naming an example file"
  exit 1
fi
while read -r n name line; do
  if [ "$name" = "-" ]; then
    echo "FAIL: $readme:$line: a go block that names no example file (put \`examples/NAME.gol\`: on the line before it)"
    status=1
    continue
  fi
  file="$root/$name"
  if [ ! -f "$file" ]; then
    echo "FAIL: $readme:$line: $name does not exist"
    status=1
    continue
  fi
  if ! diff -u "$file" "$work/$n.block" > "$work/diff"; then
    echo "FAIL: $readme:$line: the block differs from $name (- file, + tutorial)"
    cat "$work/diff"
    status=1
  fi
  checked=$((checked + 1))
done < "$work/manifest"
if [ "$checked" = 0 ]; then
  echo "FAIL: $readme: no block was checked"
  status=1
fi
[ "$status" = 0 ] && echo "$checked tutorial blocks equal their example files"
exit $status
