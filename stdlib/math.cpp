#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#include "stdlib/bind.h"
#include "stdlib/gomath.h"
#include "stdlib/packages.h"

namespace gol::stdlib::gomath {

namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kPi2 = 0x1.921fb54442d18p+0;        // Pi/2
constexpr double kPi4 = 0x1.921fb54442d18p-1;        // Pi/4
constexpr double k3Pi4 = 0x1.2d97c7f3321d2p+1;       // 3*Pi/4
constexpr double k4OverPi = 0x1.45f306dc9c883p+0;    // 4/Pi
constexpr double kInvLn10 = 0x1.bcb7b1526e50ep-2;    // 1/Ln10
constexpr double kInvLn2 = 0x1.71547652b82fep+0;     // 1/Ln2
constexpr double kSqrt2Half = 0x1.6a09e667f3bcdp-1;  // Sqrt2/2

constexpr double kSin[] = {
    1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
    -1.98412698295895385996e-4, 8.33333333332211858878e-3,  -1.66666666666666307295e-1,
};
constexpr double kCos[] = {
    -1.13585365213876817300e-11, 2.08757008419747316778e-9,  -2.75573141792967388112e-7,
    2.48015872888517045348e-5,   -1.38888888888730564116e-3, 4.16666666666665929218e-2,
};
constexpr double kPI4A = 7.85398125648498535156e-1;
constexpr double kPI4B = 3.77489470793079817668e-8;
constexpr double kPI4C = 2.69515142907905952645e-15;
constexpr double kReduceThreshold = 1 << 29;

constexpr uint64_t kMPi4[] = {
    0x0000000000000001, 0x45f306dc9c882a53, 0xf84eafa3ea69bb81, 0xb6c52b3278872083,
    0xfca2c757bd778ac3, 0x6e48dc74849ba5c0, 0x0c925dd413a32439, 0xfc3bd63962534e7d,
    0xd1046bea5d768909, 0xd338e04d68befc82, 0x7323ac7306a673e9, 0x3908bf177bf25076,
    0x3ff12fffbc0b301f, 0xde5e2316b414da3e, 0xda6cfd9e4f96136e, 0x9e8c7ecd3cbfd45a,
    0xea4f758fd7cbe2f6, 0x7a0e73ef14a525d4, 0xd7f6bf623f1aba10, 0xac06608df8f6d757,
};

// Payne-Hanek reduction of a large x to j (octant) and z in [0, Pi/4), as Go's trigReduce.
void trigReduce(double x, uint64_t& j, double& z) {
  if (x < kPi4) {
    j = 0;
    z = x;
    return;
  }
  constexpr int shift = 52, bias = 1023;
  constexpr uint64_t mask = 0x7FF;
  uint64_t ix = float64bits(x);
  int exp = static_cast<int>((ix >> shift) & mask) - bias - shift;
  ix &= ~(mask << shift);
  ix |= uint64_t{1} << shift;
  unsigned digit = static_cast<unsigned>(exp + 61) / 64;
  unsigned bitshift = static_cast<unsigned>(exp + 61) % 64;
  auto shl = [](uint64_t v, unsigned s) { return s >= 64 ? 0 : v << s; };
  auto shr = [](uint64_t v, unsigned s) { return s >= 64 ? 0 : v >> s; };
  uint64_t z0 = shl(kMPi4[digit], bitshift) | shr(kMPi4[digit + 1], 64 - bitshift);
  uint64_t z1 = shl(kMPi4[digit + 1], bitshift) | shr(kMPi4[digit + 2], 64 - bitshift);
  uint64_t z2 = shl(kMPi4[digit + 2], bitshift) | shr(kMPi4[digit + 3], 64 - bitshift);
  using u128 = unsigned __int128;
  uint64_t z2hi = static_cast<uint64_t>((static_cast<u128>(z2) * ix) >> 64);
  u128 z1p = static_cast<u128>(z1) * ix;
  uint64_t z1hi = static_cast<uint64_t>(z1p >> 64), z1lo = static_cast<uint64_t>(z1p);
  uint64_t z0lo = z0 * ix;
  uint64_t lo = z1lo + z2hi;
  uint64_t c = lo < z1lo ? 1 : 0;
  uint64_t hi = z0lo + z1hi + c;
  j = hi >> 61;
  hi = hi << 3 | lo >> 61;
  unsigned lz = static_cast<unsigned>(__builtin_clzll(hi));
  uint64_t e = static_cast<uint64_t>(bias - (lz + 1));
  hi = (hi << (lz + 1)) | (lo >> (64 - (lz + 1)));
  hi >>= 64 - shift;
  hi |= e << shift;
  z = float64frombits(hi);
  if ((j & 1) == 1) {
    ++j;
    j &= 7;
    z--;
  }
  z *= kPi4;
}

void reduce(double x, uint64_t& j, double& z, bool mapOdd = true) {
  if (x >= kReduceThreshold) {
    trigReduce(x, j, z);
    return;
  }
  j = static_cast<uint64_t>(x * k4OverPi);
  double y = static_cast<double>(j);
  if ((j & 1) == 1) {
    ++j;
    ++y;
  }
  if (mapOdd) j &= 7;
  z = ((x - y * kPI4A) - y * kPI4B) - y * kPI4C;
}

double sinPoly(double z, double zz) {
  return z + z * zz *
                 (((((kSin[0] * zz + kSin[1]) * zz + kSin[2]) * zz + kSin[3]) * zz + kSin[4]) * zz +
                  kSin[5]);
}

double cosPoly(double zz) {
  return 1.0 - 0.5 * zz +
         zz * zz *
             (((((kCos[0] * zz + kCos[1]) * zz + kCos[2]) * zz + kCos[3]) * zz + kCos[4]) * zz +
              kCos[5]);
}

double xatan(double x) {
  constexpr double P0 = -8.750608600031904122785e-01, P1 = -1.615753718733365076637e+01,
                   P2 = -7.500855792314704667340e+01, P3 = -1.228866684490136173410e+02,
                   P4 = -6.485021904942025371773e+01, Q0 = +2.485846490142306297962e+01,
                   Q1 = +1.650270098316988542046e+02, Q2 = +4.328810604912902668951e+02,
                   Q3 = +4.853903996359136964868e+02, Q4 = +1.945506571482613964425e+02;
  double z = x * x;
  z = z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4) /
      (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
  z = x * z + x;
  return z;
}

double satan(double x) {
  constexpr double Morebits = 6.123233995736765886130e-17;
  constexpr double Tan3pio8 = 2.41421356237309504880;
  if (x <= 0.66) return xatan(x);
  if (x > Tan3pio8) return kPi2 - xatan(1 / x) + Morebits;
  return kPi4 + xatan((x - 1) / (x + 1)) + 0.5 * Morebits;
}

bool isOddInt(double x) {
  if (std::fabs(x) >= 0x1p53) return false;
  double xi;
  double xf = std::modf(x, &xi);
  return xf == 0 && (static_cast<int64_t>(xi) & 1) == 1;
}

}  // namespace

