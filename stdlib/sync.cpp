// sync: Mutex, RWMutex, WaitGroup, Once, Cond, Map, Pool and the Locker interface, as native
// named types over the runtime's primitives (runtime/sync.h).
//
// Representation: each type's underlying type is a struct whose leading unexported integer
// fields hold the bytes of the runtime primitive in place (rt::Mutex, rt::RWMutex, ...: all
// constexpr zero-initialised and free of internal pointers, Cond excepted). So the zero value
// is ready to use, and copying a struct copies the lock's state as Go copies it (a copied
// locked Mutex is locked). Every method has a pointer receiver: the native receives the
// StructObject of the variable (a pointer to a struct is the object itself), which the call
// holds a reference to while it runs, so a parked Lock or Wait keeps its primitive alive.
//
// Invariants (which lock guards what):
// * Mutex, RWMutex, WaitGroup, Once: only the primitive's own atomics.
// * Cond: rt::Cond's spin lock guards its waiter list. Waiters are linked through their
//   stacks, so a copy of a Cond must never be used: `checker` holds the address of the
//   object the Cond was first used in, and a method called on a copy panics as Go's
//   copyChecker does ("sync.Cond is copied").
// * Map: `mu` (an rt::Mutex) guards `m`, a map[any]any created on first store and never
//   replaced afterwards. Range calls f without holding `mu`.
// * Pool: `mu` (an rt::Mutex) guards `n` and `items` (a LIFO of up to kPoolSlots values; Go
//   may drop pooled values at any time, and a full pool drops what is put). New runs
//   without the lock.
#include <cstddef>
#include <mutex>
#include <new>
#include <type_traits>
#include <vector>

#include "interpreter/values/equality.h"
#include "interpreter/values/maps.h"
#include "runtime/goroutine.h"
#include "runtime/sync.h"
#include "stdlib/bind.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using check::BasicKind;
using values::AnyValue;
using values::StructObject;
using values::Value;

constexpr int64_t kPoolSlots = 32;

// The primitive T stored in place from field `first` on. Its size is checked against the
// fields the type declares for it (see wordsFor).
template <typename T>
T& primitiveIn(StructObject* o, size_t first = 0) {
  static_assert(alignof(T) <= alignof(Value));
  return *std::launder(reinterpret_cast<T*>(&o->fields[first]));
}

template <typename T>
constexpr size_t wordsFor() {
  return (sizeof(T) + sizeof(Value) - 1) / sizeof(Value);
}

// ---- types ----

const check::Type* basic(BasicKind k) {
  return check::basicType(k);
}

constexpr auto& sig = nativeSignature;

// A struct whose first fields are `words` 64-bit words named after `names` (the primitive),
// followed by `extra`.
check::StructField field(const char* name, const check::Type* type) {
  return check::StructField{name, type, false, ""};
}

check::Struct* primitiveStruct(std::initializer_list<const char*> names,
                               std::initializer_list<check::StructField> extra = {}) {
  auto* st = new check::Struct;
  for (const char* n : names) st->fields.push_back(field(n, basic(BasicKind::Uint64)));
  for (const check::StructField& f : extra) st->fields.push_back(f);
  return st;
}

// The types, without their methods: addSyncMethods adds them, once these exist for the
// methods' signatures to name (RLocker returns a Locker).
struct SyncTypes {
  check::Named* locker;
  check::Named* mutex;
  check::Named* rwmutex;
  check::Named* rlocker;  // sync.rlocker, what RWMutex.RLocker returns (as *rlocker)
  check::Named* waitGroup;
  check::Named* once;
  check::Named* cond;
  check::Named* map;
  check::Named* pool;
  const check::Type* anyT;
  const check::Map* anyMap;
  const check::Type* rlockerPtr;
};

const SyncTypes& syncTypes();

