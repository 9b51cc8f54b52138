// Emits GoogleTest expectations for format_test.cpp from Go's own fmt.
package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

func cq(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '?':
			b.WriteString("\\?")
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\%03o", c)
		}
	}
	b.WriteByte('"')
	return b.String() + "sv"
}

func ff(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NAN"
	case math.IsInf(v, 1):
		return "INFINITY"
	case math.IsInf(v, -1):
		return "-INFINITY"
	case v == 0 && math.Signbit(v):
		return "-0.0"
	}
	return strconv.FormatFloat(v, 'x', -1, 64)
}

func arg(a any) string {
	switch v := a.(type) {
	case nil:
		return "Nil()"
	case bool:
		return fmt.Sprintf("B(%v)", v)
	case int:
		if v == math.MinInt64 {
			return "I(INT64_MIN)"
		}
		return fmt.Sprintf("I(%d)", v)
	case int8:
		return fmt.Sprintf("I8(%d)", v)
	case int16:
		return fmt.Sprintf("I16(%d)", v)
	case int32:
		return fmt.Sprintf("R(%d)", v)
	case int64:
		if v == math.MinInt64 {
			return "I64(INT64_MIN)"
		}
		return fmt.Sprintf("I64(%d)", v)
	case uint:
		return fmt.Sprintf("U(%dull)", v)
	case uint8:
		return fmt.Sprintf("U8(%d)", v)
	case uint16:
		return fmt.Sprintf("U16(%d)", v)
	case uint32:
		return fmt.Sprintf("U32(%d)", v)
	case uint64:
		return fmt.Sprintf("U64(%dull)", v)
	case uintptr:
		return fmt.Sprintf("UP(%d)", v)
	case float32:
		return "F32(" + ff(float64(v)) + ")"
	case float64:
		return "F64(" + ff(v) + ")"
	case string:
		return "S(" + cq(v) + ")"
	}
	panic("type")
}

type c struct {
	f string
	a []any
}