double inf(int64_t sign) {
  return sign >= 0 ? std::numeric_limits<double>::infinity()
                   : -std::numeric_limits<double>::infinity();
}
double nan() {
  return float64frombits(0x7FF8000000000001);
}
bool isNaN(double x) {
  return x != x;
}
bool isInf(double x, int64_t sign) {
  return (sign >= 0 && x > std::numeric_limits<double>::max()) ||
         (sign <= 0 && x < -std::numeric_limits<double>::max());
}
bool signbit(double x) {
  return std::signbit(x);
}
double copysign(double x, double y) {
  return std::copysign(x, y);
}
double abs(double x) {
  return std::fabs(x);
}

double sqrt(double x) {
  return std::sqrt(x);
}

double cbrt(double x) {
  constexpr uint64_t B1 = 715094163, B2 = 696219795;
  constexpr double C = 5.42857142857142815906e-01, D = -7.05306122448979611050e-01,
                   E = 1.41428571428571436819e+00, F = 1.60714285714285720630e+00,
                   G = 3.57142857142857150787e-01, SmallestNormal = 2.22507385850720138309e-308;
  if (x == 0 || isNaN(x) || std::isinf(x)) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double t = float64frombits(float64bits(x) / 3 + (B1 << 32));
  if (x < SmallestNormal) {
    t = static_cast<double>(uint64_t{1} << 54);
    t *= x;
    t = float64frombits(float64bits(t) / 3 + (B2 << 32));
  }
  double r = t * t / x;
  double s = C + r * t;
  t *= G + F / (s + E + D / s);
  t = float64frombits((float64bits(t) & (uint64_t{0xFFFFFFFFC} << 28)) + (uint64_t{1} << 30));
  s = t * t;
  r = x / s;
  double w = t + t;
  r = (r - t) / (w + r);
  t = t + t * r;
  return sign ? -t : t;
}

