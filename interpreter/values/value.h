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
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/check/types.h"
#include "interpreter/values/alloc_stats.h"

// A function value points to code the evaluator compiled; the value layer only holds it.
namespace gol::eval {
struct FuncCode;
}  // namespace gol::eval

namespace gol::values {

using eval::FuncCode;

// Set once a second goroutine, or another thread, may touch objects (before it starts;
// never cleared): see "Cells other goroutines may reach" below.
extern std::atomic<bool> sharedCells;

// Every heap object starts with this header: an atomic reference count (goroutines may
// share objects) and its kind, so a reference can be released without its static type.
struct HeapObject {
  enum class Kind : uint8_t {
    String,
    Array,
    Slice,
    Box,
    Closure,
    Struct,
    Pointer,
    Iface,
    Map,
    Chan,
    Complex  // a complex128 (values/complex.h)
  };
  std::atomic<uint32_t> refs{1};
  Kind kind;
  // Takes one more reference, and drops one (true when it was the last). Until objects
  // are shared (sharedCells), one thread at a time touches them, and each handover to
  // another thread (a goroutine moving, a blocking call's helper) synchronizes: the count
  // is updated without a locked instruction, which costs as much as the rest of a
  // reference's traffic.
  void addRef() noexcept {
    if (!sharedCells.load(std::memory_order_relaxed)) [[likely]] {
      refs.store(refs.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    } else {
      refs.fetch_add(1, std::memory_order_relaxed);
    }
  }
  bool dropRef() noexcept {
    if (!sharedCells.load(std::memory_order_relaxed)) [[likely]] {
      uint32_t n = refs.load(std::memory_order_relaxed);
      refs.store(n - 1, std::memory_order_relaxed);
      return n == 1;
    }
    return refs.fetch_sub(1, std::memory_order_acq_rel) == 1;
  }
  // kHasFinalizer: runtime.SetFinalizer registered one (set and cleared by its owner while
  // it holds a reference; read when the count reaches zero, when no one else can).
  // The others belong to the cycle collector (cycles.h has their rules): kTracked, the
  // object may hold references that close a cycle (set when it is made); kBuffered, it is
  // a candidate in a collector buffer; kDead, its count reached zero while buffered (its
  // contents are released, its memory waits for the buffer's next sweep); kInSet and
  // kReachable, scratch marks of a collection.
  std::atomic<uint8_t> flags;
  static constexpr uint8_t kHasFinalizer = 1;
  static constexpr uint8_t kTracked = 2;
  static constexpr uint8_t kBuffered = 4;
  static constexpr uint8_t kDead = 8;
  static constexpr uint8_t kInSet = 16;
  static constexpr uint8_t kReachable = 32;
  // Where a kBuffered object is in its candidate buffer (cycles.cpp): a hint, written by
  // the buffer's owner, checked against the buffer before use.
  std::atomic<uint16_t> candidateSlot{0};
  // bytes: the object's size with its inline payload, for runtime.ReadMemStats; whoever
  // frees the object passes the same figure to noteFree (alloc_stats.h).
  HeapObject(Kind k, size_t bytes)
      : kind(k), flags(k == Kind::String || k == Kind::Complex || k == Kind::Chan ? 0 : kTracked) {
    noteAlloc(bytes);
  }
  // For objects that turn out to hold no references (a []int's array, an int's box), and
  // channels that hold some. Only before the object is shared.
  void untrack() {
    flags.store(flags.load(std::memory_order_relaxed) & ~kTracked, std::memory_order_relaxed);
  }
  void track() {
    flags.store(flags.load(std::memory_order_relaxed) | kTracked, std::memory_order_relaxed);
  }
};
static_assert(sizeof(HeapObject) == 8, "the header is one word: objects' payloads follow it");

// Called by releaseRef for a tracked object that is not yet a candidate (cycles.cpp).
void noteCandidate(HeapObject* object) noexcept;

// Frees an object whose count reached zero (and releases what it refers to), unless it has
// a finalizer to run first.
void destroyObject(HeapObject* object);

// Set by package runtime (SetFinalizer): called for an object with kHasFinalizer whose
// count reached zero; returns true when it took the object over (resurrected with one
// reference, for its finalizer), false to let it be freed now.
extern bool (*finalizerHook)(HeapObject* object);

class StringObject : public HeapObject {
 public:
  // A new object holding `bytes`, with one reference; null for the empty string.
  static StringObject* make(std::string_view bytes);
  // An uninitialised object of `size` bytes to fill before sharing.
  static StringObject* allocate(size_t size);
  void retain() { addRef(); }
  void release() {
    if (dropRef()) destroy();
  }
  size_t size() const { return size_; }
  const char* data() const { return data_; }
  char* mutableData() { return data_; }
  // Shrinks or regrows the visible length within the allocated bytes; only for an
  // object nobody else holds (strings.Builder's buffer).
  void setSizeUnshared(size_t n) { size_ = n; }
  std::string_view view() const { return {data_, size_}; }
  void destroy();

