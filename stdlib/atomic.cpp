// sync/atomic: the functions on *int32, *int64, *uint32, *uint64 and *uintptr (Add, Load,
// Store, Swap, CompareAndSwap, And, Or) and the types Int32, Int64, Uint32, Uint64, Uintptr,
// Bool and Value.
//
// A Gol integer lives in a 64-bit Value word, sign-extended (int32) or zero-extended
// (uint32). Every operation works on the whole word through std::atomic_ref and writes a
// correctly extended result, so ordinary reads of the variable see a valid value; 32-bit
// read-modify-writes are compare-and-swap loops that wrap as the 32-bit type does.
// The integer and Bool types are structs of one such word; their methods (pointer
// receivers) get the struct object and operate on field 0 in place.
//
// atomic.Value holds an interface reference in its one field `v`. Invariant: `v` is only
// read or replaced under the striped spin lock chosen by the object's address, and a reader
// retains the reference before the lock is released, so a concurrent Store can never free
// what a Load is returning. References are released after the lock is dropped.
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <type_traits>

#include "interpreter/values/equality.h"
#include "runtime/spinlock.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using check::BasicKind;
using values::AnyValue;
using values::Value;

// ---- integer cells ----

// The word of a *T argument (a pointer to a scalar variable is a PointerObject).
Value* pointerCell(const AnyValue& a) {
  auto* p = static_cast<values::PointerObject*>(a.value.p);
  if (!p) nilPanic();
  return p->cell;
}
// The word of an atomic.T receiver: field 0 of its struct object.
Value* fieldCell(const AnyValue& a) {
  auto* o = static_cast<values::StructObject*>(a.value.p);
  if (!o) nilPanic();
  return &o->fields[0];
}

using CellOf = Value* (*)(const AnyValue&);

// The Value word of a T, extended as the evaluator stores it.
template <typename T>
uint64_t word(T v) {
  if constexpr (std::is_signed_v<T>)
    return static_cast<uint64_t>(static_cast<int64_t>(v));
  else
    return static_cast<uint64_t>(v);
}
template <typename T>
T fromWord(uint64_t w) {
  return static_cast<T>(w);
}
template <typename T>
T arg(const AnyValue& a) {
  return fromWord<T>(a.value.u);
}
template <typename T>
Value result(T v) {
  return Value{.u = word(v)};
}

std::atomic_ref<uint64_t> atomicWord(Value* cell) {
  return std::atomic_ref<uint64_t>(cell->u);
}

// Replaces the word by f(old) atomically; returns the old value.
template <typename T, typename F>
T update(Value* cell, F f) {
  std::atomic_ref<uint64_t> w = atomicWord(cell);
  uint64_t old = w.load(std::memory_order_relaxed);
  while (!w.compare_exchange_weak(old, word<T>(f(fromWord<T>(old))), std::memory_order_seq_cst,
                                  std::memory_order_relaxed)) {
  }
  return fromWord<T>(old);
}

// Unsigned arithmetic wraps; the result is then read back as T.
template <typename T>
T wrappingAdd(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<U>(x) + static_cast<U>(y)));
}

// Each operation's arguments follow the address (or receiver) at index 0.
template <typename T, CellOf cellOf>
void addOp(std::span<const AnyValue> a, Value* r) {
  Value* cell = cellOf(a[0]);
  T delta = arg<T>(a[1]);
  if constexpr (sizeof(T) == 8) {
    uint64_t old = atomicWord(cell).fetch_add(word(delta), std::memory_order_seq_cst);
    r[0] = result(wrappingAdd(fromWord<T>(old), delta));
  } else {
    T old = update<T>(cell, [delta](T x) { return wrappingAdd(x, delta); });
    r[0] = result(wrappingAdd(old, delta));
  }
}
template <typename T, CellOf cellOf>
void loadOp(std::span<const AnyValue> a, Value* r) {
  r[0] = result(fromWord<T>(atomicWord(cellOf(a[0])).load(std::memory_order_seq_cst)));
}
template <typename T, CellOf cellOf>
void storeOp(std::span<const AnyValue> a, Value*) {
  atomicWord(cellOf(a[0])).store(word(arg<T>(a[1])), std::memory_order_seq_cst);
}
template <typename T, CellOf cellOf>
void swapOp(std::span<const AnyValue> a, Value* r) {
  uint64_t old = atomicWord(cellOf(a[0])).exchange(word(arg<T>(a[1])), std::memory_order_seq_cst);
  r[0] = result(fromWord<T>(old));
}
template <typename T, CellOf cellOf>
void compareAndSwapOp(std::span<const AnyValue> a, Value* r) {
  uint64_t expected = word(arg<T>(a[1]));
  bool swapped =
      atomicWord(cellOf(a[0]))
          .compare_exchange_strong(expected, word(arg<T>(a[2])), std::memory_order_seq_cst);
  r[0] = boolResult(swapped);
}
template <typename T, CellOf cellOf>
void andOp(std::span<const AnyValue> a, Value* r) {
  T mask = arg<T>(a[1]);
  r[0] = result(update<T>(cellOf(a[0]), [mask](T x) { return static_cast<T>(x & mask); }));
}
template <typename T, CellOf cellOf>
void orOp(std::span<const AnyValue> a, Value* r) {
  T mask = arg<T>(a[1]);
  r[0] = result(update<T>(cellOf(a[0]), [mask](T x) { return static_cast<T>(x | mask); }));
}