// The receiver of a method of *sync.T (T the type at member Type of SyncTypes): its struct
// object, which the call holds a reference to. A nil one panics.
template <check::Named* SyncTypes::*Type>
struct Ptr {
  StructObject* obj = nullptr;
};
using MutexPtr = Ptr<&SyncTypes::mutex>;
using RWMutexPtr = Ptr<&SyncTypes::rwmutex>;
using RLockerPtr = Ptr<&SyncTypes::rlocker>;
using WaitGroupPtr = Ptr<&SyncTypes::waitGroup>;
using OncePtr = Ptr<&SyncTypes::once>;
using CondPtr = Ptr<&SyncTypes::cond>;
using MapPtr = Ptr<&SyncTypes::map>;
using PoolPtr = Ptr<&SyncTypes::pool>;

// A Locker: an interface value, borrowed as an argument, owned by the caller as a result.
struct Locker {
  Value v;
};

// An `any` result: an interface value (or nil) the caller owns.
struct OwnedAny {
  Value v;
};

// Once.Do's f func(), borrowed for the call.
struct DoFunc {
  Value fn;
};

// Map.Range's f func(key, value any) bool, borrowed for the call.
struct RangeFunc {
  Value fn;
};

}  // namespace

// As a result (NewCond's *Cond), a new reference the caller owns.
template <check::Named* SyncTypes::*Type>
struct GoType<Ptr<Type>> {
  static const check::Type* type() { return check::pointerTo(syncTypes().*Type); }
  static Ptr<Type> arg(const AnyValue& a) {
    auto* o = static_cast<StructObject*>(a.value.p);
    if (!o) nilPanic();
    return {o};
  }
  static Value result(Ptr<Type> p) { return Value{.p = p.obj}; }
};

template <>
struct GoType<Locker> {
  static const check::Type* type() { return syncTypes().locker; }
  static Locker arg(const AnyValue& a) { return {a.value}; }
  static Value result(Locker l) { return l.v; }
};

template <>
struct GoType<OwnedAny> {
  static const check::Type* type() { return check::anyType(); }
  static Value result(OwnedAny x) { return x.v; }
};

template <>
struct GoType<DoFunc> {
  static const check::Type* type() {
    static const check::Signature* s = sig({}, {});
    return s;
  }
  static DoFunc arg(const AnyValue& a) { return {a.value}; }
};

template <>
struct GoType<RangeFunc> {
  static const check::Type* type() {
    static const check::Signature* s =
        sig({check::anyType(), check::anyType()}, {basic(BasicKind::Bool)});
    return s;
  }
  static RangeFunc arg(const AnyValue& a) { return {a.value}; }
};

