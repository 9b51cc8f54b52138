// The cycle collector (cycles.h has the design and its invariants).
//
// Concurrency: a thread's candidate buffer is written under the buffer's own spin lock, by
// that thread (insertions) and by any thread whose release frees a member (removals);
// buffers are never freed, and a thread that exits hands its buffer to the next. An
// object's candidateBuffer is written before its kBuffered mark is published (by the
// releasing thread's decrement), and read only by whoever sees the mark. A collection runs
// with the world stopped:
// no other thread reads or writes counts, references or flags then, so it reads and
// rewrites them with relaxed operations. g_pacingMu guards the pacing state (goal, stats).
#include "interpreter/values/cycles.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <vector>

#include "interpreter/values/alloc_stats.h"
#include "interpreter/values/channels.h"
#include "interpreter/values/maps.h"
#include "runtime/goroutine.h"
#include "runtime/spinlock.h"
#include "runtime/timer.h"

namespace gol::values {

namespace {

using Flags = uint8_t;
constexpr auto kRelaxed = std::memory_order_relaxed;

// ---- candidate buffers -------------------------------------------------------------------

// A set of candidates: open addressing with linear probing over a power-of-two table,
// removed entries left as tombstones until the table is rebuilt.
class CandidateSet {
 public:
  void insert(HeapObject* o) {
    if ((used_ + 1) * 2 > slots_.size()) rebuild(slots_.empty() ? 64 : live_ * 4 + 64);
    size_t mask = slots_.size() - 1;
    for (size_t i = hash(o) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == nullptr) {
        slots_[i] = o;
        used_++;
        live_++;
        return;
      }
    }
  }
  void erase(HeapObject* o) {
    if (slots_.empty()) return;
    size_t mask = slots_.size() - 1;
    for (size_t i = hash(o) & mask; slots_[i] != nullptr; i = (i + 1) & mask) {
      if (slots_[i] == o) {
        slots_[i] = tombstone();
        live_--;
        return;
      }
    }
  }
  // Appends every member to out and empties the set.
  void drainInto(std::vector<HeapObject*>& out) {
    for (HeapObject* o : slots_) {
      if (o != nullptr && o != tombstone()) out.push_back(o);
    }
    slots_.assign(slots_.size() > 4096 ? 0 : slots_.size(), nullptr);
    used_ = live_ = 0;
  }

 private:
  static HeapObject* tombstone() { return reinterpret_cast<HeapObject*>(uintptr_t{1}); }
  static size_t hash(HeapObject* o) {
    auto x = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(o));
    return static_cast<size_t>((x >> 4) * 0x9E3779B97F4A7C15ull >> 20);
  }
  void rebuild(size_t capacity) {
    size_t size = 64;
    while (size < capacity) size *= 2;
    std::vector<HeapObject*> old(size, nullptr);
    old.swap(slots_);
    used_ = live_ = 0;
    for (HeapObject* o : old) {
      if (o != nullptr && o != tombstone()) insert(o);
    }
  }
  std::vector<HeapObject*> slots_;
  size_t used_ = 0;  // members and tombstones
  size_t live_ = 0;  // members
};

struct CandidateBuffer {
  rt::SpinLock lock;
  CandidateSet set;
  uint16_t id = 0;                      // its number in g_byId (HeapObject::candidateBuffer)
  CandidateBuffer* nextFree = nullptr;  // g_free_mu
};

// Buffers by number; number 0 is never used. Past kMaxBuffers threads, objects are not
// recorded (a cycle may then be missed, never wrongly freed).
constexpr size_t kMaxBuffers = 4096;
std::atomic<CandidateBuffer*> g_byId[kMaxBuffers];
std::atomic<uint16_t> g_nextId{1};
std::mutex g_free_mu;
CandidateBuffer* g_free = nullptr;

struct ThreadBuffer {
  CandidateBuffer* buffer = nullptr;
  ~ThreadBuffer() {
    if (!buffer) return;
    std::lock_guard lock(g_free_mu);
    buffer->nextFree = g_free;
    g_free = buffer;
  }
};
thread_local ThreadBuffer tls_buffer;

CandidateBuffer* acquireBuffer() {
  {
    std::lock_guard lock(g_free_mu);
    if (CandidateBuffer* b = g_free) {
      g_free = b->nextFree;
      return b;
    }
  }
  uint16_t id = g_nextId.fetch_add(1);
  if (id >= kMaxBuffers) return nullptr;
  auto* b = new CandidateBuffer;
  b->id = id;
  g_byId[id].store(b, std::memory_order_release);
  return b;
}