// ---- atomic.Value ----

// The striped locks of atomic.Value (see the invariant at the top).
struct alignas(64) Stripe {
  rt::SpinLock lock;
};
std::array<Stripe, 64> stripes;

rt::SpinLock& lockOf(const values::StructObject* o) {
  auto a = reinterpret_cast<uintptr_t>(o);
  return stripes[(a >> 4) % stripes.size()].lock;
}

values::StructObject* valueReceiver(std::span<const AnyValue> a) {
  auto* o = static_cast<values::StructObject*>(a[0].value.p);
  if (!o) nilPanic();
  return o;
}

const check::Type* dynamicType(Value iface) {
  auto* i = values::asIface(iface);
  return i ? i->type : nullptr;
}

struct Released {
  Value v{};
  ~Released() { values::releaseRef(v); }
};

// Load() (val any)
void valueLoad(std::span<const AnyValue> a, Value* r) {
  values::StructObject* o = valueReceiver(a);
  std::lock_guard<rt::SpinLock> lock(lockOf(o));
  Value v = o->fields[0];
  values::retainRef(v);
  r[0] = v;
}

// Stores `next` (owned, not nil) unless its type differs from the stored value's; returns
// the previous value (owned) through `old`.
bool exchangeValue(values::StructObject* o, Value next, Value* old) {
  std::lock_guard<rt::SpinLock> lock(lockOf(o));
  Value cur = o->fields[0];
  if (cur.p && !check::identical(dynamicType(cur), dynamicType(next))) return false;
  *old = cur;
  o->fields[0] = next;
  return true;
}

// Store(val any)
void valueStore(std::span<const AnyValue> a, Value*) {
  Released next{toAny(a[1])};
  if (!next.v.p) panicString("sync/atomic: store of nil value into Value");
  Released old;
  if (!exchangeValue(valueReceiver(a), next.v, &old.v))
    panicString("sync/atomic: store of inconsistently typed value into Value");
  next.v = Value{};
}
// Swap(new any) (old any)
void valueSwap(std::span<const AnyValue> a, Value* r) {
  Released next{toAny(a[1])};
  if (!next.v.p) panicString("sync/atomic: swap of nil value into Value");
  Value old{};
  if (!exchangeValue(valueReceiver(a), next.v, &old))
    panicString("sync/atomic: swap of inconsistently typed value into Value");
  next.v = Value{};
  r[0] = old;
}
// CompareAndSwap(old, new any) (swapped bool)
void valueCompareAndSwap(std::span<const AnyValue> a, Value* r) {
  Released oldArg{toAny(a[1])};
  Released next{toAny(a[2])};
  if (!next.v.p) panicString("sync/atomic: compare and swap of nil value into Value");
  if (oldArg.v.p && !check::identical(dynamicType(oldArg.v), dynamicType(next.v)))
    panicString("sync/atomic: compare and swap of inconsistently typed values");
  values::StructObject* o = valueReceiver(a);
  Released replaced;
  {
    std::lock_guard<rt::SpinLock> lock(lockOf(o));
    Value cur = o->fields[0];
    if (!cur.p) {
      if (oldArg.v.p) {
        r[0] = boolResult(false);
        return;
      }
    } else {
      if (!check::identical(dynamicType(cur), dynamicType(next.v)))
        panicString("sync/atomic: compare and swap of inconsistently typed value into Value");
      if (!values::equalValues(check::anyType(), cur, oldArg.v)) {
        r[0] = boolResult(false);
        return;
      }
    }
    replaced.v = cur;
    o->fields[0] = next.v;
    next.v = Value{};
  }
  r[0] = boolResult(true);
}

// ---- registration ----

constexpr auto& sig = nativeSignature;

check::Named* wordType(const char* name, const check::Type* fieldType) {
  auto* st = new check::Struct;
  st->fields.push_back(check::StructField{"v", fieldType, false, ""});
  return nativeNamed("sync/atomic", name, st);
}

// An integer or Bool operation: it runs no Gol code, never blocks and needs no goroutine, so
// it is its own fast path (values::NativeFastPath).
struct WordOp {
  values::NativeFunction fn;
  values::NativeFastPath fast;
};
template <values::NativeFunction F>
bool wholeCall(std::span<const AnyValue> a, Value* r) {
  F(a, r);
  return true;
}
template <values::NativeFunction F>
constexpr WordOp wordOp() {
  return {F, wholeCall<F>};
}

struct AtomicFunction {
  std::string name;
  const check::Signature* sig;
  values::NativeFunction fn;
};

struct AtomicPackage {
  std::vector<std::pair<const char*, check::Named*>> types;
  std::vector<AtomicFunction> functions;
  std::vector<WordOp> wordOps;
  std::vector<std::pair<values::NativeFunction, values::NativeIntrinsic>> intrinsics;