double pow(double x, double y) {
  if (y == 0 || x == 1) return 1;
  if (y == 1) return x;
  if (isNaN(x) || isNaN(y)) return nan();
  if (x == 0) {
    if (y < 0) {
      if (std::signbit(x) && isOddInt(y)) return inf(-1);
      return inf(1);
    }
    if (y > 0) {
      if (std::signbit(x) && isOddInt(y)) return x;
      return 0;
    }
  }
  if (std::isinf(y)) {
    if (x == -1) return 1;
    if ((std::fabs(x) < 1) == (y > 0)) return 0;
    return inf(1);
  }
  if (std::isinf(x)) {
    if (x < 0) return pow(1 / x, -y);  // Pow(-0, -y)
    if (y < 0) return 0;
    if (y > 0) return inf(1);
  }
  if (y == 0.5) return std::sqrt(x);
  if (y == -0.5) return 1 / std::sqrt(x);

  double yi;
  double yf = std::modf(std::fabs(y), &yi);
  if (yf != 0 && x < 0) return nan();
  if (yi >= 0x1p63) {
    // A large even integer: overflow or underflow for all x but -1.
    if (x == -1) return 1;
    if ((std::fabs(x) < 1) == (y > 0)) return 0;
    return inf(1);
  }
  // ans = a1 * 2**ae (= 1 for now).
  double a1 = 1.0;
  int64_t ae = 0;
  // ans *= x**yf
  if (yf != 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = exp(yf * log(x));
  }
  // ans *= x**yi by repeated squaring.
  int xe;
  double x1 = std::frexp(x, &xe);
  int64_t xe64 = xe;
  for (auto i = static_cast<int64_t>(yi); i != 0; i >>= 1) {
    if (xe64 < -(1 << 12) || (1 << 12) < xe64) {
      // Catastrophic overflow: let Ldexp handle it.
      ae += xe64;
      break;
    }
    if ((i & 1) == 1) {
      a1 *= x1;
      ae += xe64;
    }
    x1 *= x1;
    xe64 <<= 1;
    if (x1 < .5) {
      x1 += x1;
      xe64--;
    }
  }
  // ans = a1 * 2**ae; if y < 0 { ans = 1 / ans } but in the opposite order.
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  if (ae > 100000) ae = 100000;
  if (ae < -100000) ae = -100000;
  return std::ldexp(a1, static_cast<int>(ae));
}

double pow10(int64_t n) {
  if (n >= 0 && n <= 308) return std::stod("1e" + std::to_string(n));
  if (n < 0 && n >= -323) return std::stod("1e" + std::to_string(n));
  return n > 0 ? inf(1) : 0;
}

// Go's amd64 Exp (exp_amd64.s, after Shibata's SLEEF), on its FMA path: every x86-64
// CPU with AVX and FMA, which is what Go uses on any recent machine.
double exp(double x) {
  constexpr double LOG2E = 1.4426950408889634073599246810018920;
  constexpr double LN2U = 0.69314718055966295651160180568695068359375;
  constexpr double LN2L = 0.28235290563031577122588448175013436025525412068e-12;
  constexpr double Overflow = 7.09782712893384e+02;
  constexpr double C[] = {2.4801587301587301587e-5,
                          1.9841269841269841270e-4,
                          1.3888888888888888889e-3,
                          8.3333333333333333333e-3,
                          4.1666666666666666667e-2,
                          1.6666666666666666667e-1,
                          0.5,
                          1.0};
  if (isNaN(x) || isInf(x, 1)) return x;
  if (isInf(x, -1)) return 0;
  if (x > Overflow) return inf(1);
  double t = x * LOG2E;
  // CVTSD2SL: round to nearest even; out of range gives the "integer indefinite" value.
  int32_t bx =
      (t > -2147483648.5 && t < 2147483647.5) ? static_cast<int32_t>(std::nearbyint(t)) : INT32_MIN;
  double x1 = bx;
  double x0 = std::fma(-LN2U, x1, x);
  x0 = std::fma(-LN2L, x1, x0);
  x0 *= 0.0625;
  x1 = C[0];
  for (int k = 1; k < 8; ++k) x1 = std::fma(x1, x0, C[k]);
  x0 *= x1;
  for (int k = 0; k < 3; ++k) {
    x1 = x0 + 2.0;
    x0 *= x1;
  }
  x1 = x0 + 2.0;
  x0 = std::fma(x0, x1, 1.0);
  int64_t e = static_cast<int64_t>(bx) + 0x3FF;
  if (e <= 0) {
    if (e < -52) return 0;
    x0 *= float64frombits(static_cast<uint64_t>(e + 0x3FE) << 52);
    e = 1;
  } else if (e >= 0x7FF) {
    return inf(1);
  }
  return x0 * float64frombits(static_cast<uint64_t>(e) << 52);
}
double exp2(double x) {
  return std::exp2(x);
}
double expm1(double x) {
  return std::expm1(x);
}

