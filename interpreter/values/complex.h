// Complex numbers at run time.
//
// Representation. A Value is one 8-byte word, so:
// * complex64 is a scalar: its two float32 parts packed in the word (real part in the low
//   32 bits, imaginary part in the high 32 bits). It never allocates.
// * complex128 needs 16 bytes: it is a reference to an immutable ComplexObject, counted
//   like a string (Storage::Ref), and 0+0i (both parts +0) is the null pointer, so zero
//   values, cleared slots and zeroed arrays need no object. Cost: every complex128 result
//   that is not +0+0i allocates one 24-byte object, and copies of complex128 values count
//   references, as strings do. Only code on complex values pays this; no other type's
//   path changed.
//
// Arithmetic is Go's: + - * on parts (complex64 products computed in float64 and then
// rounded, as Go's compiler does), / with the algorithm of Go's runtime complex128div
// (complex64 division goes through complex128), never panicking.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

#include "interpreter/values/value.h"

namespace gol::values {

// A complex number's two parts, in float64 (a complex64's parts widened exactly).
struct Complex {
  double re = 0;
  double im = 0;
  bool operator==(const Complex& o) const { return re == o.re && im == o.im; }
};

class ComplexObject : public HeapObject {
 public:
  explicit ComplexObject(Complex c) : HeapObject(Kind::Complex, sizeof(ComplexObject)), value(c) {}
  const Complex value;
};

// A complex128 as a Value owned by the caller (null for +0+0i).
Value complex128Value(Complex c);
inline Complex complex128Of(Value v) {
  return v.p ? static_cast<const ComplexObject*>(v.p)->value : Complex{};
}

// A complex64 as a Value: the parts rounded to float32 and packed.
inline Value complex64Value(Complex c) {
  uint64_t re = std::bit_cast<uint32_t>(static_cast<float>(c.re));
  uint64_t im = std::bit_cast<uint32_t>(static_cast<float>(c.im));
  Value v;
  v.u = re | (im << 32);
  return v;
}
inline Complex complex64Of(Value v) {
  return {std::bit_cast<float>(static_cast<uint32_t>(v.u)),
          std::bit_cast<float>(static_cast<uint32_t>(v.u >> 32))};
}

// Reads and makes a value of either complex type (is64: complex64).
inline Complex complexOf(bool is64, Value v) {
  return is64 ? complex64Of(v) : complex128Of(v);
}
inline Value complexValue(bool is64, Complex c) {
  return is64 ? complex64Value(c) : complex128Value(c);
}

inline Complex complexAdd(Complex a, Complex b) {
  return {a.re + b.re, a.im + b.im};
}
inline Complex complexSub(Complex a, Complex b) {
  return {a.re - b.re, a.im - b.im};
}
inline Complex complexMul(Complex a, Complex b) {
  return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}
// Go's runtime complex128div.
Complex complexDiv(Complex n, Complex m);

}  // namespace gol::values