namespace {

// ---- Mutex ----

static_assert(sizeof(rt::Mutex) <= sizeof(Value));

void mutexLock(MutexPtr m) {
  primitiveIn<rt::Mutex>(m.obj).lock();
}
void mutexUnlock(MutexPtr m) {
  primitiveIn<rt::Mutex>(m.obj).unlock();
}
// The fast paths of Lock and Unlock (values::NativeFastPath): uncontended, they neither
// park nor wake a goroutine.
bool mutexLockFast(std::span<const AnyValue> a, Value*) {
  return primitiveIn<rt::Mutex>(GoType<MutexPtr>::arg(a[0]).obj).try_lock();
}
bool mutexUnlockFast(std::span<const AnyValue> a, Value*) {
  return primitiveIn<rt::Mutex>(GoType<MutexPtr>::arg(a[0]).obj).try_unlock_unwaited();
}
bool mutexTryLock(MutexPtr m) {
  return primitiveIn<rt::Mutex>(m.obj).try_lock();
}

// ---- RWMutex ----

constexpr size_t kRWMutexWords = wordsFor<rt::RWMutex>();
static_assert(kRWMutexWords == 3);

void rwMutexLock(RWMutexPtr rw) {
  primitiveIn<rt::RWMutex>(rw.obj).lock();
}
void rwMutexUnlock(RWMutexPtr rw) {
  primitiveIn<rt::RWMutex>(rw.obj).unlock();
}
void rwMutexRLock(RWMutexPtr rw) {
  primitiveIn<rt::RWMutex>(rw.obj).rlock();
}
void rwMutexRUnlock(RWMutexPtr rw) {
  primitiveIn<rt::RWMutex>(rw.obj).runlock();
}
bool rwMutexTryLock(RWMutexPtr rw) {
  return primitiveIn<rt::RWMutex>(rw.obj).try_lock();
}
bool rwMutexTryRLock(RWMutexPtr rw) {
  return primitiveIn<rt::RWMutex>(rw.obj).try_rlock();
}
// (*RWMutex).RLocker() Locker: the same object seen as a *sync.rlocker.
Locker rwMutexRLocker(RWMutexPtr rw) {
  values::retainRef(Value{.p = rw.obj});
  return {Value{.p = new values::IfaceObject(syncTypes().rlockerPtr, Value{.p = rw.obj})}};
}
// *rlocker's Lock and Unlock are the RWMutex's RLock and RUnlock.
void rlockerLock(RLockerPtr r) {
  primitiveIn<rt::RWMutex>(r.obj).rlock();
}
void rlockerUnlock(RLockerPtr r) {
  primitiveIn<rt::RWMutex>(r.obj).runlock();
}

// ---- WaitGroup ----

constexpr size_t kWaitGroupWords = wordsFor<rt::WaitGroup>();
static_assert(kWaitGroupWords == 2);

void waitGroupAdd(WaitGroupPtr wg, int64_t delta) {
  if (!primitiveIn<rt::WaitGroup>(wg.obj).add(delta)) panicString(rt::kNegativeWaitGroupCounter);
}
void waitGroupDone(WaitGroupPtr wg) {
  if (!primitiveIn<rt::WaitGroup>(wg.obj).done()) panicString(rt::kNegativeWaitGroupCounter);
}
void waitGroupWait(WaitGroupPtr wg) {
  primitiveIn<rt::WaitGroup>(wg.obj).wait();
}

// ---- Once ----

static_assert(sizeof(rt::Once) <= sizeof(Value));

void callFunc(Value f, Value* results) {
  if (!f.p) nilPanic();
  fmt::funcCaller(f, {}, results);
}

void onceDo(OncePtr once, DoFunc f) {
  primitiveIn<rt::Once>(once.obj).call([f] {
    Value none[1];
    callFunc(f.fn, none);
  });
}

// ---- Cond ----

// Fields: L, checker, then the rt::Cond.
constexpr size_t kCondL = 0;
constexpr size_t kCondChecker = 1;
constexpr size_t kCondFirstWord = 2;
constexpr size_t kCondWords = wordsFor<rt::Cond>();
static_assert(kCondWords == 4);

// Go's copyChecker: the first use records the object's address; a copy sees another.
rt::Cond& condOf(CondPtr c) {
  StructObject* o = c.obj;
  std::atomic_ref<uint64_t> checker(o->fields[kCondChecker].u);
  auto self = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(o));
  uint64_t seen = checker.load(std::memory_order_relaxed);
  if (seen != self) {
    uint64_t zero = 0;
    if (!(seen == 0 && checker.compare_exchange_strong(zero, self)) &&
        checker.load(std::memory_order_relaxed) != self) {
      panicString("sync.Cond is copied");
    }
  }
  return primitiveIn<rt::Cond>(o, kCondFirstWord);
}

// Calls c.L.Lock or c.L.Unlock (L is any Locker).
void callLocker(Value locker, const char* method) {
  auto* l = values::asIface(locker);
  if (!l) nilPanic();
  Value none[1];
  fmt::methodCaller(AnyValue{l->type, l->value}, method, {}, none);
}