  void function(std::string name, const check::Signature* s, WordOp op) {
    functions.push_back({std::move(name), s, op.fn});
    wordOps.push_back(op);
  }
  void method(check::Named* n, const char* name, const check::Signature* s, WordOp op) {
    addNativeMethod(n, name, s, op.fn);
    wordOps.push_back(op);
  }
};

// The functions XxxT(addr *T, ...) and the type atomic.T for one integer type.
template <typename T>
void addInteger(AtomicPackage& pkg, BasicKind kind, const char* suffix) {
  const check::Type* t = check::basicType(kind);
  const check::Type* ptr = check::pointerTo(t);
  const check::Type* boolT = check::basicType(BasicKind::Bool);
  const std::string s = suffix;
  pkg.function("Add" + s, sig({ptr, t}, {t}), wordOp<addOp<T, pointerCell>>());
  if constexpr (sizeof(T) == 8) {
    pkg.intrinsics.emplace_back(addOp<T, pointerCell>, values::NativeIntrinsic::AtomicAdd64);
  }
  pkg.function("Load" + s, sig({ptr}, {t}), wordOp<loadOp<T, pointerCell>>());
  pkg.function("Store" + s, sig({ptr, t}, {}), wordOp<storeOp<T, pointerCell>>());
  pkg.function("Swap" + s, sig({ptr, t}, {t}), wordOp<swapOp<T, pointerCell>>());
  pkg.function("CompareAndSwap" + s, sig({ptr, t, t}, {boolT}),
               wordOp<compareAndSwapOp<T, pointerCell>>());
  pkg.function("And" + s, sig({ptr, t}, {t}), wordOp<andOp<T, pointerCell>>());
  pkg.function("Or" + s, sig({ptr, t}, {t}), wordOp<orOp<T, pointerCell>>());

  check::Named* n = wordType(suffix, t);
  pkg.method(n, "Add", sig({t}, {t}), wordOp<addOp<T, fieldCell>>());
  pkg.method(n, "Load", sig({}, {t}), wordOp<loadOp<T, fieldCell>>());
  pkg.method(n, "Store", sig({t}, {}), wordOp<storeOp<T, fieldCell>>());
  pkg.method(n, "Swap", sig({t}, {t}), wordOp<swapOp<T, fieldCell>>());
  pkg.method(n, "CompareAndSwap", sig({t, t}, {boolT}), wordOp<compareAndSwapOp<T, fieldCell>>());
  pkg.method(n, "And", sig({t}, {t}), wordOp<andOp<T, fieldCell>>());
  pkg.method(n, "Or", sig({t}, {t}), wordOp<orOp<T, fieldCell>>());
  pkg.types.emplace_back(suffix, n);
}

AtomicPackage makeAtomicPackage() {
  AtomicPackage pkg;
  addInteger<int32_t>(pkg, BasicKind::Int32, "Int32");
  addInteger<int64_t>(pkg, BasicKind::Int64, "Int64");
  addInteger<uint32_t>(pkg, BasicKind::Uint32, "Uint32");
  addInteger<uint64_t>(pkg, BasicKind::Uint64, "Uint64");
  addInteger<uint64_t>(pkg, BasicKind::Uintptr, "Uintptr");

  const check::Type* boolT = check::basicType(BasicKind::Bool);
  check::Named* b = wordType("Bool", boolT);
  pkg.method(b, "Load", sig({}, {boolT}), wordOp<loadOp<bool, fieldCell>>());
  pkg.method(b, "Store", sig({boolT}, {}), wordOp<storeOp<bool, fieldCell>>());
  pkg.method(b, "Swap", sig({boolT}, {boolT}), wordOp<swapOp<bool, fieldCell>>());
  pkg.method(b, "CompareAndSwap", sig({boolT, boolT}, {boolT}),
             wordOp<compareAndSwapOp<bool, fieldCell>>());
  pkg.types.emplace_back("Bool", b);

  const check::Type* anyT = check::anyType();
  check::Named* v = wordType("Value", anyT);
  addNativeMethod(v, "Load", sig({}, {anyT}), valueLoad);
  addNativeMethod(v, "Store", sig({anyT}, {}), valueStore);
  addNativeMethod(v, "Swap", sig({anyT}, {anyT}), valueSwap);
  addNativeMethod(v, "CompareAndSwap", sig({anyT, anyT}, {boolT}), valueCompareAndSwap);
  pkg.types.emplace_back("Value", v);
  return pkg;
}

}  // namespace

void registerAtomic(Packages& p) {
  static const AtomicPackage atomic = makeAtomicPackage();
  check::Package& pkg = p.package("sync/atomic", "atomic");
  for (const auto& [name, type] : atomic.types) p.addType(pkg, name, type);
  for (const AtomicFunction& f : atomic.functions) p.addFunction(pkg, f.name, f.sig, f.fn);
  for (const WordOp& op : atomic.wordOps) {
    p.declareRunsNoGolCode(op.fn);
    p.declareFastPath(op.fn, op.fast);
  }
  for (const auto& [fn, what] : atomic.intrinsics) p.declareIntrinsic(fn, what);
}

}  // namespace gol::stdlib