// Every candidate of every buffer, which are left empty.
std::vector<HeapObject*> drainBuffers() {
  std::vector<HeapObject*> all;
  for (size_t id = 1; id < kMaxBuffers; ++id) {
    CandidateBuffer* b = g_byId[id].load(std::memory_order_acquire);
    if (!b) break;
    std::lock_guard lock(b->lock);
    b->set.drainInto(all);
  }
  return all;
}

void setFlags(HeapObject* o, Flags f) {
  o->flags.store(o->flags.load(kRelaxed) | f, kRelaxed);
}
void clearFlags(HeapObject* o, Flags f) {
  o->flags.store(o->flags.load(kRelaxed) & static_cast<Flags>(~f), kRelaxed);
}
bool has(const HeapObject* o, Flags f) {
  return o->flags.load(kRelaxed) & f;
}

// ---- the references an object holds -------------------------------------------------------

// Each must match what the kind's destroy releases (value.cpp, maps.cpp): listing a
// reference the object does not count would let the collector free a live object.
template <typename F>
void forEachChild(HeapObject* object, F&& f) {
  auto visit = [&](Value v) {
    if (v.p) f(static_cast<HeapObject*>(v.p));
  };
  switch (object->kind) {
    case HeapObject::Kind::String:
    case HeapObject::Kind::Complex: return;
    case HeapObject::Kind::Chan: {
      auto* c = static_cast<ChanObject*>(object);
      if (c->storage == Storage::Scalar) return;
      c->chan.for_each_buffered(
          [](void* elem, void* ctx) {
            (*static_cast<decltype(visit)*>(ctx))(*static_cast<Value*>(elem));
          },
          &visit);
      return;
    }
    case HeapObject::Kind::Array: {
      auto* a = static_cast<ArrayObject*>(object);
      if (a->isView()) {
        visit(Value{.p = a->viewOwner()});
      } else if (a->countedElements()) {
        for (size_t i = 0; i < a->length(); ++i) visit(a->data()[i]);
      }
      return;
    }
    case HeapObject::Kind::Slice:
      visit(Value{.p = static_cast<SliceObject*>(object)->array()});
      return;
    case HeapObject::Kind::Box: {
      auto* b = static_cast<BoxObject*>(object);
      if (b->counted()) visit(b->value);
      return;
    }
    case HeapObject::Kind::Closure:
      for (BoxObject* b : static_cast<ClosureObject*>(object)->boxes) visit(Value{.p = b});
      return;
    case HeapObject::Kind::Struct: {
      auto* s = static_cast<StructObject*>(object);
      for (size_t i = 0; i < s->type->fields.size(); ++i) {
        if (isCounted(s->type->fields[i].type)) visit(s->fields[i]);
      }
      return;
    }
    case HeapObject::Kind::Pointer:
      visit(Value{.p = static_cast<PointerObject*>(object)->owner});
      return;
    case HeapObject::Kind::Iface: {
      auto* i = static_cast<IfaceObject*>(object);
      if (isCounted(i->type)) visit(i->value);
      return;
    }
    case HeapObject::Kind::Map: {
      auto* m = static_cast<MapObject*>(object);
      bool keys = m->keyStorage != Storage::Scalar, values = m->valueStorage != Storage::Scalar;
      for (const MapObject::Entry& e : m->entries) {
        if (!e.live) continue;
        if (keys) visit(e.key);
        if (values) visit(e.value);
      }
      return;
    }
  }
}