void condWait(CondPtr cond) {
  rt::Cond& c = condOf(cond);
  Value locker = cond.obj->fields[kCondL];
  values::retainRef(locker);
  struct Release {
    Value v;
    ~Release() { values::releaseRef(v); }
  } release{locker};
  uint32_t ticket = c.add_waiter();
  callLocker(locker, "Unlock");
  c.wait(ticket);
  callLocker(locker, "Lock");
}
void condSignal(CondPtr cond) {
  condOf(cond).signal();
}
void condBroadcast(CondPtr cond) {
  condOf(cond).broadcast();
}
// sync.NewCond(l Locker) *Cond
CondPtr newCond(Locker l) {
  auto* st = static_cast<const check::Struct*>(syncTypes().cond->underlying);
  StructObject* o = StructObject::make(st);
  values::retainRef(l.v);
  o->fields[kCondL] = l.v;
  return {o};
}

// ---- values of type any ----

// An argument passed as `any` as an interface value borrowed for a lookup or a comparison: either
// the argument itself or `scratch`, an unowned box on the caller's stack (so lookups do not
// allocate).
class BorrowedAny {
 public:
  explicit BorrowedAny(const AnyValue& a) : scratch_(a.type, a.value) {
    if (isUntypedNil(a.type)) {
      value_ = Value{};
    } else if (check::asInterface(a.type)) {
      value_ = a.value;
    } else {
      value_ = Value{.p = &scratch_};
    }
  }
  BorrowedAny(const BorrowedAny&) = delete;
  BorrowedAny& operator=(const BorrowedAny&) = delete;
  Value value() const { return value_; }

 private:
  values::IfaceObject scratch_;
  Value value_;
};

// ---- Map ----

constexpr size_t kMapMu = 0;
constexpr size_t kMapTable = 1;

class MapLock {
 public:
  explicit MapLock(StructObject* o) : o_(o), guard_(primitiveIn<rt::Mutex>(o, kMapMu)) {}
  values::MapObject* table() { return values::asMap(o_->fields[kMapTable]); }
  values::MapObject* tableForInsert() {
    if (!o_->fields[kMapTable].p)
      o_->fields[kMapTable].p = new values::MapObject(syncTypes().anyMap);
    return table();
  }
  Value* find(Value key) {
    values::MapObject* m = table();
    return m ? m->find(key) : nullptr;
  }
  // The cell for key, inserting it (boxed on the heap) with a nil value when absent.
  Value* insert(const AnyValue& key, Value borrowedKey) {
    values::MapObject* m = tableForInsert();
    if (Value* cell = m->find(borrowedKey)) return cell;
    Value owned = toAny(key);
    Value* cell;
    try {
      cell = m->insert(owned);
    } catch (...) {
      values::releaseRef(owned);
      throw;
    }
    values::releaseRef(owned);
    return cell;
  }

 private:
  StructObject* o_;
  std::lock_guard<rt::Mutex> guard_;
};

// Releases a value when the scope ends (after the map's lock is released).
struct Released {
  Value v{};
  ~Released() { values::releaseRef(v); }
};

