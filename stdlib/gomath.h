// math: Go's math functions with Go's special cases, ported operation for operation from
// Go's amd64 implementation (pure Go, or the assembly of Exp, Log and Hypot) so results
// match Go bit for bit. Log1p, Expm1, Exp2 and Remainder use the C library and may differ
// from Go in the last bit.
#pragma once

#include <cstdint>

namespace gol::stdlib::gomath {

double inf(int64_t sign);
double nan();
bool isNaN(double x);
bool isInf(double x, int64_t sign);
bool signbit(double x);
double copysign(double x, double y);
double abs(double x);

double sqrt(double x);
double cbrt(double x);
double pow(double x, double y);
double pow10(int64_t n);
double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log2(double x);
double log10(double x);
double log1p(double x);

double floor(double x);
double ceil(double x);
double trunc(double x);
double round(double x);
double roundToEven(double x);
double mod(double x, double y);
double remainder(double x, double y);
double dim(double x, double y);
double max(double x, double y);
double min(double x, double y);
double hypot(double p, double q);

double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);

uint64_t float64bits(double f);
double float64frombits(uint64_t b);
uint32_t float32bits(float f);
float float32frombits(uint32_t b);

}  // namespace gol::stdlib::gomath