// Releases what forEachChild lists and forgets it.
void clearChildren(HeapObject* object) {
  auto take = [](Value& cell) {
    Value v = cell;
    cell = Value{};
    releaseRef(v);
  };
  switch (object->kind) {
    case HeapObject::Kind::String:
    case HeapObject::Kind::Complex: return;
    case HeapObject::Kind::Chan: static_cast<ChanObject*>(object)->chan.clear_buffer(); return;
    case HeapObject::Kind::Array: static_cast<ArrayObject*>(object)->releaseContents(); return;
    case HeapObject::Kind::Slice: static_cast<SliceObject*>(object)->releaseArray(); return;
    case HeapObject::Kind::Box: {
      auto* b = static_cast<BoxObject*>(object);
      if (b->counted()) take(b->value);
      return;
    }
    case HeapObject::Kind::Closure: {
      std::vector<BoxObject*> boxes;
      boxes.swap(static_cast<ClosureObject*>(object)->boxes);
      for (BoxObject* b : boxes) releaseRef(Value{.p = b});
      return;
    }
    case HeapObject::Kind::Struct: {
      auto* s = static_cast<StructObject*>(object);
      for (size_t i = 0; i < s->type->fields.size(); ++i) {
        if (isCounted(s->type->fields[i].type)) take(s->fields[i]);
      }
      return;
    }
    case HeapObject::Kind::Pointer: {
      auto* p = static_cast<PointerObject*>(object);
      Value owner{.p = p->owner};
      p->owner = nullptr;
      p->cell = nullptr;
      releaseRef(owner);
      return;
    }
    case HeapObject::Kind::Iface: {
      auto* i = static_cast<IfaceObject*>(object);
      if (isCounted(i->type)) take(i->value);
      return;
    }
    case HeapObject::Kind::Map: static_cast<MapObject*>(object)->clear(); return;
  }
}

// ---- pacing and statistics -----------------------------------------------------------------

constexpr uint64_t kMinGoal = 4 << 20;  // Go's minimum heap goal
constexpr int64_t kAutoStopTimeoutNs = 20'000'000;
constexpr int64_t kForcedStopTimeoutNs = 1'000'000'000;

std::atomic<int64_t>& percentSetting() {
  static std::atomic<int64_t> p{[] {
    const char* e = std::getenv("GOGC");
    if (!e || !*e) return int64_t{100};
    if (std::strcmp(e, "off") == 0) return int64_t{-1};
    char* end = nullptr;
    long v = std::strtol(e, &end, 10);
    return *end == 0 ? static_cast<int64_t>(v < 0 ? -1 : v) : int64_t{100};
  }()};
  return p;
}

bool gctrace() {
  static const bool on = [] {
    const char* e = std::getenv("GODEBUG");
    if (!e) return false;
    std::string_view s(e);
    for (size_t at = 0; at <= s.size();) {
      size_t comma = s.find(',', at);
      std::string_view item = s.substr(at, comma == std::string_view::npos ? s.npos : comma - at);
      if (item.substr(0, 8) == "gctrace=" && item.size() > 8 && item.substr(8) != "0") return true;
      if (comma == std::string_view::npos) break;
      at = comma + 1;
    }
    return false;
  }();
  return on;
}

const int64_t g_processStart = rt::nanotime();

std::mutex g_pacingMu;
CollectorStats g_stats;
uint64_t g_goal = 0;  // set at the first allocationCheck (g_goalSet)
bool g_goalSet = false;
int64_t g_gcTimeNs = 0;

uint64_t liveHeap() {
  AllocTotals t = readAllocTotals();
  return t.allocBytes - t.freedBytes;
}

// Go's heap goal: the live heap times 1+GOGC/100, at least 4 MiB times GOGC/100.
uint64_t goalAfter(uint64_t live, int64_t percent) {
  if (percent < 0) return UINT64_MAX;
  auto p = static_cast<uint64_t>(percent);
  uint64_t goal = live + live / 100 * p;
  uint64_t least = kMinGoal / 100 * p;
  return goal < least ? least : goal;
}

uint64_t unixNanos() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000 + static_cast<uint64_t>(ts.tv_nsec);
}

// ---- the collection ------------------------------------------------------------------------

// What a collection found, to free once the world runs again: no goroutine can reach it.
struct Found {
  std::vector<HeapObject*> garbage;  // garbage cycles, each member held once more
};