double log(double x) {
  constexpr double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10,
                   L1 = 6.666666666666735130e-01, L2 = 3.999999999940941908e-01,
                   L3 = 2.857142874366239149e-01, L4 = 2.222219843214978396e-01,
                   L5 = 1.818357216161805012e-01, L6 = 1.531383769920937332e-01,
                   L7 = 1.479819860511658591e-01;
  if (isNaN(x) || isInf(x, 1)) return x;
  if (x < 0) return nan();
  if (x == 0) return inf(-1);
  // Go's amd64 Log (log_amd64.s) takes the exponent field as is: subnormals are not
  // normalised, so Log(5e-324) is -709.0895657128241, as Go prints.
  uint64_t bits = float64bits(x);
  int ki = static_cast<int>((bits >> 52) & 0x7FF) - 1022;
  double f1 = float64frombits((bits & ~(uint64_t{0x7FF} << 52)) | (uint64_t{0x3FE} << 52));
  if (f1 < kSqrt2Half) {
    f1 *= 2;
    ki--;
  }
  double f = f1 - 1;
  double k = ki;
  double s = f / (2 + f);
  double s2 = s * s;
  double s4 = s2 * s2;
  double t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  double t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  double R = t1 + t2;
  double hfsq = 0.5 * f * f;
  return k * Ln2Hi - ((hfsq - (s * (hfsq + R) + k * Ln2Lo)) - f);
}

double log10(double x) {
  return log(x) * kInvLn10;
}

double log2(double x) {
  int exp;
  double frac = std::frexp(x, &exp);
  // Exact powers of two give exact results.
  if (frac == 0.5) return static_cast<double>(exp - 1);
  return log(frac) * kInvLn2 + static_cast<double>(exp);
}

double log1p(double x) {
  return std::log1p(x);
}

double floor(double x) {
  return std::floor(x);
}
double ceil(double x) {
  return std::ceil(x);
}
double trunc(double x) {
  return std::trunc(x);
}
double round(double x) {
  return std::round(x);
}
double roundToEven(double x) {
  return std::nearbyint(x);
}
double mod(double x, double y) {
  if (y == 0 || std::isinf(x) || isNaN(x) || isNaN(y)) return nan();
  return std::fmod(x, y);
}
double remainder(double x, double y) {
  if (isNaN(x) || isNaN(y) || std::isinf(x) || y == 0) return nan();
  return std::remainder(x, y);
}
double dim(double x, double y) {
  double v = x - y;
  return v <= 0 ? 0 : v;
}

double max(double x, double y) {
  if (isInf(x, 1) || isInf(y, 1)) return inf(1);
  if (isNaN(x) || isNaN(y)) return nan();
  if (x == 0 && x == y) return std::signbit(x) ? y : x;
  return x > y ? x : y;
}

double min(double x, double y) {
  if (isInf(x, -1) || isInf(y, -1)) return inf(-1);
  if (isNaN(x) || isNaN(y)) return nan();
  if (x == 0 && x == y) return std::signbit(x) ? x : y;
  return x < y ? x : y;
}

double hypot(double p, double q) {
  if (std::isinf(p) || std::isinf(q)) return inf(1);
  if (isNaN(p) || isNaN(q)) return nan();
  p = std::fabs(p);
  q = std::fabs(q);
  if (p < q) std::swap(p, q);
  if (p == 0) return 0;
  q = q / p;
  return p * std::sqrt(1 + q * q);
}

