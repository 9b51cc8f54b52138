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
#include "stdlib/bind.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using check::BasicKind;
using values::AnyValue;
using values::Value;

// ---- integer cells ----

// The C++ type G of a Go integer type or bool (int32_t, Int64, uint32_t, uint64_t, Uintptr,
// bool) as the integer T its word holds, with the name of its atomic type.
template <typename G>
struct Word;
template <typename T>
struct Direct {
  using Rep = T;
  static T rep(T g) { return g; }
  static T go(T t) { return t; }
};
template <typename G, typename T>
struct Wrapped {
  using Rep = T;
  static T rep(G g) { return g.v; }
  static G go(T t) { return {t}; }
};
template <>
struct Word<int32_t> : Direct<int32_t> {
  static constexpr const char* name = "Int32";
};
template <>
struct Word<Int64> : Wrapped<Int64, int64_t> {
  static constexpr const char* name = "Int64";
};
template <>
struct Word<uint32_t> : Direct<uint32_t> {
  static constexpr const char* name = "Uint32";
};
template <>
struct Word<uint64_t> : Direct<uint64_t> {
  static constexpr const char* name = "Uint64";
};
template <>
struct Word<Uintptr> : Wrapped<Uintptr, uint64_t> {
  static constexpr const char* name = "Uintptr";
};
template <>
struct Word<bool> : Direct<bool> {
  static constexpr const char* name = "Bool";
};

// The package functions' addr *T: the variable's word (a pointer to a scalar variable is a
// PointerObject).
template <typename G>
struct Addr {
  Value* cell;
};
// The receiver of atomic.T's methods: field 0 of its struct object.
template <typename G>
struct Recv {
  Value* cell;
};

check::Named* wordType(const char* name, const check::Type* fieldType) {
  auto* st = new check::Struct;
  st->fields.push_back(check::StructField{"v", fieldType, false, ""});
  return nativeNamed("sync/atomic", name, st);
}

}  // namespace

namespace {

// atomic.T for G (makeAtomicTypes adds its methods).
template <typename G>
check::Named* wordNamed() {
  static check::Named* n = wordType(Word<G>::name, GoType<G>::type());
  return n;
}

}  // namespace

template <typename G>
struct GoType<Addr<G>> {
  static const check::Type* type() { return check::pointerTo(GoType<G>::type()); }
  static Addr<G> arg(const AnyValue& a) {
    auto* p = static_cast<values::PointerObject*>(a.value.p);
    if (!p) nilPanic();
    return {p->cell};
  }
};

template <typename G>
struct GoType<Recv<G>> {
  static const check::Type* type() { return check::pointerTo(wordNamed<G>()); }
  static Recv<G> arg(const AnyValue& a) {
    auto* o = static_cast<values::StructObject*>(a.value.p);
    if (!o) nilPanic();
    return {&o->fields[0]};
  }
};

