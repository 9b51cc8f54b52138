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

ArrayObject* ArrayObject::make(size_t length, bool countedElements) {
  void* mem = std::malloc(sizeof(ArrayObject) + length * sizeof(Value));
  if (!mem) throw std::bad_alloc();
  auto* a = new (mem) ArrayObject();
  a->length_ = length;
  a->counted_ = countedElements;
  a->data_ = reinterpret_cast<Value*>(reinterpret_cast<char*>(mem) + sizeof(ArrayObject));
  std::memset(static_cast<void*>(a->data_), 0, length * sizeof(Value));
  return a;
}

void ArrayObject::destroy() {
  if (counted_) {
    for (size_t i = 0; i < length_; ++i) releaseRef(data_[i]);
  }
  this->~ArrayObject();
  std::free(this);
}

SliceObject* SliceObject::make(ArrayObject* array, Value* base, int64_t len, int64_t cap) {
  auto* s = new SliceObject();
  array->refs.fetch_add(1, std::memory_order_relaxed);
  s->array_ = array;
  s->base_ = base;
  s->len_ = len;
  s->cap_ = cap;
  return s;
}

void SliceObject::destroy() {
  Value a;
  a.p = array_;
  delete this;
  releaseRef(a);
}

SliceObject* makeSlice(int64_t len, int64_t cap, bool countedElements) {
  ArrayObject* a = ArrayObject::make(static_cast<size_t>(cap), countedElements);
  SliceObject* s = SliceObject::make(a, a->data(), len, cap);
  a->refs.fetch_sub(1, std::memory_order_relaxed);  // the slice holds the only reference
  return s;
}

void destroyObject(HeapObject* object) {
  switch (object->kind) {
    case HeapObject::Kind::String: static_cast<StringObject*>(object)->destroy(); return;
    case HeapObject::Kind::Array: static_cast<ArrayObject*>(object)->destroy(); return;
    case HeapObject::Kind::Slice: static_cast<SliceObject*>(object)->destroy(); return;
    case HeapObject::Kind::Box: {
      auto* box = static_cast<BoxObject*>(object);
      if (box->counted) releaseRef(box->value);
      delete box;
      return;
    }
    case HeapObject::Kind::Closure: {
      auto* c = static_cast<ClosureObject*>(object);
      for (BoxObject* b : c->boxes) {
        Value v;
        v.p = b;
        releaseRef(v);
      }
      delete c;
      return;
    }
  }
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