// Load(key any) (value any, ok bool)
std::tuple<OwnedAny, bool> mapLoad(MapPtr m, AnyValue k) {
  BorrowedAny key(k);
  MapLock lock(m.obj);
  Value* cell = lock.find(key.value());
  return {{cell ? retained(*cell) : Value{}}, cell != nullptr};
}
// Store(key, value any)
void mapStore(MapPtr m, AnyValue k, AnyValue value) {
  BorrowedAny key(k);
  Released old;
  Value v = toAny(value);
  try {
    MapLock lock(m.obj);
    Value* cell = lock.insert(k, key.value());
    old.v = *cell;
    *cell = v;
  } catch (...) {
    values::releaseRef(v);
    throw;
  }
}
// LoadOrStore(key, value any) (actual any, loaded bool)
std::tuple<OwnedAny, bool> mapLoadOrStore(MapPtr m, AnyValue k, AnyValue value) {
  BorrowedAny key(k);
  MapLock lock(m.obj);
  if (Value* cell = lock.find(key.value())) return {{retained(*cell)}, true};
  Value* cell = lock.insert(k, key.value());
  *cell = toAny(value);
  return {{retained(*cell)}, false};
}
// LoadAndDelete(key any) (value any, loaded bool)
std::tuple<OwnedAny, bool> mapLoadAndDelete(MapPtr m, AnyValue k) {
  BorrowedAny key(k);
  MapLock lock(m.obj);
  Value* cell = lock.find(key.value());
  Value v = cell ? retained(*cell) : Value{};
  if (cell) lock.table()->erase(key.value());
  return {{v}, cell != nullptr};
}
// Delete(key any)
void mapDelete(MapPtr m, AnyValue k) {
  BorrowedAny key(k);
  MapLock lock(m.obj);
  if (values::MapObject* t = lock.table()) t->erase(key.value());
}
// Swap(key, value any) (previous any, loaded bool)
std::tuple<OwnedAny, bool> mapSwap(MapPtr m, AnyValue k, AnyValue value) {
  BorrowedAny key(k);
  Value v = toAny(value);
  try {
    MapLock lock(m.obj);
    bool loaded = lock.find(key.value()) != nullptr;
    Value* cell = lock.insert(k, key.value());
    Value previous = *cell;  // the map's reference passes to the caller
    *cell = v;
    return {{previous}, loaded};
  } catch (...) {
    values::releaseRef(v);
    throw;
  }
}
// CompareAndSwap(key, old, new any) (swapped bool)
bool mapCompareAndSwap(MapPtr m, AnyValue k, AnyValue oldValue, AnyValue newValue) {
  BorrowedAny key(k);
  BorrowedAny old(oldValue);
  Released previous;
  MapLock lock(m.obj);
  Value* cell = lock.find(key.value());
  if (!cell || !values::equalValues(syncTypes().anyT, *cell, old.value())) return false;
  previous.v = *cell;
  *cell = toAny(newValue);
  return true;
}
// CompareAndDelete(key, old any) (deleted bool)
bool mapCompareAndDelete(MapPtr m, AnyValue k, AnyValue oldValue) {
  BorrowedAny key(k);
  BorrowedAny old(oldValue);
  MapLock lock(m.obj);
  Value* cell = lock.find(key.value());
  bool match = cell && values::equalValues(syncTypes().anyT, *cell, old.value());
  if (match) lock.table()->erase(key.value());
  return match;
}
// Clear()
void mapClear(MapPtr m) {
  MapLock lock(m.obj);
  if (values::MapObject* t = lock.table()) t->clear();
}
// Range(f func(key, value any) bool): the keys present when Range starts, each with its
// value at the time f is called (keys deleted meanwhile are skipped), as Go's Range sees a
// map that changes under it.
void mapRange(MapPtr m, RangeFunc f) {
  StructObject* o = m.obj;
  struct Keys {
    std::vector<Value> v;
    ~Keys() {
      for (Value k : v) values::releaseRef(k);
    }
  } keys;
  {
    MapLock lock(o);
    if (values::MapObject* t = lock.table()) {
      keys.v.reserve(t->live);
      for (const values::MapObject::Entry& e : t->entries) {
        if (e.live) keys.v.push_back(retained(e.key));
      }
    }
  }
  for (Value k : keys.v) {
    Value v;
    {
      MapLock lock(o);
      Value* cell = lock.find(k);
      if (!cell) continue;
      v = retained(*cell);
    }
    if (!f.fn.p) {
      values::releaseRef(v);
      nilPanic();
    }
    Value args[2] = {retained(k), v};
    Value out[1]{};
    fmt::funcCaller(f.fn, std::span<const Value>(args, 2), out);
    if (out[0].i == 0) return;
  }
}

// ---- Pool ----

