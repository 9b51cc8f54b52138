// Unit tests of the sync and sync/atomic natives, called as the evaluator calls them (a
// pointer receiver is the struct object), on the runtime's goroutines with 1 and 4
// processors. Function values (Once.Do's f, Map.Range's f) are C++ callbacks here: the test
// installs its own fmt::funcCaller, and a methodCaller that knows *sync.Mutex for Cond.L.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <string>

#include "interpreter/values/panic.h"
#include "runtime/runtime.h"
#include "stdlib/format.h"
#include "stdlib/packages.h"
#include "stdlib/test_values.h"

namespace gol::stdlib {
namespace {

using namespace gol::stdlib::testing;
using values::Value;

// A function value for the test's funcCaller: a heap object (natives may retain a function
// value) that the test holds for its whole life, so its count never reaches zero.
struct Callback : values::HeapObject {
  std::function<void(std::span<const Value>, Value*)> f;
  template <typename F>
  Callback(F fn) : HeapObject(Kind::Closure, sizeof(Callback)), f(std::move(fn)) {}
  AnyValue arg() { return AnyValue{nullptr, Value{.p = this}}; }
};

bool callCallback(Value fn, std::span<const Value> args, Value* results) {
  static_cast<Callback*>(fn.p)->f(args, results);
  return true;
}

class SyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    savedFunc_ = fmt::funcCaller;
    savedMethod_ = fmt::methodCaller;
    fmt::funcCaller = &callCallback;
    fmt::methodCaller = &callMutexMethod;
    mutexType_ = named("sync", "Mutex");
    // The tests' goroutines share objects, as a program's do once it starts a second one.
    values::enableSharedCells();
  }
  void TearDown() override {
    fmt::funcCaller = savedFunc_;
    fmt::methodCaller = savedMethod_;
  }

  const check::Named* named(const std::string& path, const std::string& name) {
    const check::Package* pkg = packages.import(path);
    EXPECT_NE(pkg, nullptr) << path;
    auto it = pkg->members.find(name);
    EXPECT_NE(it, pkg->members.end()) << name;
    return static_cast<const check::Named*>(it->second.type);
  }
  static values::NativeFunction method(const check::Named* n, const std::string& name) {
    const check::Method* m = n->find(name);
    EXPECT_NE(m, nullptr) << name;
    return m ? reinterpret_cast<values::NativeFunction>(const_cast<void*>(m->native)) : nullptr;
  }
  // Calls the method on the object `recv` (borrowed) with args; returns the first result.
  static Value call(const check::Named* n, const std::string& name, Value recv,
                    std::vector<AnyValue> args = {}, Value* more = nullptr) {
    std::vector<AnyValue> argv{AnyValue{check::pointerTo(n), recv}};
    argv.insert(argv.end(), args.begin(), args.end());
    Value results[4]{};
    method(n, name)(argv, results);
    if (more) *more = results[1];
    return results[0];
  }
  Value callFn(const std::string& path, const std::string& name, std::vector<AnyValue> args) {
    Value results[2]{};
    EXPECT_NE(packages.import(path), nullptr) << path;  // registers it
    packages.find(path, name)(args, results);
    return results[0];
  }

  // Cond.L's Lock and Unlock, for L holding a *sync.Mutex.
  static bool callMutexMethod(const AnyValue& recv, const std::string& name,
                              std::span<const AnyValue>, Value* results) {
    const check::Named* mutex = mutexType_;
    call(mutex, name, recv.value);
    results[0] = Value{};
    return true;
  }

  Packages packages;
  static inline const check::Named* mutexType_ = nullptr;

 private:
  bool (*savedFunc_)(Value, std::span<const Value>, Value*) = nullptr;
  bool (*savedMethod_)(const AnyValue&, const std::string&, std::span<const AnyValue>,
                       Value*) = nullptr;
};

// A variable of a native struct type: its object, released at the end of the scope.
struct Var {
  explicit Var(const check::Type* t) : v(values::zeroValue(t)) {}
  ~Var() { values::releaseRef(v); }
  Value v;
};

std::string panicMessage(const std::function<void()>& f) {
  try {
    f();
  } catch (const values::GoPanic& p) {
    return p.message;
  }
  return "";
}

