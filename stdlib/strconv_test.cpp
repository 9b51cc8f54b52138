#include "stdlib/strconv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "interpreter/values/panic.h"

namespace gol::stdlib::strconv {
namespace {

using namespace std::literals;

struct FloatCase {
  double v;
  char fmt;
  int prec;
  int bits;
  std::string_view want;
};
constexpr FloatCase kFloatCases[] = {
#define FLOAT_CASES
#include "stdlib/strconv_cases.inc"
#undef FLOAT_CASES
};

struct QuoteCase {
  std::string_view s, quote, ascii, graphic;
  bool backquote;
};
constexpr QuoteCase kQuoteCases[] = {
#define QUOTE_CASES
#include "stdlib/strconv_cases.inc"
#undef QUOTE_CASES
};

struct RuneCase {
  int32_t r;
  std::string_view quote, ascii;
};
constexpr RuneCase kRuneCases[] = {
#define RUNE_CASES
#include "stdlib/strconv_cases.inc"
#undef RUNE_CASES
};

struct ParseFloatCase {
  std::string_view s;
  int bits;
  double want;
  std::string_view err;
};
constexpr ParseFloatCase kParseFloatCases[] = {
#define PARSE_FLOAT_CASES
#include "stdlib/strconv_cases.inc"
#undef PARSE_FLOAT_CASES
};

struct ParseIntCase {
  std::string_view s;
  int base, bits;
  int64_t want;
  std::string_view err;
  uint64_t wantU;
  std::string_view errU;
};
constexpr ParseIntCase kParseIntCases[] = {
#define PARSE_INT_CASES
#include "stdlib/strconv_cases.inc"
#undef PARSE_INT_CASES
};

struct AtoiCase {
  std::string_view s;
  int64_t want;
  std::string_view err;
};
constexpr AtoiCase kAtoiCases[] = {
#define ATOI_CASES
#include "stdlib/strconv_cases.inc"
#undef ATOI_CASES
};

struct UnquoteCase {
  std::string_view s;
  bool ok;
  std::string_view want;
};
constexpr UnquoteCase kUnquoteCases[] = {
#define UNQUOTE_CASES
#include "stdlib/strconv_cases.inc"
#undef UNQUOTE_CASES
};

struct FormatIntCase {
  int64_t v;
  int base;
  std::string_view signedWant, unsignedWant;
};
constexpr FormatIntCase kFormatIntCases[] = {
#define FORMAT_INT_CASES
#include "stdlib/strconv_cases.inc"
#undef FORMAT_INT_CASES
};

bool sameFloat(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(Strconv, FormatFloatMatchesGo) {
  int failures = 0;
  for (const FloatCase& c : kFloatCases) {
    std::string got = formatFloat(c.v, c.fmt, c.prec, c.bits);
    if (got != c.want && ++failures <= 40) {
      ADD_FAILURE() << "FormatFloat(" << c.v << ", '" << c.fmt << "', " << c.prec << ", " << c.bits
                    << ") = " << got << ", want " << c.want;
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GT(std::size(kFloatCases), 8000u);
}

TEST(Strconv, FormatFloatExamples) {
  EXPECT_EQ(formatFloat(3.0, 'f', -1, 64), "3");
  EXPECT_EQ(formatFloat(1e21, 'g', -1, 64), "1e+21");
  EXPECT_EQ(formatFloat(0.1, 'g', -1, 32), "0.1");
  EXPECT_EQ(formatFloat(3.14159, 'e', 2, 64), "3.14e+00");
  EXPECT_EQ(formatFloat(2.5, 'f', 0, 64), "2");
  EXPECT_EQ(formatFloat(3.5, 'f', 0, 64), "4");
  EXPECT_EQ(formatFloat(1.0, 'x', -1, 64), "0x1p+00");
  EXPECT_EQ(formatFloat(1.0, 'b', -1, 64), "4503599627370496p-52");
  EXPECT_EQ(formatFloat(1.0, 'z', -1, 64), "%z");
  EXPECT_THROW(formatFloat(1.0, 'g', -1, 16), values::GoPanic);
}

TEST(Strconv, FormatIntMatchesGo) {
  for (const FormatIntCase& c : kFormatIntCases) {
    EXPECT_EQ(formatInt(c.v, c.base), c.signedWant) << c.v << " base " << c.base;
    EXPECT_EQ(formatUint(static_cast<uint64_t>(c.v), c.base), c.unsignedWant) << c.v;
  }
  EXPECT_EQ(itoa(-42), "-42");
  EXPECT_EQ(formatBool(true), "true");
  EXPECT_EQ(formatBool(false), "false");
  try {
    formatInt(1, 1);
    FAIL() << "no panic";
  } catch (const values::GoPanic& p) {
    EXPECT_EQ(p.message, "strconv: illegal AppendInt/FormatInt base");
  }
}

TEST(Strconv, QuoteMatchesGo) {
  for (const QuoteCase& c : kQuoteCases) {
    EXPECT_EQ(quote(c.s), c.quote);
    EXPECT_EQ(quoteToASCII(c.s), c.ascii);
    EXPECT_EQ(quoteToGraphic(c.s), c.graphic);
    EXPECT_EQ(canBackquote(c.s), c.backquote) << c.s;
  }
  for (const RuneCase& c : kRuneCases) {
    EXPECT_EQ(quoteRune(c.r), c.quote) << c.r;
    EXPECT_EQ(quoteRuneToASCII(c.r), c.ascii) << c.r;
  }
}

TEST(Strconv, ParseFloatMatchesGo) {
  for (const ParseFloatCase& c : kParseFloatCases) {
    Parsed<double> r = parseFloat(c.s, c.bits);
    EXPECT_TRUE(sameFloat(r.value, c.want)) << c.s << " bits " << c.bits << ": " << r.value;
    EXPECT_EQ(r.error ? r.error->message() : "", c.err) << c.s << " bits " << c.bits;
  }
}

TEST(Strconv, ParseIntMatchesGo) {
  for (const ParseIntCase& c : kParseIntCases) {
    Parsed<int64_t> r = parseInt(c.s, c.base, c.bits);
    EXPECT_EQ(r.value, c.want) << c.s << " base " << c.base << " bits " << c.bits;
    EXPECT_EQ(r.error ? r.error->message() : "", c.err);
    Parsed<uint64_t> u = parseUint(c.s, c.base, c.bits);
    EXPECT_EQ(u.value, c.wantU) << c.s << " base " << c.base << " bits " << c.bits;
    EXPECT_EQ(u.error ? u.error->message() : "", c.errU);
  }
}

TEST(Strconv, AtoiMatchesGo) {
  for (const AtoiCase& c : kAtoiCases) {
    Parsed<int64_t> r = atoi(c.s);
    EXPECT_EQ(r.value, c.want) << c.s;
    EXPECT_EQ(r.error ? r.error->message() : "", c.err) << c.s;
  }
  EXPECT_EQ(atoi("abc").error->message(), "strconv.Atoi: parsing \"abc\": invalid syntax");
  EXPECT_EQ(atoi("999999999999999999999").error->message(),
            "strconv.Atoi: parsing \"999999999999999999999\": value out of range");
  EXPECT_EQ(atoi("999999999999999999999").error->kind, NumError::Kind::Range);
  EXPECT_EQ(parseInt("999999999999999999999", 10, 64).error->message(),
            "strconv.ParseInt: parsing \"999999999999999999999\": value out of range");
}

TEST(Strconv, ParseBool) {
  for (auto s : {"1", "t", "T", "true", "TRUE", "True"}) EXPECT_TRUE(parseBool(s).value) << s;
  for (auto s : {"0", "f", "F", "false", "FALSE", "False"}) {
    EXPECT_FALSE(parseBool(s).value);
    EXPECT_TRUE(parseBool(s).ok());
  }
  auto r = parseBool("yes");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->message(), "strconv.ParseBool: parsing \"yes\": invalid syntax");
}

TEST(Strconv, UnquoteMatchesGo) {
  for (const UnquoteCase& c : kUnquoteCases) {
    auto r = unquote(c.s);
    EXPECT_EQ(r.has_value(), c.ok) << c.s;
    if (r && c.ok) EXPECT_EQ(*r, c.want) << c.s;
  }
}

}  // namespace
}  // namespace gol::stdlib::strconv
