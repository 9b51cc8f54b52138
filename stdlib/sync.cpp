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

// The receiver of a pointer method: the struct object (null for a nil pointer).
StructObject* receiver(std::span<const AnyValue> a) {
  auto* o = static_cast<StructObject*>(a[0].value.p);
  if (!o) nilPanic();
  return o;
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
  const check::Signature* newCond;
};

const SyncTypes& syncTypes();

// ---- Mutex ----

static_assert(sizeof(rt::Mutex) <= sizeof(Value));

void mutexLock(std::span<const AnyValue> a, Value*) {
  primitiveIn<rt::Mutex>(receiver(a)).lock();
}
void mutexUnlock(std::span<const AnyValue> a, Value*) {
  primitiveIn<rt::Mutex>(receiver(a)).unlock();
}
// The fast paths of Lock and Unlock (values::NativeFastPath): uncontended, they neither
// park nor wake a goroutine.
bool mutexLockFast(std::span<const AnyValue> a, Value*) {
  return primitiveIn<rt::Mutex>(receiver(a)).try_lock();
}
bool mutexUnlockFast(std::span<const AnyValue> a, Value*) {
  return primitiveIn<rt::Mutex>(receiver(a)).try_unlock_unwaited();
}
void mutexTryLock(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(primitiveIn<rt::Mutex>(receiver(a)).try_lock());
}

// ---- RWMutex ----

constexpr size_t kRWMutexWords = wordsFor<rt::RWMutex>();
static_assert(kRWMutexWords == 3);

void rwLock(std::span<const AnyValue> a, Value*) {
  primitiveIn<rt::RWMutex>(receiver(a)).lock();
}
void rwUnlock(std::span<const AnyValue> a, Value*) {
  primitiveIn<rt::RWMutex>(receiver(a)).unlock();
}
void rwRLock(std::span<const AnyValue> a, Value*) {
  primitiveIn<rt::RWMutex>(receiver(a)).rlock();
}
void rwRUnlock(std::span<const AnyValue> a, Value*) {
  primitiveIn<rt::RWMutex>(receiver(a)).runlock();
}
void rwTryLock(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(primitiveIn<rt::RWMutex>(receiver(a)).try_lock());
}
void rwTryRLock(std::span<const AnyValue> a, Value* r) {
  r[0] = boolResult(primitiveIn<rt::RWMutex>(receiver(a)).try_rlock());
}
// (*RWMutex).RLocker() Locker: the same object seen as a *sync.rlocker.
void rwRLocker(std::span<const AnyValue> a, Value* r) {
  StructObject* o = receiver(a);
  values::retainRef(Value{.p = o});
  r[0] = Value{.p = new values::IfaceObject(syncTypes().rlockerPtr, Value{.p = o})};
}

// ---- WaitGroup ----

constexpr size_t kWaitGroupWords = wordsFor<rt::WaitGroup>();
static_assert(kWaitGroupWords == 2);

void wgAdd(std::span<const AnyValue> a, Value*) {
  if (!primitiveIn<rt::WaitGroup>(receiver(a)).add(a[1].value.i))
    panicString(rt::kNegativeWaitGroupCounter);
}
void wgDone(std::span<const AnyValue> a, Value*) {
  if (!primitiveIn<rt::WaitGroup>(receiver(a)).done()) panicString(rt::kNegativeWaitGroupCounter);
}
void wgWait(std::span<const AnyValue> a, Value*) {
  primitiveIn<rt::WaitGroup>(receiver(a)).wait();
}

// ---- Once ----

static_assert(sizeof(rt::Once) <= sizeof(Value));

void callFunc(Value f, Value* results) {
  if (!f.p) nilPanic();
  fmt::funcCaller(f, {}, results);
}