TEST_F(SyncTest, MutexCounterFromManyGoroutines) {
  for (int procs : {1, 4}) {
    const check::Named* mu = named("sync", "Mutex");
    const check::Named* wg = named("sync", "WaitGroup");
    Var m(mu), w(wg);
    int64_t counter = 0;
    rt::start(procs, [&] {
      call(wg, "Add", w.v, {I(100)});
      for (int g = 0; g < 100; g++) {
        rt::go([&] {
          for (int k = 0; k < 1000; k++) {
            call(mu, "Lock", m.v);
            int64_t c = counter;
            if (k % 100 == 0) rt::yield();  // hold the lock across a reschedule
            counter = c + 1;
            call(mu, "Unlock", m.v);
          }
          call(wg, "Done", w.v);
        });
      }
      call(wg, "Wait", w.v);
    });
    EXPECT_EQ(counter, 100000) << procs;
  }
}

TEST_F(SyncTest, TryLockAndCopiedLockState) {
  const check::Named* mu = named("sync", "Mutex");
  Var m(mu);
  rt::start(1, [&] {
    EXPECT_TRUE(call(mu, "TryLock", m.v).i);
    EXPECT_FALSE(call(mu, "TryLock", m.v).i);
    Value copy = values::cloneAggregate(m.v);  // Go copies a locked mutex locked
    EXPECT_FALSE(call(mu, "TryLock", copy).i);
    call(mu, "Unlock", m.v);
    EXPECT_TRUE(call(mu, "TryLock", m.v).i);
    values::releaseRef(copy);
  });
}

TEST_F(SyncTest, WaitGroupNegativeCounterPanics) {
  const check::Named* wg = named("sync", "WaitGroup");
  Var w(wg);
  EXPECT_EQ(panicMessage([&] { call(wg, "Done", w.v); }), "sync: negative WaitGroup counter");
  Var w2(wg);
  call(wg, "Add", w2.v, {I(2)});
  EXPECT_EQ(panicMessage([&] { call(wg, "Add", w2.v, {I(-3)}); }),
            "sync: negative WaitGroup counter");
}

TEST_F(SyncTest, NilReceiverPanics) {
  const check::Named* wg = named("sync", "WaitGroup");
  EXPECT_EQ(panicMessage([&] { call(wg, "Wait", Value{}); }),
            "runtime error: invalid memory address or nil pointer dereference");
}

TEST_F(SyncTest, RWMutexReadersShareWritersExclude) {
  for (int procs : {1, 4}) {
    const check::Named* rw = named("sync", "RWMutex");
    const check::Named* wg = named("sync", "WaitGroup");
    Var l(rw), w(wg);
    std::atomic<int> readers{0};
    std::atomic<int> maxReaders{0};
    std::atomic<bool> overlap{false};
    int64_t value = 0;
    rt::start(procs, [&] {
      call(wg, "Add", w.v, {I(20)});
      for (int g = 0; g < 20; g++) {
        rt::go([&, g] {
          for (int k = 0; k < 200; k++) {
            if (g % 4 == 0) {
              call(rw, "Lock", l.v);
              if (readers.load() != 0) overlap = true;
              value++;
              call(rw, "Unlock", l.v);
            } else {
              call(rw, "RLock", l.v);
              int r = ++readers;
              int m = maxReaders.load();
              while (r > m && !maxReaders.compare_exchange_weak(m, r)) {
              }
              rt::yield();
              --readers;
              call(rw, "RUnlock", l.v);
            }
          }
          call(wg, "Done", w.v);
        });
      }
      call(wg, "Wait", w.v);
    });
    EXPECT_FALSE(overlap.load()) << procs;
    EXPECT_EQ(value, 5 * 200) << procs;
    EXPECT_GT(maxReaders.load(), 1) << procs;
  }
}

TEST_F(SyncTest, RWMutexTryLockAndRLocker) {
  const check::Named* rw = named("sync", "RWMutex");
  Var l(rw);
  rt::start(1, [&] {
    EXPECT_TRUE(call(rw, "TryRLock", l.v).i);
    EXPECT_FALSE(call(rw, "TryLock", l.v).i);
    call(rw, "RUnlock", l.v);
    EXPECT_TRUE(call(rw, "TryLock", l.v).i);
    EXPECT_FALSE(call(rw, "TryRLock", l.v).i);
    call(rw, "Unlock", l.v);
    Value locker = call(rw, "RLocker", l.v);
    auto* iface = values::asIface(locker);
    ASSERT_NE(iface, nullptr);
    EXPECT_EQ(iface->value.p, l.v.p);
    EXPECT_EQ(check::typeString(iface->type), "*sync.rlocker");
    values::releaseRef(locker);
  });
}

