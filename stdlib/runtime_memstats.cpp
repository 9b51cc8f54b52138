// Package runtime: MemStats and ReadMemStats over the counts of Gol's allocator
// (interpreter/values/alloc_stats.h), MemProfileRate, and the count of GC calls.
//
// Gol frees an object as its last reference goes, so the live figures (Alloc, HeapObjects)
// are exact at every moment, not as of the last collection. NumGC, NumForcedGC, PauseNs,
// PauseTotalNs, LastGC and NextGC are the cycle collector's (interpreter/values/cycles.h).
// Only the fields Gol can fill truthfully are members; a program naming another (BySize,
// StackInuse, ...) gets the checker's "undefined" error. The counters are process-wide and
// monotonic.
#include <malloc.h>
#if defined(GOL_MIMALLOC)
#include <mimalloc.h>
#endif

#include <algorithm>
#include <atomic>

#include "interpreter/values/alloc_stats.h"
#include "interpreter/values/cycles.h"
#include "stdlib/bind.h"
#include "stdlib/packages.h"
#include "stdlib/support.h"

namespace gol::stdlib {

namespace {

using check::BasicKind;

// The members, in Go's order.
enum Field {
  kAlloc,
  kTotalAlloc,
  kSys,
  kLookups,
  kMallocs,
  kFrees,
  kHeapAlloc,
  kHeapSys,
  kHeapIdle,
  kHeapInuse,
  kHeapObjects,
  kNextGC,
  kLastGC,
  kPauseTotalNs,
  kPauseNs,
  kNumGC,
  kNumForcedGC,
  kEnableGC,
  kDebugGC,
};

const check::Named* memStatsType() {
  static check::Named* t = [] {
    const check::Type* u64 = check::basicType(BasicKind::Uint64);
    const check::Type* u32 = check::basicType(BasicKind::Uint32);
    const check::Type* boolT = check::basicType(BasicKind::Bool);
    auto* st = new check::Struct;
    for (const char* name :
         {"Alloc", "TotalAlloc", "Sys", "Lookups", "Mallocs", "Frees", "HeapAlloc", "HeapSys",
          "HeapIdle", "HeapInuse", "HeapObjects", "NextGC", "LastGC", "PauseTotalNs"}) {
      st->fields.push_back(check::StructField{name, u64, false, ""});
    }
    st->fields.push_back(check::StructField{"PauseNs", check::arrayOf(u64, 256), false, ""});
    st->fields.push_back(check::StructField{"NumGC", u32, false, ""});
    st->fields.push_back(check::StructField{"NumForcedGC", u32, false, ""});
    st->fields.push_back(check::StructField{"EnableGC", boolT, false, ""});
    st->fields.push_back(check::StructField{"DebugGC", boolT, false, ""});
    return nativeNamed("runtime", "MemStats", st);
  }();
  return t;
}

// A *MemStats argument: its struct object (null for nil).
struct MemStatsPtr {
  values::StructObject* obj = nullptr;
};

}  // namespace

template <>
struct GoType<MemStatsPtr> {
  static const check::Type* type() { return check::pointerTo(memStatsType()); }
  static MemStatsPtr arg(const values::AnyValue& a) {
    return {static_cast<values::StructObject*>(a.value.p)};
  }
};

namespace {

// ReadMemStats(m *MemStats)
void readMemStats(MemStatsPtr m) {
  values::StructObject* out = m.obj;
  if (!out) nilPanic();
  values::AllocTotals t = values::readAllocTotals();
  uint64_t frees = t.frees < t.mallocs ? t.frees : t.mallocs;
  uint64_t live = t.freedBytes < t.allocBytes ? t.allocBytes - t.freedBytes : 0;
  // The C heap Gol's objects live in: what it took from the system, what is in use.
  // mimalloc says what it has committed; glibc's mallinfo2 also what is in use. Under a
  // sanitizer's allocator mallinfo2 knows nothing: the live objects are then the least the
  // heap holds.
#if defined(GOL_MIMALLOC)
  size_t elapsed, user, system, rss, peakRss, committed, peakCommitted, faults;
  mi_process_info(&elapsed, &user, &system, &rss, &peakRss, &committed, &peakCommitted, &faults);
  uint64_t inuse = live;
  uint64_t sys = std::max<uint64_t>(committed, inuse);
#else
  struct mallinfo2 mi = mallinfo2();
  uint64_t inuse = std::max<uint64_t>(mi.uordblks + mi.hblkhd, live);
  uint64_t sys = std::max<uint64_t>(mi.arena + mi.hblkhd, inuse);
#endif
  auto u = [](uint64_t v) { return values::Value{.u = v}; };
  out->fields[kAlloc] = u(live);
  out->fields[kTotalAlloc] = u(t.allocBytes);
  out->fields[kSys] = u(sys);
  out->fields[kLookups] = u(0);
  out->fields[kMallocs] = u(t.mallocs);
  out->fields[kFrees] = u(frees);
  out->fields[kHeapAlloc] = u(live);
  out->fields[kHeapSys] = u(sys);
  out->fields[kHeapIdle] = u(sys > inuse ? sys - inuse : 0);
  out->fields[kHeapInuse] = u(inuse);
  out->fields[kHeapObjects] = u(t.mallocs - frees);
  values::CollectorStats gc = values::readCollectorStats();
  out->fields[kNextGC] = u(gc.nextGC);
  out->fields[kLastGC] = u(gc.lastGC);
  out->fields[kPauseTotalNs] = u(gc.pauseTotalNs);
  auto* pauses = static_cast<values::ArrayObject*>(out->fields[kPauseNs].p);
  for (size_t i = 0; i < 256; ++i) pauses->data()[i] = u(gc.pauseNs[i]);
  out->fields[kNumGC] = u(gc.numGC);
  out->fields[kNumForcedGC] = u(gc.numForcedGC);
  out->fields[kEnableGC] = u(1);
  out->fields[kDebugGC] = u(0);
}

// Go starts it at 0 in a program that cannot read heap profiles (runtime.MemProfile is not
// linked in), and Gol keeps no heap profile; programs set it and read it back.
values::Value memProfileRate{.i = 0};

}  // namespace

void registerRuntimeMemStats(Packages& p, check::Package& pkg) {
  p.addType(pkg, "MemStats", memStatsType());
  bind<&readMemStats>(p, pkg, "ReadMemStats");
  p.addVariable(pkg, "MemProfileRate", check::basicType(BasicKind::Int), &memProfileRate);
}

}  // namespace gol::stdlib