constexpr size_t kPoolMu = 0;
constexpr size_t kPoolCount = 1;
constexpr size_t kPoolItems = 2;
constexpr size_t kPoolNew = 3;

// Get() any
OwnedAny poolGet(PoolPtr p) {
  StructObject* o = p.obj;
  {
    std::lock_guard<rt::Mutex> lock(primitiveIn<rt::Mutex>(o, kPoolMu));
    int64_t n = o->fields[kPoolCount].i;
    if (n > 0) {
      Value* items = static_cast<values::ArrayObject*>(o->fields[kPoolItems].p)->data();
      Value item = items[n - 1];
      items[n - 1] = Value{};
      o->fields[kPoolCount].i = n - 1;
      return {item};
    }
  }
  Value newFn = o->fields[kPoolNew];
  if (!newFn.p) return {};
  values::retainRef(newFn);
  Released release{newFn};
  Value out[1]{};
  fmt::funcCaller(newFn, {}, out);
  return {out[0]};
}
// Put(x any)
void poolPut(PoolPtr p, AnyValue x) {
  StructObject* o = p.obj;
  Released dropped{toAny(x)};
  if (!dropped.v.p) return;
  std::lock_guard<rt::Mutex> lock(primitiveIn<rt::Mutex>(o, kPoolMu));
  int64_t n = o->fields[kPoolCount].i;
  if (n < 0 || n >= kPoolSlots) return;
  static_cast<values::ArrayObject*>(o->fields[kPoolItems].p)->data()[n] = dropped.v;
  dropped.v = Value{};
  o->fields[kPoolCount].i = n + 1;
}

// ---- registration ----

SyncTypes makeSyncTypes() {
  SyncTypes t{};
  t.anyT = check::anyType();
  t.anyMap = check::mapOf(t.anyT, t.anyT);
  const check::Signature* none = sig({}, {});

  auto* lockerIface = new check::Interface;
  lockerIface->methods.push_back(check::Method{"Lock", none});
  lockerIface->methods.push_back(check::Method{"Unlock", none});
  t.locker = nativeNamed("sync", "Locker", lockerIface);

  t.mutex = nativeNamed("sync", "Mutex", primitiveStruct({"state"}));
  check::Struct* rw = primitiveStruct({"w", "sem", "readers"});
  t.rwmutex = nativeNamed("sync", "RWMutex", rw);
  t.rlocker = nativeNamed("sync", "rlocker", rw);
  t.rlockerPtr = check::pointerTo(t.rlocker);
  t.waitGroup = nativeNamed("sync", "WaitGroup", primitiveStruct({"state", "sema"}));
  t.once = nativeNamed("sync", "Once", primitiveStruct({"done"}));

  auto* cond = new check::Struct;
  cond->fields.push_back(field("L", t.locker));
  cond->fields.push_back(field("checker", basic(BasicKind::Uintptr)));
  for (const char* n : {"wait", "notify", "head", "tail"})
    cond->fields.push_back(field(n, basic(BasicKind::Uint64)));
  t.cond = nativeNamed("sync", "Cond", cond);

  const check::Type* anyT = t.anyT;
  t.map = nativeNamed("sync", "Map", primitiveStruct({"mu"}, {field("m", t.anyMap)}));
  t.pool = nativeNamed("sync", "Pool",
                       primitiveStruct({"mu"}, {field("n", basic(BasicKind::Int)),
                                                field("items", check::arrayOf(anyT, kPoolSlots)),
                                                field("New", sig({}, {anyT}))}));
  return t;
}

const SyncTypes& syncTypes() {
  static const SyncTypes types = makeSyncTypes();
  return types;
}

// The methods, added to the types once; what each Packages is told about them.
struct SyncMethods {
  std::vector<values::NativeFunction> runNoGolCode;
  std::vector<std::pair<values::NativeFunction, values::NativeFastPath>> fastPaths;
};

