#include "interpreter/check/constant.h"

#include <mpfr.h>

#include <cmath>
#include <cstdio>

namespace gol::check {

using syntax::Token;

ConstValue ConstValue::ofBool(bool v) {
  ConstValue c;
  c.kind_ = Kind::Bool;
  c.b_ = v;
  return c;
}

ConstValue ConstValue::ofString(std::string v) {
  ConstValue c;
  c.kind_ = Kind::String;
  c.s_ = std::move(v);
  return c;
}

ConstValue ConstValue::ofInt(const mpz_class& v) {
  ConstValue c;
  c.kind_ = Kind::Int;
  c.z_ = v;
  return c;
}

ConstValue ConstValue::ofInt64(int64_t v) {
  mpz_class z;
  mpz_set_si(z.get_mpz_t(), v);
  return ofInt(z);
}

ConstValue ConstValue::ofUint64(uint64_t v) {
  mpz_class z;
  mpz_set_ui(z.get_mpz_t(), v);
  return ofInt(z);
}

ConstValue ConstValue::ofFloat(const mpq_class& v) {
  ConstValue c;
  c.kind_ = Kind::Float;
  c.q_ = v;
  c.q_.canonicalize();
  return c;
}

ConstValue ConstValue::ofDouble(double v) {
  if (!std::isfinite(v)) return ConstValue();
  mpq_class q;
  mpq_set_d(q.get_mpq_t(), v);
  return ofFloat(q);
}

ConstValue ConstValue::ofComplex(const mpq_class& re, const mpq_class& im) {
  ConstValue c;
  c.kind_ = Kind::Complex;
  c.q_ = re;
  c.q_.canonicalize();
  c.qi_ = im;
  c.qi_.canonicalize();
  return c;
}

bool ConstValue::isZero() const {
  switch (kind_) {
    case Kind::Int: return z_ == 0;
    case Kind::Float: return q_ == 0;
    case Kind::Complex: return q_ == 0 && qi_ == 0;
    default: return false;
  }
}

namespace {

std::string stripUnderscores(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != '_') out += c;
  }
  return out;
}

// Exact value of a decimal or hexadecimal float literal.
std::optional<mpq_class> parseFloat(const std::string& text) {
  bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  size_t i = hex ? 2 : 0;
  mpz_class mantissa = 0;
  long exp10 = 0, exp2 = 0;
  bool afterPoint = false;
  int base = hex ? 16 : 10;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      afterPoint = true;
      continue;
    }
    int d = -1;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (hex && std::isxdigit(static_cast<unsigned char>(c)))
      d = (c | 0x20) - 'a' + 10;
    if (d < 0) break;
    mantissa = mantissa * base + d;
    if (afterPoint) {
      if (hex)
        exp2 -= 4;
      else
        exp10 -= 1;
    }
  }
  if (i < text.size()) {
    char e = text[i] | 0x20;
    if ((hex && e == 'p') || (!hex && e == 'e')) {
      long value = std::strtol(text.c_str() + i + 1, nullptr, 10);
      if (value > 100000 || value < -100000) return std::nullopt;
      if (hex)
        exp2 += value;
      else
        exp10 += value;
    }
  }
  mpq_class q(mantissa);
  if (exp10 != 0) {
    mpz_class p;
    mpz_ui_pow_ui(p.get_mpz_t(), 10, static_cast<unsigned long>(std::labs(exp10)));
    if (exp10 > 0)
      q *= p;
    else
      q /= p;
  }
  if (exp2 > 0) mpq_mul_2exp(q.get_mpq_t(), q.get_mpq_t(), static_cast<unsigned long>(exp2));
  if (exp2 < 0) mpq_div_2exp(q.get_mpq_t(), q.get_mpq_t(), static_cast<unsigned long>(-exp2));
  q.canonicalize();
  return q;
}

}  // namespace

ConstValue ConstValue::fromLiteral(const syntax::BasicLit& lit) {
  std::string text = stripUnderscores(lit.raw);
  switch (lit.litKind) {
    case syntax::LitKind::Int: {
      mpz_class z;
      int base = 10;
      std::string digits = text;
      if (text.size() > 1 && text[0] == '0') {
        char p = text[1] | 0x20;
        if (p == 'x')
          base = 16, digits = text.substr(2);
        else if (p == 'o')
          base = 8, digits = text.substr(2);
        else if (p == 'b')
          base = 2, digits = text.substr(2);
        else
          base = 8, digits = text.substr(1);
      }
      if (z.set_str(digits, base) != 0) return ConstValue();
      return ofInt(z);
    }
    case syntax::LitKind::Float: {
      auto q = parseFloat(text);
      return q ? ofFloat(*q) : ConstValue();
    }
    case syntax::LitKind::Rune: return ofInt64(lit.rune);
    case syntax::LitKind::String: return ofString(lit.decoded);
    case syntax::LitKind::Imag: {
      // The digits before the `i` are an integer (decimal even with a leading 0, as Go
      // reads `0123i`) or a float literal.
      std::string digits = text.substr(0, text.size() - 1);
      bool hex = digits.size() > 2 && digits[0] == '0' && (digits[1] | 0x20) == 'x';
      bool prefixed =
          digits.size() > 2 && digits[0] == '0' &&
          ((digits[1] | 0x20) == 'x' || (digits[1] | 0x20) == 'o' || (digits[1] | 0x20) == 'b');
      bool isFloat = hex ? digits.find_first_of(".pP") != std::string::npos
                         : digits.find_first_of(".eE") != std::string::npos;
      std::optional<mpq_class> q;
      if (prefixed && !isFloat) {
        mpz_class z;
        int base = (digits[1] | 0x20) == 'x' ? 16 : (digits[1] | 0x20) == 'o' ? 8 : 2;
        if (z.set_str(digits.substr(2), base) != 0) return ConstValue();
        q = mpq_class(z);
      } else {
        q = parseFloat(digits);
      }
      return q ? ofComplex(mpq_class(0), *q) : ConstValue();
    }
  }
  return ConstValue();
}

