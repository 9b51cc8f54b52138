#include "interpreter/values/value.h"

#include "interpreter/values/complex.h"
#include "interpreter/values/cycles.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include "runtime/spinlock.h"

namespace gol::values {

std::atomic<bool> sharedCells{false};

void enableSharedCells() {
  sharedCells.store(true, std::memory_order_relaxed);
}

namespace {

// Striped locks for shared cells: a cell's lock is picked by its address.
struct alignas(64) CellLock {
  rt::SpinLock lock;
};
constexpr size_t kCellLocks = 1024;
CellLock cellLocks[kCellLocks];

rt::SpinLock& lockFor(const Value* cell) {
  auto a = reinterpret_cast<uintptr_t>(cell) >> 3;
  return cellLocks[(a ^ (a >> 10)) & (kCellLocks - 1)].lock;
}

}  // namespace

Value loadRefLocked(const Value* cell) {
  rt::SpinLock& l = lockFor(cell);
  l.lock();
  Value v = *cell;
  retainRef(v);
  l.unlock();
  return v;
}

void storeRefLocked(Value* cell, Value v) {
  rt::SpinLock& l = lockFor(cell);
  l.lock();
  Value old = *cell;
  *cell = v;
  l.unlock();
  releaseRef(old);
}

StringObject* StringObject::allocate(size_t size) {
  void* mem = std::malloc(sizeof(StringObject) + size);
  if (!mem) throw std::bad_alloc();
  return new (mem) StringObject(size);
}

StringObject* StringObject::make(std::string_view bytes) {
  if (bytes.empty()) return nullptr;
  StringObject* s = allocate(bytes.size());
  std::memcpy(s->data_, bytes.data(), bytes.size());
  return s;
}

void StringObject::destroy() {
  noteFree(sizeof(StringObject) + size_);
  this->~StringObject();
  std::free(this);
}

ArrayObject* ArrayObject::make(size_t length, bool countedElements) {
  // calloc: a large array comes as fresh zero pages from the kernel, with no memset (the
  // pages are faulted in only when used).
  size_t bytes = sizeof(ArrayObject) + length * sizeof(Value);
  void* mem = std::calloc(1, bytes);
  if (!mem) throw std::bad_alloc();
  auto* a = new (mem) ArrayObject(length, bytes);
  a->counted_ = countedElements;
  if (!countedElements) a->untrack();
  a->data_ = reinterpret_cast<Value*>(reinterpret_cast<char*>(mem) + sizeof(ArrayObject));
  return a;
}

ArrayObject* ArrayObject::makeZero(size_t length, const check::Type* elemType) {
  Storage storage = storageOf(elemType);
  ArrayObject* a = make(length, storage != Storage::Scalar);
  a->elemType_ = elemType;
  if (storage == Storage::Aggregate) {
    for (size_t i = 0; i < length; ++i) a->data_[i] = zeroValue(elemType);
  }
  return a;
}

ArrayObject* ArrayObject::makeView(ArrayObject* owner, Value* base, size_t length,
                                   const check::Type* elemType) {
  void* mem = std::malloc(sizeof(ArrayObject));
  if (!mem) throw std::bad_alloc();
  auto* a = new (mem) ArrayObject(length, sizeof(ArrayObject));
  owner->refs.fetch_add(1, std::memory_order_relaxed);
  a->owner_ = owner;
  a->view_ = true;
  a->counted_ = owner->counted_;
  a->elemType_ = elemType;
  a->data_ = base;
  return a;
}

void ArrayObject::destroy() {
  if (view_) {
    noteFree(sizeof(ArrayObject));
    Value owner{.p = owner_};
    this->~ArrayObject();
    std::free(this);
    releaseRef(owner);
    return;
  }
  noteFree(sizeof(ArrayObject) + length_ * sizeof(Value));
  if (counted_) {
    for (size_t i = 0; i < length_; ++i) releaseRef(data_[i]);
  }
  this->~ArrayObject();
  std::free(this);
}

void ArrayObject::releaseContents() {
  if (view_) {
    Value owner{.p = owner_};
    owner_ = nullptr;
    releaseRef(owner);
    return;
  }
  if (!counted_) return;
  for (size_t i = 0; i < length_; ++i) {
    Value v = data_[i];
    data_[i] = Value{};
    releaseRef(v);
  }
}

void SliceObject::releaseArray() {
  Value a{.p = array_};
  array_ = nullptr;
  base_ = nullptr;
  releaseRef(a);
}

SliceObject* SliceObject::make(ArrayObject* array, Value* base, int64_t len, int64_t cap) {
  auto* s = new SliceObject();
  if (!(array->flags.load(std::memory_order_relaxed) & kTracked)) s->untrack();
  array->refs.fetch_add(1, std::memory_order_relaxed);
  s->array_ = array;
  s->base_ = base;
  s->len_ = len;
  s->cap_ = cap;
  return s;
}

void SliceObject::destroy() {
  noteFree(sizeof(SliceObject));
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

StructObject* StructObject::make(const check::Struct* st) {
  size_t n = st->fields.size();
  void* mem = std::malloc(sizeof(StructObject) + (n ? n - 1 : 0) * sizeof(Value));
  if (!mem) throw std::bad_alloc();
  auto* o = new (mem) StructObject(st);
  bool counted = false;
  for (size_t i = 0; i < n; ++i) {
    const check::Type* ft = st->fields[i].type;
    Storage storage = storageOf(ft);
    o->fields[i] = storage == Storage::Aggregate ? zeroValue(ft) : Value{};
    counted |= storage != Storage::Scalar;
  }
  if (!counted) o->untrack();
  return o;
}

ClosureObject* ClosureObject::make(const FuncCode* fn, size_t n) {
  void* mem = std::malloc(bytesFor(n));
  if (!mem) throw std::bad_alloc();
  auto* c = new (mem) ClosureObject(fn, n);
  for (size_t i = 0; i < n; ++i) c->boxes[i] = nullptr;
  return c;
}

void ClosureObject::destroy() {
  noteFree(bytesFor(nboxes));
  for (BoxObject* b : boxList()) releaseRef(Value{.p = b});
  this->~ClosureObject();
  std::free(this);
}

void StructObject::destroy() {
  noteFree(bytesFor(type));
  for (size_t i = 0; i < type->fields.size(); ++i) {
    if (isCounted(type->fields[i].type)) releaseRef(fields[i]);
  }
  this->~StructObject();
  std::free(this);
}

Value makePointer(HeapObject* owner, Value* cell, Storage storage) {
  auto* p = new PointerObject();
  owner->refs.fetch_add(1, std::memory_order_relaxed);
  p->owner = owner;
  p->cell = cell;
  p->storage = storage;
  return Value{.p = p};
}

Value zeroValue(const check::Type* t) {
  const check::Type* u = check::under(t);
  if (u->kind == check::TypeKind::Struct) {
    return Value{.p = StructObject::make(static_cast<const check::Struct*>(u))};
  }
  if (u->kind == check::TypeKind::Array) {
    auto a = static_cast<const check::Array*>(u);
    return Value{.p = ArrayObject::makeZero(static_cast<size_t>(a->len), a->elem)};
  }
  return Value{};
}

namespace {

// Copies n values of type t from src to fresh cells dst (which own nothing yet).
void copyFresh(Value* dst, const Value* src, size_t n, const check::Type* t) {
  switch (storageOf(t)) {
    case Storage::Scalar: std::memcpy(static_cast<void*>(dst), src, n * sizeof(Value)); return;
    case Storage::Ref:
      for (size_t i = 0; i < n; ++i) dst[i] = loadRef(src + i);
      return;
    case Storage::Aggregate:
      for (size_t i = 0; i < n; ++i) dst[i] = cloneAggregate(src[i]);
      return;
  }
}

// Assigns n values of type t from src over the cells dst. The two may overlap (array views
// of one slice): then the copy runs from the end, as memmove does, so each source cell is
// read before it is written.
void copyOver(Value* dst, const Value* src, size_t n, const check::Type* t) {
  Storage storage = storageOf(t);
  bool backwards = dst > src && dst < src + n;
  for (size_t k = 0; k < n; ++k) {
    size_t i = backwards ? n - 1 - k : k;
    if (storage == Storage::Scalar) {
      dst[i] = src[i];
    } else if (storage == Storage::Ref) {
      storeRef(dst + i, loadRef(src + i));
    } else {
      copyAggregateInto(static_cast<HeapObject*>(dst[i].p), static_cast<HeapObject*>(src[i].p));
    }
  }
}

}  // namespace

Value cloneAggregate(Value v) {
  auto* o = static_cast<HeapObject*>(v.p);
  if (o->kind == HeapObject::Kind::Struct) {
    auto* src = static_cast<StructObject*>(o);
    size_t n = src->type->fields.size();
    void* mem = std::malloc(sizeof(StructObject) + (n ? n - 1 : 0) * sizeof(Value));
    if (!mem) throw std::bad_alloc();
    auto* dst = new (mem) StructObject(src->type);
    if (!(src->flags.load(std::memory_order_relaxed) & HeapObject::kTracked)) dst->untrack();
    for (size_t i = 0; i < n; ++i)
      copyFresh(dst->fields + i, src->fields + i, 1, src->type->fields[i].type);
    return Value{.p = dst};
  }
  auto* src = static_cast<ArrayObject*>(o);
  ArrayObject* dst = ArrayObject::make(src->length(), src->countedElements());
  dst->setElemType(src->elemType());
  copyFresh(dst->data(), src->data(), src->length(), src->elemType());
  return Value{.p = dst};
}

void copyAggregateInto(HeapObject* dst, HeapObject* src) {
  if (dst == src) return;
  if (dst->kind == HeapObject::Kind::Struct) {
    auto* d = static_cast<StructObject*>(dst);
    auto* s = static_cast<StructObject*>(src);
    for (size_t i = 0; i < d->type->fields.size(); ++i) {
      copyOver(d->fields + i, s->fields + i, 1, d->type->fields[i].type);
    }
    return;
  }
  auto* d = static_cast<ArrayObject*>(dst);
  auto* s = static_cast<ArrayObject*>(src);
  copyOver(d->data(), s->data(), d->length(), d->elemType());
}

bool (*finalizerHook)(HeapObject* object) = nullptr;

namespace {

void destroyNow(HeapObject* object);

// Freeing an object releases what it refers to, which may free more: a long linked list
// would recurse once per node and overflow a goroutine's stack. Past kMaxDestroyDepth
// nested frees, objects wait in this thread's list and the outermost free takes them one
// by one. Nothing in a free switches goroutines, so the thread stays the same throughout.
constexpr int kMaxDestroyDepth = 32;
thread_local int destroyDepth = 0;
thread_local std::vector<HeapObject*> destroyLater;

}  // namespace

void destroyObject(HeapObject* object) {
  if (object->flags.load(std::memory_order_relaxed) & HeapObject::kHasFinalizer) [[unlikely]] {
    if (finalizerHook && finalizerHook(object)) return;
  }
  if (destroyDepth >= kMaxDestroyDepth) [[unlikely]] {
    destroyLater.push_back(object);
    return;
  }
  ++destroyDepth;
  destroyNow(object);
  if (destroyDepth == 1) {
    while (!destroyLater.empty()) {
      HeapObject* next = destroyLater.back();
      destroyLater.pop_back();
      destroyNow(next);
    }
  }
  --destroyDepth;
}

namespace {

void destroyNow(HeapObject* object) {
  // A collector buffer points at it: out of the buffer first, or freed by its sweep (cycles.h).
  if (object->flags.load(std::memory_order_relaxed) & HeapObject::kBuffered) [[unlikely]] {
    destroyBuffered(object);
    return;
  }
  freeObject(object);
}

}  // namespace

void freeObject(HeapObject* object) {
  switch (object->kind) {
    case HeapObject::Kind::String: static_cast<StringObject*>(object)->destroy(); return;
    case HeapObject::Kind::Array: static_cast<ArrayObject*>(object)->destroy(); return;
    case HeapObject::Kind::Slice: static_cast<SliceObject*>(object)->destroy(); return;
    case HeapObject::Kind::Box: {
      auto* box = static_cast<BoxObject*>(object);
      if (box->counted()) releaseRef(box->value);
      noteFree(sizeof(BoxObject));
      delete box;
      return;
    }
    case HeapObject::Kind::Closure: static_cast<ClosureObject*>(object)->destroy(); return;
    case HeapObject::Kind::Struct: static_cast<StructObject*>(object)->destroy(); return;
    case HeapObject::Kind::Pointer: {
      auto* p = static_cast<PointerObject*>(object);
      releaseRef(Value{.p = p->owner});
      noteFree(sizeof(PointerObject));
      delete p;
      return;
    }
    case HeapObject::Kind::Iface: {
      auto* i = static_cast<IfaceObject*>(object);
      if (isCounted(i->type)) releaseRef(i->value);
      noteFree(sizeof(IfaceObject));
      delete i;
      return;
    }
    case HeapObject::Kind::Map: destroyMap(object); return;
    case HeapObject::Kind::Chan: destroyChan(object); return;
    case HeapObject::Kind::Complex:
      noteFree(sizeof(ComplexObject));
      delete static_cast<ComplexObject*>(object);
      return;
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
    return {static_cast<int32_t>(((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) |
                                 (b(3) & 0x3F)),
            4};
  }
  return bad;
}

}  // namespace gol::values
