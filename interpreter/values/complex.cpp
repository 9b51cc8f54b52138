#include "interpreter/values/complex.h"

#include <limits>

namespace gol::values {

Value complex128Value(Complex c) {
  Value v{};
  if (std::bit_cast<uint64_t>(c.re) == 0 && std::bit_cast<uint64_t>(c.im) == 0) return v;
  v.p = new ComplexObject(c);
  return v;
}

namespace {

// A signed 1 if f is an infinity, else a signed 0 (runtime/complex.go's inf2one).
double inf2one(double f) {
  return std::copysign(std::isinf(f) ? 1.0 : 0.0, f);
}

}  // namespace

// Robert L. Smith's algorithm, then C99's corrections to infinities and zeros, exactly
// as Go's runtime/complex.go complex128div.
Complex complexDiv(Complex n, Complex m) {
  double e, f;
  if (std::fabs(m.re) >= std::fabs(m.im)) {
    double ratio = m.im / m.re;
    double denom = m.re + ratio * m.im;
    e = (n.re + n.im * ratio) / denom;
    f = (n.im - n.re * ratio) / denom;
  } else {
    double ratio = m.re / m.im;
    double denom = m.im + ratio * m.re;
    e = (n.re * ratio + n.im) / denom;
    f = (n.im * ratio - n.re) / denom;
  }
  if (std::isnan(e) && std::isnan(f)) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    double a = n.re, b = n.im, c = m.re, d = m.im;
    if (c == 0 && d == 0 && (!std::isnan(a) || !std::isnan(b))) {
      e = std::copysign(inf, c) * a;
      f = std::copysign(inf, c) * b;
    } else if ((std::isinf(a) || std::isinf(b)) && std::isfinite(c) && std::isfinite(d)) {
      a = inf2one(a);
      b = inf2one(b);
      e = inf * (a * c + b * d);
      f = inf * (b * c - a * d);
    } else if ((std::isinf(c) || std::isinf(d)) && std::isfinite(a) && std::isfinite(b)) {
      c = inf2one(c);
      d = inf2one(d);
      e = 0 * (a * c + b * d);
      f = 0 * (b * c - a * d);
    }
  }
  return {e, f};
}

}  // namespace gol::values
