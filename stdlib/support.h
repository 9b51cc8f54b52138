// Helpers shared by the native packages.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "interpreter/values/native.h"
#include "interpreter/values/panic.h"

namespace gol::stdlib {

// Throws a Go panic whose value is the string `message` (as Go's panic("...")).
[[noreturn]] inline void panicString(const std::string& message) {
  values::AnyValue v{check::basicType(check::BasicKind::String),
                     values::stringValue(values::StringObject::make(message))};
  values::GoPanic p;
  p.value = v;
  p.message = message;
  throw p;
}

// Go's nil pointer dereference, from a native.
[[noreturn]] inline void nilPanic() {
  values::GoPanic p;
  p.message = "runtime error: invalid memory address or nil pointer dereference";
  p.runtimeError = true;
  p.nilDeref = true;
  throw p;
}

// Go's index out of range panic, from a native (a bounds check it makes as Go's code does).
[[noreturn]] inline void indexPanic(int64_t index, int64_t length) {
  values::GoPanic p;
  p.message = "runtime error: index out of range [" + std::to_string(index) + "] with length " +
              std::to_string(length);
  p.runtimeError = true;
  throw p;
}

// A named type of a native package (`strconv.NumError`); it lives as long as the process.
inline check::Named* nativeNamed(const char* pkg, const char* name, const check::Type* underlying) {
  auto* n = new check::Named;
  n->name = name;
  n->pkg = pkg;
  n->underlying = underlying;
  return n;
}

// A signature for a native method or field type; it lives as long as the process.
inline const check::Signature* nativeSignature(std::initializer_list<const check::Type*> params,
                                               std::initializer_list<const check::Type*> results) {
  auto* s = new check::Signature;
  s->params.assign(params);
  s->results.assign(results);
  return s;
}

// Adds a natively implemented method to a native named type (the receiver is args[0]).
inline void addNativeMethod(check::Named* n, const char* name, const check::Signature* sig,
                            values::NativeFunction fn, bool pointerRecv = true) {
  check::Method m;
  m.name = name;
  m.sig = sig;
  m.pointerRecv = pointerRecv;
  m.native = reinterpret_cast<const void*>(fn);
  n->methods.push_back(m);
}

// Whether a native's argument type is the untyped nil (a literal nil passed as `any`).
inline bool isUntypedNil(const check::Type* t) {
  const check::Basic* b = t ? check::asBasic(t) : nullptr;
  return !t || (b && b->basic == check::BasicKind::UntypedNil);
}

// An `any` argument as an owned interface value (natives receive it with its own type).
inline values::Value toAny(const values::AnyValue& a) {
  if (isUntypedNil(a.type)) return values::Value{};
  if (check::asInterface(a.type)) {
    values::retainRef(a.value);
    return a.value;
  }
  values::Value v = a.value;
  if (values::isCounted(a.type)) values::retainRef(v);
  return values::Value{
      .p = new values::IfaceObject(a.type, values::ownFor(values::storageOf(a.type), v))};
}

// v with one more reference, which the caller owns (a borrowed value handed on as owned).
inline values::Value retained(values::Value v) {
  values::retainRef(v);
  return v;
}

// A string result for a native: a new reference the caller owns.
inline values::Value stringResult(std::string_view s) {
  return values::stringValue(values::StringObject::make(s));
}

inline values::Value intResult(int64_t v) {
  return values::intValue(v);
}
inline values::Value boolResult(bool v) {
  return values::intValue(v ? 1 : 0);
}
inline values::Value floatResult(double v) {
  return values::floatValue(v);
}

}  // namespace gol::stdlib