namespace {

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

// Each operation on a G, through the address of a package function (Addr<G>) or a method's
// receiver (Recv<G>).
template <typename G, typename Cell>
G add(Cell c, G delta) {
  using T = typename Word<G>::Rep;
  T d = Word<G>::rep(delta);
  if constexpr (sizeof(T) == 8) {
    uint64_t old = atomicWord(c.cell).fetch_add(word(d), std::memory_order_seq_cst);
    return Word<G>::go(wrappingAdd(fromWord<T>(old), d));
  } else {
    T old = update<T>(c.cell, [d](T x) { return wrappingAdd(x, d); });
    return Word<G>::go(wrappingAdd(old, d));
  }
}
template <typename G, typename Cell>
G load(Cell c) {
  using T = typename Word<G>::Rep;
  return Word<G>::go(fromWord<T>(atomicWord(c.cell).load(std::memory_order_seq_cst)));
}
template <typename G, typename Cell>
void store(Cell c, G v) {
  atomicWord(c.cell).store(word(Word<G>::rep(v)), std::memory_order_seq_cst);
}
template <typename G, typename Cell>
G swap(Cell c, G v) {
  using T = typename Word<G>::Rep;
  uint64_t old = atomicWord(c.cell).exchange(word(Word<G>::rep(v)), std::memory_order_seq_cst);
  return Word<G>::go(fromWord<T>(old));
}
template <typename G, typename Cell>
bool compareAndSwap(Cell c, G old, G next) {
  uint64_t expected = word(Word<G>::rep(old));
  return atomicWord(c.cell).compare_exchange_strong(expected, word(Word<G>::rep(next)),
                                                    std::memory_order_seq_cst);
}
// And and Or (`and` and `or` are C++ keywords): they return the old value.
template <typename G, typename Cell>
G bitwiseAnd(Cell c, G mask) {
  using T = typename Word<G>::Rep;
  T m = Word<G>::rep(mask);
  return Word<G>::go(update<T>(c.cell, [m](T x) { return static_cast<T>(x & m); }));
}
template <typename G, typename Cell>
G bitwiseOr(Cell c, G mask) {
  using T = typename Word<G>::Rep;
  T m = Word<G>::rep(mask);
  return Word<G>::go(update<T>(c.cell, [m](T x) { return static_cast<T>(x | m); }));
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

// atomic.Value (makeAtomicTypes adds its methods).
check::Named* valueNamed() {
  static check::Named* n = wordType("Value", check::anyType());
  return n;
}

// The receiver of *atomic.Value's methods: its struct object. A nil one panics when the
// method gets to it (valueReceiver): Store, Swap and CompareAndSwap check their values first.
struct ValuePtr {
  values::StructObject* obj = nullptr;
};

// An `any` result: an interface value (or nil) the caller owns.
struct OwnedAny {
  Value v;
};

}  // namespace

template <>
struct GoType<ValuePtr> {
  static const check::Type* type() { return check::pointerTo(valueNamed()); }
  static ValuePtr arg(const AnyValue& a) { return {static_cast<values::StructObject*>(a.value.p)}; }
};

template <>
struct GoType<OwnedAny> {
  static const check::Type* type() { return check::anyType(); }
  static Value result(OwnedAny x) { return x.v; }
};

namespace {

values::StructObject* valueReceiver(ValuePtr v) {
  if (!v.obj) nilPanic();
  return v.obj;
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
OwnedAny valueLoad(ValuePtr v) {
  values::StructObject* o = valueReceiver(v);
  std::lock_guard<rt::SpinLock> lock(lockOf(o));
  Value cur = o->fields[0];
  values::retainRef(cur);
  return {cur};
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
void valueStore(ValuePtr v, AnyValue val) {
  Released next{toAny(val)};
  if (!next.v.p) panicString("sync/atomic: store of nil value into Value");
  Released old;
  if (!exchangeValue(valueReceiver(v), next.v, &old.v))
    panicString("sync/atomic: store of inconsistently typed value into Value");
  next.v = Value{};
}
// Swap(new any) (old any)
OwnedAny valueSwap(ValuePtr v, AnyValue val) {
  Released next{toAny(val)};
  if (!next.v.p) panicString("sync/atomic: swap of nil value into Value");
  Value old{};
  if (!exchangeValue(valueReceiver(v), next.v, &old))
    panicString("sync/atomic: swap of inconsistently typed value into Value");
  next.v = Value{};
  return {old};
}
// CompareAndSwap(old, new any) (swapped bool)
bool valueCompareAndSwap(ValuePtr v, AnyValue oldVal, AnyValue newVal) {
  Released oldArg{toAny(oldVal)};
  Released next{toAny(newVal)};
  if (!next.v.p) panicString("sync/atomic: compare and swap of nil value into Value");
  if (oldArg.v.p && !check::identical(dynamicType(oldArg.v), dynamicType(next.v)))
    panicString("sync/atomic: compare and swap of inconsistently typed values");
  values::StructObject* o = valueReceiver(v);
  Released replaced;
  {
    std::lock_guard<rt::SpinLock> lock(lockOf(o));
    Value cur = o->fields[0];
    if (!cur.p) {
      if (oldArg.v.p) return false;
    } else {
      if (!check::identical(dynamicType(cur), dynamicType(next.v)))
        panicString("sync/atomic: compare and swap of inconsistently typed value into Value");
      if (!values::equalValues(check::anyType(), cur, oldArg.v)) return false;
    }
    replaced.v = cur;
    o->fields[0] = next.v;
    next.v = Value{};
  }
  return true;
}

// ---- registration ----

// An integer or Bool operation runs no Gol code, never blocks and needs no goroutine, so it
// is its own fast path (values::NativeFastPath): bind<F>'s native, which always completes.
template <auto F>
bool wholeCall(std::span<const AnyValue> a, Value* r) {
  bind_detail::native<F>(a, r);
  return true;
}

struct WordOp {
  values::NativeFunction fn;
  values::NativeFastPath fast;
};

// The types, made once with their methods (the types live as long as the process).
struct AtomicTypes {
  std::vector<std::pair<const char*, check::Named*>> types;
  std::vector<WordOp> wordOps;  // the methods of the integer types and Bool
};

template <auto F>
void wordMethod(AtomicTypes& t, check::Named* n, const char* name) {
  t.wordOps.push_back({bindMethod<F>(n, name), wholeCall<F>});
}

// The type atomic.T for G, an integer type or bool (which has no Add, And or Or).
template <typename G>
void addWordType(AtomicTypes& t) {
  constexpr bool integer = !std::is_same_v<G, bool>;
  check::Named* n = wordNamed<G>();
  if constexpr (integer) wordMethod<&add<G, Recv<G>>>(t, n, "Add");
  wordMethod<&load<G, Recv<G>>>(t, n, "Load");
  wordMethod<&store<G, Recv<G>>>(t, n, "Store");
  wordMethod<&swap<G, Recv<G>>>(t, n, "Swap");
  wordMethod<&compareAndSwap<G, Recv<G>>>(t, n, "CompareAndSwap");
  if constexpr (integer) {
    wordMethod<&bitwiseAnd<G, Recv<G>>>(t, n, "And");
    wordMethod<&bitwiseOr<G, Recv<G>>>(t, n, "Or");
  }
  t.types.emplace_back(Word<G>::name, n);
}

AtomicTypes makeAtomicTypes() {
  AtomicTypes t;
  addWordType<int32_t>(t);
  addWordType<Int64>(t);
  addWordType<uint32_t>(t);
  addWordType<uint64_t>(t);
  addWordType<Uintptr>(t);
  addWordType<bool>(t);

  check::Named* v = valueNamed();
  bindMethod<&valueLoad>(v, "Load");
  bindMethod<&valueStore>(v, "Store");
  bindMethod<&valueSwap>(v, "Swap");
  bindMethod<&valueCompareAndSwap>(v, "CompareAndSwap");
  t.types.emplace_back("Value", v);
  return t;
}

template <auto F>
values::NativeFunction wordFunction(Packages& p, check::Package& pkg, const std::string& name) {
  values::NativeFunction fn = bind<F>(p, pkg, name);
  p.declareRunsNoGolCode(fn);
  p.declareFastPath(fn, wholeCall<F>);
  return fn;
}

// The functions XxxT(addr *T, ...) for one integer type.
template <typename G>
void bindIntegerFunctions(Packages& p, check::Package& pkg) {
  const std::string s = Word<G>::name;
  values::NativeFunction addFn = wordFunction<&add<G, Addr<G>>>(p, pkg, "Add" + s);
  if constexpr (sizeof(typename Word<G>::Rep) == 8) {
    p.declareIntrinsic(addFn, values::NativeIntrinsic::AtomicAdd64);
  }
  wordFunction<&load<G, Addr<G>>>(p, pkg, "Load" + s);
  wordFunction<&store<G, Addr<G>>>(p, pkg, "Store" + s);
  wordFunction<&swap<G, Addr<G>>>(p, pkg, "Swap" + s);
  wordFunction<&compareAndSwap<G, Addr<G>>>(p, pkg, "CompareAndSwap" + s);
  wordFunction<&bitwiseAnd<G, Addr<G>>>(p, pkg, "And" + s);
  wordFunction<&bitwiseOr<G, Addr<G>>>(p, pkg, "Or" + s);
}

}  // namespace

void registerAtomic(Packages& p) {
  static const AtomicTypes atomic = makeAtomicTypes();
  check::Package& pkg = p.package("sync/atomic", "atomic");
  for (const auto& [name, type] : atomic.types) p.addType(pkg, name, type);
  for (const WordOp& op : atomic.wordOps) {
    p.declareRunsNoGolCode(op.fn);
    p.declareFastPath(op.fn, op.fast);
  }
  bindIntegerFunctions<int32_t>(p, pkg);
  bindIntegerFunctions<Int64>(p, pkg);
  bindIntegerFunctions<uint32_t>(p, pkg);
  bindIntegerFunctions<uint64_t>(p, pkg);
  bindIntegerFunctions<Uintptr>(p, pkg);
}

}  // namespace gol::stdlib