void onceDo(std::span<const AnyValue> a, Value*) {
  Value f = a[1].value;
  primitiveIn<rt::Once>(receiver(a)).call([f] {
    Value none[1];
    callFunc(f, none);
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
rt::Cond& condOf(std::span<const AnyValue> a) {
  StructObject* o = receiver(a);
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

void condWait(std::span<const AnyValue> a, Value*) {
  rt::Cond& c = condOf(a);
  Value locker = receiver(a)->fields[kCondL];
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
void condSignal(std::span<const AnyValue> a, Value*) {
  condOf(a).signal();
}
void condBroadcast(std::span<const AnyValue> a, Value*) {
  condOf(a).broadcast();
}
// sync.NewCond(l Locker) *Cond
void newCond(std::span<const AnyValue> a, Value* r) {
  auto* st = static_cast<const check::Struct*>(syncTypes().cond->underlying);
  StructObject* o = StructObject::make(st);
  values::retainRef(a[0].value);
  o->fields[kCondL] = a[0].value;
  r[0] = Value{.p = o};
}

// ---- values of type any ----

// An argument passed as `any` as an interface value borrowed for a lookup or a comparison: either the argument
// itself or `scratch`, an unowned box on the caller's stack (so lookups do not allocate).
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

Value retained(Value v) {
  values::retainRef(v);
  return v;
}

// ---- Map ----

constexpr size_t kMapMu = 0;
constexpr size_t kMapTable = 1;

class MapLock {
 public:
  explicit MapLock(StructObject* o) : o_(o), guard_(primitiveIn<rt::Mutex>(o, kMapMu)) {}
  values::MapObject* table() { return values::asMap(o_->fields[kMapTable]); }
  values::MapObject* tableForInsert() {
    if (!o_->fields[kMapTable].p) o_->fields[kMapTable].p = new values::MapObject(syncTypes().anyMap);
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
void mapLoad(std::span<const AnyValue> a, Value* r) {
  BorrowedAny key(a[1]);
  MapLock lock(receiver(a));
  Value* cell = lock.find(key.value());
  r[0] = cell ? retained(*cell) : Value{};
  r[1] = boolResult(cell != nullptr);
}
// Store(key, value any)
void mapStore(std::span<const AnyValue> a, Value*) {
  BorrowedAny key(a[1]);
  Released old;
  Value v = toAny(a[2]);
  try {
    MapLock lock(receiver(a));
    Value* cell = lock.insert(a[1], key.value());
    old.v = *cell;
    *cell = v;
  } catch (...) {
    values::releaseRef(v);
    throw;
  }
}
// LoadOrStore(key, value any) (actual any, loaded bool)
void mapLoadOrStore(std::span<const AnyValue> a, Value* r) {
  BorrowedAny key(a[1]);
  MapLock lock(receiver(a));
  if (Value* cell = lock.find(key.value())) {
    r[0] = retained(*cell);
    r[1] = boolResult(true);
    return;
  }
  Value* cell = lock.insert(a[1], key.value());
  *cell = toAny(a[2]);
  r[0] = retained(*cell);
  r[1] = boolResult(false);
}
// LoadAndDelete(key any) (value any, loaded bool)
void mapLoadAndDelete(std::span<const AnyValue> a, Value* r) {
  BorrowedAny key(a[1]);
  MapLock lock(receiver(a));
  Value* cell = lock.find(key.value());
  r[0] = cell ? retained(*cell) : Value{};
  r[1] = boolResult(cell != nullptr);
  if (cell) lock.table()->erase(key.value());
}
// Delete(key any)
void mapDelete(std::span<const AnyValue> a, Value*) {
  BorrowedAny key(a[1]);
  MapLock lock(receiver(a));
  if (values::MapObject* m = lock.table()) m->erase(key.value());
}
// Swap(key, value any) (previous any, loaded bool)
void mapSwap(std::span<const AnyValue> a, Value* r) {
  BorrowedAny key(a[1]);
  Value v = toAny(a[2]);
  try {
    MapLock lock(receiver(a));
    bool loaded = lock.find(key.value()) != nullptr;
    Value* cell = lock.insert(a[1], key.value());
    r[0] = *cell;  // the map's reference passes to the caller
    r[1] = boolResult(loaded);
    *cell = v;
  } catch (...) {
    values::releaseRef(v);
    throw;
  }
}
// CompareAndSwap(key, old, new any) (swapped bool)
void mapCompareAndSwap(std::span<const AnyValue> a, Value* r) {
  BorrowedAny key(a[1]);
  BorrowedAny old(a[2]);
  Released previous;
  MapLock lock(receiver(a));
  Value* cell = lock.find(key.value());
  if (!cell || !values::equalValues(syncTypes().anyT, *cell, old.value())) {
    r[0] = boolResult(false);
    return;
  }
  previous.v = *cell;
  *cell = toAny(a[3]);
  r[0] = boolResult(true);
}
// CompareAndDelete(key, old any) (deleted bool)
void mapCompareAndDelete(std::span<const AnyValue> a, Value* r) {
  BorrowedAny key(a[1]);
  BorrowedAny old(a[2]);
  MapLock lock(receiver(a));
  Value* cell = lock.find(key.value());
  bool match = cell && values::equalValues(syncTypes().anyT, *cell, old.value());
  if (match) lock.table()->erase(key.value());
  r[0] = boolResult(match);
}
// Clear()
void mapClear(std::span<const AnyValue> a, Value*) {
  MapLock lock(receiver(a));
  if (values::MapObject* m = lock.table()) m->clear();
}
// Range(f func(key, value any) bool): the keys present when Range starts, each with its
// value at the time f is called (keys deleted meanwhile are skipped), as Go's Range sees a
// map that changes under it.
void mapRange(std::span<const AnyValue> a, Value*) {
  StructObject* o = receiver(a);
  Value f = a[1].value;
  struct Keys {
    std::vector<Value> v;
    ~Keys() {
      for (Value k : v) values::releaseRef(k);
    }
  } keys;
  {
    MapLock lock(o);
    if (values::MapObject* m = lock.table()) {
      keys.v.reserve(m->live);
      for (const values::MapObject::Entry& e : m->entries) {
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
    if (!f.p) {
      values::releaseRef(v);
      nilPanic();
    }
    Value args[2] = {retained(k), v};
    Value out[1]{};
    fmt::funcCaller(f, std::span<const Value>(args, 2), out);
    if (out[0].i == 0) return;
  }
}

// ---- Pool ----

constexpr size_t kPoolMu = 0;
constexpr size_t kPoolCount = 1;
constexpr size_t kPoolItems = 2;
constexpr size_t kPoolNew = 3;

// Get() any
void poolGet(std::span<const AnyValue> a, Value* r) {
  StructObject* o = receiver(a);
  {
    std::lock_guard<rt::Mutex> lock(primitiveIn<rt::Mutex>(o, kPoolMu));
    int64_t n = o->fields[kPoolCount].i;
    if (n > 0) {
      Value* items = static_cast<values::ArrayObject*>(o->fields[kPoolItems].p)->data();
      r[0] = items[n - 1];
      items[n - 1] = Value{};
      o->fields[kPoolCount].i = n - 1;
      return;
    }
  }
  Value newFn = o->fields[kPoolNew];
  if (!newFn.p) {
    r[0] = Value{};
    return;
  }
  values::retainRef(newFn);
  Released release{newFn};
  fmt::funcCaller(newFn, {}, r);
}
// Put(x any)
void poolPut(std::span<const AnyValue> a, Value*) {
  StructObject* o = receiver(a);
  Released dropped{toAny(a[1])};
  if (!dropped.v.p) return;
  std::lock_guard<rt::Mutex> lock(primitiveIn<rt::Mutex>(o, kPoolMu));
  int64_t n = o->fields[kPoolCount].i;
  if (n < 0 || n >= kPoolSlots) return;
  static_cast<values::ArrayObject*>(o->fields[kPoolItems].p)->data()[n] = dropped.v;
  dropped.v = Value{};
  o->fields[kPoolCount].i = n + 1;
}

// ---- registration ----

void method(check::Named* n, const char* name, const check::Signature* s, values::NativeFunction f) {
  addNativeMethod(n, name, s, f);
}

SyncTypes makeSyncTypes() {
  SyncTypes t{};
  t.anyT = check::anyType();
  t.anyMap = check::mapOf(t.anyT, t.anyT);
  const check::Type* boolT = basic(BasicKind::Bool);
  const check::Signature* none = sig({}, {});
  const check::Signature* tryLock = sig({}, {boolT});

  auto* lockerIface = new check::Interface;
  lockerIface->methods.push_back(check::Method{"Lock", none});
  lockerIface->methods.push_back(check::Method{"Unlock", none});
  t.locker = nativeNamed("sync", "Locker", lockerIface);

  t.mutex = nativeNamed("sync", "Mutex", primitiveStruct({"state"}));
  method(t.mutex, "Lock", none, mutexLock);
  method(t.mutex, "Unlock", none, mutexUnlock);
  method(t.mutex, "TryLock", tryLock, mutexTryLock);

  check::Struct* rw = primitiveStruct({"w", "sem", "readers"});
  t.rwmutex = nativeNamed("sync", "RWMutex", rw);
  t.rlocker = nativeNamed("sync", "rlocker", rw);
  t.rlockerPtr = check::pointerTo(t.rlocker);
  method(t.rwmutex, "Lock", none, rwLock);
  method(t.rwmutex, "Unlock", none, rwUnlock);
  method(t.rwmutex, "RLock", none, rwRLock);
  method(t.rwmutex, "RUnlock", none, rwRUnlock);
  method(t.rwmutex, "TryLock", tryLock, rwTryLock);
  method(t.rwmutex, "TryRLock", tryLock, rwTryRLock);
  method(t.rwmutex, "RLocker", sig({}, {t.locker}), rwRLocker);
  method(t.rlocker, "Lock", none, rwRLock);
  method(t.rlocker, "Unlock", none, rwRUnlock);

  t.waitGroup = nativeNamed("sync", "WaitGroup", primitiveStruct({"state", "sema"}));
  method(t.waitGroup, "Add", sig({basic(BasicKind::Int)}, {}), wgAdd);
  method(t.waitGroup, "Done", none, wgDone);
  method(t.waitGroup, "Wait", none, wgWait);

  t.once = nativeNamed("sync", "Once", primitiveStruct({"done"}));
  method(t.once, "Do", sig({sig({}, {})}, {}), onceDo);

  auto* cond = new check::Struct;
  cond->fields.push_back(field("L", t.locker));
  cond->fields.push_back(field("checker", basic(BasicKind::Uintptr)));
  for (const char* n : {"wait", "notify", "head", "tail"})
    cond->fields.push_back(field(n, basic(BasicKind::Uint64)));
  t.cond = nativeNamed("sync", "Cond", cond);
  method(t.cond, "Wait", none, condWait);
  method(t.cond, "Signal", none, condSignal);
  method(t.cond, "Broadcast", none, condBroadcast);
  t.newCond = sig({t.locker}, {check::pointerTo(t.cond)});

  const check::Type* anyT = t.anyT;
  t.map = nativeNamed("sync", "Map", primitiveStruct({"mu"}, {field("m", t.anyMap)}));
  method(t.map, "Load", sig({anyT}, {anyT, boolT}), mapLoad);
  method(t.map, "Store", sig({anyT, anyT}, {}), mapStore);
  method(t.map, "LoadOrStore", sig({anyT, anyT}, {anyT, boolT}), mapLoadOrStore);
  method(t.map, "LoadAndDelete", sig({anyT}, {anyT, boolT}), mapLoadAndDelete);
  method(t.map, "Delete", sig({anyT}, {}), mapDelete);
  method(t.map, "Swap", sig({anyT, anyT}, {anyT, boolT}), mapSwap);
  method(t.map, "CompareAndSwap", sig({anyT, anyT, anyT}, {boolT}), mapCompareAndSwap);
  method(t.map, "CompareAndDelete", sig({anyT, anyT}, {boolT}), mapCompareAndDelete);
  method(t.map, "Clear", none, mapClear);
  method(t.map, "Range", sig({sig({anyT, anyT}, {boolT})}, {}), mapRange);

  t.pool = nativeNamed("sync", "Pool",
                       primitiveStruct({"mu"}, {field("n", basic(BasicKind::Int)),
                                                field("items", check::arrayOf(anyT, kPoolSlots)),
                                                field("New", sig({}, {anyT}))}));
  method(t.pool, "Get", sig({}, {anyT}), poolGet);
  method(t.pool, "Put", sig({anyT}, {}), poolPut);
  return t;
}

const SyncTypes& syncTypes() {
  static const SyncTypes types = makeSyncTypes();
  return types;
}

}  // namespace

void registerSync(Packages& p) {
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
  p.addFunction(pkg, "NewCond", t.newCond, newCond);
  for (values::NativeFunction fn : {mutexLock, mutexUnlock, mutexTryLock, rwLock, rwUnlock, rwRLock,
                                  rwRUnlock, rwTryLock, rwTryRLock, wgAdd, wgDone, wgWait}) {
    p.declareRunsNoGolCode(fn);
  }
  p.declareFastPath(mutexLock, mutexLockFast);
  p.declareFastPath(mutexUnlock, mutexUnlockFast);
}

}  // namespace gol::stdlib
