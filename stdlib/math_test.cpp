#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <set>
#include <string>

#include "stdlib/gomath.h"

namespace gol::stdlib {
namespace {

struct OneCase {
  const char* name;
  double (*fn)(double);
  double x, want;
};
const OneCase kOneCases[] = {
#define ONE_CASES
#include "stdlib/math_cases.inc"
#undef ONE_CASES
};

struct TwoCase {
  const char* name;
  double (*fn)(double, double);
  double x, y, want;
};
const TwoCase kTwoCases[] = {
#define TWO_CASES
#include "stdlib/math_cases.inc"
#undef TWO_CASES
};

// Functions computed by the C library rather than a port of Go's code: Go's algorithms
// may differ from it in the last bit.
const std::set<std::string> kLibm = {"log1p", "expm1", "exp2", "remainder"};

// Distance in units in the last place; 0 when both are the same NaN-ness or bits.
uint64_t ulps(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : UINT64_MAX;
  int64_t x, y;
  std::memcpy(&x, &a, 8);
  std::memcpy(&y, &b, 8);
  if ((x < 0) != (y < 0)) return a == b ? 1 : UINT64_MAX;  // ±0 differ by "one"
  return static_cast<uint64_t>(x > y ? x - y : y - x);
}

TEST(Math, OneArgumentMatchesGo) {
  for (const OneCase& c : kOneCases) {
    double got = c.fn(c.x);
    uint64_t d = ulps(got, c.want);
    if (kLibm.count(c.name)) {
      EXPECT_LE(d, 1u) << c.name << "(" << c.x << ") = " << got << ", want " << c.want;
    } else {
      EXPECT_EQ(d, 0u) << c.name << "(" << c.x << ") = " << got << ", want " << c.want;
    }
  }
}

TEST(Math, TwoArgumentsMatchGo) {
  for (const TwoCase& c : kTwoCases) {
    double got = c.fn(c.x, c.y);
    uint64_t d = ulps(got, c.want);
    if (kLibm.count(c.name)) {
      EXPECT_LE(d, 1u) << c.name << "(" << c.x << ", " << c.y << ") = " << got << ", want "
                       << c.want;
    } else {
      EXPECT_EQ(d, 0u) << c.name << "(" << c.x << ", " << c.y << ") = " << got << ", want "
                       << c.want;
    }
  }
}

TEST(Math, KnownGoResults) {
  EXPECT_EQ(gomath::sin(M_PI), 1.2246467991473515e-16);  // not libm's ...532e-16
  EXPECT_EQ(gomath::log(5e-324), -709.0895657128241);    // Go amd64: subnormals not normalised
  EXPECT_EQ(gomath::log2(8), 3.0);
  EXPECT_EQ(gomath::pow(2, 10), 1024.0);
  EXPECT_TRUE(gomath::isInf(gomath::inf(1), 1));
  EXPECT_TRUE(gomath::isInf(gomath::inf(-1), -1));
  EXPECT_TRUE(gomath::isInf(gomath::inf(-1), 0));
  EXPECT_FALSE(gomath::isInf(gomath::inf(-1), 1));
  EXPECT_TRUE(gomath::isNaN(gomath::nan()));
  EXPECT_TRUE(gomath::signbit(-0.0));
  EXPECT_EQ(gomath::float64bits(1.0), 0x3FF0000000000000u);
  EXPECT_EQ(gomath::float32bits(1.0f), 0x3F800000u);
  EXPECT_EQ(gomath::pow10(3), 1000.0);
  EXPECT_EQ(gomath::pow10(400), INFINITY);
  EXPECT_EQ(gomath::pow10(-400), 0.0);
}

}  // namespace
}  // namespace gol::stdlib
