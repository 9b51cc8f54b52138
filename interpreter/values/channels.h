// Channel values: `chan T` is a counted reference to a ChanObject, which holds the
// runtime's rt::Chan (runtime/channel.h) whose elements are Values. The nil channel is
// the null pointer. Ownership: a send moves an owned Value into the channel (a string,
// slice, pointer... reference; an aggregate the sender no longer shares); a receive
// yields an owned Value, or the zero value of the element type when the channel is
// closed. Buffered elements that are references are released when the channel dies.
//
// Natives (time.After, context's Done) may use `chan` directly: try_send and close are
// safe from timer callbacks (runtime/timer.h), blocking operations only on goroutines.
#pragma once

#include <cstdint>

#include "interpreter/values/value.h"
#include "runtime/channel.h"

namespace gol::values {

struct ChanObject : HeapObject {
  rt::Chan chan;
  const check::Type* elemType;
  Storage storage;
  ChanObject(const check::Type* elem, size_t capacity);
};

// make(chan elem, capacity) with one reference; capacity must be in range (the caller
// panics with Go's "makechan: size out of range" otherwise).
ChanObject* makeChan(const check::Type* elemType, int64_t capacity);

inline ChanObject* asChanObject(Value v) {
  return static_cast<ChanObject*>(v.p);
}
// The runtime channel of a channel value, null for the nil channel (the runtime's
// nil-aware operations block forever on it).
inline rt::Chan* rtChan(Value v) {
  return v.p ? &asChanObject(v)->chan : nullptr;
}

// Frees a channel whose count reached zero (channels.cpp).
void destroyChan(HeapObject* object);

}  // namespace gol::values
