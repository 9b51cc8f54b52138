#include "stdlib/format.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stdlib/test_values.h"

namespace gol::stdlib::fmt {
namespace {

using namespace std::literals;
using namespace gol::stdlib::testing;

std::string printf(std::string_view format, std::vector<values::AnyValue> args) {
  return sprintf(format, args);
}
std::string print(std::vector<values::AnyValue> args) {
  return sprint(args);
}
std::string println(std::vector<values::AnyValue> args) {
  return sprintln(args);
}

// A constant operand of the generated table (no dynamic initialisation: the table is big).
struct Arg {
  char kind = 0;  // 0 none, 'n' nil, else the BasicKind + 1
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
  std::string_view s;
};

struct Case {
  std::string_view format;
  Arg args[8];
  std::string_view want;
};

constexpr char kindCode(BasicKind k) {
  return static_cast<char>(static_cast<int>(k) + 1);
}

namespace table {
constexpr Arg I(int64_t v) {
  return Arg{kindCode(BasicKind::Int), v};
}
constexpr Arg I8(int64_t v) {
  return Arg{kindCode(BasicKind::Int8), v};
}
constexpr Arg I16(int64_t v) {
  return Arg{kindCode(BasicKind::Int16), v};
}
constexpr Arg R(int64_t v) {
  return Arg{kindCode(BasicKind::Int32), v};
}
constexpr Arg I64(int64_t v) {
  return Arg{kindCode(BasicKind::Int64), v};
}
constexpr Arg U(uint64_t v) {
  return Arg{kindCode(BasicKind::Uint), 0, v};
}
constexpr Arg U8(uint64_t v) {
  return Arg{kindCode(BasicKind::Uint8), 0, v};
}
constexpr Arg U16(uint64_t v) {
  return Arg{kindCode(BasicKind::Uint16), 0, v};
}
constexpr Arg U32(uint64_t v) {
  return Arg{kindCode(BasicKind::Uint32), 0, v};
}
constexpr Arg U64(uint64_t v) {
  return Arg{kindCode(BasicKind::Uint64), 0, v};
}
constexpr Arg UP(uint64_t v) {
  return Arg{kindCode(BasicKind::Uintptr), 0, v};
}
constexpr Arg F64(double v) {
  return Arg{kindCode(BasicKind::Float64), 0, 0, v};
}
constexpr Arg F32(double v) {
  return Arg{kindCode(BasicKind::Float32), 0, 0, v};
}
constexpr Arg B(bool v) {
  return Arg{kindCode(BasicKind::Bool), v ? 1 : 0};
}
constexpr Arg S(std::string_view v) {
  return Arg{kindCode(BasicKind::String), 0, 0, 0, v};
}
constexpr Arg Nil() {
  return Arg{'n'};
}

// Formats that mark the Print and Println rows of the generated table.
constexpr std::string_view PRINT = "\x01print"sv;
constexpr std::string_view PRINTLN = "\x01println"sv;

constexpr Case kCases[] = {
#include "stdlib/fmt_cases.inc"
};
}  // namespace table

std::vector<values::AnyValue> operands(const Case& c) {
  std::vector<values::AnyValue> out;
  for (const Arg& a : c.args) {
    if (a.kind == 0) break;
    if (a.kind == 'n') {
      out.push_back(Nil());
      continue;
    }
    auto k = static_cast<BasicKind>(a.kind - 1);
    switch (k) {
      case BasicKind::Float64: out.push_back(F64(a.f)); break;
      case BasicKind::Float32: out.push_back(F32(a.f)); break;
      case BasicKind::String: out.push_back(S(a.s)); break;
      case BasicKind::Uint:
      case BasicKind::Uint8:
      case BasicKind::Uint16:
      case BasicKind::Uint32:
      case BasicKind::Uint64:
      case BasicKind::Uintptr: out.push_back(unsignedValue(k, a.u)); break;
      default: out.push_back(typed(k, values::intValue(a.i)));
    }
  }
  return out;
}

// Every row of the table generated from Go's fmt (tools/gen_fmt_cases.go).
TEST(Format, MatchesGo) {
  int failures = 0;
  for (const Case& c : table::kCases) {
    std::vector<values::AnyValue> args = operands(c);
    std::string got;
    if (c.format == table::PRINT) {
      got = sprint(args);
    } else if (c.format == table::PRINTLN) {
      got = sprintln(args);
    } else {
      got = sprintf(c.format, args);
    }
    if (got != c.want && ++failures <= 60) {
      ADD_FAILURE() << "format " << c.format << " (" << args.size() << " args): got [" << got
                    << "] want [" << c.want << "]";
    }
  }
  EXPECT_EQ(failures, 0) << "of " << std::size(table::kCases) << " cases";
  EXPECT_GT(std::size(table::kCases), 2500u);
}

TEST(Format, PrintSpacing) {
  EXPECT_EQ(print({I(1), I(2)}), "1 2");
  EXPECT_EQ(print({S("a"), I(1), I(2), S("b")}), "a1 2b");
  EXPECT_EQ(print({S("a"), S("b")}), "ab");
  EXPECT_EQ(println({S("a"), S("b"), I(3)}), "a b 3\n");
  EXPECT_EQ(println({}), "\n");
}

TEST(Format, FloatDefaults) {
  EXPECT_EQ(print({F64(1e6)}), "1e+06");
  EXPECT_EQ(print({F64(123456.0)}), "123456");
  EXPECT_EQ(print({F64(0.1 + 0.2)}), "0.30000000000000004");
  EXPECT_EQ(print({F32(0.1)}), "0.1");
  EXPECT_EQ(print({F64(static_cast<float>(0.1))}), "0.10000000149011612");
  EXPECT_EQ(print({F64(-0.0)}), "-0");
  EXPECT_EQ(printf("%6.2f|%-8.3e|%g", {F64(3.14159), F64(1234.5678), F64(1e-7)}),
            "  3.14|1.235e+03|1e-07");
}

TEST(Format, Errors) {
  EXPECT_EQ(printf("%d", {S("hi")}), "%!d(string=hi)");
  EXPECT_EQ(printf("%d %d", {I(1)}), "1 %!d(MISSING)");
  EXPECT_EQ(printf("%d", {I(1), I(3)}), "1%!(EXTRA int=3)");
  EXPECT_EQ(printf("%*d", {S("x"), I(1)}), "%!(BADWIDTH)1");
  EXPECT_EQ(printf("%.*d", {S("x"), I(1)}), "%!(BADPREC)1");
  EXPECT_EQ(printf("%", {}), "%!(NOVERB)");
  EXPECT_EQ(printf("%[3]d", {I(1)}), "%!d(BADINDEX)");
  EXPECT_EQ(printf("%v", {}), "%!v(MISSING)");
  EXPECT_EQ(printf("%d", {Nil()}), "%!d(<nil>)");
  EXPECT_EQ(printf("%s", {Nil()}), "%!s(<nil>)");
  EXPECT_EQ(printf("%v %T", {Nil(), Nil()}), "<nil> <nil>");
  EXPECT_EQ(printf("%p", {I(1)}), "%!p(int=1)");
}

TEST(Format, Runes) {
  EXPECT_EQ(printf("%c %q %U %#U", {R(0x4E16), R(0x4E16), R(0x4E16), R(0x4E16)}),
            "世 '世' U+4E16 U+4E16 '世'");
  EXPECT_EQ(printf("%q", {R('\n')}), "'\\n'");
  EXPECT_EQ(printf("%+q", {R(0xE9)}), "'\\u00e9'");
  EXPECT_EQ(printf("%v %d %c", {U8('A'), U8('A'), U8('A')}), "65 65 A");
}

TEST(Format, Strings) {
  EXPECT_EQ(printf("%q", {S("héllo\n")}), "\"héllo\\n\"");
  EXPECT_EQ(printf("%+q", {S("héllo")}), "\"h\\u00e9llo\"");
  EXPECT_EQ(printf("%#q", {S("abc")}), "`abc`");
  EXPECT_EQ(printf("%#q", {S("a`b")}), "\"a`b\"");
  EXPECT_EQ(printf("% x", {S("abc")}), "61 62 63");
  EXPECT_EQ(printf("%# X", {S("abc")}), "0X61 0X62 0X63");
  EXPECT_EQ(printf("%-6s|%6s|", {S("ab"), S("日本")}), "ab    |    日本|");
  EXPECT_EQ(printf("%.1s", {S("日本")}), "日");
}

TEST(Format, WidthAndFlags) {
  EXPECT_EQ(printf("%08.3f", {F64(-3.14159)}), "-003.142");
  EXPECT_EQ(printf("%+d % d", {I(5), I(5)}), "+5  5");
  EXPECT_EQ(printf("%#x %#o %#b %O", {I(255), I(8), I(5), I(8)}), "0xff 010 0b101 0o10");
  EXPECT_EQ(printf("%-5d|%05d|%5.3d", {I(-7), I(-7), I(7)}), "-7   |-0007|  007");
  EXPECT_EQ(printf("%[2]d %[1]d %d", {I(1), I(2)}), "2 1 2");
  EXPECT_EQ(printf("%*d|%-*d|", {I(4), I(1), I(4), I(2)}), "   1|2   |");
  EXPECT_EQ(printf("%08.2f|%8.2f|%-8.2f|", {F64(NAN), F64(INFINITY), F64(-INFINITY)}),
            "     NaN|    +Inf|-Inf    |");
}

TEST(Format, TypeNames) {
  EXPECT_EQ(printf("%T %T %T %T %T", {I(1), U8(1), R(1), F32(1), S("")}),
            "int uint8 int32 float32 string");
  EXPECT_EQ(typeName(nullptr), "<nil>");
  EXPECT_EQ(typeName(check::basicType(check::BasicKind::UntypedFloat)), "float64");
}

TEST(Format, UntypedOperandsTakeDefaultTypes) {
  values::AnyValue ui{check::basicType(check::BasicKind::UntypedInt), values::intValue(7)};
  values::AnyValue uf{check::basicType(check::BasicKind::UntypedFloat), values::floatValue(1.5)};
  EXPECT_EQ(printf("%v %T %v %T", {ui, ui, uf, uf}), "7 int 1.5 float64");
}

}  // namespace
}  // namespace gol::stdlib::fmt