func main() {
	mode := "printf"
	_ = mode
	nan := math.NaN()
	inf := math.Inf(1)
	var cases []c
	add := func(f string, a ...any) { cases = append(cases, c{f, a}) }
	ints := []any{0, 1, -1, 42, -42, 255, 1234567, math.MaxInt64, math.MinInt64, int8(-128), int16(300), int32(0x1F600), int64(-5), uint(7), uint8(200), uint16(65535), uint32(4000000000), uint64(math.MaxUint64), uintptr(0x1000)}
	for _, v := range ints {
		for _, f := range []string{"%v", "%d", "%+d", "% d", "%5d", "%-5d|", "%05d", "%.3d", "%8.3d", "%x", "%X", "%#x", "%#X", "%o", "%#o", "%O", "%b", "%#b", "%#v", "%T", "%c", "%q", "%+q", "%U", "%#U", "%s", "%t", "%e", "%p", "%08.3d", "%-08d|", "%+05d", "% 05d", "%x.", "%#08x", "% x", "%.0d", "%5.0d|", "%6.2U", "%#10U|"} {
			add(f, v)
		}
	}
	floats := []any{0.0, math.Copysign(0, -1), 1.0, -1.5, 3.14159265358979, 1e6, 1e20, 1e21, 123456789.0, 0.0001, 0.00001, 1e-7, 2.5, 0.5, 1.5, 100.0, 1.0 / 3, 2.0 / 3, 5e-324, math.MaxFloat64, 1e100, 12345.678, nan, inf, -inf,
		float32(0.1), float32(1.0 / 3), float32(1e7), float32(3.4028235e38), float32(-2.5), float32(16777216), float32(1e-10)}
	for _, v := range floats {
		for _, f := range []string{"%v", "%g", "%G", "%e", "%E", "%f", "%F", "%.2f", "%.0f", "%.3e", "%.3g", "%.10g", "%10.3f|", "%-10.3f|", "%010.3f", "%+.2f", "% .2f", "%+v", "%#v", "%#g", "%#.3g", "%#e", "%#.0f", "%#.0e", "%x", "%X", "%.3x", "%#x", "%b", "%T", "%d", "%s", "%q", "%08v", "%+08.2f", "%-08.2f|", "% 010.4e", "%.20f", "%.17g", "%.30e", "%8v|", "%-8v|", "%.1f", "%.100f"} {
			add(f, v)
		}
	}
	strs := []any{"", "hi", "hello, world", "héllo", "日本語", "tab\there", "quote\"back\\", "new\nline", "\x00\x01\x7f", "bad\xffutf8", "`raw`", "\u00a0nbsp", "\U0001F600", "\u2028", "\ufeffbom", "a\u0301"}
	for _, v := range strs {
		for _, f := range []string{"%v", "%s", "%q", "%+q", "%#q", "%x", "%X", "% x", "% X", "%#x", "%# x", "%# X", "%10s|", "%-10s|", "%.2s", "%.0s|", "%5.1s|", "%010s", "%-010s|", "%#v", "%T", "%d", "%t", "%c", "%.3x", "%20q|", "%-20q|", "%08q", "%x|%X", "%8x|", "%-8x|", "%.1q"} {
			add(f, v)
		}
	}
	for _, v := range []any{true, false} {
		for _, f := range []string{"%v", "%t", "%5t|", "%-6t|", "%#v", "%T", "%d", "%s", "%q", "%08t"} {
			add(f, v)
		}
	}
	// nil
	for _, f := range []string{"%v", "%d", "%T", "%s", "%10v|", "%q"} {
		add(f, nil)
	}
	// Argument errors, indexes, star.
	add("%d %d", 1)
	add("%d", 1, 2)
	add("%d", 1, "x", 3.5, nil)
	add("%s", "a", true)
	add("%!", 1)
	add("%", 1)
	add("%5", 1)
	add("%.", 1)
	add("%-", 1)
	add("abc%")
	add("%%")
	add("%5%")
	add("100%% sure %d", 5)
	add("%z", 1)
	add("%z", "s")
	add("%☺", 3)
	add("%[2]d %[1]d", 1, 2)
	add("%[3]d", 1, 2)
	add("%[0]d", 1)
	add("%[x]d", 1)
	add("%[2]*[1]d", 12, 5)
	add("%[1]d %d %d", 1, 2)
	add("%[2]d %d", 1, 2, 3)
	add("%*d", 5, 42)
	add("%-*d|", 5, 42)
	add("%*d|", -5, 42)
	add("%.*f", 2, 3.14159)
	add("%.*f", -1, 3.14159)
	add("%*.*f|", 10, 3, 3.14159)
	add("%*d", "x", 42)
	add("%.*d", "x", 42)
	add("%*d", 10000000, 42)
	add("%*d", uint(3), 42)
	add("%*d", int8(-4), 42)
	add("%[1]*d", 3)
	add("%[2]2d", 1, 2)
	add("%[2].2d", 1, 2)
	add("%.[2]d", 1, 2)
	add("%d %s %v %t %q", 10, "str", 2.5, true, 'x')
	add("%v %v", int32('a'), uint8('a'))
	add("%c|%c|%c", 65, 0x1F600, -1)
	add("%c", 0x110000)
	add("%q", 0x110000)
	add("%q", -1)
	add("%U", -1)
	add("%#U", 0x1F600)
	add("%x", -255)
	add("%#o", 0)
	add("%#x", 0)
	add("%.0x", 0)
	add("%#.0x|", 0)
	add("%6.2f%%", 99.5)
	add("%v|%5v|%-5v|", "a", "b", "c")
	add("%3c|%-3c|", 'x', 'y')
	add("%05s", "ab")
	add("%.5d", -42)
	add("%+.5d", 42)
	add("%010.5d|", 42)
	add("%-+5d|", 3)
	add("% +d", 3)
	add("%+ d", 3)
	add("%#-10x|", 255)
	add("%e", 1e-300)
	add("%g", 1e-300)
	add("%.3g", 100.0)
	add("%.3g", 1.0)
	add("%g", 100000.0)
	add("%g", 1000000.0)
	add("%.5g", 123456.0)
	add("%#.5g", 1.0)
	add("%#g", 1e6)
	add("%#g", 123456789.0)
	add("%#.4x", 1.0)
	add("%#x", 1.0)
	add("%10.4v|", 3.14159265)
	add("%.2v", 3.14159265)
	add("%.2v", "abc")
	add("%v %v", float32(0.1), 0.1)
	add("%T %T %T %T", 1, "s", 2.0, float32(2))
	add("%T %T %T", int8(1), uint8(1), int32(1))
	add("%x", "hello")
	add("%X", "\xff\x00")

	fmt.Println("// Generated by stdlib/tools/gen_fmt_cases.go from Go's fmt (go run gen_fmt_cases.go > fmt_cases.inc).")
	fmt.Println("// {format, args, Sprintf}; format \"\" marks Sprint/Sprintln rows below.")
	for _, cs := range cases {
		var args []string
		for _, a := range cs.a {
			args = append(args, arg(a))
		}
		got := fmt.Sprintf(cs.f, cs.a...)
		fmt.Printf("{%s, {%s}, %s},\n", cq(cs.f), strings.Join(args, ", "), cq(got))
	}
	// Print and Println.
	pl := [][]any{
		{}, {1}, {1, 2}, {"a", "b"}, {"a", 1, 2, "b", "c", 3.5, true}, {1, "x", 2}, {nil, nil, 1}, {1.0, float32(2.5), 1e6, 1e21, 1e-5},
		{int8(-3), uint64(18446744073709551615), 'x', byte('x')}, {"", ""}, {1, ""}, {math.NaN(), math.Inf(-1)},
	}
	for _, a := range pl {
		var args []string
		for _, x := range a {
			args = append(args, arg(x))
		}
		fmt.Printf("{PRINT, {%s}, %s},\n", strings.Join(args, ", "), cq(fmt.Sprint(a...)))
		fmt.Printf("{PRINTLN, {%s}, %s},\n", strings.Join(args, ", "), cq(fmt.Sprintln(a...)))
	}
}