 private:
  explicit StringObject(size_t size)
      : HeapObject(Kind::String, sizeof(StringObject) + size), size_(size) {}
  size_t size_ = 0;
  char data_[1];
};

union Value;
struct BoxObject;

// The backing array of slices: `length` Values, zeroed when made. When the elements
// are references (`countedElements`), the array owns them.
// Also a Go array value ([N]T), then with its element type: an array variable owns its
// ArrayObject as a struct variable owns its StructObject (see StructObject).
class ArrayObject : public HeapObject {
 public:
  static ArrayObject* make(size_t length, bool countedElements);
  // An array of `length` zero values of elemType (aggregate elements are allocated).
  static ArrayObject* makeZero(size_t length, const check::Type* elemType);
  // An array of `length` elements that are owner's from `base` on, not a copy (what
  // (*[N]T)(s) points to); it holds a reference to owner and releases no element itself.
  static ArrayObject* makeView(ArrayObject* owner, Value* base, size_t length,
                               const check::Type* elemType);
  size_t length() const { return length_; }
  bool countedElements() const { return counted_; }
  const check::Type* elemType() const { return elemType_; }
  void setElemType(const check::Type* t) { elemType_ = t; }
  Value* data() { return data_; }
  bool isView() const { return view_; }
  ArrayObject* viewOwner() const { return owner_; }
  // The cycle collector's clearing: releases what the array holds and forgets it.
  void releaseContents();
  void destroy();

 private:
  ArrayObject(size_t length, size_t bytes) : HeapObject(Kind::Array, bytes), length_(length) {}
  size_t length_ = 0;
  bool counted_ = false;
  bool view_ = false;                      // made by makeView
  const check::Type* elemType_ = nullptr;  // set for array values and aggregate elements
  Value* data_ = nullptr;                  // inline after the object, or owner_'s
  ArrayObject* owner_ = nullptr;           // a view's owner (null once the collector cleared it)
};

// A slice header: a window [base, base+len) of an array, with room up to base+cap.
// Headers are immutable once shared; the nil slice is the null pointer.
class SliceObject : public HeapObject {
 public:
  // A new header with one reference, taking a reference to `array`.
  static SliceObject* make(ArrayObject* array, Value* base, int64_t len, int64_t cap);
  ArrayObject* array() const { return array_; }
  Value* base() const { return base_; }
  int64_t len() const { return len_; }
  int64_t cap() const { return cap_; }
  // The cycle collector's clearing: releases the array and forgets it.
  void releaseArray();
  void destroy();

