// The cycle collector (cycles.h has the design and its invariants).
//
// Concurrency: a thread's candidate buffer is read and written by that thread only
// (additions, removals, sweeps), and by a collection, which runs with the world stopped:
// only goroutines and OutsideAccess sections touch counted references (runtime/stw.cpp),
// so then no thread is inside noteCandidate or destroyBuffered and no lock is needed.
// Buffers are never freed; a thread that exits hands its buffer to the next (g_free_mu).
// Any thread may destroy a candidate (its count reached zero): if the object is in its own
// buffer it takes it out and frees it at once; otherwise it releases what the object holds
// and marks it kDead last, and only the sweep or the collector that then sees the mark
// frees the object. kBuffered is set with an atomic or once a second goroutine may touch
// the object (sharedCells), with a plain store before. A collection reads and rewrites
// counts, references and flags with relaxed operations. g_pacingMu guards the pacing
// state (goal, statistics).
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
#include "runtime/timer.h"

namespace gol::values {

namespace {

using Flags = uint8_t;
constexpr auto kRelaxed = std::memory_order_relaxed;

// ---- candidate buffers -------------------------------------------------------------------

// How many candidates a thread adds between two sweeps of its buffer's young entries.
constexpr size_t kSweepEvery = 4096;

// An object's candidateSlot is its index in its buffer, or kNoSlot past the first 65,535
// entries (which wait for a sweep when they die); a hint checked against the buffer.
constexpr uint16_t kNoSlot = UINT16_MAX;

struct CandidateBuffer {
  // Null entries are candidates that died in this thread and were taken out at once.
  std::vector<HeapObject*> objects;
  size_t swept = 0;                     // objects[0, swept) were swept or kept since the last drain
  CandidateBuffer* next = nullptr;      // all buffers, g_buffers; set once before publishing
  CandidateBuffer* nextFree = nullptr;  // g_free_mu
};

std::atomic<CandidateBuffer*> g_buffers{nullptr};
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
  auto* b = new CandidateBuffer;
  CandidateBuffer* head = g_buffers.load(kRelaxed);
  do {
    b->next = head;
  } while (!g_buffers.compare_exchange_weak(head, b, std::memory_order_release, kRelaxed));
  return b;
}

void placeAt(CandidateBuffer* b, size_t at, HeapObject* o) {
  b->objects[at] = o;
  o->candidateSlot.store(at < kNoSlot ? static_cast<uint16_t>(at) : kNoSlot, kRelaxed);
}

// Frees the dead among the entries from `from` on, drops the taken-out ones and keeps the
// others (by its owner). A candidate's death is complete once kDead shows (destroyBuffered
// sets it last, with release); one that dies after this look waits for a later sweep or
// the collector.
std::vector<HeapObject*> sweep(CandidateBuffer* b, size_t from) {
  std::vector<HeapObject*> dead;
  size_t keep = from;
  for (size_t i = from; i < b->objects.size(); ++i) {
    HeapObject* o = b->objects[i];
    if (!o) continue;
    if (o->flags.load(std::memory_order_acquire) & HeapObject::kDead) {
      dead.push_back(o);
    } else {
      placeAt(b, keep++, o);
    }
  }
  b->objects.resize(keep);
  b->swept = keep;
  return dead;
}

// Appends every candidate of every buffer to all; the buffers are left empty.
void drainBuffers(std::vector<HeapObject*>& all) {
  for (CandidateBuffer* b = g_buffers.load(std::memory_order_acquire); b; b = b->next) {
    for (HeapObject* o : b->objects) {
      if (o) all.push_back(o);
    }
    b->objects.clear();
    b->swept = 0;
  }
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
      for (BoxObject* b : static_cast<ClosureObject*>(object)->boxList()) visit(Value{.p = b});
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
      // Nulled before released: a release may reach this closure again.
      auto* c = static_cast<ClosureObject*>(object);
      for (uint32_t i = 0; i < c->nboxes; ++i) {
        BoxObject* b = c->boxes[i];
        c->boxes[i] = nullptr;
        releaseRef(Value{.p = b});
      }
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
constexpr int kForcedStopAttempts = 10;

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
  std::vector<HeapObject*> dead;     // candidates whose count reached zero
  std::vector<HeapObject*> garbage;  // garbage cycles, each member held once more
};

// A collection's working lists, kept from one collection to the next (growing them anew
// each time was a fifth of a collection, in page faults and copies). Only collectStopped
// uses them, and one collection runs at a time.
struct Scratch {
  std::vector<HeapObject*> candidates, roots, set, stack;
  std::vector<uint32_t> saved;
  // Each list still holds what the last collection left in it: one that is mostly unused
  // (a very large collection, then small ones) is let go of.
  template <typename T>
  static void reset(std::vector<T>& v) {
    if (v.capacity() > (size_t{1} << 20) && v.size() < v.capacity() / 4) std::vector<T>().swap(v);
    v.clear();
  }
  void clear() {
    reset(candidates);
    reset(roots);
    reset(set);
    reset(stack);
    reset(saved);
  }
};
Scratch g_scratch;

// With the world stopped: finds the garbage and holds it.
Found collectStopped() {
  Found out;
  Scratch& w = g_scratch;
  w.clear();
  std::vector<HeapObject*>& roots = w.roots;
  drainBuffers(w.candidates);
  for (HeapObject* o : w.candidates) {
    (has(o, HeapObject::kDead) ? out.dead : roots).push_back(o);
  }

  // S: the tracked objects reachable from the roots, with their counts saved.
  std::vector<HeapObject*>& set = w.set;
  std::vector<uint32_t>& saved = w.saved;
  std::vector<HeapObject*>& stack = w.stack;
  stack.assign(roots.begin(), roots.end());
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
  for (HeapObject* o : found.dead) freeObject(o);
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
  if (sharedCells.load(kRelaxed)) {
    if (object->flags.fetch_or(HeapObject::kBuffered, kRelaxed) & HeapObject::kBuffered) return;
  } else {
    // One goroutine: releaseRef saw the flag clear and no other thread can set it.
    object->flags.store(object->flags.load(kRelaxed) | HeapObject::kBuffered, kRelaxed);
  }
  ThreadBuffer& t = tls_buffer;
  if (!t.buffer) [[unlikely]]
    t.buffer = acquireBuffer();
  CandidateBuffer* b = t.buffer;
  b->objects.push_back(nullptr);
  placeAt(b, b->objects.size() - 1, object);
  if (b->objects.size() - b->swept >= kSweepEvery) [[unlikely]] {
    for (HeapObject* o : sweep(b, b->swept)) freeObject(o);
  }
}

void destroyBuffered(HeapObject* object) {
  // Candidates that died elsewhere, or past the slots, are freed by a sweep of the whole
  // buffer once this thread has let go of as many as half the buffer holds (so each pays
  // O(1) for it).
  thread_local size_t letGo = 0;
  CandidateBuffer* b = tls_buffer.buffer;
  uint16_t slot = object->candidateSlot.load(kRelaxed);
  if (b && slot < b->objects.size() && b->objects[slot] == object) {
    // In this thread's buffer (no other can hold it: kBuffered was set once): out, and
    // freed now, as if it had never been a candidate.
    b->objects[slot] = nullptr;
    clearFlags(object, HeapObject::kBuffered);
    freeObject(object);
  } else {
    clearChildren(object);
    object->flags.fetch_or(HeapObject::kDead, std::memory_order_release);
  }
  if (++letGo < kSweepEvery) return;
  b = tls_buffer.buffer;
  if (!b || letGo * 2 < b->objects.size()) return;
  letGo = 0;
  for (HeapObject* o : sweep(b, 0)) freeObject(o);
}

void forgetCandidates() {
  std::vector<HeapObject*> all;
  drainBuffers(all);
  for (HeapObject* o : all) {
    if (has(o, HeapObject::kDead)) {
      freeObject(o);
    } else {
      o->flags.fetch_and(static_cast<Flags>(~HeapObject::kBuffered), kRelaxed);
    }
  }
}

std::atomic<bool> collectionWanted{false};

bool collectCycles(bool forced) {
  int64_t start = rt::nanotime();
  uint64_t before = liveHeap();
  // runtime.GC waits, as Go's does, but not for ever on a goroutine that never polls. Between
  // attempts it yields: another goroutine's stop (which makes ours fail at once) may be
  // waiting for this one.
  bool stopped = false;
  for (int attempt = 0; attempt < (forced ? kForcedStopAttempts : 1) && !stopped; ++attempt) {
    if (attempt > 0) rt::yield();
    stopped = rt::stop_the_world(forced ? kForcedStopTimeoutNs : kAutoStopTimeoutNs);
  }
  if (!stopped) {
    if (!forced) {
      // Try again after some more allocation.
      std::lock_guard lock(g_pacingMu);
      g_goal = goalAfter(before, 50);
      g_goalSet = true;
    }
    return false;
  }
  int64_t stoppedAt = rt::nanotime();
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
  if (gctrace())
    printTrace(g_stats, start, stoppedAt, collected, end, before, after, g_goal, forced);
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