// With the world stopped: finds the garbage and holds it.
Found collectStopped() {
  Found out;
  std::vector<HeapObject*> roots = drainBuffers();

  // S: the tracked objects reachable from the roots, with their counts saved.
  std::vector<HeapObject*> set;
  std::vector<uint32_t> saved;
  std::vector<HeapObject*> stack(roots.begin(), roots.end());
  while (!stack.empty()) {
    HeapObject* o = stack.back();
    stack.pop_back();
    if (has(o, HeapObject::kInSet)) continue;
    setFlags(o, HeapObject::kInSet);
    set.push_back(o);
    saved.push_back(o->refs.load(kRelaxed));
    forEachChild(o, [&](HeapObject* c) {
      if ((c->flags.load(kRelaxed) & (HeapObject::kTracked | HeapObject::kInSet)) ==
          HeapObject::kTracked)
        stack.push_back(c);
    });
  }

  // Subtract the references members of S hold to each other. A count that would go below
  // zero means a listed reference was not counted: keep that object (and what it reaches).
  for (HeapObject* o : set) {
    forEachChild(o, [&](HeapObject* c) {
      if (!has(c, HeapObject::kInSet)) return;
      if (c->refs.load(kRelaxed) == 0) {
        setFlags(c, HeapObject::kReachable);
        return;
      }
      c->refs.store(c->refs.load(kRelaxed) - 1, kRelaxed);
    });
  }

  // Live: referred to from outside S, holding a finalizer, or reachable from such.
  for (HeapObject* o : set) {
    if (o->refs.load(kRelaxed) > 0 || has(o, HeapObject::kHasFinalizer | HeapObject::kReachable)) {
      setFlags(o, HeapObject::kReachable);
      stack.push_back(o);
    }
  }
  while (!stack.empty()) {
    HeapObject* o = stack.back();
    stack.pop_back();
    forEachChild(o, [&](HeapObject* c) {
      if ((c->flags.load(kRelaxed) & (HeapObject::kInSet | HeapObject::kReachable)) ==
          HeapObject::kInSet) {
        setFlags(c, HeapObject::kReachable);
        stack.push_back(c);
      }
    });
  }

  std::vector<HeapObject*>& garbage = out.garbage;
  for (size_t i = 0; i < set.size(); ++i) {
    HeapObject* o = set[i];
    o->refs.store(saved[i], kRelaxed);
    if (!has(o, HeapObject::kReachable)) garbage.push_back(o);
    clearFlags(o, HeapObject::kInSet | HeapObject::kReachable);
  }
  for (HeapObject* o : roots) clearFlags(o, HeapObject::kBuffered);

  // Hold each member of the garbage (kBuffered keeps releaseRef from recording it when its
  // fellows release it).
  for (HeapObject* o : garbage) {
    o->refs.store(o->refs.load(kRelaxed) + 1, kRelaxed);
    setFlags(o, HeapObject::kBuffered);
  }
  return out;
}

// With the world running again: frees what collectStopped found. Clearing the garbage
// releases every reference among its members (and what they hold outside it, which frees
// as usual), then letting go of the holds frees the members.
void freeFound(Found& found) {
  for (HeapObject* o : found.garbage) clearChildren(o);
  for (HeapObject* o : found.garbage) {
    clearFlags(o, HeapObject::kBuffered);
    releaseRef(Value{.p = o});
  }
}

void printTrace(const CollectorStats& s, int64_t start, int64_t stopped, int64_t collected,
                int64_t end, uint64_t before, uint64_t after, uint64_t goal, bool forced) {
  constexpr double kMB = 1 << 20;
  double sinceStart = static_cast<double>(start - g_processStart) / 1e9;
  int percent =
      end > g_processStart ? static_cast<int>(100 * g_gcTimeNs / (end - g_processStart)) : 0;
  std::fprintf(
      stderr,
      "gc %u @%.3fs %d%%: %.3f+%.3f+%.3f ms clock, %.0f->%.0f->%.0f MB, %.0f MB goal, %d P%s\n",
      s.numGC, sinceStart, percent, static_cast<double>(stopped - start) / 1e6,
      static_cast<double>(collected - stopped) / 1e6, static_cast<double>(end - collected) / 1e6,
      static_cast<double>(before) / kMB, static_cast<double>(after) / kMB,
      static_cast<double>(after) / kMB, goal == UINT64_MAX ? 0.0 : static_cast<double>(goal) / kMB,
      rt::maxprocs(), forced ? " (forced)" : "");
  std::fflush(stderr);
}

}  // namespace

// ---- entry points ----------------------------------------------------------------------------

void noteCandidate(HeapObject* object) noexcept {
  if (object->refs.load(kRelaxed) <= 1) return;  // dying, not left behind
  ThreadBuffer& t = tls_buffer;
  if (!t.buffer) [[unlikely]] {
    t.buffer = acquireBuffer();
    if (!t.buffer) return;
  }
  if (object->flags.fetch_or(HeapObject::kBuffered, kRelaxed) & HeapObject::kBuffered) return;
  object->candidateBuffer = t.buffer->id;
  std::lock_guard lock(t.buffer->lock);
  t.buffer->set.insert(object);
}

