// Go's == on values of any comparable type, and the hash that map keys use: both by the
// static type, looking into interfaces' dynamic types. Comparing or hashing an
// interface holding an uncomparable dynamic type panics as Go does.
#pragma once

#include <cstdint>

#include "interpreter/values/value.h"

namespace gol::values {

bool equalValues(const check::Type* t, Value a, Value b);
uint64_t hashValue(const check::Type* t, Value v);
// The identity of a pointer value: the object of a struct pointer, the first element of an
// array pointer (two views of one slice are the same pointer), else the cell (of a
// PointerObject or of a box).
inline const void* pointerIdentity(Value p) {
  auto* o = static_cast<HeapObject*>(p.p);
  if (o && (o->kind == HeapObject::Kind::Pointer || o->kind == HeapObject::Kind::Box)) {
    return static_cast<PointerObject*>(o)->cell;
  }
  if (o && o->kind == HeapObject::Kind::Array) return static_cast<ArrayObject*>(o)->data();
  return o;
}

}  // namespace gol::values