TEST_F(SyncTest, OnceRunsOnceAcrossGoroutines) {
  for (int procs : {1, 4}) {
    const check::Named* once = named("sync", "Once");
    const check::Named* wg = named("sync", "WaitGroup");
    Var o(once), w(wg);
    std::atomic<int> calls{0};
    std::atomic<int> sawDone{0};
    Callback f([&](std::span<const Value>, Value*) {
      rt::yield();  // the others must wait for f to finish
      calls++;
    });
    rt::start(procs, [&] {
      call(wg, "Add", w.v, {I(50)});
      for (int g = 0; g < 50; g++) {
        rt::go([&] {
          call(once, "Do", o.v, {f.arg()});
          if (calls.load() == 1) sawDone++;
          call(wg, "Done", w.v);
        });
      }
      call(wg, "Wait", w.v);
    });
    EXPECT_EQ(calls.load(), 1);
    EXPECT_EQ(sawDone.load(), 50);
  }
}

TEST_F(SyncTest, OnceCountsAPanickingCallAsDone) {
  const check::Named* once = named("sync", "Once");
  Var o(once);
  int calls = 0;
  Callback f([&](std::span<const Value>, Value*) {
    calls++;
    values::GoPanic p;
    p.message = "boom";
    throw p;
  });
  rt::start(1, [&] {
    EXPECT_EQ(panicMessage([&] { call(once, "Do", o.v, {f.arg()}); }), "boom");
    call(once, "Do", o.v, {f.arg()});
  });
  EXPECT_EQ(calls, 1);
}

TEST_F(SyncTest, CondSignalsWaitersUnderTheMutex) {
  for (int procs : {1, 4}) {
    const check::Named* mu = named("sync", "Mutex");
    const check::Named* wg = named("sync", "WaitGroup");
    const check::Named* condT = named("sync", "Cond");
    Var m(mu), w(wg);
    // sync.NewCond(&m): the Locker argument arrives as an interface value.
    values::retainRef(m.v);
    Value locker{.p = new values::IfaceObject(check::pointerTo(mu), m.v)};
    Value cond = callFn("sync", "NewCond", {AnyValue{named("sync", "Locker"), locker}});
    values::releaseRef(locker);
    int queue = 0;
    int64_t consumed = 0;
    rt::start(procs, [&] {
      call(wg, "Add", w.v, {I(10)});
      for (int g = 0; g < 10; g++) {
        rt::go([&] {
          for (int k = 0; k < 100; k++) {
            call(mu, "Lock", m.v);
            while (queue == 0) call(condT, "Wait", cond);
            queue--;
            consumed++;
            call(mu, "Unlock", m.v);
          }
          call(wg, "Done", w.v);
        });
      }
      for (int k = 0; k < 1000; k++) {
        call(mu, "Lock", m.v);
        queue++;
        call(condT, k % 2 ? "Broadcast" : "Signal", cond);  // the last one broadcasts
        call(mu, "Unlock", m.v);
        if (k % 7 == 0) rt::yield();
      }
      call(wg, "Wait", w.v);
    });
    EXPECT_EQ(consumed, 1000) << procs;
    EXPECT_EQ(queue, 0);
    Value copy = values::cloneAggregate(cond);
    EXPECT_EQ(panicMessage([&] { call(condT, "Signal", copy); }), "sync.Cond is copied");
    values::releaseRef(copy);
    values::releaseRef(cond);
  }
}

// An int key or value as the natives receive an `any` argument.
AnyValue anyInt(int64_t v) {
  return I(v);
}
int64_t intOf(Value iface) {
  auto* i = values::asIface(iface);
  return i ? i->value.i : -1;
}