std::optional<mpz_class> ConstValue::toInt() const {
  if (kind_ == Kind::Int) return z_;
  if ((kind_ == Kind::Float || (kind_ == Kind::Complex && qi_ == 0)) && q_.get_den() == 1) {
    return mpz_class(q_.get_num());
  }
  return std::nullopt;
}

mpq_class ConstValue::toRat() const {
  if (kind_ == Kind::Int) return mpq_class(z_);
  return q_;
}

namespace {

// q rounded once, to nearest even, into a binary format of `bits` of precision whose
// exponents (MPFR's, of a mantissa in [1/2, 1)) run from emin to emax, subnormals
// included: rounding to the precision and then again to the subnormal range would round
// twice (2.2250738585072011e-308 would become the smallest normal).
void roundToFormat(mpfr_t f, const mpq_class& q, mpfr_prec_t bits, mpfr_exp_t emin,
                   mpfr_exp_t emax) {
  mpfr_exp_t oldMin = mpfr_get_emin(), oldMax = mpfr_get_emax();
  mpfr_set_emin(emin);
  mpfr_set_emax(emax);
  mpfr_init2(f, bits);
  int inexact = mpfr_set_q(f, q.get_mpq_t(), MPFR_RNDN);
  inexact = mpfr_check_range(f, inexact, MPFR_RNDN);
  mpfr_subnormalize(f, inexact, MPFR_RNDN);
  mpfr_set_emin(oldMin);
  mpfr_set_emax(oldMax);
}

}  // namespace

double ConstValue::toFloat64() const {
  mpfr_t f;
  roundToFormat(f, toRat(), 53, -1073, 1024);
  double d = mpfr_get_d(f, MPFR_RNDN);
  mpfr_clear(f);
  // A constant has no negative zero: a tiny negative value rounds to +0.
  return d == 0 ? 0.0 : d;
}

float ConstValue::toFloat32() const {
  mpfr_t f;
  roundToFormat(f, toRat(), 24, -148, 128);
  float d = mpfr_get_flt(f, MPFR_RNDN);
  mpfr_clear(f);
  return d == 0 ? 0.0f : d;
}

bool ConstValue::fitsInt64() const {
  auto z = toInt();
  return z && mpz_fits_slong_p(z->get_mpz_t());
}

bool ConstValue::fitsUint64() const {
  auto z = toInt();
  return z && *z >= 0 && mpz_fits_ulong_p(z->get_mpz_t());
}

uint64_t ConstValue::uint64Value() const {
  auto z = toInt();
  if (!z) return 0;
  mpz_class m;
  mpz_fdiv_r_2exp(m.get_mpz_t(), z->get_mpz_t(), 64);
  return mpz_get_ui(m.get_mpz_t());
}

int64_t ConstValue::int64Value() const {
  return static_cast<int64_t>(uint64Value());
}

std::string ConstValue::toString() const {
  switch (kind_) {
    case Kind::Unknown: return "unknown";
    case Kind::Bool: return b_ ? "true" : "false";
    case Kind::String: {
      std::string out = "\"";
      for (unsigned char c : s_) {
        if (c == '"' || c == '\\') {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c == '\n') {
          out += "\\n";
        } else if (c == '\t') {
          out += "\\t";
        } else if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
      }
      return out + "\"";
    }
    case Kind::Int: return z_.get_str();
    case Kind::Float: return ofFloat(q_).floatString();
    case Kind::Complex:
      // go/constant: `(re + imi)`.
      return "(" + ofFloat(q_).floatString() + " + " + ofFloat(qi_).floatString() + "i)";
  }
  return "";
}

std::string ConstValue::floatString() const {
  double d = toFloat64();
  bool integer = q_.get_den() == 1;
  if (integer && (std::isinf(d) || (d == 0) != (q_ == 0))) return q_.get_num().get_str();
  // go/constant prints floats in float64's range with %.6g, and marks a non-integer
  // that this shows without a point with `~`.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  std::string s = buf;
  if (!integer && s.find('.') == std::string::npos) s = "~" + s;
  return s;
}