void unbuffer(HeapObject* object) {
  CandidateBuffer* b = g_byId[object->candidateBuffer].load(std::memory_order_acquire);
  {
    std::lock_guard lock(b->lock);
    b->set.erase(object);
  }
  object->flags.fetch_and(static_cast<Flags>(~HeapObject::kBuffered), kRelaxed);
}

void forgetCandidates() {
  for (HeapObject* o : drainBuffers()) {
    o->flags.fetch_and(static_cast<Flags>(~HeapObject::kBuffered), kRelaxed);
  }
}

std::atomic<bool> collectionWanted{false};

bool collectCycles(bool forced) {
  int64_t start = rt::nanotime();
  uint64_t before = liveHeap();
  if (!rt::stop_the_world(forced ? kForcedStopTimeoutNs : kAutoStopTimeoutNs)) {
    if (!forced) {
      // Try again after some more allocation.
      std::lock_guard lock(g_pacingMu);
      g_goal = goalAfter(before, 50);
      g_goalSet = true;
    }
    return false;
  }
  int64_t stopped = rt::nanotime();
  Found found = collectStopped();
  int64_t collected = rt::nanotime();
  rt::start_the_world();
  int64_t end = rt::nanotime();
  freeFound(found);
  int64_t freed = rt::nanotime();
  uint64_t after = liveHeap();
  std::lock_guard lock(g_pacingMu);
  g_goal = goalAfter(after, percentSetting().load());
  g_goalSet = true;
  auto pause = static_cast<uint64_t>(end - start);
  g_stats.pauseNs[g_stats.numGC % 256] = pause;
  g_stats.numGC++;
  if (forced) g_stats.numForcedGC++;
  g_stats.pauseTotalNs += pause;
  g_stats.lastGC = unixNanos();
  g_stats.nextGC = g_goal == UINT64_MAX ? 0 : g_goal;
  g_stats.freedObjects += found.garbage.size();
  g_gcTimeNs += freed - start;
  if (gctrace()) printTrace(g_stats, start, stopped, collected, end, before, after, g_goal, forced);
  return true;
}

// GOL_GC_STRESS=N (a testing aid): a collection at every N-th poll slow path, which every
// poll then takes, so that a premature free shows up under AddressSanitizer.
int64_t stressEvery() {
  static const int64_t every = [] {
    const char* e = std::getenv("GOL_GC_STRESS");
    int64_t n = e ? std::atoll(e) : 0;
    if (n > 0) {
      collectionWanted.store(true);
      rt::request_poll();
    }
    return n;
  }();
  return every;
}
[[maybe_unused]] const int64_t g_stressInit = stressEvery();

void collectWanted() {
  if (int64_t every = stressEvery(); every > 0) {
    if (gcPercent() < 0) return;  // a program that turned collection off keeps it off
    static std::atomic<int64_t> polls{0};
    if (polls.fetch_add(1, kRelaxed) % every == 0) collectCycles(false);
    return;
  }
  if (!collectionWanted.exchange(false)) return;
  rt::release_poll();
  collectCycles(false);
}

void allocationCheck() noexcept {
  if (collectionWanted.load(kRelaxed)) return;
  uint64_t goal;
  {
    std::lock_guard lock(g_pacingMu);
    if (!g_goalSet) {
      g_goal = goalAfter(0, percentSetting().load());
      g_goalSet = true;
    }
    goal = g_goal;
  }
  if (goal == UINT64_MAX || liveHeap() < goal) return;
  if (!rt::in_goroutine()) return;  // a goroutine's next allocation asks again
  if (!collectionWanted.exchange(true)) rt::request_poll();
}

int64_t gcPercent() {
  return percentSetting().load();
}

int64_t setGCPercent(int64_t percent) {
  if (percent < 0) percent = -1;
  int64_t old = percentSetting().exchange(percent);
  uint64_t live = liveHeap();
  std::lock_guard lock(g_pacingMu);
  g_goal = goalAfter(live, percent);
  g_goalSet = true;
  return old;
}

CollectorStats readCollectorStats() {
  std::lock_guard lock(g_pacingMu);
  return g_stats;
}

}  // namespace gol::values