double sin(double x) {
  if (x == 0 || isNaN(x)) return x;
  if (std::isinf(x)) return nan();
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  uint64_t j;
  double z;
  reduce(x, j, z);
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  double zz = z * z;
  double y = (j == 1 || j == 2) ? cosPoly(zz) : sinPoly(z, zz);
  return sign ? -y : y;
}

double cos(double x) {
  if (isNaN(x) || std::isinf(x)) return nan();
  bool sign = false;
  x = std::fabs(x);
  uint64_t j;
  double z;
  reduce(x, j, z);
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  double zz = z * z;
  double y = (j == 1 || j == 2) ? sinPoly(z, zz) : cosPoly(zz);
  return sign ? -y : y;
}

double tan(double x) {
  constexpr double P[] = {-1.30936939181383777646e4, 1.15351664838587416140e6,
                          -1.79565251976484877988e7};
  constexpr double Q[] = {1.0, 1.36812963470692954678e4, -1.32089234440210967447e6,
                          2.50083801823357915839e7, -5.38695755929454629881e7};
  if (x == 0 || isNaN(x)) return x;
  if (std::isinf(x)) return nan();
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  uint64_t j;
  double z;
  reduce(x, j, z, false);
  double zz = z * z;
  double y;
  if (zz > 1e-14) {
    y = z + z * (zz * ((P[0] * zz + P[1]) * zz + P[2]) /
                 ((((zz + Q[1]) * zz + Q[2]) * zz + Q[3]) * zz + Q[4]));
  } else {
    y = z;
  }
  if ((j & 2) == 2) y = -1 / y;
  return sign ? -y : y;
}

double asin(double x) {
  if (x == 0) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x > 1) return nan();
  double temp = std::sqrt(1 - x * x);
  if (x > 0.7) {
    temp = kPi2 - satan(temp / x);
  } else {
    temp = satan(x / temp);
  }
  return sign ? -temp : temp;
}

double acos(double x) {
  return kPi2 - asin(x);
}

double atan(double x) {
  if (x == 0) return x;
  if (x > 0) return satan(x);
  return -satan(-x);
}

double atan2(double y, double x) {
  if (isNaN(y) || isNaN(x)) return nan();
  if (y == 0) {
    if (x >= 0 && !std::signbit(x)) return std::copysign(0, y);
    return std::copysign(kPi, y);
  }
  if (x == 0) return std::copysign(kPi2, y);
  if (std::isinf(x)) {
    if (x > 0) return std::isinf(y) ? std::copysign(kPi4, y) : std::copysign(0, y);
    return std::isinf(y) ? std::copysign(k3Pi4, y) : std::copysign(kPi, y);
  }
  if (std::isinf(y)) return std::copysign(kPi2, y);
  double q = atan(y / x);
  if (x < 0) {
    if (q <= 0) return q + kPi;
    return q - kPi;
  }
  return q;
}

double sinh(double x) {
  constexpr double P0 = -0.6307673640497716991184787251e+6, P1 = -0.8991272022039509355398013511e+5,
                   P2 = -0.2894211355989563807284660366e+4, P3 = -0.2630563213397497062819489e+2,
                   Q0 = -0.6307673640497716991212077277e+6, Q1 = 0.1521517378790019070696485176e+5,
                   Q2 = -0.173678953558233699533450911e+3;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double temp;
  if (x > 21) {
    temp = exp(x) * 0.5;
  } else if (x > 0.5) {
    double ex = exp(x);
    temp = (ex - 1 / ex) * 0.5;
  } else {
    double sq = x * x;
    temp = (((P3 * sq + P2) * sq + P1) * sq + P0) * x;
    temp = temp / (((sq + Q2) * sq + Q1) * sq + Q0);
  }
  return sign ? -temp : temp;
}
double cosh(double x) {
  x = std::fabs(x);
  if (x > 21) return exp(x) * 0.5;
  double ex = exp(x);
  return (ex + 1 / ex) * 0.5;
}
double tanh(double x) {
  constexpr double P[] = {-9.64399179425052238628e-1, -9.92877231001918586564e1,
                          -1.61468768441708447952e3};
  constexpr double Q[] = {1.12811678491632931402e2, 2.23548839060100448583e3,
                          4.84406305325125486048e3};
  constexpr double MAXLOG = 8.8029691931113054295988e+01;  // log(2**127)
  double z = std::fabs(x);
  if (z > 0.5 * MAXLOG) return x < 0 ? -1 : 1;
  if (z >= 0.625) {
    double s = exp(2 * z);
    z = 1 - 2 / (s + 1);
    return x < 0 ? -z : z;
  }
  if (x == 0) return x;
  double s = x * x;
  return x + x * s * ((P[0] * s + P[1]) * s + P[2]) / (((s + Q[0]) * s + Q[1]) * s + Q[2]);
}