ConstValue ConstValue::unary(Token op, const ConstValue& x, unsigned unsignedBits) {
  switch (op) {
    case Token::Add: return x;
    case Token::Sub:
      if (x.kind_ == Kind::Int) return ofInt(-x.z_);
      if (x.kind_ == Kind::Float) return ofFloat(-x.q_);
      if (x.kind_ == Kind::Complex) return ofComplex(-x.q_, -x.qi_);
      return ConstValue();
    case Token::Not:
      if (x.kind_ == Kind::Bool) return ofBool(!x.b_);
      return ConstValue();
    case Token::Xor: {
      if (x.kind_ != Kind::Int) return ConstValue();
      mpz_class r;
      mpz_com(r.get_mpz_t(), x.z_.get_mpz_t());
      if (unsignedBits) {
        mpz_class mask = (mpz_class(1) << unsignedBits) - 1;
        r &= mask;
      }
      return ofInt(r);
    }
    default: return ConstValue();
  }
}

ConstValue ConstValue::binary(Token op, const ConstValue& x, const ConstValue& y,
                              bool integerDivision) {
  if (x.kind_ == Kind::Bool && y.kind_ == Kind::Bool) {
    if (op == Token::LAnd) return ofBool(x.b_ && y.b_);
    if (op == Token::LOr) return ofBool(x.b_ || y.b_);
    return ConstValue();
  }
  if (x.kind_ == Kind::String && y.kind_ == Kind::String) {
    if (op == Token::Add) return ofString(x.s_ + y.s_);
    return ConstValue();
  }
  if (x.kind_ == Kind::Int && y.kind_ == Kind::Int) {
    const mpz_class& a = x.z_;
    const mpz_class& b = y.z_;
    mpz_class r;
    switch (op) {
      case Token::Add: return ofInt(a + b);
      case Token::Sub: return ofInt(a - b);
      case Token::Mul: return ofInt(a * b);
      case Token::Quo:
        if (b == 0) return ConstValue();
        if (!integerDivision) return ofFloat(mpq_class(a, b));
        mpz_tdiv_q(r.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
        return ofInt(r);
      case Token::Rem:
        if (b == 0) return ConstValue();
        mpz_tdiv_r(r.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
        return ofInt(r);
      case Token::And: return ofInt(a & b);
      case Token::Or: return ofInt(a | b);
      case Token::Xor: return ofInt(a ^ b);
      case Token::AndNot: {
        mpz_class nb;
        mpz_com(nb.get_mpz_t(), b.get_mpz_t());
        return ofInt(a & nb);
      }
      default: return ConstValue();
    }
  }
  if (x.kind_ == Kind::Complex || y.kind_ == Kind::Complex) {
    mpq_class a = x.realPart(), b = x.imagPart(), c = y.realPart(), d = y.imagPart();
    switch (op) {
      case Token::Add: return ofComplex(a + c, b + d);
      case Token::Sub: return ofComplex(a - c, b - d);
      case Token::Mul: return ofComplex(a * c - b * d, b * c + a * d);
      case Token::Quo: {
        mpq_class s = c * c + d * d;
        if (s == 0) return ConstValue();
        return ofComplex((a * c + b * d) / s, (b * c - a * d) / s);
      }
      default: return ConstValue();
    }
  }
  mpq_class a = x.toRat(), b = y.toRat();
  switch (op) {
    case Token::Add: return ofFloat(a + b);
    case Token::Sub: return ofFloat(a - b);
    case Token::Mul: return ofFloat(a * b);
    case Token::Quo:
      if (b == 0) return ConstValue();
      return ofFloat(a / b);
    default: return ConstValue();
  }
}

ConstValue ConstValue::shift(Token op, const ConstValue& x, uint64_t count) {
  auto z = x.toInt();
  if (!z || count > 100000) return ConstValue();
  mpz_class r;
  if (op == Token::Shl) {
    mpz_mul_2exp(r.get_mpz_t(), z->get_mpz_t(), count);
  } else {
    mpz_fdiv_q_2exp(r.get_mpz_t(), z->get_mpz_t(), count);
  }
  return ofInt(r);
}

bool ConstValue::compare(Token op, const ConstValue& x, const ConstValue& y) {
  int c = 0;
  if (x.kind_ == Kind::Bool) {
    c = x.b_ == y.b_ ? 0 : 1;
  } else if (x.kind_ == Kind::String) {
    c = x.s_.compare(y.s_);
  } else if (x.kind_ == Kind::Int && y.kind_ == Kind::Int) {
    c = cmp(x.z_, y.z_);
  } else if (x.kind_ == Kind::Complex || y.kind_ == Kind::Complex) {
    c = x.realPart() == y.realPart() && x.imagPart() == y.imagPart() ? 0 : 1;
  } else {
    c = cmp(x.toRat(), y.toRat());
  }
  switch (op) {
    case Token::Eql: return c == 0;
    case Token::Neq: return c != 0;
    case Token::Lss: return c < 0;
    case Token::Leq: return c <= 0;
    case Token::Gtr: return c > 0;
    case Token::Geq: return c >= 0;
    default: return false;
  }
}

}  // namespace gol::check
