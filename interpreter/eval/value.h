// Run-time values. The checker knows every expression's type, so a Value is an
// untagged word: integers (sign- or zero-extended to 64 bits), floats, bools (0 or 1),
// or a pointer to a reference-counted heap object. Scalars never allocate.
//
// Strings are immutable StringObjects with an atomic reference count (goroutines may
// share them); the empty string is the null pointer. Ownership convention of the
// evaluator: evaluating a string expression yields a reference the caller owns; a slot
// owns the reference stored in it.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "interpreter/check/types.h"

namespace gol::eval {

class StringObject {
 public:
  // A new object holding `bytes`, with one reference; null for the empty string.
  static StringObject* make(std::string_view bytes);
  // An uninitialised object of `size` bytes to fill before sharing.
  static StringObject* allocate(size_t size);
  void retain() { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) destroy();
  }
  size_t size() const { return size_; }
  const char* data() const { return data_; }
  char* mutableData() { return data_; }
  std::string_view view() const { return {data_, size_}; }

 private:
  StringObject() = default;
  void destroy();
  std::atomic<uint32_t> refs_{1};
  size_t size_ = 0;
  char data_[1];
};

union Value {
  int64_t i;
  uint64_t u;
  double f;
  StringObject* s;
  void* p;
};
static_assert(sizeof(Value) == 8);

inline Value intValue(int64_t v) {
  Value x;
  x.i = v;
  return x;
}
inline Value floatValue(double v) {
  Value x;
  x.f = v;
  return x;
}
inline Value stringValue(StringObject* s) {
  Value x;
  x.s = s;
  return x;
}
inline std::string_view stringView(Value v) {
  return v.s ? v.s->view() : std::string_view();
}
inline void retainString(Value v) {
  if (v.s) v.s->retain();
}
inline void releaseString(Value v) {
  if (v.s) v.s->release();
}

// Decodes the UTF-8 sequence at p (n > 0 bytes left) as Go does: returns the rune and
// its width, or U+FFFD and width 1 for an invalid or incomplete sequence.
struct DecodedRune {
  int32_t rune;
  int width;
};
DecodedRune decodeRune(const char* p, size_t n);

// A value together with its dynamic type: what an `any` holds, and what native
// functions such as fmt.Println receive.
struct AnyValue {
  const check::Type* type = nullptr;
  Value value{};
};

// Does a value of type t hold a reference the evaluator must count?
inline bool isCounted(const check::Type* t) {
  const check::Basic* b = check::asBasic(t);
  return b && b->basic == check::BasicKind::String;
}

}  // namespace gol::eval
