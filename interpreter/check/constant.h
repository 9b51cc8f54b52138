// Exact values of constant expressions, as Go's go/constant: integers are arbitrary
// precision (GMP), floats are exact rationals, converted to float64 with correct rounding
// (MPFR) only when a typed value is needed. A complex constant is a pair of exact
// rationals (real and imaginary parts); an operation mixing kinds works in the larger kind
// (Int < Float < Complex), and a complex result is never narrowed back by itself.
#pragma once

#include <gmpxx.h>

#include <cstdint>
#include <optional>
#include <string>

#include "interpreter/syntax/ast.h"

namespace gol::check {

class ConstValue {
 public:
  enum class Kind { Unknown, Bool, String, Int, Float, Complex };

  ConstValue() = default;
  static ConstValue ofBool(bool v);
  static ConstValue ofString(std::string v);
  static ConstValue ofInt(const mpz_class& v);
  static ConstValue ofInt64(int64_t v);
  static ConstValue ofUint64(uint64_t v);
  static ConstValue ofFloat(const mpq_class& v);
  static ConstValue ofDouble(double v);
  static ConstValue ofComplex(const mpq_class& re, const mpq_class& im);
  // Parses an int, float or rune... literal; Unknown if malformed.
  static ConstValue fromLiteral(const syntax::BasicLit& lit);

  Kind kind() const { return kind_; }
  bool isUnknown() const { return kind_ == Kind::Unknown; }
  bool boolValue() const { return b_; }
  const std::string& stringValue() const { return s_; }
  const mpz_class& intValue() const { return z_; }
  const mpq_class& ratValue() const { return q_; }
  // The parts of a numeric constant (the imaginary part of an Int or Float is 0).
  mpq_class realPart() const { return toRat(); }
  mpq_class imagPart() const { return kind_ == Kind::Complex ? qi_ : mpq_class(0); }
  bool isNumeric() const {
    return kind_ == Kind::Int || kind_ == Kind::Float || kind_ == Kind::Complex;
  }
  // Whether the value is 0 (any numeric kind).
  bool isZero() const;

  // Numeric views. toInt reports whether the value is an integer (a float constant
  // such as 2.0 is); toFloat64 rounds to nearest even.
  std::optional<mpz_class> toInt() const;
  double toFloat64() const;
  float toFloat32() const;
  mpq_class toRat() const;
  bool fitsInt64() const;
  bool fitsUint64() const;
  int64_t int64Value() const;  // the value's low 64 bits, two's complement
  uint64_t uint64Value() const;

  // Go's spelling in messages: `3`, `2.5`, `"s"`, `true`, `1e+100`.
  std::string toString() const;

  // Operations on constants of the same kind (the checker converts first). Unknown
  // when undefined (division by zero is reported by the caller).
  static ConstValue unary(syntax::Token op, const ConstValue& x, unsigned unsignedBits = 0);
  static ConstValue binary(syntax::Token op, const ConstValue& x, const ConstValue& y,
                           bool integerDivision);
  static ConstValue shift(syntax::Token op, const ConstValue& x, uint64_t count);
  static bool compare(syntax::Token op, const ConstValue& x, const ConstValue& y);

 private:
  std::string floatString() const;  // a Float's spelling

  Kind kind_ = Kind::Unknown;
  bool b_ = false;
  std::string s_;
  mpz_class z_;
  mpq_class q_;   // Float's value; Complex's real part
  mpq_class qi_;  // Complex's imaginary part
};

}  // namespace gol::check