 private:
  SliceObject() : HeapObject(Kind::Slice, sizeof(SliceObject)) {}
  ArrayObject* array_ = nullptr;
  Value* base_ = nullptr;
  int64_t len_ = 0;
  int64_t cap_ = 0;
};

union Value {
  int64_t i;
  uint64_t u;
  double f;
  StringObject* s;
  void* p;
};
static_assert(sizeof(Value) == sizeof(uint64_t), "ArrayObject counts its elements as words");
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
inline void retainRef(Value v);
inline void releaseRef(Value v);
inline void retainString(Value v) {
  retainRef(v);
}
inline void releaseString(Value v) {
  releaseRef(v);
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

inline void retainRef(Value v) {
  if (v.p) static_cast<HeapObject*>(v.p)->addRef();
}
inline void releaseRef(Value v) {
  auto* o = static_cast<HeapObject*>(v.p);
  if (!o) return;
  // A count that drops but not to zero may leave a cycle behind: the object becomes a
  // candidate root for the cycle collector (once until the next collection).
  if ((o->flags.load(std::memory_order_relaxed) & (HeapObject::kTracked | HeapObject::kBuffered)) ==
      HeapObject::kTracked) [[unlikely]]
    noteCandidate(o);
  if (o->dropRef()) destroyObject(o);
}

inline SliceObject* asSlice(Value v) {
  return static_cast<SliceObject*>(v.p);
}

// ---- Cells other goroutines may reach (docs/ARCHITECTURE.md §5) ------------------------
// A reference loaded from a cell that another thread may overwrite must be retained
// before that thread's store releases it, and two racing stores must not release the
// same old value twice. Once a program has started a second goroutine (sharedCells),
// loads and stores of references in heap cells (globals, boxes, fields, elements,
// pointer targets) hold a striped lock for the few instructions of load+retain or
// exchange; frame slots are private to their goroutine and never need it. Before that,
// there is one goroutine and the checks cost one relaxed load.
// Called before the first goroutine other than main starts.
void enableSharedCells();

Value loadRefLocked(const Value* cell);
void storeRefLocked(Value* cell, Value v);

// The reference in a heap cell, retained (the caller owns it).
inline Value loadRef(const Value* cell) {
  if (!sharedCells.load(std::memory_order_relaxed)) [[likely]] {
    Value v = *cell;
    retainRef(v);
    return v;
  }
  return loadRefLocked(cell);
}
// The object of an aggregate variable's cell (a global or a box), retained. Such a cell
// is never repointed while goroutines share cells (storeAggregate copies into its object
// then), so no lock is needed.
inline Value loadAggregateVar(const Value* cell) {
  Value v = *cell;
  retainRef(v);
  return v;
}

// How a node reads a variable's cell: a plain word, a reference (loadRef), the object of
// an aggregate variable (loadAggregateVar), or a reference that is never stored again
// after the variable's declaration (check::Object::reassigned), which no lock need guard.
enum class CellRead : uint8_t { Scalar, Ref, Aggregate, FixedRef };

template <CellRead Mode>
inline Value readCell(const Value* cell) {
  if constexpr (Mode == CellRead::Ref) return loadRef(cell);
  if constexpr (Mode == CellRead::FixedRef) return loadAggregateVar(cell);
  if constexpr (Mode == CellRead::Aggregate) return loadAggregateVar(cell);
  return *cell;
}

// Stores the owned reference v into a heap cell and releases what it held.
inline void storeRef(Value* cell, Value v) {
  if (!sharedCells.load(std::memory_order_relaxed)) [[likely]] {
    Value old = *cell;
    *cell = v;
    releaseRef(old);
    return;
  }
  storeRefLocked(cell, v);
}

// A func value: its code and the boxes of the variables it captured, inline after it (one
// allocation per closure, and a captured variable one load nearer than through a vector).
struct ClosureObject : HeapObject {
  const FuncCode* fn;
  uint32_t nboxes;
  BoxObject* boxes[1];  // nboxes of them; null once the cycle collector cleared them
  // A closure of fn with n null boxes, with one reference; the caller fills them.
  static ClosureObject* make(const FuncCode* fn, size_t n);
  std::span<BoxObject* const> boxList() const { return {boxes, nboxes}; }
  void destroy();
  static size_t bytesFor(size_t n) {
    return sizeof(ClosureObject) + (n ? n - 1 : 0) * sizeof(BoxObject*);
  }

 private:
  ClosureObject(const FuncCode* f, size_t n)
      : HeapObject(Kind::Closure, bytesFor(n)), fn(f), nboxes(static_cast<uint32_t>(n)) {}
};

// A new slice of len zeroed elements with room for cap, holding one reference.
SliceObject* makeSlice(int64_t len, int64_t cap, bool countedElements);

// How a cell holds a value of some type: a plain word, a counted reference (strings,
// complex128s, slices, maps, pointers, funcs, interfaces), or an aggregate (structs and arrays): a
// reference to an object the cell owns alone, copied when the value is copied.
enum class Storage : uint8_t { Scalar, Ref, Aggregate };

inline Storage storageOf(const check::Type* t) {
  t = check::under(t);
  if (!t) return Storage::Scalar;
  switch (t->kind) {
    case check::TypeKind::Basic: {
      auto b = static_cast<const check::Basic*>(t)->basic;
      return b == check::BasicKind::String || b == check::BasicKind::UntypedString ||
                     b == check::BasicKind::Complex128 || b == check::BasicKind::UntypedComplex
                 ? Storage::Ref
                 : Storage::Scalar;
    }
    case check::TypeKind::Struct:
    case check::TypeKind::Array: return Storage::Aggregate;
    case check::TypeKind::Tuple: return Storage::Scalar;
    default: return Storage::Ref;
  }
}

// Does a value of type t hold a reference the evaluator must count?
inline bool isCounted(const check::Type* t) {
  return t && storageOf(t) != Storage::Scalar;
}
inline bool isAggregate(const check::Type* t) {
  return t && storageOf(t) == Storage::Aggregate;
}

// A struct value. A struct variable (slot, field, element) owns its StructObject alone;
// a pointer to the variable is a counted reference to the same object, so assignment
// to a variable that pointers share copies into the object instead of replacing it.
// Fields hold values as their types' Storage says.
struct StructObject : HeapObject {
  const check::Struct* type;
  Value fields[1];
  // A zero value of struct type st, with one reference.
  static StructObject* make(const check::Struct* st);
  void destroy();
  // Placement-constructed by make and cloneAggregate only.
  explicit StructObject(const check::Struct* t) : HeapObject(Kind::Struct, bytesFor(t)), type(t) {}
  static size_t bytesFor(const check::Struct* t) {
    size_t n = t->fields.size();
    return sizeof(StructObject) + (n ? n - 1 : 0) * sizeof(Value);
  }
};

// Frees a map (maps.cpp) and a channel (channels.cpp).
void destroyMap(HeapObject* map);
void destroyChan(HeapObject* chan);

// A pointer to a variable that is not an aggregate (`&x` for an int x, `&s.n`, `&a[i]`,
// new(int)): the cell, and the object owning it (a box, struct, or array). Pointers to
// structs and arrays are the aggregate objects themselves.
// A BoxObject is one too (see there): code that dereferences reads only `cell` and
// `storage`.
struct PointerObject : HeapObject {
  Storage storage = Storage::Scalar;
  HeapObject* owner = nullptr;
  Value* cell = nullptr;
  PointerObject() : HeapObject(Kind::Pointer, sizeof(PointerObject)) {}

 protected:
  PointerObject(Kind k, size_t bytes) : HeapObject(k, bytes) {}
};
// A new pointer to `cell` inside `owner` (retained).
Value makePointer(HeapObject* owner, Value* cell, Storage storage);

// A variable captured by a function literal (or made by new(T)) lives in a box that the
// frames and closures sharing it hold references to. The box is also the pointer to its
// variable: `&x` for a boxed x is the box itself, so taking the address allocates
// nothing, and the pointer keeps the variable alive by holding the box.
struct BoxObject : PointerObject {
  Value value{};
  // counted: the value holds a reference (then the box reads as a pointer to a Ref; a
  // boxed aggregate's address is its object, never the box).
  explicit BoxObject(bool counted) : PointerObject(Kind::Box, sizeof(BoxObject)) {
    storage = counted ? Storage::Ref : Storage::Scalar;
    cell = &value;
    if (!counted) untrack();
  }
  BoxObject(const BoxObject&) = delete;
  BoxObject& operator=(const BoxObject&) = delete;
  bool counted() const { return storage != Storage::Scalar; }
};

// An interface value holding a non-nil dynamic value: immutable once made, so copies of
// the interface share it. The nil interface is the null pointer.
struct IfaceObject : HeapObject {
  const check::Type* type;
  Value value;
  IfaceObject(const check::Type* t, Value v)
      : HeapObject(Kind::Iface, sizeof(IfaceObject)), type(t), value(v) {
    if (!isCounted(t)) untrack();
  }
};
inline IfaceObject* asIface(Value v) {
  return static_cast<IfaceObject*>(v.p);
}

// The zero value of type t, owned by the caller (aggregates are allocated).
Value zeroValue(const check::Type* t);
// A copy of an aggregate (struct or array object), recursively, with one reference.
Value cloneAggregate(Value v);
// An owned aggregate value that nobody else holds: v itself when the caller had the
// only reference (a temporary), else a copy (v's reference is released).
inline Value ownAggregate(Value v) {
  auto* o = static_cast<HeapObject*>(v.p);
  if (!o || o->refs.load(std::memory_order_acquire) == 1) return v;
  Value c = cloneAggregate(v);
  releaseRef(v);
  return c;
}
// Copies src's fields (or elements) into dst, which pointers may share.
void copyAggregateInto(HeapObject* dst, HeapObject* src);
// Assigns the owned aggregate v to a cell: replaces the cell's object when nothing else
// holds it, else copies into it so pointers to the variable see the new value.
inline void storeAggregate(Value* cell, Value v) {
  if (sharedCells.load(std::memory_order_relaxed)) [[unlikely]] {
    // Another goroutine may replace the cell's object at the same time: copy into it
    // (always correct; replacing is only a shortcut) while holding a reference to it.
    Value old = loadRef(cell);
    copyAggregateInto(static_cast<HeapObject*>(old.p), static_cast<HeapObject*>(v.p));
    releaseRef(v);
    releaseRef(old);
    return;
  }
  v = ownAggregate(v);
  auto* old = static_cast<HeapObject*>(cell->p);
  if (old && old->refs.load(std::memory_order_acquire) > 1) {
    copyAggregateInto(old, static_cast<HeapObject*>(v.p));
    releaseRef(v);
    return;
  }
  *cell = v;
  if (old) releaseRef(Value{.p = old});
}
// Stores an owned value of the given storage into a cell (assignment semantics).
inline void storeWith(Storage storage, Value* cell, Value v) {
  switch (storage) {
    case Storage::Scalar: *cell = v; return;
    case Storage::Ref: storeRef(cell, v); return;
    case Storage::Aggregate: storeAggregate(cell, v); return;
  }
}
// Prepares an owned value to be held by a new variable or element: aggregates are
// made unshared.
inline Value ownFor(Storage storage, Value v) {
  return storage == Storage::Aggregate ? ownAggregate(v) : v;
}

}  // namespace gol::values