TEST_F(SyncTest, MapOperations) {
  const check::Named* mapT = named("sync", "Map");
  Var m(mapT);
  Value ok{};
  Value v = call(mapT, "Load", m.v, {anyInt(1)}, &ok);
  EXPECT_EQ(v.p, nullptr);
  EXPECT_FALSE(ok.i);
  call(mapT, "Store", m.v, {anyInt(1), anyInt(10)});
  v = call(mapT, "Load", m.v, {anyInt(1)}, &ok);
  EXPECT_EQ(intOf(v), 10);
  EXPECT_TRUE(ok.i);
  values::releaseRef(v);
  v = call(mapT, "LoadOrStore", m.v, {anyInt(1), anyInt(11)}, &ok);
  EXPECT_EQ(intOf(v), 10);
  EXPECT_TRUE(ok.i);
  values::releaseRef(v);
  v = call(mapT, "LoadOrStore", m.v, {anyInt(2), anyInt(20)}, &ok);
  EXPECT_EQ(intOf(v), 20);
  EXPECT_FALSE(ok.i);
  values::releaseRef(v);
  v = call(mapT, "Swap", m.v, {anyInt(2), anyInt(21)}, &ok);
  EXPECT_EQ(intOf(v), 20);
  EXPECT_TRUE(ok.i);
  values::releaseRef(v);
  EXPECT_FALSE(call(mapT, "CompareAndSwap", m.v, {anyInt(2), anyInt(20), anyInt(22)}).i);
  EXPECT_TRUE(call(mapT, "CompareAndSwap", m.v, {anyInt(2), anyInt(21), anyInt(22)}).i);
  std::vector<std::pair<int64_t, int64_t>> seen;
  Callback each([&](std::span<const Value> args, Value* results) {
    seen.emplace_back(intOf(args[0]), intOf(args[1]));
    values::releaseRef(args[0]);
    values::releaseRef(args[1]);
    results[0] = values::intValue(1);
  });
  call(mapT, "Range", m.v, {each.arg()});
  EXPECT_EQ(seen, (std::vector<std::pair<int64_t, int64_t>>{{1, 10}, {2, 22}}));
  v = call(mapT, "LoadAndDelete", m.v, {anyInt(1)}, &ok);
  EXPECT_EQ(intOf(v), 10);
  EXPECT_TRUE(ok.i);
  values::releaseRef(v);
  EXPECT_TRUE(call(mapT, "CompareAndDelete", m.v, {anyInt(2), anyInt(22)}).i);
  v = call(mapT, "Load", m.v, {anyInt(2)}, &ok);
  EXPECT_FALSE(ok.i);
  EXPECT_EQ(panicMessage([&] {
              call(
                  mapT, "Store", m.v,
                  {AnyValue{check::sliceOf(check::basicType(BasicKind::Int)), Value{}}, anyInt(1)});
            }),
            "runtime error: hash of unhashable type []int");
}

TEST_F(SyncTest, MapFromManyGoroutines) {
  for (int procs : {1, 4}) {
    const check::Named* mapT = named("sync", "Map");
    const check::Named* wg = named("sync", "WaitGroup");
    Var m(mapT), w(wg);
    std::atomic<int64_t> found{0};
    rt::start(procs, [&] {
      call(wg, "Add", w.v, {I(8)});
      for (int g = 0; g < 8; g++) {
        rt::go([&, g] {
          for (int k = 0; k < 500; k++) {
            int64_t key = k % 50;
            call(mapT, "Store", m.v, {anyInt(key), anyInt(g)});
            Value ok{};
            Value v = call(mapT, "Load", m.v, {anyInt(key)}, &ok);
            if (ok.i) found++;
            values::releaseRef(v);
            if (k % 10 == 0) call(mapT, "Delete", m.v, {anyInt(key)});
          }
          call(wg, "Done", w.v);
        });
      }
      call(wg, "Wait", w.v);
    });
    EXPECT_GT(found.load(), 0);
  }
}

TEST_F(SyncTest, PoolReusesPutValuesThenCallsNew) {
  const check::Named* poolT = named("sync", "Pool");
  Var p(poolT);
  EXPECT_EQ(call(poolT, "Get", p.v).p, nullptr);  // no New: nil
  int news = 0;
  Callback make([&](std::span<const Value>, Value* results) {
    news++;
    results[0] = Value{.p = new values::IfaceObject(check::basicType(BasicKind::Int),
                                                    values::intValue(100 + news))};
  });
  static_cast<values::StructObject*>(p.v.p)->fields[3] = make.arg().value;
  call(poolT, "Put", p.v, {anyInt(7)});
  call(poolT, "Put", p.v, {AnyValue{check::anyType(), Value{}}});  // Put(nil) is ignored
  Value v = call(poolT, "Get", p.v);
  EXPECT_EQ(intOf(v), 7);
  values::releaseRef(v);
  v = call(poolT, "Get", p.v);
  EXPECT_EQ(intOf(v), 101);
  values::releaseRef(v);
  EXPECT_EQ(news, 1);
  static_cast<values::StructObject*>(p.v.p)->fields[3] = Value{};
}

