// Values of constant expressions. Go's untyped constants are exact (arbitrary
// precision); this first version holds integers in 64 bits and reports anything larger
// as an overflow, never as a wrong value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gol::check {

struct ConstValue {
  enum class Kind { Bool, String, Int, Float } kind = Kind::Int;
  bool b = false;
  std::string s;
  int64_t i = 0;
  double f = 0;

  static ConstValue ofBool(bool v) { ConstValue c; c.kind = Kind::Bool; c.b = v; return c; }
  static ConstValue ofString(std::string v) {
    ConstValue c;
    c.kind = Kind::String;
    c.s = std::move(v);
    return c;
  }
  static ConstValue ofInt(int64_t v) { ConstValue c; c.kind = Kind::Int; c.i = v; return c; }
  static ConstValue ofFloat(double v) { ConstValue c; c.kind = Kind::Float; c.f = v; return c; }
};

// Parses an integer literal (any base, with `_` separators); nullopt if it does not fit
// in 64 bits.
std::optional<int64_t> parseIntLiteral(const std::string& literal);
// Parses a float literal (decimal or hexadecimal).
double parseFloatLiteral(const std::string& literal);

}  // namespace gol::check
