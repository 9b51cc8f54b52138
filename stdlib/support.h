// Helpers shared by the native packages.
#pragma once

#include <string>
#include <string_view>

#include "interpreter/eval/native.h"
#include "interpreter/eval/panic.h"

namespace gol::stdlib {

// Throws a Go panic whose value is the string `message` (as Go's panic("...")).
[[noreturn]] inline void panicString(const std::string& message) {
  eval::AnyValue v{check::basicType(check::BasicKind::String),
                   eval::stringValue(eval::StringObject::make(message))};
  eval::GoPanic p;
  p.value = v;
  p.message = message;
  throw p;
}

// Go's nil pointer dereference, from a native.
[[noreturn]] inline void nilPanic() {
  eval::GoPanic p;
  p.message = "runtime error: invalid memory address or nil pointer dereference";
  p.runtimeError = true;
  p.nilDeref = true;
  throw p;
}

// A string result for a native: a new reference the caller owns.
inline eval::Value stringResult(std::string_view s) {
  return eval::stringValue(eval::StringObject::make(s));
}

inline eval::Value intResult(int64_t v) {
  return eval::intValue(v);
}
inline eval::Value boolResult(bool v) {
  return eval::intValue(v ? 1 : 0);
}
inline eval::Value floatResult(double v) {
  return eval::floatValue(v);
}

}  // namespace gol::stdlib