SyncMethods addSyncMethods() {
  const SyncTypes& t = syncTypes();
  SyncMethods m;
  auto noGolCode = [&m](values::NativeFunction fn) {
    m.runNoGolCode.push_back(fn);
    return fn;
  };
  m.fastPaths.emplace_back(noGolCode(bindMethod<&mutexLock>(t.mutex, "Lock")), mutexLockFast);
  m.fastPaths.emplace_back(noGolCode(bindMethod<&mutexUnlock>(t.mutex, "Unlock")), mutexUnlockFast);
  noGolCode(bindMethod<&mutexTryLock>(t.mutex, "TryLock"));

  noGolCode(bindMethod<&rwMutexLock>(t.rwmutex, "Lock"));
  noGolCode(bindMethod<&rwMutexUnlock>(t.rwmutex, "Unlock"));
  noGolCode(bindMethod<&rwMutexRLock>(t.rwmutex, "RLock"));
  noGolCode(bindMethod<&rwMutexRUnlock>(t.rwmutex, "RUnlock"));
  noGolCode(bindMethod<&rwMutexTryLock>(t.rwmutex, "TryLock"));
  noGolCode(bindMethod<&rwMutexTryRLock>(t.rwmutex, "TryRLock"));
  bindMethod<&rwMutexRLocker>(t.rwmutex, "RLocker");
  noGolCode(bindMethod<&rlockerLock>(t.rlocker, "Lock"));
  noGolCode(bindMethod<&rlockerUnlock>(t.rlocker, "Unlock"));

  noGolCode(bindMethod<&waitGroupAdd>(t.waitGroup, "Add"));
  noGolCode(bindMethod<&waitGroupDone>(t.waitGroup, "Done"));
  noGolCode(bindMethod<&waitGroupWait>(t.waitGroup, "Wait"));

  bindMethod<&onceDo>(t.once, "Do");

  bindMethod<&condWait>(t.cond, "Wait");
  bindMethod<&condSignal>(t.cond, "Signal");
  bindMethod<&condBroadcast>(t.cond, "Broadcast");

  bindMethod<&mapLoad>(t.map, "Load");
  bindMethod<&mapStore>(t.map, "Store");
  bindMethod<&mapLoadOrStore>(t.map, "LoadOrStore");
  bindMethod<&mapLoadAndDelete>(t.map, "LoadAndDelete");
  bindMethod<&mapDelete>(t.map, "Delete");
  bindMethod<&mapSwap>(t.map, "Swap");
  bindMethod<&mapCompareAndSwap>(t.map, "CompareAndSwap");
  bindMethod<&mapCompareAndDelete>(t.map, "CompareAndDelete");
  bindMethod<&mapClear>(t.map, "Clear");
  bindMethod<&mapRange>(t.map, "Range");

  bindMethod<&poolGet>(t.pool, "Get");
  bindMethod<&poolPut>(t.pool, "Put");
  return m;
}

}  // namespace

void registerSync(Packages& p) {
  static const SyncMethods methods = addSyncMethods();
  const SyncTypes& t = syncTypes();
  check::Package& pkg = p.package("sync", "sync");
  p.addType(pkg, "Locker", t.locker);
  p.addType(pkg, "Mutex", t.mutex);
  p.addType(pkg, "RWMutex", t.rwmutex);
  p.addType(pkg, "WaitGroup", t.waitGroup);
  p.addType(pkg, "Once", t.once);
  p.addType(pkg, "Cond", t.cond);
  p.addType(pkg, "Map", t.map);
  p.addType(pkg, "Pool", t.pool);
  bind<&newCond>(p, pkg, "NewCond");
  for (values::NativeFunction fn : methods.runNoGolCode) p.declareRunsNoGolCode(fn);
  for (const auto& [fn, fast] : methods.fastPaths) p.declareFastPath(fn, fast);
}

}  // namespace gol::stdlib