// ---- sync/atomic ----

class AtomicTest : public SyncTest {
 protected:
  // A *T pointing at a fresh cell holding `init` (a pointer to a boxed variable).
  Value newCell(Value init) {
    auto* box = new values::BoxObject(false);
    box->value = init;
    return Value{.p = box};
  }
  static Value& cell(Value ptr) { return *static_cast<values::PointerObject*>(ptr.p)->cell; }
  AnyValue ptrArg(BasicKind k, Value ptr) {
    return AnyValue{check::pointerTo(check::basicType(k)), ptr};
  }
};

TEST_F(AtomicTest, Int32WrapsAndStaysSignExtended) {
  Value p = newCell(values::intValue(INT32_MAX));
  Value r = callFn("sync/atomic", "AddInt32", {ptrArg(BasicKind::Int32, p), R(1)});
  EXPECT_EQ(r.i, INT32_MIN);
  EXPECT_EQ(cell(p).i, INT32_MIN);
  r = callFn("sync/atomic", "SwapInt32", {ptrArg(BasicKind::Int32, p), R(-5)});
  EXPECT_EQ(r.i, INT32_MIN);
  EXPECT_TRUE(
      callFn("sync/atomic", "CompareAndSwapInt32", {ptrArg(BasicKind::Int32, p), R(-5), R(9)}).i);
  EXPECT_FALSE(
      callFn("sync/atomic", "CompareAndSwapInt32", {ptrArg(BasicKind::Int32, p), R(-5), R(1)}).i);
  EXPECT_EQ(callFn("sync/atomic", "LoadInt32", {ptrArg(BasicKind::Int32, p)}).i, 9);
  EXPECT_EQ(callFn("sync/atomic", "OrInt32", {ptrArg(BasicKind::Int32, p), R(6)}).i, 9);
  EXPECT_EQ(callFn("sync/atomic", "AndInt32", {ptrArg(BasicKind::Int32, p), R(-4)}).i, 15);
  EXPECT_EQ(cell(p).i, 12);
  values::releaseRef(p);
}

TEST_F(AtomicTest, Uint32AndUint64Wrap) {
  Value p = newCell(values::intValue(0));
  Value r = callFn("sync/atomic", "AddUint32", {ptrArg(BasicKind::Uint32, p), U32(UINT32_MAX)});
  EXPECT_EQ(r.u, UINT32_MAX);
  EXPECT_EQ(cell(p).u, UINT32_MAX);  // zero-extended
  r = callFn("sync/atomic", "AddUint32", {ptrArg(BasicKind::Uint32, p), U32(2)});
  EXPECT_EQ(r.u, 1u);
  Value q = newCell(values::intValue(0));
  r = callFn("sync/atomic", "AddUint64", {ptrArg(BasicKind::Uint64, q), U64(UINT64_MAX)});
  EXPECT_EQ(r.u, UINT64_MAX);
  values::releaseRef(p);
  values::releaseRef(q);
}

TEST_F(AtomicTest, NilAddressPanics) {
  EXPECT_EQ(
      panicMessage([&] { callFn("sync/atomic", "LoadInt64", {ptrArg(BasicKind::Int64, {})}); }),
      "runtime error: invalid memory address or nil pointer dereference");
}

TEST_F(AtomicTest, CountersFromManyGoroutines) {
  for (int procs : {1, 4}) {
    const check::Named* wg = named("sync", "WaitGroup");
    const check::Named* i32 = named("sync/atomic", "Int32");
    Var w(wg), counter(i32);
    Value p64 = newCell(values::intValue(0));
    Value p32 = newCell(values::intValue(0));
    rt::start(procs, [&] {
      call(wg, "Add", w.v, {I(16)});
      for (int g = 0; g < 16; g++) {
        rt::go([&] {
          for (int k = 0; k < 1000; k++) {
            callFn("sync/atomic", "AddInt64", {ptrArg(BasicKind::Int64, p64), I64(2)});
            callFn("sync/atomic", "AddUint32", {ptrArg(BasicKind::Uint32, p32), U32(UINT32_MAX)});
            call(i32, "Add", counter.v, {R(1)});
            if (k % 250 == 0) rt::yield();
          }
          call(wg, "Done", w.v);
        });
      }
      call(wg, "Wait", w.v);
    });
    EXPECT_EQ(cell(p64).i, 32000);
    EXPECT_EQ(cell(p32).u, uint32_t(-16000));
    EXPECT_EQ(call(i32, "Load", counter.v).i, 16000);
    values::releaseRef(p64);
    values::releaseRef(p32);
  }
}