uint64_t float64bits(double f) {
  uint64_t b;
  std::memcpy(&b, &f, 8);
  return b;
}
double float64frombits(uint64_t b) {
  double f;
  std::memcpy(&f, &b, 8);
  return f;
}
uint32_t float32bits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}
float float32frombits(uint32_t b) {
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}

}  // namespace gol::stdlib::gomath

// --- bindings and constants ------------------------------------------------------------

namespace gol::stdlib {

namespace {

// An exact rational from a decimal literal such as "3.14159".
mpq_class decimal(const std::string& s) {
  size_t dot = s.find('.');
  std::string digits = s;
  size_t frac = 0;
  if (dot != std::string::npos) {
    digits.erase(dot, 1);
    frac = s.size() - dot - 1;
  }
  mpz_class num(digits, 10);
  mpz_class den;
  mpz_ui_pow_ui(den.get_mpz_t(), 10, frac);
  mpq_class q(num, den);
  q.canonicalize();
  return q;
}

// 2^e as a rational.
mpq_class pow2(int e) {
  mpz_class one = 1;
  mpz_class p = one << std::abs(e);
  mpq_class q = e >= 0 ? mpq_class(p) : mpq_class(one, p);
  q.canonicalize();
  return q;
}

}  // namespace

void registerMath(Packages& p) {
  using check::BasicKind;
  const check::Type* uInt = check::basicType(BasicKind::UntypedInt);
  const check::Type* uFloat = check::basicType(BasicKind::UntypedFloat);
  check::Package& m = p.package("math", "math");

  // Constants, exact as Go declares them.
  const mpq_class pi = decimal("3.14159265358979323846264338327950288419716939937510582097494459");
  const mpq_class ln2 =
      decimal("0.693147180559945309417232121458176568075500134360255254120680009");
  const mpq_class ln10 =
      decimal("2.30258509299404568401799145468436420760110148862877297603332790");
  p.addConstant(m, "E", uFloat,
                check::ConstValue::ofFloat(
                    decimal("2.71828182845904523536028747135266249775724709369995957496696763")));
  p.addConstant(m, "Pi", uFloat, check::ConstValue::ofFloat(pi));
  p.addConstant(m, "Phi", uFloat,
                check::ConstValue::ofFloat(
                    decimal("1.61803398874989484820458683436563811772030917980576286213544862")));
  p.addConstant(m, "Sqrt2", uFloat,
                check::ConstValue::ofFloat(
                    decimal("1.41421356237309504880168872420969807856967187537694807317667974")));
  p.addConstant(m, "SqrtE", uFloat,
                check::ConstValue::ofFloat(
                    decimal("1.64872127070012814684865078781416357165377610071014801157507931")));
  p.addConstant(m, "SqrtPi", uFloat,
                check::ConstValue::ofFloat(
                    decimal("1.77245385090551602729816748334114518279754945612238712821380779")));
  p.addConstant(m, "SqrtPhi", uFloat,
                check::ConstValue::ofFloat(
                    decimal("1.27201964951406896425242246173749149171560804184009624861664038")));
  p.addConstant(m, "Ln2", uFloat, check::ConstValue::ofFloat(ln2));
  mpq_class log2e = 1 / ln2;
  log2e.canonicalize();
  p.addConstant(m, "Log2E", uFloat, check::ConstValue::ofFloat(log2e));
  p.addConstant(m, "Ln10", uFloat, check::ConstValue::ofFloat(ln10));
  mpq_class log10e = 1 / ln10;
  log10e.canonicalize();
  p.addConstant(m, "Log10E", uFloat, check::ConstValue::ofFloat(log10e));

  mpq_class maxF32 = pow2(127) * (1 + (1 - pow2(-23)));
  maxF32.canonicalize();
  mpq_class maxF64 = pow2(1023) * (1 + (1 - pow2(-52)));
  maxF64.canonicalize();
  p.addConstant(m, "MaxFloat32", uFloat, check::ConstValue::ofFloat(maxF32));
  p.addConstant(m, "SmallestNonzeroFloat32", uFloat, check::ConstValue::ofFloat(pow2(-149)));
  p.addConstant(m, "MaxFloat64", uFloat, check::ConstValue::ofFloat(maxF64));
  p.addConstant(m, "SmallestNonzeroFloat64", uFloat, check::ConstValue::ofFloat(pow2(-1074)));

  auto intConst = [&](const char* name, const mpz_class& v) {
    p.addConstant(m, name, uInt, check::ConstValue::ofInt(v));
  };
  mpz_class one = 1;
  intConst("MaxInt", (one << 63) - 1);
  intConst("MinInt", -(one << 63));
  intConst("MaxInt8", 127);
  intConst("MinInt8", -128);
  intConst("MaxInt16", 32767);
  intConst("MinInt16", -32768);
  intConst("MaxInt32", (one << 31) - 1);
  intConst("MinInt32", -(one << 31));
  intConst("MaxInt64", (one << 63) - 1);
  intConst("MinInt64", -(one << 63));
  intConst("MaxUint", (one << 64) - 1);
  intConst("MaxUint8", 255);
  intConst("MaxUint16", 65535);
  intConst("MaxUint32", (one << 32) - 1);
  intConst("MaxUint64", (one << 64) - 1);

  bind<&gomath::sqrt>(p, m, "Sqrt");
  bind<&gomath::cbrt>(p, m, "Cbrt");
  bind<&gomath::pow>(p, m, "Pow");
  bind<&gomath::pow10>(p, m, "Pow10");
  bind<&gomath::exp>(p, m, "Exp");
  bind<&gomath::exp2>(p, m, "Exp2");
  bind<&gomath::expm1>(p, m, "Expm1");
  bind<&gomath::log>(p, m, "Log");
  bind<&gomath::log2>(p, m, "Log2");
  bind<&gomath::log10>(p, m, "Log10");
  bind<&gomath::log1p>(p, m, "Log1p");
  bind<&gomath::abs>(p, m, "Abs");
  bind<&gomath::floor>(p, m, "Floor");
  bind<&gomath::ceil>(p, m, "Ceil");
  bind<&gomath::trunc>(p, m, "Trunc");
  bind<&gomath::round>(p, m, "Round");
  bind<&gomath::roundToEven>(p, m, "RoundToEven");
  bind<&gomath::mod>(p, m, "Mod");
  bind<&gomath::remainder>(p, m, "Remainder");
  bind<&gomath::dim>(p, m, "Dim");
  bind<&gomath::max>(p, m, "Max");
  bind<&gomath::min>(p, m, "Min");
  bind<&gomath::hypot>(p, m, "Hypot");
  bind<&gomath::copysign>(p, m, "Copysign");
  bind<&gomath::sin>(p, m, "Sin");
  bind<&gomath::cos>(p, m, "Cos");
  bind<&gomath::tan>(p, m, "Tan");
  bind<&gomath::asin>(p, m, "Asin");
  bind<&gomath::acos>(p, m, "Acos");
  bind<&gomath::atan>(p, m, "Atan");
  bind<&gomath::atan2>(p, m, "Atan2");
  bind<&gomath::sinh>(p, m, "Sinh");
  bind<&gomath::cosh>(p, m, "Cosh");
  bind<&gomath::tanh>(p, m, "Tanh");
  bind<&gomath::inf>(p, m, "Inf");
  bind<&gomath::nan>(p, m, "NaN");
  bind<&gomath::isNaN>(p, m, "IsNaN");
  bind<&gomath::isInf>(p, m, "IsInf");
  bind<&gomath::signbit>(p, m, "Signbit");
  bind<&gomath::float64bits>(p, m, "Float64bits");
  bind<&gomath::float64frombits>(p, m, "Float64frombits");
  bind<&gomath::float32bits>(p, m, "Float32bits");
  bind<&gomath::float32frombits>(p, m, "Float32frombits");
}

}  // namespace gol::stdlib
