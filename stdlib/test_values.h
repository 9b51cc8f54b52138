// Helpers for the stdlib unit tests: AnyValues of each basic type.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include "interpreter/values/value.h"

namespace gol::stdlib::testing {

using check::BasicKind;
using values::AnyValue;

inline AnyValue typed(BasicKind k, values::Value v) {
  return AnyValue{check::basicType(k), v};
}
inline AnyValue I(int64_t v) {
  return typed(BasicKind::Int, values::intValue(v));
}
inline AnyValue I8(int8_t v) {
  return typed(BasicKind::Int8, values::intValue(v));
}
inline AnyValue I16(int16_t v) {
  return typed(BasicKind::Int16, values::intValue(v));
}
inline AnyValue R(int32_t v) {
  return typed(BasicKind::Int32, values::intValue(v));
}
inline AnyValue I64(int64_t v) {
  return typed(BasicKind::Int64, values::intValue(v));
}
inline AnyValue unsignedValue(BasicKind k, uint64_t v) {
  values::Value x;
  x.u = v;
  return typed(k, x);
}
inline AnyValue U(uint64_t v) {
  return unsignedValue(BasicKind::Uint, v);
}
inline AnyValue U8(uint8_t v) {
  return unsignedValue(BasicKind::Uint8, v);
}
inline AnyValue U16(uint16_t v) {
  return unsignedValue(BasicKind::Uint16, v);
}
inline AnyValue U32(uint32_t v) {
  return unsignedValue(BasicKind::Uint32, v);
}
inline AnyValue U64(uint64_t v) {
  return unsignedValue(BasicKind::Uint64, v);
}
inline AnyValue UP(uint64_t v) {
  return unsignedValue(BasicKind::Uintptr, v);
}
inline AnyValue F64(double v) {
  return typed(BasicKind::Float64, values::floatValue(v));
}
inline AnyValue F32(double v) {
  return typed(BasicKind::Float32, values::floatValue(static_cast<float>(v)));
}
inline AnyValue B(bool v) {
  return typed(BasicKind::Bool, values::intValue(v ? 1 : 0));
}
// Strings made for tests live until the end of the process.
inline AnyValue S(std::string_view v) {
  return typed(BasicKind::String, values::stringValue(values::StringObject::make(v)));
}
inline AnyValue Nil() {
  return AnyValue{};
}

}  // namespace gol::stdlib::testing
