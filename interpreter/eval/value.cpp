#include "interpreter/eval/value.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace gol::eval {

StringObject* StringObject::allocate(size_t size) {
  void* mem = std::malloc(sizeof(StringObject) + size);
  if (!mem) throw std::bad_alloc();
  auto* s = new (mem) StringObject();
  s->size_ = size;
  return s;
}

StringObject* StringObject::make(std::string_view bytes) {
  if (bytes.empty()) return nullptr;
  StringObject* s = allocate(bytes.size());
  std::memcpy(s->data_, bytes.data(), bytes.size());
  return s;
}

void StringObject::destroy() {
  this->~StringObject();
  std::free(this);
}

DecodedRune decodeRune(const char* p, size_t n) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(p[i]); };
  auto cont = [&](size_t i) { return i < n && (b(i) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c < 0x80) return {c, 1};
  constexpr DecodedRune bad{0xFFFD, 1};
  if (c < 0xC2) return bad;
  if (c < 0xE0) {
    if (!cont(1)) return bad;
    return {static_cast<int32_t>(((c & 0x1F) << 6) | (b(1) & 0x3F)), 2};
  }
  if (c < 0xF0) {
    // Excludes overlong forms (E0 80..9F) and surrogates (ED A0..BF).
    if (!cont(1) || (c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F) || !cont(2)) {
      return bad;
    }
    return {static_cast<int32_t>(((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F)), 3};
  }
  if (c < 0xF5) {
    if (!cont(1) || (c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F) || !cont(2) ||
        !cont(3)) {
      return bad;
    }
    return {static_cast<int32_t>(((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) |
                                 ((b(2) & 0x3F) << 6) | (b(3) & 0x3F)),
            4};
  }
  return bad;
}

}  // namespace gol::eval