TEST_F(AtomicTest, ValuePanicsAsGo) {
  const check::Named* valueT = named("sync/atomic", "Value");
  Var v(valueT);
  AnyValue nil{check::anyType(), Value{}};
  EXPECT_EQ(call(valueT, "Load", v.v).p, nullptr);
  EXPECT_EQ(panicMessage([&] { call(valueT, "Store", v.v, {nil}); }),
            "sync/atomic: store of nil value into Value");
  EXPECT_EQ(panicMessage([&] { call(valueT, "Swap", v.v, {nil}); }),
            "sync/atomic: swap of nil value into Value");
  EXPECT_EQ(panicMessage([&] {
              call(valueT, "CompareAndSwap", v.v, {nil, nil});
            }),
            "sync/atomic: compare and swap of nil value into Value");
  EXPECT_EQ(panicMessage([&] {
              call(valueT, "CompareAndSwap", v.v, {anyInt(1), F64(2)});
            }),
            "sync/atomic: compare and swap of inconsistently typed values");
  call(valueT, "Store", v.v, {anyInt(1)});
  EXPECT_EQ(panicMessage([&] { call(valueT, "Store", v.v, {F64(1)}); }),
            "sync/atomic: store of inconsistently typed value into Value");
  EXPECT_EQ(panicMessage([&] { call(valueT, "Swap", v.v, {F64(1)}); }),
            "sync/atomic: swap of inconsistently typed value into Value");
  EXPECT_EQ(panicMessage([&] {
              call(valueT, "CompareAndSwap", v.v, {nil, F64(1)});
            }),
            "sync/atomic: compare and swap of inconsistently typed value into Value");
  EXPECT_FALSE(call(valueT, "CompareAndSwap", v.v, {anyInt(2), anyInt(3)}).i);
  EXPECT_TRUE(call(valueT, "CompareAndSwap", v.v, {anyInt(1), anyInt(3)}).i);
  Value old = call(valueT, "Swap", v.v, {anyInt(4)});
  EXPECT_EQ(intOf(old), 3);
  values::releaseRef(old);
}

// Loads racing with Stores of strings: a Load never sees a string freed under it (run
// under AddressSanitizer to make that visible).
TEST_F(AtomicTest, ValueLoadsRacingStoresStaySafe) {
  const check::Named* valueT = named("sync/atomic", "Value");
  const check::Named* wg = named("sync", "WaitGroup");
  Var v(valueT), w(wg);
  const check::Type* str = check::basicType(BasicKind::String);
  std::atomic<int64_t> loaded{0};
  rt::start(4, [&] {
    call(wg, "Add", w.v, {I(8)});
    for (int g = 0; g < 8; g++) {
      rt::go([&, g] {
        for (int k = 0; k < 2000; k++) {
          if (g % 2 == 0) {
            Value s = values::stringValue(values::StringObject::make("value " + std::to_string(k)));
            call(valueT, "Store", v.v, {AnyValue{str, s}});
            values::releaseRef(s);
          } else {
            Value x = call(valueT, "Load", v.v);
            if (auto* i = values::asIface(x)) loaded += values::stringView(i->value).size() > 6;
            values::releaseRef(x);
          }
        }
        call(wg, "Done", w.v);
      });
    }
    call(wg, "Wait", w.v);
  });
  EXPECT_GT(loaded.load(), 0);
}

TEST_F(AtomicTest, BoolAndUintptrTypes) {
  const check::Named* boolT = named("sync/atomic", "Bool");
  Var b(boolT);
  EXPECT_FALSE(call(boolT, "Load", b.v).i);
  EXPECT_FALSE(call(boolT, "Swap", b.v, {typed(BasicKind::Bool, values::intValue(1))}).i);
  EXPECT_TRUE(call(boolT, "CompareAndSwap", b.v,
                   {typed(BasicKind::Bool, values::intValue(1)),
                    typed(BasicKind::Bool, values::intValue(0))})
                  .i);
  EXPECT_FALSE(call(boolT, "Load", b.v).i);
  const check::Named* up = named("sync/atomic", "Uintptr");
  Var u(up);
  EXPECT_EQ(call(up, "Add", u.v, {UP(5)}).u, 5u);
}

}  // namespace
}  // namespace gol::stdlib
